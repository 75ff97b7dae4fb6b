"""Every template, sent by the real driver over TCP or a serial line, comes back intact.

"Intact" means equal to the canonical layout (`lay_out`): one Text per printed
line, merged feeds, the cutter's own feed inside the Cut -- the normalisation
documented in drivers/printer/decode.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from receipt_samples import templates

from drivers.printer.decode import EscposDecodeError, EscposDecoder, StatusRequest
from drivers.printer.document import Cut, PrintDocument, Qr, Row, Text
from drivers.printer.encode import encode
from drivers.printer.layout import lay_out
from drivers.printer.printer import ReceiptPrinter
from drivers.printer.profile import PrinterProfile
from drivers.sim.escpos_printer import NetworkPrinterEmulator, PrinterEmulator


@pytest.mark.parametrize("locale", ["zh_CN", "zh_TW", "en"])
def test_each_template_comes_back_from_the_emulator_as_sent(
    any_emulator: PrinterEmulator, make_printer: Callable[..., ReceiptPrinter], locale: str
) -> None:
    printer = make_printer(any_emulator.url)
    docs = templates(locale)
    for doc in docs.values():
        printer.print(doc)
    receipts = any_emulator.wait_for_receipts(len(docs))
    for receipt, doc in zip(receipts, docs.values(), strict=True):
        assert receipt.document == lay_out(doc, printer.profile)
        assert receipt.raw == encode(doc, printer.profile)
        assert receipt.png_path.read_bytes().startswith(b"\x89PNG")
    assert receipts[0].text_path.name == "0001.txt"
    assert "K0107-20261123-0042" in receipts[0].text_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "profile",
    [
        PrinterProfile(encoding="big5", paper_width_mm=58),
        PrinterProfile(qr="raster", partial_cut=False),
    ],
)
def test_other_printer_models_round_trip(
    tmp_path: Path, make_printer: Callable[..., ReceiptPrinter], profile: PrinterProfile
) -> None:
    doc = templates("zh_TW")["submission"]
    with NetworkPrinterEmulator(tmp_path, encoding=profile.encoding) as emulator:
        make_printer(emulator.url, profile).print(doc)
        [receipt] = emulator.wait_for_receipts(1)
    assert receipt.document == lay_out(doc, profile)


def test_chinese_punctuation_yuan_and_rare_characters_decode_back() -> None:
    doc = PrintDocument((Text("，。、“”《》"), Text("张䶮"), Row("金额", "¥3"), Cut()))
    [job] = EscposDecoder().feed(encode(doc, PrinterProfile()))
    assert job.document.blocks[:3] == (Text("，。、“”《》"), Text("张䶮"), Row("金额", "￥3"))


def test_the_decoder_takes_any_chunking_and_answers_status_mid_job() -> None:
    data = encode(templates("zh_CN")["query"], PrinterProfile())
    middle = len(data) // 2
    stream = data[:middle] + b"\x10\x04\x04" + data[middle:]
    whole = EscposDecoder().feed(data)
    decoder = EscposDecoder()
    events = [event for i in range(0, len(stream), 3) for event in decoder.feed(stream[i : i + 3])]
    assert any(isinstance(event, StatusRequest) and event.n == 4 for event in events)
    assert [event for event in events if not isinstance(event, StatusRequest)] == whole


def test_native_qr_data_and_module_size_survive() -> None:
    doc = PrintDocument((Qr("https://v.example.gov.cn/?id=1&x=二", size=8), Cut()))
    [job] = EscposDecoder().feed(encode(doc, PrinterProfile()))
    assert job.document.blocks[0] == Qr("https://v.example.gov.cn/?id=1&x=二", 8)


def test_an_unknown_command_is_an_error_not_a_silent_skip() -> None:
    with pytest.raises(EscposDecodeError, match="unsupported ESC command at byte 4"):
        EscposDecoder().feed(b"\x1b@\x1c&\x1bz\x01")


def test_a_job_without_a_cut_is_still_pending() -> None:
    decoder = EscposDecoder()
    assert decoder.feed(b"\x1b@\x1c&abc\n") == []
    assert decoder.pending_bytes == 8
