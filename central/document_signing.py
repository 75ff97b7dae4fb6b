"""Signing A4 documents as the issuing authority (PAdES, one approval signature).

The signature, not the seal's picture, is what the kiosk checks before it
prints: anyone can draw a red circle, only the holder of this key can sign.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from central.document_certs import DocumentCertFiles


class DocumentSigner:
    """The authority's document-signing key, loaded once."""

    def __init__(self, files: DocumentCertFiles) -> None:
        self.ca_pem = files.ca_cert.read_text(encoding="ascii")
        signer = signers.SimpleSigner.load(str(files.signer_key), str(files.signer_cert),
                                           ca_chain_files=(str(files.ca_cert),))
        if signer is None:
            raise ValueError(f"cannot load the document-signing key {files.signer_key}")
        self._signer = signer
        self._meta = signers.PdfSignatureMetadata(
            field_name="AuthoritySignature", md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES, reason="Issued by the authority")

    def sign(self, pdf: bytes) -> bytes:
        """`pdf` with the authority's signature over all of it."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = signers.PdfSigner(self._meta, signer=self._signer).sign_pdf(writer)
        return out.getvalue()
