"""`kiosk audit verify` and `kiosk audit tail`, on the log of the kiosk its settings describe."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.audit.log import AuditEvent, AuditLog, audit_path
from kiosk.cli.audit import add_audit_commands
from kiosk.settings.model import Settings, load_settings

Run = Callable[..., int]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[device]\nserial_number = "KS2100-0107"\nref_prefix = "K0107"\n'
                      f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    return load_settings()


@pytest.fixture
def kiosk_log(settings: Settings, clock) -> Path:
    path = audit_path(settings.device.state_dir)
    with AuditLog(path, clock) as audit:
        audit.record(AuditEvent.APP_STARTED, version="0.1.0")
        audit.record(AuditEvent.VISIT_STARTED)
        clock.advance(61)
        audit.record(AuditEvent.SUBMISSION_SPOOLED, local_ref="K0107-20261123-0001",
                     item_code="440106-GAJ-001")
        audit.record(AuditEvent.VISIT_ENDED, reason="timeout")
    return path


@pytest.fixture
def run() -> Run:
    """The commands' own functions on a parser of their own."""
    parser = argparse.ArgumentParser(prog="kiosk")
    add_audit_commands(parser.add_subparsers(required=True), load_settings)

    def run_command(*argv: str) -> int:
        args = parser.parse_args(argv)
        return args.handler(args)

    return run_command


def test_verify_passes_an_intact_log(run: Run, kiosk_log: Path, capsys) -> None:
    assert run("audit", "verify") == 0
    assert capsys.readouterr().out == f"{kiosk_log}: intact: 4 records\n"


def test_verify_fails_with_the_first_bad_line(run: Run, kiosk_log: Path, capsys) -> None:
    kiosk_log.write_bytes(kiosk_log.read_bytes().replace(b"timeout", b"finish"))

    assert run("audit", "verify") == 1

    out = capsys.readouterr().out
    assert "NOT intact after 3 good records: line 4: its hash does not match" in out


def test_verify_fails_when_lines_were_cut_off(run: Run, kiosk_log: Path, capsys) -> None:
    kiosk_log.write_bytes(b"".join(kiosk_log.read_bytes().splitlines(keepends=True)[:2]))

    assert run("audit", "verify") == 1
    assert "2 line(s) were removed from the end" in capsys.readouterr().out


def test_verify_a_copy_named_by_path(run: Run, kiosk_log: Path, tmp_path: Path,
                                     capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "no-such-settings.toml"))
    assert run("audit", "verify", "--path", str(kiosk_log)) == 0
    assert run("audit", "verify", "--path", str(tmp_path / "elsewhere.jsonl")) == 1
    assert "no audit log at" in capsys.readouterr().out


def test_tail_prints_the_latest_events_for_a_person(run: Run, kiosk_log: Path, capsys) -> None:
    assert run("audit", "tail", "-n", "2") == 0
    assert capsys.readouterr().out.splitlines() == [
        "      3  2026-11-23T03:01:01.000+08:00  submission_spooled       "
        "item_code=440106-GAJ-001 local_ref=K0107-20261123-0001",
        "      4  2026-11-23T03:01:01.000+08:00  visit_ended              reason=timeout",
    ]


def test_tail_shows_a_torn_line_as_such(run: Run, kiosk_log: Path, capsys) -> None:
    with kiosk_log.open("ab") as f:
        f.write(b'{"seq":5,"ev')
    assert run("audit", "tail") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert lines[-1].endswith("unreadable line of 12 bytes (kiosk audit verify says why)")


def test_tail_of_a_missing_log_says_so(run: Run, settings: Settings, capsys) -> None:
    assert run("audit", "tail") == 1
    assert "kiosk audit tail: " in capsys.readouterr().err


def test_tail_wants_a_positive_count(run: Run) -> None:
    with pytest.raises(SystemExit):
        run("audit", "tail", "-n", "0")


def test_verify_and_tail_follow_the_log_across_rotated_files(run: Run, kiosk_log: Path, clock,
                                                              capsys) -> None:
    with AuditLog(kiosk_log, clock) as audit:
        for _ in range(2):
            audit.rotate(max_bytes=1, keep=5)
            audit.record(AuditEvent.VISIT_STARTED)

    assert run("audit", "verify") == 0
    assert run("audit", "tail", "-n", "3") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{kiosk_log}: intact: 8 records in 3 files"
    assert [line.split()[0] for line in out[1:]] == ["6", "7", "8"]
    assert "previous_file=audit.jsonl.0000000005" in out[2]

    kiosk_log.with_name("audit.jsonl.0000000005").unlink()
    assert run("audit", "verify") == 1
    assert capsys.readouterr().out == (
        f"{kiosk_log}: NOT intact after 4 good records: line 1: audit.jsonl.0000000005 is "
        "missing: this file continues from its seq 6, and the file before it ends at seq 4\n")
