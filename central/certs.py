"""A throw-away certificate authority and server certificate for TLS on loopback.

The kiosk pins the CA it receives at provisioning; tests of that pinning need
a CA and a server certificate for 127.0.0.1/localhost that nobody else trusts.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALID_DAYS = 825


@dataclass(frozen=True)
class CertFiles:
    ca_cert: Path
    server_cert: Path
    server_key: Path


def subject_name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kiosk reference central (test only)"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    path.chmod(0o600)


def key_usage(*, sign_certs: bool) -> x509.KeyUsage:
    """A CA's (certificates and CRLs) or an end entity's (signatures) key usage."""
    return x509.KeyUsage(
        digital_signature=not sign_certs, content_commitment=not sign_certs,
        key_encipherment=False, data_encipherment=False, key_agreement=False,
        key_cert_sign=sign_certs, crl_sign=sign_certs, encipher_only=False, decipher_only=False)


def make_ca(common_name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A fresh self-signed CA that may sign end certificates only, and its key."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(subject_name(common_name)).issuer_name(subject_name(common_name))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(key_usage(sign_certs=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return ca_key, ca_cert


def issue(ca: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], common_name: str,
          *extensions: tuple[x509.ExtensionType, bool]
          ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A fresh key and an end certificate for it, signed by `ca`, with `extensions`
    (each with whether it is critical)."""
    ca_key, ca_cert = ca
    now = datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_name(common_name)).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return key, builder.sign(ca_key, hashes.SHA256())


def make_certs(directory: Path) -> CertFiles:
    """Write ca.pem, ca-key.pem, server.pem and server-key.pem into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = make_ca("Kiosk test CA")
    server_key, server_cert = issue(
        (ca_key, ca_cert), "localhost",
        (x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            x509.IPAddress(ipaddress.ip_address("::1"))]), False),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False))
    files = CertFiles(directory / "ca.pem", directory / "server.pem", directory / "server-key.pem")
    files.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    write_key(directory / "ca-key.pem", ca_key)
    files.server_cert.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    write_key(files.server_key, server_key)
    return files
