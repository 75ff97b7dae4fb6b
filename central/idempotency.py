"""What makes two deliveries "the same request" under one Idempotency-Key.

Shared by submissions and appointments so both judge a repeat identically.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from central.problems import ProblemError


def body_fingerprint(raw: Any) -> str:
    """A hash of the JSON body that ignores key order and whitespace."""
    canonical = json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def key_reused() -> ProblemError:
    """The 409 for a key seen before with a different body: a client bug, never retried."""
    return ProblemError(409, "This Idempotency-Key was already used with a different body.",
                        kind="idempotency-key-reused")
