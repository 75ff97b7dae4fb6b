"""`kiosk demo --headless`, the README's first command, end to end in a fresh process.

It must leave what it promises a newcomer: a frame of every screen with the
screen on it (01-attract.png was at times blank but for the language bar),
receipts the printer emulator decoded from the bytes the kiosk sent, and a
central that really stored the visit's submissions, by its own count.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from offline_queue.refs import read_receipt_code
from rig.campaign import KIOSK

SIZE = (1080, 1920)
LANGUAGE_BAR_PX = 120  # the bar's buttons are on every frame; a screen is below it
LEAST_INK = 0.02  # of the pixels below the bar: even the sparest screen has 7 %


def _ink(path: Path, top: int = 0) -> float:
    """The share of a picture's pixels below `top` that are not its background's colour."""
    with Image.open(path) as picture:
        body = picture.convert("RGB").crop((0, top, *picture.size))
    colours = body.getcolors(maxcolors=body.width * body.height)
    assert colours is not None
    return 1 - max(colours)[0] / (body.width * body.height)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "demo-output"
    env = {name: value for name, value in os.environ.items()
           if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([str(KIOSK), "demo", "--headless", "--out", str(out)], env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return out, done.stdout


@pytest.mark.slow
def test_every_screen_of_the_demo_is_a_frame_with_the_screen_on_it(demo) -> None:
    out, said = demo
    names = re.findall(r"^  (\d\d-[a-z0-9-]+\.png)$", said, re.MULTILINE)
    assert names[0] == "01-attract.png" and len(names) >= 10
    assert sorted(path.name for path in out.glob("*.png")) == names
    for name in names:
        with Image.open(out / name) as picture:
            assert picture.size == SIZE, name
    blank = {name: round(ink, 4) for name in names
             if (ink := _ink(out / name, LANGUAGE_BAR_PX)) < LEAST_INK}
    assert not blank, f"frames with nothing but the background below the language bar: {blank}"
    pictures = [(out / name).read_bytes() for name in names]
    repeated = [names[i] for i in range(1, len(names)) if pictures[i] == pictures[i - 1]]
    assert not repeated, f"frames that show the screen before them again: {repeated}"


@pytest.mark.slow
def test_the_demos_receipt_carries_its_reference_and_a_code_that_reads_back(demo) -> None:
    out, _ = demo
    receipt = (out / "receipts" / "0001.txt").read_text(encoding="utf-8")
    assert "受理回执" in receipt
    code = re.search(r"^\[QR (\S+)\]$", receipt, re.MULTILINE)
    assert code, receipt
    read = read_receipt_code(code[1])
    assert read is not None, code[1]
    reference, _token = read
    assert re.search(rf"^ +{re.escape(reference)}$", receipt, re.MULTILINE)
    assert _ink(out / "receipts" / "0001.png") > LEAST_INK  # and it was drawn, not just kept


@pytest.mark.slow
def test_the_central_stored_the_demos_submissions_by_its_own_count(demo) -> None:
    _, said = demo
    delivered = re.search(r"^demo: delivered to the central: (\d+)$", said, re.MULTILINE)
    counts = re.search(r"^demo: the central's counters: submissions (\d+) -> (\d+), "
                       r"cases (\d+) -> (\d+)$", said, re.MULTILINE)
    assert delivered and counts, said[-2000:]
    submissions_before, submissions_after, cases_before, cases_after = map(int, counts.groups())
    assert submissions_after - submissions_before == int(delivered[1]) >= 2
    assert cases_after - cases_before >= int(delivered[1])
