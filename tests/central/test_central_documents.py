"""Signed A4 documents: the query names the PDF, GET /documents/{no}/pdf serves it to the
kiosk that asked for ten minutes, and the PDF is one a printer and a bank can use."""

from __future__ import annotations

import hashlib
import io
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from asn1crypto import pem, x509
from central_contract_check import assert_conforms
from central_parts import LI, WANG, Central, Kiosk
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from central.cli import main

SOCIAL_A4, HOUSING_A4, LICENCE_A4 = "440106-SBJ-002", "440100-GJJ-002", "440106-SCJ-002"
PDF_PATH = "/documents/{document_no}/pdf"


def enroll(central: Central) -> tuple[Kiosk, str]:
    """A new kiosk and the document CA its enrollment gave it."""
    code = central.admin("POST", "/enrollment-codes", {}).json()["code"]
    answer = requests.post(central.api + "/enrollments", timeout=10, json={
        "enrollment_code": code, "serial_number": "SN-" + uuid.uuid4().hex[:8],
        "model": "KS-2100", "software_version": "0.1.0"})
    assert answer.status_code == 201, answer.text
    assert_conforms(answer, "/enrollments", "post")
    body = answer.json()
    kiosk = Kiosk(central.api, body["device_id"], body["device_token"])
    central.kiosks.append(kiosk)
    return kiosk, body["document_ca_pem"]


def query_a4(kiosk: Kiosk, item_code: str = SOCIAL_A4, person: dict | None = None,
             form: dict | None = None) -> dict:
    answer = kiosk.post(f"/queries/{item_code}", {"applicant": person or WANG,
                                                  "form": form or {"months": "12"}})
    assert answer.status_code == 200, answer.text
    assert_conforms(answer, "/queries/{item_code}", "post")
    return answer.json()


def fetch(kiosk: Kiosk, document_no: str):
    return kiosk.get(f"/documents/{document_no}/pdf")


def test_enrollment_gives_the_document_ca(central: Central) -> None:
    _kiosk, ca_pem = enroll(central)
    [(kind, _headers, der)] = pem.unarmor(ca_pem.encode(), multiple=True)
    assert kind == "CERTIFICATE" and x509.Certificate.load(der).ca


def test_an_a4_query_names_a_pdf_that_is_served_to_its_kiosk(central: Central) -> None:
    kiosk, ca_pem = enroll(central)
    document = query_a4(kiosk)
    answer = fetch(kiosk, document["document_no"])
    assert answer.status_code == 200
    assert_conforms(answer, PDF_PATH, "get")
    assert answer.headers["content-type"] == "application/pdf"
    pdf = answer.content
    assert document["pdf"] == {"sha256": hashlib.sha256(pdf).hexdigest(), "pages": 1,
                               "bytes": len(pdf)}
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    roots = [x509.Certificate.load(der) for _, _, der in pem.unarmor(ca_pem.encode(),
                                                                      multiple=True)]
    status = validate_pdf_signature(signatures[0], ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"))
    assert status.bottom_line, status.pretty_print_details()


def test_a_receipt_item_names_no_pdf(central: Central) -> None:
    kiosk, _ca = enroll(central)
    answer = kiosk.post("/queries/440106-SBJ-001", {"applicant": WANG,
                                                    "form": {"months": "12"}})
    assert answer.status_code == 200 and "pdf" not in answer.json()


def test_the_pdf_embeds_its_fonts_and_shows_what_a_clerk_checks(
        central: Central, tmp_path: Path) -> None:
    kiosk, _ca = enroll(central)
    document = query_a4(kiosk, HOUSING_A4, LI, {"purpose": "loan"})
    path = tmp_path / "document.pdf"
    path.write_bytes(fetch(kiosk, document["document_no"]).content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts, "the PDF names no font"
    for line in fonts:  # name type encoding emb sub uni object ID
        assert line.split()[-5] == "yes", line
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "住房公积金缴存证明" in text and "李明" in text
    assert document["document_no"] in text
    assert "4401**********0036" in text and LI["id_number"] not in text
    assert "2026-11-23T10:00:00+08:00" in text  # the issue time with its offset
    assert "证明专用章" in text  # the seal, drawn by the central


@pytest.mark.parametrize(("item_code", "person", "form"), [
    (SOCIAL_A4, WANG, {"months": "12"}),
    (HOUSING_A4, LI, {"purpose": "loan"}),
    (LICENCE_A4, LI, {"uscc": "91350100M000100Y43"}),
])
def test_every_seeded_a4_item_issues_a_signed_pdf(central: Central, item_code: str,
                                                  person: dict, form: dict) -> None:
    kiosk, _ca = enroll(central)
    document = query_a4(kiosk, item_code, person, form)
    assert fetch(kiosk, document["document_no"]).status_code == 200
    item = central.services.catalog.item(item_code)
    assert item is not None and item["paper"] == "a4"
    assert set(item["title"]) == {"zh_CN", "zh_TW", "en"}


def test_another_kiosk_and_an_unknown_number_get_404(central: Central) -> None:
    kiosk, _ca = enroll(central)
    other, _ca = enroll(central)
    document = query_a4(kiosk)
    for answer in (fetch(other, document["document_no"]), fetch(kiosk, "SBJ20261123999999")):
        assert answer.status_code == 404
        assert_conforms(answer, PDF_PATH, "get")
    assert fetch(kiosk, document["document_no"]).status_code == 200  # still its own


def test_after_ten_minutes_the_pdf_is_gone(start_central) -> None:
    central = start_central()
    kiosk, _ca = enroll(central)
    document = query_a4(kiosk)
    central.clock.advance(600)
    assert fetch(kiosk, document["document_no"]).status_code == 200
    central.clock.advance(1)
    answer = fetch(kiosk, document["document_no"])
    assert answer.status_code == 410
    assert_conforms(answer, PDF_PATH, "get")


def test_without_a_token_the_pdf_is_refused(central: Central) -> None:
    kiosk, _ca = enroll(central)
    document = query_a4(kiosk)
    answer = requests.get(
        f"{central.api}/documents/{document['document_no']}/pdf", timeout=10)
    assert answer.status_code == 401


def test_make_certs_writes_the_document_signing_key_beside_the_tls_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["make-certs", str(tmp_path)]) == 0
    names = {path.name for path in tmp_path.iterdir()}
    assert {"ca.pem", "server.pem", "document-ca.pem", "document-signer.pem",
            "document-signer-key.pem"} <= names
    assert (tmp_path / "document-signer-key.pem").stat().st_mode & 0o077 == 0
    assert (tmp_path / "document-ca.pem").read_bytes() != (tmp_path / "ca.pem").read_bytes()
