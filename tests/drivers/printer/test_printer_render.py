"""The preview PNG: the paper's width, ink where the text is, raster images as printed."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image as PilImage

from drivers.printer.document import Cut, Image, PrintDocument, Qr, Row, Text
from drivers.printer.picture import render, render_image, render_text
from drivers.printer.profile import PrinterProfile
from kiosk.printing.receipts import render_preview, submission_receipt

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
