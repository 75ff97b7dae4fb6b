"""Guards against a Qt binding that loses references to None on each signal.

PySide6 6.12.0 drops one reference to None every time a signal reaches a
Python slot; a kiosk tapped all day would reach zero and die with
"none_dealloc". pyproject.toml keeps that release out; this test fails if a
release with the same fault comes back in.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton

from ui.screens.base import button

TAPS = 2000


def test_taps_keep_the_reference_counts_of_none_true_and_false(qtbot) -> None:
    taps: list[int] = []
    btn: QPushButton = button("OK", lambda: taps.append(1), name="ok")
    qtbot.addWidget(btn)
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(TAPS):
        btn.click()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    assert len(taps) == TAPS
    assert all(abs(a - b) < TAPS // 10 for a, b in zip(after, before, strict=True)), (
        f"references of None/True/False went from {before} to {after}")
