"""Hands work from device and network threads to the GUI thread.

The core is single-threaded by design: every change to a visit happens on
the thread that owns the flow. Drivers and the sync worker call `post` from
their own threads; a queued signal runs the call on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot


class Dispatcher(QObject):
    _call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._closed = False
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def close(self) -> None:
        """Drop what is still queued and what comes later: once the core is stopping, a
        late answer or print result must not reach a spool that is being closed."""
        self._closed = True

    def post(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread soon; safe from any thread."""
        self._call.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        if not self._closed:
            fn()
