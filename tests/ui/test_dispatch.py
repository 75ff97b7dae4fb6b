"""The hand-over to the GUI thread stops with the session: a device's or the central's
late result must not reach a core whose spool is being closed."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from ui.dispatch import Dispatcher


def test_calls_posted_from_a_thread_run_until_closed_and_never_after(qapp) -> None:
    dispatcher, ran = Dispatcher(), []
    worker = threading.Thread(target=lambda: dispatcher.post(lambda: ran.append("open")))
    worker.start()
    worker.join()
    QApplication.processEvents()
    assert ran == ["open"]

    dispatcher.post(lambda: ran.append("queued before close"))
    dispatcher.close()
    dispatcher.post(lambda: ran.append("after close"))
    QApplication.processEvents()
    assert ran == ["open"]
