"""Each atheris harness in this folder, run for a small seeded number of inputs.

Enough for CI to prove the harnesses still run and that the typed-error
promise holds on a few thousand inputs each; long campaigns are run by hand
(`python tests/fuzz/fuzz_x.py -max_total_time=600`). Every harness runs in
its own process, as libFuzzer ends the process when it is done or finds a
crash; libFuzzer's -timeout turns an input that hangs into a reported crash.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris ships wheels for Linux x86-64 only")

HARNESSES = sorted(Path(__file__).parent.glob("fuzz_*.py"))
RUNS = 2000
SEED = 467
HANG_SECONDS = 60
"""libFuzzer's per-input limit: a hang detector, far above any real input's time."""


def test_every_harness_is_found() -> None:
    assert {path.stem for path in HARNESSES} == {
        "fuzz_idcard_frame",
        "fuzz_idcard_text_block",
        "fuzz_smartcard_tlv",
        "fuzz_scanner_framing",
    }


@pytest.mark.parametrize("harness", HARNESSES, ids=lambda path: path.stem)
def test_harness_finds_nothing_in_a_short_seeded_run(harness: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(harness),
            f"-runs={RUNS}",
            f"-seed={SEED}",
            f"-timeout={HANG_SECONDS}",
            f"-artifact_prefix={tmp_path}/",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"Done {RUNS} runs" in done.stderr
    assert list(tmp_path.iterdir()) == []  # no crash, leak or timeout input saved
