"""`manage.py documents_certificate install` loads a body's PKCS#12 (what BSrE hands out) and the body signs
with it from then on; a wrong passphrase is a clear error, not a traceback."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command

from netralitas.documents import pades
from netralitas.documents.models import IssuingBody, SigningCertificate

pytestmark = pytest.mark.usefixtures("bodies")


def _bundle(path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Satgas Netralitas (uji BSrE)")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(9)
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"satgas", key, certificate, None, serialization.BestAvailableEncryption(b"rahasia")
        )
    )


def test_install_list_and_a_wrong_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "satgas.p12"
    _bundle(bundle)
    monkeypatch.setenv("P12_PASS", "salah")
    with pytest.raises(CommandError, match="PKCS#12"):
        call_command(
            "documents_certificate",
            "install",
            "--body",
            "satgas",
            "--pkcs12",
            str(bundle),
            "--passphrase-env",
            "P12_PASS",
        )
    monkeypatch.setenv("P12_PASS", "rahasia")
    out = io.StringIO()
    call_command(
        "documents_certificate",
        "install",
        "--body",
        "satgas",
        "--pkcs12",
        str(bundle),
        "--passphrase-env",
        "P12_PASS",
        stdout=out,
    )
    assert "uji BSrE" in out.getvalue()
    body = IssuingBody.objects.get(code="satgas")
    installed = SigningCertificate.objects.get(body=body, active=True)
    assert pades.certificate_for(body) == installed and not installed.demo
    listing = io.StringIO()
    call_command("documents_certificate", "list", stdout=listing)
    assert "satgas" in listing.getvalue() and installed.fingerprint[:16] in listing.getvalue()
    with pytest.raises(CommandError):
        call_command("documents_certificate", "install", "--body", "tidak-ada", "--pkcs12", str(bundle))
    pem = io.StringIO()
    call_command("documents_certificate", "ca-pem", stdout=pem)
    assert pem.getvalue().startswith("-----BEGIN CERTIFICATE-----")
