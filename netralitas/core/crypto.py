"""Encryption at rest for personal data and keyed hashing of secrets handed to the public."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

# Crockford base32 without I, L, O, U: unambiguous when read aloud or copied from paper.
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.REPORTER_ENCRYPTION_KEYS])


def encrypt_json(value: dict[str, Any]) -> bytes:
    return _fernet().encrypt(json.dumps(value, sort_keys=True).encode())


def decrypt_json(token: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_fernet().decrypt(bytes(token)))
    return data


def new_receipt_code() -> str:
    """12 symbols of 5 bits (60 bits), grouped as XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def normalise_receipt_code(code: str) -> str:
    cleaned = code.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return cleaned


def receipt_hash(code: str) -> str:
    """HMAC-SHA256 keyed by SECRET_KEY: the code has 60 random bits, so a slow KDF adds nothing."""
    key = hashlib.sha256(("receipt:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, normalise_receipt_code(code).encode(), hashlib.sha256).hexdigest()


def receipt_matches(code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(receipt_hash(code), stored_hash)


def new_opaque_code() -> str:
    return secrets.token_urlsafe(12)
