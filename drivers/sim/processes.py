"""Ending a daemon the rig started: politely first, then for certain.

The tests and the demo start daemons of their own (pcscd, cupsd) and must
leave none behind, even one that ignores SIGTERM while it is busy.
"""

from __future__ import annotations

import subprocess
from typing import IO, Self


def end_process(process: subprocess.Popen[bytes] | None, log: IO[bytes] | None,
                grace_s: float = 10.0) -> None:
    """Terminate `process` (if any), kill it after `grace_s`, and close its `log`."""
    if process is not None:
        process.terminate()
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if log is not None:
        log.close()


class StartsAndStops:
    """A `with` block around a daemon: started on entry, stopped on the way out."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
