"""RFC 3161 timestamps for capture hashes: ask the configured authority (TSA), verify what it answers.

``request_token`` sends a ``TimeStampReq`` for a SHA-256 digest to ``CAPTURE_TSA_URL`` and returns the
token (a CMS ``SignedData`` ContentInfo, DER). ``verify_token`` checks, against the TSA certificate in
``CAPTURE_TSA_CERT`` (PEM): that the token's message imprint is the digest, that the signed
``message-digest`` attribute is the hash of the TSTInfo, and the signature over the signed attributes;
it returns the TSA's time. Without a configured TSA nothing is asked, and the page says the audit chain's
time is the one shown. See ADR 0017.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import urllib.request
from pathlib import Path

from asn1crypto import cms, tsp
from cryptography import x509 as cx509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from django.conf import settings
from django.utils.translation import gettext as _

_HASHES: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class TimestampError(Exception):
    """The authority refused, was unreachable, or its token does not verify; the message says which."""


def configured() -> bool:
    return bool(getattr(settings, "CAPTURE_TSA_URL", ""))


def request_token(digest: bytes) -> bytes:
    """Asks the TSA for a token over ``digest`` (SHA-256) and returns it, verified."""
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
            "nonce": secrets.randbits(63),
            "cert_req": True,
        }
    )
    http = urllib.request.Request(  # noqa: S310 (the administrator's configured https/http TSA)
        settings.CAPTURE_TSA_URL,
        data=request.dump(),
        headers={"Content-Type": "application/timestamp-query"},
    )
    try:
        with urllib.request.urlopen(http, timeout=settings.CAPTURE_TIMEOUT_SECONDS) as answer:  # noqa: S310
            body = answer.read(1024 * 1024)
    except OSError as error:
        raise TimestampError(
            _("Otoritas cap waktu tidak dapat dihubungi: %(error)s") % {"error": error}
        ) from None
    try:
        response = tsp.TimeStampResp.load(body)
        status = response["status"]["status"].native
    except (ValueError, TypeError) as error:
        raise TimestampError(
            _("Jawaban otoritas cap waktu tidak terbaca: %(error)s") % {"error": error}
        ) from None
    if status not in ("granted", "granted_with_mods"):
        raise TimestampError(
            _("Otoritas cap waktu menolak permintaan (status %(status)s).") % {"status": status}
        )
    token = response["time_stamp_token"].dump()
    tst_info = _tst_info(cms.ContentInfo.load(token))
    if tst_info["nonce"].native != request["nonce"].native:
        raise TimestampError(_("Nonce jawaban otoritas cap waktu tidak sama dengan permintaan."))
    verify_token(token, digest)
    return token


def _tst_info(content: cms.ContentInfo) -> tsp.TSTInfo:
    encap = content["content"]["encap_content_info"]
    if encap["content_type"].native != "tst_info":
        raise TimestampError(_("Token bukan cap waktu RFC 3161."))
    parsed = encap["content"].parsed
    if not isinstance(parsed, tsp.TSTInfo):
        parsed = tsp.TSTInfo.load(encap["content"].contents)
    return parsed


def _tsa_certificate() -> cx509.Certificate:
    path = getattr(settings, "CAPTURE_TSA_CERT", "")
    if not path:
        raise TimestampError(_("Sertifikat otoritas cap waktu (CAPTURE_TSA_CERT) belum diatur."))
    return cx509.load_pem_x509_certificate(Path(path).read_bytes())


def verify_token(token: bytes, digest: bytes) -> dt.datetime:
    """Returns the TSA's time for ``digest`` if ``token`` verifies; raises ``TimestampError`` otherwise."""
    try:
        content = cms.ContentInfo.load(token)
        signed = content["content"]
        tst_info = _tst_info(content)
        imprint = tst_info["message_imprint"]
        if imprint["hash_algorithm"]["algorithm"].native != "sha256":
            raise TimestampError(_("Cap waktu tidak memakai SHA-256."))
        if imprint["hashed_message"].native != digest:
            raise TimestampError(_("Cap waktu bukan untuk hash ini."))
        signer: cms.SignerInfo = signed["signer_infos"][0]
        hash_name = signer["digest_algorithm"]["algorithm"].native
        if hash_name not in _HASHES:
            raise TimestampError(_("Algoritme hash %(name)s tidak didukung.") % {"name": hash_name})
        encapsulated = signed["encap_content_info"]["content"].contents
        attrs = {a["type"].native: a["values"][0].native for a in signer["signed_attrs"]}
        if attrs.get("message_digest") != hashlib.new(hash_name, encapsulated).digest():
            raise TimestampError(_("Isi cap waktu telah diubah (message-digest tidak cocok)."))
        # The signature covers the attributes DER-encoded as a SET OF, not with their [0] IMPLICIT tag.
        _check_signature(signer, b"\x31" + signer["signed_attrs"].dump()[1:], hash_name)
    except TimestampError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise TimestampError(_("Token cap waktu tidak terbaca: %(error)s") % {"error": error}) from None
    return tst_info["gen_time"].native


def _check_signature(signer: cms.SignerInfo, data: bytes, hash_name: str) -> None:
    key = _tsa_certificate().public_key()
    signature = signer["signature"].native
    algorithm = _HASHES[hash_name]()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            raise TimestampError(_("Jenis kunci otoritas cap waktu tidak didukung."))
    except InvalidSignature:
        raise TimestampError(_("Tanda tangan cap waktu tidak sah untuk sertifikat yang diatur.")) from None
