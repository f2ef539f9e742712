"""Ed25519 signatures of issued files' SHA-256, with the key of ``DOCUMENT_SIGNING_KEY``.

The verification page recomputes the check with the public key, so a row whose hash was altered in the
database no longer verifies. Keys rotate: the key id is stored with each document and
``DOCUMENT_SIGNING_OLD_KEYS`` keeps older keys verifiable."""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings


def _private_key(seed: str) -> Ed25519PrivateKey:
    raw = base64.urlsafe_b64decode(seed + "=" * (-len(seed) % 4))
    if len(raw) != 32:
        raise ValueError("DOCUMENT_SIGNING_KEY must be 32 bytes, base64-encoded")
    return Ed25519PrivateKey.from_private_bytes(raw)


def _keys() -> list[Ed25519PrivateKey]:
    return [
        _private_key(seed) for seed in [settings.DOCUMENT_SIGNING_KEY, *settings.DOCUMENT_SIGNING_OLD_KEYS]
    ]


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_bytes(key)).hexdigest()[:16]


def _message(sha256: str, number: str, code: str) -> bytes:
    return f"netralitas-document:v1:{code}:{number}:{sha256}".encode()


def sign(*, sha256: str, number: str, code: str) -> tuple[str, str]:
    """(hex signature, key id) with the current key."""
    key = _keys()[0]
    return key.sign(_message(sha256, number, code)).hex(), key_id(key.public_key())


def current_public_key() -> tuple[str, str]:
    """(key id, base64 public key) for the verification page and the README's instructions."""
    public = _keys()[0].public_key()
    return key_id(public), base64.b64encode(public_bytes(public)).decode()


def verify(*, sha256: str, number: str, code: str, signature: str, key: str) -> bool:
    for private in _keys():
        public = private.public_key()
        if key_id(public) != key:
            continue
        try:
            public.verify(bytes.fromhex(signature), _message(sha256, number, code))
        except (InvalidSignature, ValueError):
            return False
        return True
    return False
