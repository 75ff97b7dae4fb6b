"""What every harness here shares: libFuzzer's command line, with an input-size default.

Each harness is a script (`python tests/fuzz/fuzz_x.py -runs=N`, any libFuzzer
flag) whose target must end in a value or the driver's own typed error for
any bytes; anything else escaping, or an input running past libFuzzer's
-timeout, is a crash that libFuzzer saves for replay.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import atheris


def fuzz(one_input: Callable[[bytes], None], *, max_len: int) -> None:
    """Run libFuzzer on `one_input` with sys.argv; inputs up to `max_len` bytes unless it says."""
    args = list(sys.argv)
    if not any(arg.startswith("-max_len=") for arg in args[1:]):
        args.append(f"-max_len={max_len}")
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def answers_only(error: type[Exception], *steps: Callable[[], object]) -> None:
    """Run each step; `error` (the target's typed error) is an answer, anything else a crash."""
    for step in steps:
        with contextlib.suppress(error):
            step()
