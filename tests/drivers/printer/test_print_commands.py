"""`kiosk print-test` and `kiosk reprint`, run as a technician runs them.

Settings come from a TOML file named by KIOSK_CONFIG, the printer is the
network emulator, the spool a real one in the test's state folder; what is
checked is what the emulator decoded from the bytes it received.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.printer import Qr
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from kiosk.cli.parser import main
from kiosk.cli.printing import add_print_commands
from kiosk.core import open_spool
from kiosk.settings.model import Settings, load_settings
from kiosk.uplink.credentials import save_credentials
from offline_queue.refs import read_receipt_code

SITE = {"zh_CN": "越秀区政务服务中心", "zh_TW": "越秀區政務服務中心", "en": "Yuexiu Service Centre"}
TOKEN = "Xq3vN8pLr2TzW5yA7bKc0d"
ITEM = "440106-GAJ-001"  # in the bundled catalog: 广东省居住证申领, 15 working days
Run = Callable[..., int]


def write_config(folder: Path, printer_url: str, encoding: str = "gb18030") -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        f'[device]\nserial_number = "KS2100-0107"\nref_prefix = "K0107"\n'
        f'state_dir = "{folder / "state"}"\n'
        f'[printer]\nurl = "{printer_url}"\nencoding = "{encoding}"\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture
def settings(tmp_path: Path, emulator: NetworkPrinterEmulator,
             monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("KIOSK_CONFIG", str(write_config(tmp_path, emulator.url)))
    return load_settings()


@pytest.fixture
def provisioned(settings: Settings) -> Settings:
    save_credentials(settings.device.state_dir, {
        "device_id": "K0107-0001", "device_token": "secret", "site": {"name": SITE},
        "heartbeat_interval_s": 60,
    })
    return settings


@pytest.fixture
def run(clock: Callable) -> Run:
    """The commands' own functions on a parser of their own, on the test's clock."""
    parser = argparse.ArgumentParser(prog="kiosk")
    add_print_commands(parser.add_subparsers(required=True), load_settings, clock)

    def run_command(*argv: str) -> int:
        args = parser.parse_args(argv)
        return args.handler(args)

    return run_command


@pytest.fixture
def spooled(provisioned: Settings, clock: Callable) -> Iterator[Callable[..., str]]:
    """Spool a submission of an item code (with payload fields); returns its local reference."""
    with open_spool(provisioned, clock) as spool:
        yield lambda code, **payload: spool.put({"form": {}, **payload}, item_code=code,
                                                applicant_id=None).local_ref


def printed_text(emulator: NetworkPrinterEmulator) -> str:
    [receipt] = emulator.wait_for_receipts(1)
    return receipt.text_path.read_text(encoding="utf-8")


# --- print-test ----------------------------------------------------------------------------


def test_print_test_prints_the_page_between_two_status_reports(
    provisioned: Settings, emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("print-test") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"printer        {emulator.url}", "status before  ok", "printed",
                   "status after   ok"]
    text = printed_text(emulator)
    for expected in ("越秀区政务服务中心", "打印测试页", "K0107-0001", "KS2100-0107",
                     "2026-11-23 03:00", emulator.url, "80毫米，每行48列", "gb18030",
                     "打印机生成", "半切", "，。、；：？！“”《》（）【】", "￥1,234.50", "𠮷 䶮",
                     "[QR K0107-0001 2026-11-23 03:00]", "[partial cut]"):
        assert expected in text
    assert "？" not in text.replace("，。、；：？！", "")


def test_print_test_on_a_big5_printer_leaves_out_what_big5_lacks(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NetworkPrinterEmulator(tmp_path / "out", encoding="big5") as big5:
        config = write_config(tmp_path, big5.url, encoding="big5")
        monkeypatch.setenv("KIOSK_CONFIG", str(config))
        assert run("print-test", "--language", "zh_TW") == 0
        text = printed_text(big5)
    assert "列印測試頁" in text and "未註冊" in text and "￥1,234.50" in text
    assert "罕用字" not in text and "𠮷" not in text
    assert "？" not in text.replace("，。、；：？！", "")


@pytest.mark.parametrize(("state", "reason"), [
    ({"paper": "out"}, "error (paper out)"),
    ({"cover_open": True}, "error (cover open)"),
])
def test_print_test_fails_clearly_when_the_printer_cannot_print(
    settings: Settings, emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str], state: dict, reason: str,
) -> None:
    emulator.set_state(**state)
    assert run("print-test") != 0
    captured = capsys.readouterr()
    assert f"status before  {reason}" in captured.out
    assert f"status after   {reason}" in captured.out
    assert captured.err == f"kiosk print-test: not printed: printer not ready: {reason}\n"
    assert emulator.receipts == []


@pytest.mark.parametrize(("policy", "code", "status", "err"), [
    (None, 0, "degraded (status unknown: no answer to DLE EOT)", ""),  # tcp's default
    ("best_effort", 0, "degraded (status unknown: no answer to DLE EOT)", ""),
    ("required", 1, "offline (no answer)",
     "kiosk print-test: not printed: printer not ready: offline (no answer)\n"),
])
def test_print_test_to_a_sink_that_never_answers_status(
    tmp_path: Path, run: Run, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, policy: str | None, code: int, status: str, err: str,
) -> None:
    with NetworkPrinterEmulator(tmp_path / "sink") as sink:
        sink.answers_status = False
        config = write_config(tmp_path, sink.url)
        if policy is not None:
            with config.open("a", encoding="utf-8") as more:
                more.write(f'status = "{policy}"\n')
        monkeypatch.setenv("KIOSK_CONFIG", str(config))
        assert run("print-test") == code
        captured = capsys.readouterr()
        assert captured.out.splitlines() == [
            f"printer        {sink.url}", f"status before  {status}",
            *(["printed"] if code == 0 else []), f"status after   {status}"]
        assert captured.err == err
        if code == 0:
            assert "打印测试页" in printed_text(sink)
        else:
            assert sink.receipts == []


def test_print_test_fails_clearly_when_the_printer_is_unreachable(
    tmp_path: Path, run: Run, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with NetworkPrinterEmulator(tmp_path / "gone") as gone:
        url = gone.url
    monkeypatch.setenv("KIOSK_CONFIG", str(write_config(tmp_path, url)))
    assert run("print-test") != 0
    captured = capsys.readouterr()
    unreachable = f"cannot connect to the printer at {url}"
    assert f"status before  offline ({unreachable})" in captured.out
    assert captured.err == f"kiosk print-test: not printed: {unreachable}\n"


# --- reprint -------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [
    ("zh_CN", ["受理回执", "【补打】2026-11-23 03:00", "广东省居住证申领", "15个工作日",
               "网络恢复后将自动提交"]),
    ("zh_TW", ["受理回執", "【補印】2026-11-23 03:00", "廣東省居住證申領", "15個工作日"]),
    ("en", ["Acknowledgement", "REPRINT 2026-11-23 03:00", "15 working days"]),
])
def test_reprint_prints_the_spooled_submission_marked_as_a_copy(
    spooled: Callable[[str], str], emulator: NetworkPrinterEmulator, run: Run,
    language: str, expected: list[str],
) -> None:
    local_ref = spooled(ITEM)
    assert run("reprint", local_ref, "--language", language) == 0
    text = printed_text(emulator)
    for line in [local_ref, f"[QR {local_ref}]", "2026-11-23 03:00", *expected]:
        assert line in text


def test_a_reprints_qr_code_decodes_to_the_reference_and_its_token(
    spooled: Callable[..., str], emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    local_ref = spooled(ITEM, lookup_token=TOKEN)
    assert run("reprint", local_ref) == 0
    [receipt] = emulator.wait_for_receipts(1)
    [code] = [block.data for block in receipt.document.blocks if isinstance(block, Qr)]
    assert read_receipt_code(code) == (local_ref, TOKEN)
    shown = [block for block in receipt.document.blocks if not isinstance(block, Qr)]
    assert TOKEN not in repr(shown) and TOKEN not in capsys.readouterr().err


def test_a_reprint_of_an_entry_spooled_before_tokens_says_its_code_shows_nothing(
    spooled: Callable[..., str], emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    local_ref = spooled(ITEM)
    assert run("reprint", local_ref) == 0
    assert f"[QR {local_ref}]" in printed_text(emulator)
    assert "has no lookup token" in capsys.readouterr().err


def test_reprint_of_an_item_no_longer_in_the_catalog_names_its_code(
    spooled: Callable[[str], str], emulator: NetworkPrinterEmulator, run: Run,
) -> None:
    local_ref = spooled("440106-OLD-999")
    assert run("reprint", local_ref) == 0
    text = printed_text(emulator)
    assert "440106-OLD-999" in text and "承诺时限" not in text


def test_reprint_of_an_unknown_reference_prints_nothing(
    spooled: Callable[[str], str], emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spooled(ITEM)
    assert run("reprint", "K0107-20261123-9999") != 0
    assert "no submission K0107-20261123-9999 in this kiosk's spool" in capsys.readouterr().err
    assert emulator.receipts == []


def test_reprint_with_the_paper_out_fails_and_says_so(
    spooled: Callable[[str], str], emulator: NetworkPrinterEmulator, run: Run,
    capsys: pytest.CaptureFixture[str],
) -> None:
    local_ref = spooled(ITEM)
    emulator.set_state(paper="out")
    assert run("reprint", local_ref) != 0
    assert "kiosk reprint: not printed: printer not ready: error (paper out)" in \
        capsys.readouterr().err


# --- the kiosk command -----------------------------------------------------------------------


def test_the_kiosk_command_has_both(
    spooled: Callable[[str], str], emulator: NetworkPrinterEmulator,
) -> None:
    local_ref = spooled(ITEM)
    assert main(["print-test"]) == 0
    assert main(["reprint", local_ref]) == 0
    assert len(emulator.wait_for_receipts(2)) == 2
