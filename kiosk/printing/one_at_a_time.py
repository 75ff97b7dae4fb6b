"""One printer's jobs, one at a time, on a thread of their own.

A printer can take seconds to answer (minutes for an A4 job CUPS follows), or
none at all when its cable is out; the screen must not freeze meanwhile. Jobs
wait here in order, and each one's outcome -- printed, or why not -- comes back
through `post` on the GUI thread. A failure the printer's driver names is told
as it is; anything else is a bug in one job, which must not leave the next
citizen waiting, so it is logged and told as a fault.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Generic, TypeVar

from kiosk.uplink.online import Post
from kiosk.worker import Worker

log = logging.getLogger(__name__)

Job = TypeVar("Job")
Done = Callable[[bool, str], None]


class OneAtATime(Generic[Job]):
    """Runs `do(job)` for each submitted job in order; `do` returns what went well."""

    def __init__(self, do: Callable[[Job], str], failure: type[Exception], *, name: str,
                 post: Post) -> None:
        """`failure` is the driver's own error: its message is the outcome's detail."""
        self._do = do
        self._failure = failure
        self._name = name
        self._post = post
        self._jobs: queue.Queue[tuple[Job, Done] | None] = queue.Queue()
        self._worker = Worker(self._run, name)
        self._worker.start()

    def submit(self, job: Job, done: Done) -> None:
        """`done(ok, detail)` runs on the GUI thread once the job ended."""
        self._jobs.put((job, done))

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def _run(self) -> None:
        while (queued := self._jobs.get()) is not None:
            job, done = queued
            try:
                ok, detail = True, self._do(job)
            except self._failure as exc:  # not ready and unplugged too, not only a failed job
                log.warning("%s: job failed: %s", self._name, exc)
                ok, detail = False, str(exc)
            except Exception as exc:
                log.exception("%s: job failed unexpectedly", self._name)
                ok, detail = False, f"{self._name} fault ({type(exc).__name__})"
            self._post(lambda d=done, o=ok, t=detail: d(o, t))

    def stop(self) -> None:
        self._jobs.put(None)
        self._worker.join(timeout=10)
