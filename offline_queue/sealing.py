"""Encryption of spooled personal data and the keyed digest used to find it.

Each sealed value is AES-GCM with a fresh 96-bit nonce, bound to the row it
belongs to by associated data (entry id + purpose), so a row's ciphertext
copied onto another row fails authentication instead of decrypting to the
wrong citizen. Applicant lookups use an HMAC of the normalised ID number, so
the spool can answer "what do you hold for this person" without decrypting
every row and without storing the number.
"""

from __future__ import annotations

import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from offline_queue.errors import SpoolIntegrityError

NONCE_SIZE = 12


def payload_aad(entry_id: str) -> bytes:
    return b"offline_queue/payload/" + entry_id.encode()


def problem_aad(entry_id: str) -> bytes:
    return b"offline_queue/problem/" + entry_id.encode()


MAC_KEY_AAD = b"offline_queue/meta/applicant_mac_key"


class Sealer:
    """Seals and opens values under one master key."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return "Sealer(<key hidden>)"

    def seal(self, aad: bytes, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def unseal(self, aad: bytes, blob: bytes) -> bytes:
        """The plaintext, or SpoolIntegrityError if `blob` was altered or belongs elsewhere."""
        if len(blob) < NONCE_SIZE + 16:
            raise SpoolIntegrityError("sealed value is truncated")
        try:
            return self._aead.decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:], aad)
        except InvalidTag:
            raise SpoolIntegrityError("sealed value failed authentication "
                                      "(tampered, moved between rows, or wrong key)") from None

    def seal_json(self, aad: bytes, value: Any) -> bytes:
        return self.seal(aad, encode_json(value))

    def unseal_json(self, aad: bytes, blob: bytes) -> Any:
        return json.loads(self.unseal(aad, blob))


# Made once: json.dumps with options builds a new encoder on every call, and every put encodes.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; TypeError for values JSON cannot hold."""
    return _COMPACT_JSON.encode(value).encode()


def applicant_digest(mac_key: bytes, applicant_id: str) -> bytes:
    """Keyed digest of an ID number; case and surrounding blanks do not matter ('x' == 'X')."""
    return hmac.digest(mac_key, applicant_id.strip().upper().encode(), "sha256")
