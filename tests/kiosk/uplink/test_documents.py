"""The kiosk prints no A4 document it has not verified: tampering, another signer, a wrong
sha256, an oversized body and a redirect, each served by a hostile double of the central
over real HTTP, are refused with a reason; the authority's own document passes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hostile_central import HostileCentral, drip, hostile_central, raw, redirect
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from central.a4_render import Sheet, render_a4
from central.clock import CHINA_TZ
from central.document_certs import make_document_certs
from central.document_signing import DocumentSigner
from kiosk.uplink.client import CentralClient, CentralUnreachable
from kiosk.uplink.documents import DocumentRefused, PdfFacts, fetch_verified, verify_pdf

NUMBER = "SBJ20261123000001"
SHEET = Sheet(title="社会保险参保缴费证明", subtitle="Social insurance payment record",
              rows=[("姓名", "王秀英"), ("缴费月数", "12")], holder="1101**********0020",
              document_no=NUMBER, issued_at=datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ),
              verify_url="https://central.invalid/verify/" + NUMBER,
              authority="广州市天河区人力资源和社会保障局")


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return render_a4(SHEET)


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> DocumentSigner:
    return DocumentSigner(make_document_certs(tmp_path_factory.mktemp("authority")))


@pytest.fixture(scope="module")
def signed(authority: DocumentSigner, unsigned: bytes) -> bytes:
    return authority.sign(unsigned)


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile


@pytest.fixture
def client(central: HostileCentral) -> Iterator[CentralClient]:
    made = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0,
                         deadline=5.0)
    yield made
    made.close()


def facts(pdf: bytes) -> PdfFacts:
    return PdfFacts(sha256=hashlib.sha256(pdf).hexdigest(), pages=1, bytes=len(pdf))


def served(pdf: bytes):
    return raw(200, pdf, {"Content-Type": "application/pdf"})


def refusal(client: CentralClient, central: HostileCentral, body: bytes, announced: PdfFacts,
            ca_pem: str) -> str:
    central.queue(served(body))
    with pytest.raises(DocumentRefused) as refused:
        fetch_verified(client, NUMBER, announced, ca_pem)
    return refused.value.reason


def test_the_authoritys_document_is_verified(client, central, signed, authority) -> None:
    central.queue(served(signed))
    document = fetch_verified(client, NUMBER, facts(signed), authority.ca_pem)
    assert document.pdf == signed and document.pages == 1
    assert "document seal" in document.signer
    [request] = central.received
    assert request.method == "GET" and request.path == f"/kiosk/v1/documents/{NUMBER}/pdf"


def test_one_changed_byte_is_refused(client, central, signed, authority) -> None:
    at = signed.index(b"ReportLab")  # the producer's name, inside the signed bytes
    tampered = signed[:at] + b"r" + signed[at + 1:]
    # announced as the original: the sha256 catches it
    assert refusal(client, central, tampered, facts(signed), authority.ca_pem) == "wrong_sha256"
    # announced as itself (a central that lies about both): the signature catches it
    assert refusal(client, central, tampered, facts(tampered),
                   authority.ca_pem) == "signature_invalid"


def test_a_valid_signature_by_another_key_is_refused(client, central, unsigned, authority,
                                                     tmp_path: Path) -> None:
    impostor = DocumentSigner(make_document_certs(tmp_path)).sign(unsigned)
    assert refusal(client, central, impostor, facts(impostor),
                   authority.ca_pem) == "untrusted_signer"


def test_an_unsigned_document_is_refused(client, central, unsigned, authority) -> None:
    assert refusal(client, central, unsigned, facts(unsigned),
                   authority.ca_pem) == "not_one_signature"


def test_a_revision_added_after_signing_is_refused(client, central, signed, authority) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("en")  # a harmless-looking change
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    amended = out.getvalue()
    assert refusal(client, central, amended, facts(amended), authority.ca_pem) == \
        "not_whole_file"


def test_a_wrong_sha256_is_refused(client, central, signed, authority) -> None:
    wrong = PdfFacts(sha256="0" * 64, pages=1, bytes=len(signed))
    assert refusal(client, central, signed, wrong, authority.ca_pem) == "wrong_sha256"


def test_a_wrong_page_count_is_refused(client, central, signed, authority) -> None:
    wrong = PdfFacts(sha256=facts(signed).sha256, pages=2, bytes=len(signed))
    assert refusal(client, central, signed, wrong, authority.ca_pem) == "wrong_pages"


def test_a_body_larger_than_announced_is_not_read(client, central, signed, authority) -> None:
    assert refusal(client, central, signed + b"\0" * 4096, facts(signed),
                   authority.ca_pem) == "too_large"


def test_a_redirect_is_not_followed(client, central, signed, authority) -> None:
    central.queue(redirect(302, "http://127.0.0.1:9/elsewhere.pdf"))
    with pytest.raises(DocumentRefused) as refused:
        fetch_verified(client, NUMBER, facts(signed), authority.ca_pem)
    assert refused.value.reason == "bad_answer"
    assert len(central.received) == 1


def test_a_success_that_is_not_the_pdf_is_refused_saying_what_came(client, central, signed,
                                                                 authority) -> None:
    central.queue(raw(203, signed, {"Content-Type": "application/pdf"}))
    with pytest.raises(DocumentRefused) as refused:
        fetch_verified(client, NUMBER, facts(signed), authority.ca_pem)
    assert (refused.value.reason, refused.value.detail) == (
        "bad_answer", f"GET /documents/{NUMBER}/pdf: HTTP 203 without the PDF")


def test_a_document_dripped_past_the_deadline_is_cut_off(central, signed, authority) -> None:
    central.queue(drip(200, signed, every_s=0.05))
    slow = CentralClient(central.url, token="t", connect_timeout=1.0, read_timeout=2.0,
                         deadline=1.0)
    try:
        with pytest.raises(CentralUnreachable, match="within 1 s"):
            fetch_verified(slow, NUMBER, facts(signed), authority.ca_pem)
    finally:
        slow.close()


def test_a_kiosk_without_a_document_ca_asks_for_nothing(client, central, signed) -> None:
    with pytest.raises(DocumentRefused) as refused:
        fetch_verified(client, NUMBER, facts(signed), None)
    assert refused.value.reason == "no_document_ca"
    assert central.received == []


def test_an_announced_size_beyond_the_contract_is_refused_unasked(client, central,
                                                                   authority) -> None:
    huge = PdfFacts(sha256="0" * 64, pages=1, bytes=20_000_001)
    with pytest.raises(DocumentRefused) as refused:
        fetch_verified(client, NUMBER, huge, authority.ca_pem)
    assert refused.value.reason == "wrong_size" and central.received == []


@pytest.mark.parametrize("body", [b"", b"%PDF-1.7\n%%EOF", b"not a pdf at all" * 40])
def test_garbage_is_refused_not_crashed_on(signed, authority, body: bytes) -> None:
    with pytest.raises(DocumentRefused) as refused:
        verify_pdf(NUMBER, body, facts(body) if body else facts(signed), authority.ca_pem)
    assert refused.value.reason in {"unreadable", "wrong_size", "not_one_signature"}


def test_a_damaged_document_ca_is_a_refusal(signed) -> None:
    with pytest.raises(DocumentRefused) as refused:
        verify_pdf(NUMBER, signed, facts(signed), "-----BEGIN CERTIFICATE-----\nAAAA\n")
    assert refused.value.reason == "bad_document_ca"
