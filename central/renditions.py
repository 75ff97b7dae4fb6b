"""Signed A4 renditions of issued documents, kept for the one kiosk that asked.

The PDF carries the citizen's record, so it is handed only to the device that
ran the query, and only for ten minutes: long enough to fetch, verify and
print while the citizen stands there, not long enough to become an archive.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from central.a4_render import Sheet, render_a4
from central.clock import parse_rfc3339, rfc3339
from central.db import Database
from central.document_signing import DocumentSigner
from central.models import Document, DocumentPdf
from central.problems import ProblemError

KEPT_FOR = timedelta(minutes=10)


def masked_id(id_number: str) -> str:
    """An ID number as printed on a document: its first and last four characters."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def sheet_of(document: Document, item: dict[str, Any], holder_id: str) -> Sheet:
    """What the A4 page of `document` shows: Simplified Chinese, with English beside."""
    return Sheet(
        title=document.title["zh_CN"], subtitle=document.title.get("en", ""),
        rows=[(line.label["zh_CN"], line.value) for line in document.lines],
        holder=masked_id(holder_id), document_no=document.document_no,
        issued_at=document.issued_at, verify_url=document.verify_url or "",
        authority=item["department"]["zh_CN"])


class Renditions:
    def __init__(self, db: Database, signer: DocumentSigner) -> None:
        self._db = db
        self._signer = signer

    @property
    def ca_pem(self) -> str:
        """The CA a kiosk checks these documents against (given at enrollment)."""
        return self._signer.ca_pem

    def issue(self, document: Document, item: dict[str, Any], holder_id: str,
              device_id: str) -> DocumentPdf:
        """Render and sign `document`, keep it for `device_id`, and describe it."""
        pdf = self._signer.sign(render_a4(sheet_of(document, item, holder_id)))
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO document_pdfs (document_no, device_id, issued_at, pdf)"
                         " VALUES (?, ?, ?, ?)", (document.document_no, device_id,
                                                  rfc3339(document.issued_at), pdf))
        return DocumentPdf(sha256=hashlib.sha256(pdf).hexdigest(), pages=1, bytes=len(pdf))

    def fetch(self, document_no: str, device_id: str, now: datetime) -> bytes:
        """The signed PDF; 404 for a document this device did not query, 410 once it is
        older than ten minutes (and then it is gone)."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT device_id, issued_at, pdf FROM document_pdfs"
                               " WHERE document_no = ?", (document_no,)).fetchone()
            if row is None or row["device_id"] != device_id:
                raise ProblemError(404, "No document of that number was issued to this kiosk.",
                                   kind="no-document")
            if now - parse_rfc3339(row["issued_at"]) > KEPT_FOR:
                conn.execute("UPDATE document_pdfs SET pdf = x'' WHERE document_no = ?",
                             (document_no,))
                raise ProblemError(410, "The document may be fetched for ten minutes after "
                                   "the query; run the query again.", kind="document-expired")
        return bytes(row["pdf"])
