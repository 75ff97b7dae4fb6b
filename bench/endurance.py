"""Is the kiosk the same size after ten thousand visits as after the first?

A kiosk runs for months between restarts; a few kilobytes kept per visit, a
thread or a file descriptor left behind, or widgets never freed, end in a
slow or dead kiosk one night. This drives visits through the real window and
core offscreen, against the reference central and the emulated printer and
ID-card reader of the demo rig: nine in ten are a rating (no card; spooled,
delivered by the sync worker, a thanks slip printed), one in ten a
certificate (the card on the emulated reader, the central asked, a document
printed). The printer emulator forgets each receipt once it is out, so its
list is not measured as the kiosk's. Every `--every` visits it samples the
process's resident memory, threads, open file descriptors and live
QObjects, and beside the resident memory what could account for it: the
bytes malloc has handed out and not had back, SQLite's own heap (its page
caches among it), the blocks Python's allocator holds, and the SQLite
connections open; then it prints each series and its slope after the
warm-up, and draws them into a PNG. Figures only; nothing passes or fails.

    .venv/bin/python -m bench.endurance [--visits 10000] [--every 500] [--png FILE]
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.painted import quiet_offscreen_platform
from ui.offscreen import platform_spec

os.environ["QT_QPA_PLATFORM"] = platform_spec("portrait")

from PIL import Image, ImageDraw
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.clock import local_now
from kiosk.visit.flow import Screen
from rig.demo import DemoRig
from ui.app import KioskSession
from ui.taps import choose_option, objects_in, tap

RATING, CERTIFICATE = "440106-ZWB-004", "440106-SBJ-001"
WAIT_LIMIT_S = 30.0
SERIES = ("rss_kib", "malloc_kib", "sqlite_kib", "py_blocks", "sqlite_conns", "threads", "fds",
          "qobjects")


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


_LIBC = ctypes.CDLL(None)
_LIBC.mallinfo2.restype = _MallInfo2
# The library the sqlite3 module is linked against (the system's, loaded once), so its
# counters are the kiosk's connections' and not those of a second copy.
_SQLITE = ctypes.CDLL("libsqlite3.so.0")
_SQLITE.sqlite3_memory_used.restype = ctypes.c_int64
_SQLITE.sqlite3_libversion.restype = ctypes.c_char_p
if _SQLITE.sqlite3_libversion().decode() != sqlite3.sqlite_version:
    raise RuntimeError("the sqlite3 module does not use the system libsqlite3")


def _turn(app: QApplication) -> None:
    """One turn of the event loop as `exec()` runs it. processEvents() alone, outside a
    running loop, never delivers deferred deletions, so widgets a page let go of with
    deleteLater() would pile up here and nowhere in the real app."""
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wait(app: QApplication, condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        _turn(app)
        time.sleep(0.001)


def _printed(flow: object) -> bool:
    outcome = flow.visit.outcome  # type: ignore[attr-defined]
    return outcome is not None and getattr(outcome, "printed", True) is not None


def rating_visit(app: QApplication, session: KioskSession) -> None:
    window, flow = session.window, session.core.flow
    tap(window, "start")
    tap(window, "item", item_code=RATING)
    tap(window, "rate_5")
    tap(window, "next")
    tap(window, "confirm")
    _wait(app, lambda: _printed(flow), "the thanks slip")
    tap(window, "finish")


def certificate_visit(app: QApplication, session: KioskSession, rig: DemoRig) -> None:
    window, flow = session.window, session.core.flow
    rig.place_card("wang_xiuying")
    _wait(app, lambda: flow.screen == Screen.CHOOSE, "the card")
    tap(window, "item", item_code=CERTIFICATE)
    choose_option(window, "months", "12")
    tap(window, "next")
    _wait(app, lambda: flow.screen == Screen.RESULT and _printed(flow), "the certificate")
    tap(window, "finish")
    rig.remove_card()  # the reader sees it gone within a poll; nine ratings come first


def sample(app: QApplication) -> dict[str, float]:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    # each window and what is under it, walked without findChildren's wrappers
    objects = sum(1 + sum(1 for _ in objects_in(w)) for w in app.topLevelWidgets())
    heap = _LIBC.mallinfo2()  # every arena's; what is in use, not what malloc keeps free
    return {"rss_kib": resident_pages * os.sysconf("SC_PAGE_SIZE") / 1024,
            "malloc_kib": (heap.uordblks + heap.hblkhd) / 1024,
            "sqlite_kib": _SQLITE.sqlite3_memory_used() / 1024,
            "py_blocks": sys.getallocatedblocks(),
            "sqlite_conns": sum(isinstance(o, sqlite3.Connection) for o in gc.get_objects()),
            "threads": len(os.listdir("/proc/self/task")),
            "fds": len(os.listdir("/proc/self/fd")), "qobjects": objects}


def slope(points: list[tuple[int, dict[str, float]]], key: str) -> float:
    xs = [float(n) for n, _ in points]
    ys = [values[key] for _, values in points]
    return statistics.linear_regression(xs, ys).slope if len(points) >= 2 else 0.0


def plot(points: list[tuple[int, dict[str, float]]], out: Path) -> None:
    """One small line chart per series, drawn with Pillow (no plotting package)."""
    width, height, pad = 900, 220, 40
    img = Image.new("RGB", (width, height * len(SERIES)), "white")
    draw = ImageDraw.Draw(img)
    visits = [n for n, _ in points]
    for row, key in enumerate(SERIES):
        top = row * height
        values = [v[key] for _, v in points]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        xy = [(pad + (n - visits[0]) / max(1, visits[-1] - visits[0]) * (width - 2 * pad),
               top + height - pad - (v - low) / span * (height - 2 * pad))
              for n, v in zip(visits, values, strict=True)]
        draw.rectangle((pad, top + pad // 2, width - pad, top + height - pad), outline="#999")
        if len(xy) > 1:
            draw.line(xy, fill="#b8232f", width=2)
        draw.text((pad, top + 4), f"{key}: {low:.0f} .. {high:.0f} over visits "
                                  f"{visits[0]} .. {visits[-1]}", fill="black")
    img.save(out)


def run(visits: int, every: int, png: Path) -> None:
    quiet_offscreen_platform()
    with tempfile.TemporaryDirectory(prefix="bench-endurance-") as folder:
        rig = DemoRig(workdir=Path(folder) / "rig", receipts_dir=Path(folder) / "receipts")
        try:
            settings = rig.start()
            session = KioskSession(settings, local_now)
            app = session.app
            session.window.resize(1080, 1920)
            session.window.show()
            _wait(app, lambda: session.core.catalogs.source == "cache", "the catalog")
            points: list[tuple[int, dict[str, float]]] = []
            started = time.perf_counter()
            for n in range(1, visits + 1):
                if n % 10 == 0:
                    certificate_visit(app, session, rig)
                else:
                    rating_visit(app, session)
                _turn(app)
                rig.printer.forget_receipts()  # the emulator's list, not the kiosk's memory
                if n % every == 0:
                    points.append((n, sample(app)))
            elapsed = time.perf_counter() - started
            delivered = session.core.spool.stats().delivered
            session.stop()
        finally:
            rig.stop()
    report(points, visits, elapsed, delivered)
    plot(points, png)
    print(f"plot: {png}")


def report(points: list[tuple[int, dict[str, float]]], visits: int, elapsed: float,
           delivered: int) -> None:
    print(f"{visits} visits through the real window in {elapsed:.0f} s "
          f"({visits / elapsed:.1f} visits/s); {delivered} spooled entries delivered")
    print("  visits" + "".join(f"  {key:>12}" for key in SERIES))
    for n, v in points:
        print(f"  {n:>6}" + "".join(f"  {v[key]:>12.0f}" for key in SERIES))
    steady = points[1:]  # the first sample still holds the warm-up's caches
    if len(steady) >= 2:
        print("after the first sample, growth in total: " + ", ".join(
            f"{key} {steady[-1][1][key] - steady[0][1][key]:+.0f}" for key in SERIES))
        print("slopes per 1,000 visits: " + ", ".join(
            f"{key} {slope(steady, key) * 1000:+.2f}" for key in SERIES))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--png", type=Path, default=Path("docs/endurance.png"))
    args = parser.parse_args(argv)
    run(args.visits, args.every, args.png)


if __name__ == "__main__":
    main()
