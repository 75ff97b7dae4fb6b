"""Questions a visit asks the central while the citizen waits.

A query can take seconds or fail after its timeout; the screen must keep
turning and the citizen must be able to walk back out. Each question runs on
a worker thread with the client's own timeouts and its answer is handed back
through `post` to the flow's thread, where the flow decides whether it still
wants it (a cancelled question's answer is simply dropped there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kiosk.uplink.client import CentralClient, CentralError, CentralRetryLater, CentralUnreachable

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]
Question = Callable[[CentralClient], Any]
Reply = Callable[[Any, CentralError | None], None]


class OnlineCalls:
    """Runs questions off the flow's thread; two at most, so a hung one cannot block all."""

    def __init__(self, client: CentralClient, post: Post,
                 on_reachability: Callable[[bool], None] | None = None) -> None:
        self._client = client
        self._post = post
        self._on_reachability = on_reachability
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="online")

    def ask(self, question: Question, reply: Reply) -> None:
        self._pool.submit(self._run, question, reply)

    def _run(self, question: Question, reply: Reply) -> None:
        try:
            answer, error = question(self._client), None
        except CentralError as exc:
            log.info("online: %s", exc)
            answer, error = None, exc
        except Exception as exc:  # a bug in a question must still end the wait on screen
            log.exception("online: question failed")
            answer, error = None, CentralError(f"{type(exc).__name__}: {exc}")
        if self._on_reachability is not None:
            self._on_reachability(reachable(error))
        self._post(lambda: reply(answer, error))

    def stop(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def reachable(error: CentralError | None) -> bool:
    """Whether an outcome shows the central answering (a refusal is still an answer)."""
    return not isinstance(error, CentralUnreachable | CentralRetryLater)
