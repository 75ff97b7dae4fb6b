"""The benchmarks that drive the real window still run to their report.

A benchmark that waits for a paint Qt no longer sends, or taps a button a
screen no longer has, fails only when a maintainer next measures; these run
the Qt ones with a handful of visits in a fresh process, and the kill
campaign with a handful of kills, and look at the report's rows, never at a
time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ui.offscreen import platform_spec

ROOT = Path(__file__).resolve().parents[2]


def _bench(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=240, check=False,
                          env={**os.environ,
                               "QT_QPA_PLATFORM": platform_spec("portrait")})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def test_tap_latency_reports_every_transition() -> None:
    report = _bench("bench.ui_taps", "--visits", "3")
    for row in ("attract -> item grid", "item grid -> 10-field form",
                "review -> result + receipt preview", "printer done -> result repainted"):
        assert row in report


def test_counted_taps_write_down_each_timed_turn_in_order(tmp_path: Path) -> None:
    """Without callgrind the turns run as they do under it; the rows written down are
    what callgrind's files are matched with."""
    _bench("bench.ui_taps_counted", "--visits", "2", "--order", str(tmp_path / "order.txt"))
    rows = (tmp_path / "order.txt").read_text(encoding="utf-8").splitlines()
    visit = ["attract -> item grid", "item grid -> 10-field form", "form -> review",
             "review -> result + receipt preview", "printer done -> result repainted",
             "result -> attract"]
    assert rows == visit * 2


def test_endurance_samples_every_series(tmp_path: Path) -> None:
    report = _bench("bench.endurance", "--visits", "30", "--every", "10",
                    "--png", str(tmp_path / "endurance.png"))
    assert "slopes per 1,000 visits: rss_kib" in report and "qobjects +0.00" in report
    assert (tmp_path / "endurance.png").stat().st_size > 0


def test_the_kill_campaign_counts_nothing_lost_or_doubled() -> None:
    report = _bench("bench.kill_campaign", "--kills", "12", "--seed", "7")
    assert "12 SIGKILLs; kill points:" in report
    assert "put: after 1-12 committed puts" in report and "sync (" in report
    for row in ("lost (confirmed spooled, never a case)",
                "duplicated (more than one case per key)",
                "duplicated (a key stored twice at the central)",
                "not marked delivered though the central has them",
                "logged delivered, later under another case"):
        assert re.search(rf"^{re.escape(row)} +0$", report, re.MULTILINE), row
    confirmed = re.search(r"^submissions confirmed spooled +(\d+)$", report, re.MULTILINE)
    assert confirmed and int(confirmed[1]) > 0


def test_the_power_cut_campaign_counts_no_broken_promise() -> None:
    report = _bench("bench.power_cut", "--cuts", "4", "--seed", "7")
    assert "4 power cuts, each before a change drawn from 1-400" in report
    for row in ("lost (a confirmed put gone after a cut)", "stored twice", "changed",
                "undone", "damaged"):
        assert re.search(rf"^{re.escape(row)}.* +0$", report, re.MULTILINE), row
    confirmed = re.search(r"^puts confirmed \(returned, and reported\) +(\d+)$", report,
                          re.MULTILINE)
    assert confirmed and int(confirmed[1]) > 0


def test_the_cold_start_benchs_settings_file_is_read_as_the_settings_it_was_made_from(
        tmp_path: Path) -> None:
    """Its kiosk child reads them through KIOSK_CONFIG; a value TOML cannot spell (None)
    once stopped every child before its first frame, and the bench printed nothing."""
    from kiosk.settings.model import load_settings
    from rig.campaign import settings_toml

    settings = load_settings()
    written = tmp_path / "kiosk.toml"
    written.write_text(settings_toml(settings.model_dump(mode="json")))
    assert load_settings(written) == settings


def test_the_a4_bench_compares_both_queues_with_lp() -> None:
    report = _bench("bench.a4_print", "--count", "1")
    for queue in ("cups-pdf", "raw, /dev/null"):
        assert re.search(rf"^{re.escape(queue)} +\d+ +\d+ +\d+\.\d\d$", report, re.MULTILINE), \
            report
    # and the whole way of a signed document, from the query to the completed job
    for queue in ("bench_pdf", "bench_raw"):
        assert re.search(rf"^{queue} +\d+ +\d+ +\d+\.\d\d +\d+$", report, re.MULTILINE), report
