"""The question a visit asks for an item printed on A4: the document, then its PDF.

The query's answer alone is not enough for A4: the kiosk fetches the signed
PDF the answer names and verifies it in the same wait, so the citizen sees
the result screen only for a document the kiosk will print, and a refusal is
told at once, like any other failed question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.uplink.client import CentralClient
from kiosk.uplink.documents import PdfFacts, VerifiedDocument, fetch_verified
from kiosk.visit.answers import CentralMalformed, Document, parse_answer


def a4_question(item_code: str, ask: dict[str, Any], ca_pem: str | None
                ) -> Callable[[CentralClient], tuple[Document, VerifiedDocument]]:
    """The question for an A4 item: `ask` holds the query's applicant, form and
    verification; its answer is the document and its verified PDF."""
    def question(client: CentralClient) -> tuple[Document, VerifiedDocument]:
        document = parse_answer(Document, client.query(item_code, **ask), "document")
        if document.pdf is None:
            raise CentralMalformed("document: an A4 item's document names no pdf")
        facts = PdfFacts(sha256=document.pdf.sha256, pages=document.pdf.pages,
                         bytes=document.pdf.bytes)
        return document, fetch_verified(client, document.document_no, facts, ca_pem)
    return question
