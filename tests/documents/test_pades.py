"""Every issued PDF carries the issuing body's PAdES signature: pyHanko's validator accepts the file as
issued and rejects it after one byte is changed; the public SHA-256 is of the signed file."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from typing import Any as SettingsWrapper

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.db import transaction
from django.utils import timezone

from netralitas.documents import pades
from netralitas.documents.models import CertificateRole, Document, IssuingBody, LetterKind, SigningCertificate
from netralitas.documents.samples import SAMPLES
from netralitas.documents.services import DocumentError, document_issue, document_rendered

pytestmark = pytest.mark.usefixtures("bodies")

DAY = timezone.make_aware(dt.datetime(2024, 12, 5, 10, 0))


def issue(kind: str = LetterKind.WARNING, body: IssuingBody | None = None) -> Document:
    body_code, subject, addressee, copies, context = SAMPLES[kind]
    return document_issue(
        body=body or IssuingBody.objects.get(code=body_code),
        kind=kind,
        subject=subject,
        addressee=addressee,
        copies=copies,
        context=context,
        actor=None,
        now=DAY,
    )


def content(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def roots_of(document: Document) -> list[Any]:
    assert document.certificate is not None
    return pades.trust_roots(document.certificate)


def test_an_issued_file_validates_with_the_bodys_certificate_and_the_hash_is_of_the_signed_file() -> None:
    document = issue()
    data = content(document)
    check = pades.validate_pdf(data, pades.trust_roots(document.certificate))  # type: ignore[arg-type]
    assert check.valid, check.summary
    assert document.body.name[:20] in check.signer
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert document.certificate is not None and document.certificate.body == document.body


def test_one_changed_byte_breaks_the_signature() -> None:
    document = issue()
    data = bytearray(content(document))
    # A byte inside the signed range that keeps the file parseable: a letter of the producer's name.
    at = data.index(b"/Producer") + len(b"/Producer (") + 2
    data[at] = data[at] ^ 0x01
    check = pades.validate_pdf(bytes(data), pades.trust_roots(document.certificate))  # type: ignore[arg-type]
    assert check.signed and not check.intact and not check.valid


def test_a_file_signed_by_another_ca_is_not_trusted() -> None:
    document = issue()
    other_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Lain")])
    other = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(other_key.public_key())
        .serial_number(1)
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(other_key, hashes.SHA256())
    )
    from asn1crypto import x509 as asn1_x509

    root = asn1_x509.Certificate.load(other.public_bytes(serialization.Encoding.DER))
    check = pades.validate_pdf(content(document), [root])
    assert check.signed and check.intact and not check.trusted


def test_each_body_has_its_own_certificate_from_one_demo_ca() -> None:
    bkn, satgas = issue(LetterKind.WARNING), issue(LetterKind.FORWARDING)
    assert bkn.certificate != satgas.certificate
    assert SigningCertificate.objects.filter(role=CertificateRole.CA, active=True).count() == 1
    stored = SigningCertificate.objects.get(pk=bkn.certificate_id)  # type: ignore[misc]
    assert b"PRIVATE KEY" not in bytes(stored.key_encrypted)  # encrypted at rest


def test_an_installed_pkcs12_certificate_signs_from_then_on() -> None:
    body = IssuingBody.objects.get(code="bkn")
    issue()
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Badan Kepegawaian Negara (uji BSrE)")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    bundle = pkcs12.serialize_key_and_certificates(
        b"bkn", key, certificate, None, serialization.BestAvailableEncryption(b"rahasia")
    )
    with pytest.raises(pades.CertificateError):
        pades.install_pkcs12(body=body, data=bundle, passphrase=b"salah")
    installed = pades.install_pkcs12(body=body, data=bundle, passphrase=b"rahasia")
    document = issue()
    assert document.certificate == installed and not installed.demo
    from asn1crypto import x509 as asn1_x509

    root = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    check = pades.validate_pdf(content(document), [root])
    assert check.intact and "uji BSrE" in check.signer


def test_without_the_demo_ca_a_body_without_a_certificate_cannot_issue(settings: SettingsWrapper) -> None:
    settings.DOCUMENT_DEMO_CA = False
    with pytest.raises(DocumentError, match="sertifikat"):
        issue()
    assert not Document.objects.exists()


def test_inside_a_callers_transaction_the_file_is_rendered_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # A caller's own atomic block (the case lock): the row and number now, the file once it commits.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        pending = issue()
        assert pending.number and not pending.rendered and not pending.file
    assert len(callbacks) == 1
    pending.refresh_from_db()
    assert pending.rendered and pending.render_input is None and content(pending)[:5] == b"%PDF-"


def test_a_document_left_unrendered_renders_once_on_access() -> None:
    with transaction.atomic():  # no commit callback runs inside the test's transaction
        pending = issue()
    assert not Document.objects.get(pk=pending.pk).rendered
    first = document_rendered(Document.objects.get(pk=pending.pk))
    again = document_rendered(Document.objects.get(pk=pending.pk))
    assert first.sha256 == again.sha256 and first.file.name == again.file.name
