"""Signed A4 documents from the central, verified before anything prints them.

A certificate on A4 is what a bank or a school accepts, so a kiosk that
printed a document the authority did not sign, or one altered on the way,
would hand a citizen a forgery with a government seal on it. The kiosk
therefore trusts one root for documents, the document CA it received at
enrollment: no system trust store, no fetching of certificates or
revocation lists from addresses inside the PDF. Anything short of an intact,
trusted signature over the whole file, with the size and sha256 the query
announced, is a typed refusal; nothing unverified leaves this module.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from kiosk.uplink.client import CentralClient, CentralError, CentralFault
from kiosk.uplink.transport import AnswerTooLarge

# The contract's ceiling on a document's size; the central's own figure may be lower.
MAX_PDF_BYTES = 20_000_000


class DocumentRefused(CentralError):
    """The central's PDF is not one the kiosk may print; `reason` names why, for the
    technician and the audit log (the citizen reads one sentence for every reason)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"document refused ({reason}): {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class PdfFacts:
    """What the query said of the PDF (the Document's `pdf`)."""

    sha256: str
    pages: int
    bytes: int


@dataclass(frozen=True, repr=False)
class VerifiedDocument:
    """A PDF whose signature chains to the enrolled document CA and covers all of it."""

    document_no: str
    pdf: bytes
    pages: int
    signer: str

    def __repr__(self) -> str:
        return f"VerifiedDocument({self.document_no!r}, {len(self.pdf)} bytes)"


def _trust_roots(ca_pem: str) -> list[Any]:
    from asn1crypto import pem, x509

    try:
        roots = [x509.Certificate.load(der)
                 for _, _, der in pem.unarmor(ca_pem.encode("ascii"), multiple=True)]
    except (ValueError, TypeError) as exc:
        raise DocumentRefused("bad_document_ca", f"the enrolled document CA: {exc}") from exc
    if not roots:
        raise DocumentRefused("bad_document_ca", "the enrolled document CA holds no certificate")
    return roots


def document_ca_names(ca_pem: str) -> list[str]:
    """The names of the certificates in an enrolled document CA (for `kiosk doctor`);
    DocumentRefused when it holds none or cannot be read."""
    return [str(root.subject.human_friendly) for root in _trust_roots(ca_pem)]


def _check_bytes(pdf: bytes, facts: PdfFacts) -> None:
    if len(pdf) != facts.bytes:
        raise DocumentRefused("wrong_size", f"{len(pdf)} bytes, the query said {facts.bytes}")
    digest = hashlib.sha256(pdf).hexdigest()
    if digest != facts.sha256:
        raise DocumentRefused("wrong_sha256", f"sha256 {digest}, the query said {facts.sha256}")


def _check_signature(pdf: bytes, facts: PdfFacts, ca_pem: str) -> str:
    """The signer's name, once the one signature is intact, trusted and covers the file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = _trust_roots(ca_pem)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=True)
        pages = int(reader.root["/Pages"]["/Count"])
        signatures = reader.embedded_signatures
        if len(signatures) != 1:
            raise DocumentRefused("not_one_signature", f"{len(signatures)} signatures")
        context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                    revocation_mode="soft-fail")
        status = validate_pdf_signature(signatures[0], context)
    except DocumentRefused:
        raise
    except Exception as exc:  # a hostile PDF may break the parser anywhere: refuse, never print
        raise DocumentRefused("unreadable", f"{type(exc).__name__}: {exc}") from exc
    return _judge(status, pages, facts)


def _judge(status: Any, pages: int, facts: PdfFacts) -> str:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not (status.intact and status.valid):
        raise DocumentRefused("signature_invalid", "the signature does not match the file")
    if not status.trusted:
        raise DocumentRefused("untrusted_signer",
                              "the signer does not chain to the enrolled document CA")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise DocumentRefused("not_whole_file", "the signature does not cover the whole file")
    if pages != facts.pages:
        raise DocumentRefused("wrong_pages", f"{pages} pages, the query said {facts.pages}")
    return str(status.signing_cert.subject.human_friendly)


def verify_pdf(document_no: str, pdf: bytes, facts: PdfFacts, ca_pem: str) -> VerifiedDocument:
    """`pdf` as a VerifiedDocument, or DocumentRefused saying why not."""
    _check_bytes(pdf, facts)
    signer = _check_signature(pdf, facts, ca_pem)
    return VerifiedDocument(document_no=document_no, pdf=pdf, pages=facts.pages, signer=signer)


def fetch_verified(client: CentralClient, document_no: str, facts: PdfFacts,
                   ca_pem: str | None) -> VerifiedDocument:
    """Fetch the PDF of `document_no` (no more than the query announced) and verify it.

    A kiosk enrolled before documents were signed has no document CA: it refuses
    before it asks. A redirect, an answer that is not the PDF, or one larger than
    announced is refused like a bad signature; no answer at all stays a
    CentralUnreachable (the citizen may try again)."""
    if not ca_pem:
        raise DocumentRefused("no_document_ca", "this kiosk was enrolled without a document "
                              "CA; provision it again to print A4 documents")
    if not 0 < facts.bytes <= MAX_PDF_BYTES:
        raise DocumentRefused("wrong_size", f"the query announced {facts.bytes} bytes")
    try:
        pdf = client.document_pdf(quote(document_no, safe=""), limit=facts.bytes)
    except CentralFault as exc:
        reason = "too_large" if isinstance(exc.__cause__, AnswerTooLarge) else "bad_answer"
        raise DocumentRefused(reason, str(exc)) from exc
    return verify_pdf(document_no, pdf, facts, ca_pem)
