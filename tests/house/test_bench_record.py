"""A recorded benchmark run lands where a maintainer looks and says what it measured."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench.record import insert, last_recorded, record, section

HEADER = "# Benchmarks\n\nFigures are measured, never asserted.\n"
OLDER = "## 2026-11-23 — an older run\n\nfigures\n"


def _section(measured: str, changes: list[str] | None) -> str:
    return section("python -m bench --record", {"spool": "put p50 1.75x\n"},
                   when=datetime(2026, 12, 2, 14, 5, tzinfo=UTC), machine_line="2 × test CPU",
                   measured=measured, changes=changes)


def test_a_run_goes_first_under_the_header_and_names_its_commit() -> None:
    new = _section("abc1234def56+changes", ["1111111 Spool: a fix"])
    document = insert(HEADER + "\n" + OLDER, new)
    assert document.startswith(HEADER)
    assert document.index("2026-12-02 14:05 UTC") < document.index("an older run")
    assert "Machine: 2 × test CPU." in document
    assert "- 1111111 Spool: a fix" in document
    assert "### spool\n\n```\nput p50 1.75x\n```" in document
    # the marker names the commit without the dirty flag, for the next run's `git log`
    assert last_recorded(document) == "abc1234def56"


def test_the_newest_marker_wins() -> None:
    document = insert(insert(HEADER, _section("aaaaaaa", None)), _section("bbbbbbb", []))
    assert last_recorded(document) == "bbbbbbb"
    assert "no commits" in document and "none recorded before this one" in document


def test_record_lists_the_commits_since_the_last_recorded_one(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    docs = tmp_path / "docs"
    docs.mkdir()
    benchmarks = docs / "BENCHMARKS.md"
    benchmarks.write_text(HEADER)
    git("add", ".")
    git("commit", "-q", "-m", "first")
    record("python -m bench --record", {"spool": "one\n"}, benchmarks)
    git("commit", "-q", "-am", "Record the first run")
    (tmp_path / "code.py").write_text("x = 1\n")
    git("add", "code.py")
    git("commit", "-q", "-m", "Spool: a change between the runs")
    record("python -m bench --record", {"spool": "two\n"}, benchmarks)
    text = benchmarks.read_text()
    newest = text[:text.index("one\n")]
    assert "Spool: a change between the runs" in newest
    assert "Record the first run" in newest
    assert "first\n" not in newest.split("Changes since the last recorded run:")[1]
    assert last_recorded(text) == git("rev-parse", "--short=12", "HEAD")
