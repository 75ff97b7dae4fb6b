"""`kiosk print-test --a4` and the doctor's A4 check, run as a technician runs them,
against the test run's own cupsd: what they print, what they say, how they exit."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.sim.cupsd import CupsDaemon
from kiosk.cli.printing import add_print_commands
from kiosk.core import open_spool
from kiosk.service.doctor import Finding, run_checks, standard_checks
from kiosk.settings.model import Settings, load_settings
from tests.drivers.a4.test_a4_cups import wait_for_pdf


def _settings(tmp_path: Path, queue: str, server: str,
              monkeypatch: pytest.MonkeyPatch) -> Settings:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[device]\nserial_number = "KS2100-0107"\nref_prefix = "K0107"\n'
        f'state_dir = "{tmp_path / "state"}"\n'
        f'[a4_printer]\nqueue = "{queue}"\nserver = "{server}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    return load_settings()


def _print_test_a4(clock: Callable) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    add_print_commands(parser.add_subparsers(required=True), load_settings, clock)
    args = parser.parse_args(["print-test", "--a4"])
    return args.handler(args)


def _a4_finding(settings: Settings, clock: Callable) -> Finding:
    with open_spool(settings, clock, recover_in_flight=False) as spool:
        return {f.check: f for f in run_checks(standard_checks(settings, spool, clock))}[
            "a4_printer"]


def test_print_test_a4_prints_the_page_between_two_status_reports(
        tmp_path: Path, cupsd: CupsDaemon, pdf_queue: tuple[str, Path], clock: Callable,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    name, out = pdf_queue
    _settings(tmp_path, name, cupsd.server, monkeypatch)

    assert _print_test_a4(clock) == 0

    said = capsys.readouterr().out
    assert f"A4 printer     {name} on {cupsd.server}" in said
    assert "status before  ok\nprinted        job " in said and "status after   ok" in said
    assert wait_for_pdf(out).read_bytes().startswith(b"%PDF-")


def test_print_test_a4_on_a_stopped_queue_prints_nothing_and_fails(
        tmp_path: Path, cupsd: CupsDaemon, pdf_queue: tuple[str, Path], clock: Callable,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    name, out = pdf_queue
    _settings(tmp_path, name, cupsd.server, monkeypatch)
    cupsd.connection().disablePrinter(name, reason="jam cleared, not yet resumed")

    assert _print_test_a4(clock) == 1

    said = capsys.readouterr()
    assert "status before  error (queue paused: jam cleared, not yet resumed)" in said.out
    assert "not printed: A4 printer" in said.err and "not ready" in said.err
    assert list(out.iterdir()) == []


def test_print_test_a4_without_an_a4_printer_says_so(
        tmp_path: Path, clock: Callable, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _settings(tmp_path, "", "", monkeypatch)
    assert _print_test_a4(clock) == 1
    assert "this kiosk has no A4 printer" in capsys.readouterr().err


def test_the_doctor_reads_the_a4_queue(tmp_path: Path, cupsd: CupsDaemon,
                                       pdf_queue: tuple[str, Path], clock: Callable,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    name, _ = pdf_queue
    settings = _settings(tmp_path, name, cupsd.server, monkeypatch)
    assert _a4_finding(settings, clock) == Finding("a4_printer", True,
                                                   f"{name} on {cupsd.server}: ok")
    cupsd.connection().rejectJobs(name)
    finding = _a4_finding(settings, clock)
    assert not finding.ok and finding.detail.endswith(
        ": error (queue not accepting jobs: Rejecting Jobs)")  # CUPS's own default reason


def test_the_doctor_names_a_queue_cups_does_not_have(tmp_path: Path, cupsd: CupsDaemon,
                                                    clock: Callable,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path, "hall_a4", cupsd.server, monkeypatch)
    finding = _a4_finding(settings, clock)
    assert not finding.ok
    assert "CUPS has no queue named 'hall_a4'" in finding.detail
