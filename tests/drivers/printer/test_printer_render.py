"""The preview PNG: the paper's width, ink where the text is, raster images as printed;
the screen's grey pixels the PNG's own, and QR codes dot for dot as qrcode draws them."""

from __future__ import annotations

import io
from datetime import datetime

import qrcode
from PIL import Image as PilImage

from drivers.printer.document import Cut, Image, PrintDocument, Qr, Row, Text
from drivers.printer.layout import QR_MASK, QR_QUIET_MODULES
from drivers.printer.picture import MARGIN, render, render_image, render_text
from drivers.printer.profile import PrinterProfile
from kiosk.printing.receipts import preview_pixels, render_preview, submission_receipt

DOC = PrintDocument((Text("受理回执", align="center", size="double"), Row("金额", "¥5"), Cut()))


def ink_columns(img: PilImage.Image) -> tuple[int, int]:
    left, _, right, _ = PilImage.eval(img, lambda v: 255 - v).getbbox()  # type: ignore[misc]
    return left, right


def test_png_is_as_wide_as_the_paper_and_not_blank() -> None:
    for mm, width in ((80, 640), (58, 464)):
        img = PilImage.open(io.BytesIO(render(DOC, PrinterProfile(paper_width_mm=mm))))
        assert img.format == "PNG" and img.width == width
        assert img.getextrema()[0] < 64  # some dark ink on white paper


def test_rows_reach_the_right_edge_of_the_printable_area() -> None:
    img = render_image(PrintDocument((Row("金额", "12.00"),)))
    left, right = ink_columns(img)
    assert left >= 32 and 32 + 576 - 14 <= right <= 32 + 576


def test_a_raster_image_is_drawn_dot_for_dot() -> None:
    black_square = Image(8, 8, b"\xff" * 8)
    img = render_image(PrintDocument((black_square,)))
    left, right = ink_columns(img)
    assert right - left == 8


def test_text_rendering_names_qr_codes_and_cuts() -> None:
    text = render_text(PrintDocument((Text("A", align="right"), Qr("K1"), Cut(partial=False))))
    assert text == " " * 47 + "A\n[QR K1]\n[full cut]\n"


def test_preview_of_a_template_is_a_png() -> None:
    doc = submission_receipt(
        locale="en", site_name="Centre", item_title="Item", local_ref="K1",
        submitted_at=datetime(2026, 1, 2, 3, 4), lookup_token=None,
    )
    assert render_preview(doc).startswith(b"\x89PNG")


def _receipt_with_a_code(token: str | None) -> PrintDocument:
    return submission_receipt(
        locale="zh_CN", site_name="天河区政务服务中心", item_title="居住证申领",
        local_ref="K0107-20261124-0001", submitted_at=datetime(2026, 11, 24, 10, 0),
        lookup_token=token)


def test_the_screens_pixels_are_the_pngs() -> None:
    for token in (None, "a-lookup-token_of-22ch", "t" * 60):
        doc = _receipt_with_a_code(token)
        png = PilImage.open(io.BytesIO(render_preview(doc)))
        grey = preview_pixels(doc)
        assert (grey.width, grey.height) == png.size
        assert grey.pixels == png.convert("L").tobytes()


def test_a_qr_code_is_drawn_dot_for_dot_as_qrcode_draws_it() -> None:
    for data, size in (("K1", 6), ("K0107-20261124-0001.a-lookup-token_of-22ch", 6),
                       ("https://example.org/verify/" + "x" * 80, 4)):
        code = qrcode.QRCode(border=QR_QUIET_MODULES, box_size=size, mask_pattern=QR_MASK,
                             error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(data.encode("utf-8"))
        code.make(fit=True)
        drawn = code.make_image().get_image().convert("L")
        paper = render_image(PrintDocument((Qr(data, size),)))
        profile = PrinterProfile()
        left = (paper.width - profile.dots) // 2 + (profile.dots - drawn.width) // 2
        shown = paper.crop((left, MARGIN, left + drawn.width, MARGIN + drawn.height))
        assert shown.tobytes() == drawn.tobytes()
