"""The authority's document-signing key and its own CA, apart from the TLS ones.

A kiosk trusts this CA for one thing only, the signature on an A4 document;
keeping it apart from the TLS CA means a leaked server key cannot sign a
certificate a citizen takes to a bank, and the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from central.certs import issue, key_usage, make_ca, write_key

CA_FILE = "document-ca.pem"
SIGNER_FILE = "document-signer.pem"
SIGNER_KEY_FILE = "document-signer-key.pem"


@dataclass(frozen=True)
class DocumentCertFiles:
    ca_cert: Path
    signer_cert: Path
    signer_key: Path

    @classmethod
    def in_directory(cls, directory: Path) -> DocumentCertFiles:
        return cls(directory / CA_FILE, directory / SIGNER_FILE, directory / SIGNER_KEY_FILE)

    def exist(self) -> bool:
        return all(path.is_file() for path in (self.ca_cert, self.signer_cert, self.signer_key))


def make_document_certs(directory: Path) -> DocumentCertFiles:
    """Write document-ca.pem, document-signer.pem and document-signer-key.pem (the CA's
    own key is not kept: nothing more is ever signed with it)."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = make_ca("Kiosk test document CA")
    signer_key, signer_cert = issue(
        (ca_key, ca_cert), "Tianhe District Government Service Center (document seal)",
        (key_usage(sign_certs=False), True))
    files = DocumentCertFiles.in_directory(directory)
    files.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.signer_cert.write_bytes(signer_cert.public_bytes(serialization.Encoding.PEM))
    write_key(files.signer_key, signer_key)
    return files


def document_certs_in(directory: Path) -> DocumentCertFiles:
    """The document certificates in `directory`, made there first if they are missing."""
    files = DocumentCertFiles.in_directory(directory)
    return files if files.exist() else make_document_certs(directory)
