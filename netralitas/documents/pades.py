"""PAdES signatures (pyHanko) embedded in every issued PDF, with the certificate of the issuing body.

A body signs with the active ``SigningCertificate`` of its own: in production one an administrator
installed from the body's BSrE PKCS#12 file (``manage.py documents_certificate install``); in dev and test,
when ``DOCUMENT_DEMO_CA`` is on, one that a local demo CA issues at first use. Private keys are stored
encrypted with the reporter encryption keys (core.crypto), never in the repository. ADR 0027."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import IntegrityError, transaction

from netralitas.core import clock
from netralitas.core.crypto import decrypt_json, encrypt_json

from .models import CertificateRole, IssuingBody, SigningCertificate

DEMO_CA_NAME = "Netralitas Demo CA (bukan BSrE)"
CERTIFICATE_YEARS = 3


class CertificateError(ValueError):
    pass


def real_now() -> dt.datetime:
    """Wall-clock time (certificates and signatures are checked against it, not against the demo clock)."""
    offset = clock.demo_offset()
    return clock.now() - offset if offset else clock.now()


def _validity() -> tuple[dt.datetime, dt.datetime]:
    # The certificate covers both the wall clock and the demo clock (a season replayed in 2024).
    moments = [real_now(), clock.now()]
    return min(moments) - dt.timedelta(days=1), max(moments) + dt.timedelta(days=365 * CERTIFICATE_YEARS)


def _pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _key_pem(key: PrivateKeyTypes) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _store(
    *,
    body: IssuingBody | None,
    role: str,
    certificate: x509.Certificate,
    key_pem: str,
    chain: list[x509.Certificate],
    demo: bool,
) -> SigningCertificate:
    return SigningCertificate.objects.create(
        body=body,
        role=role,
        demo=demo,
        subject=certificate.subject.rfc4514_string()[:300],
        issuer=certificate.issuer.rfc4514_string()[:300],
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(),
        certificate_pem=_pem(certificate),
        chain_pem="".join(_pem(c) for c in chain),
        key_encrypted=encrypt_json({"key": key_pem}),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        installed_at=clock.now(),
    )


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common[:64]),
        ]
    )


def demo_ca() -> SigningCertificate:
    """The demo CA, created at first use (one active at a time: a concurrent creator's row wins)."""
    existing = SigningCertificate.objects.filter(
        role=CertificateRole.CA, body__isnull=True, active=True
    ).first()
    if existing is not None:
        return existing
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(DEMO_CA_NAME, "Netralitas ASN (demo)")
    not_before, not_after = _validity()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    try:
        with transaction.atomic():
            return _store(
                body=None,
                role=CertificateRole.CA,
                certificate=certificate,
                key_pem=_key_pem(key),
                chain=[],
                demo=True,
            )
    except IntegrityError:
        return SigningCertificate.objects.get(role=CertificateRole.CA, body__isnull=True, active=True)


def _load_certificate(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode())


def _load_key(stored: SigningCertificate) -> str:
    return str(decrypt_json(bytes(stored.key_encrypted))["key"])


def _issue_demo_signer(body: IssuingBody) -> SigningCertificate:
    ca = demo_ca()
    ca_certificate = _load_certificate(ca.certificate_pem)
    ca_key = serialization.load_pem_private_key(_load_key(ca).encode(), password=None)
    key = ec.generate_private_key(ec.SECP256R1())
    not_before, not_after = _validity()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(body.name, body.name))
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(min(not_after, ca_certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_certificate.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    try:
        with transaction.atomic():
            return _store(
                body=body,
                role=CertificateRole.SIGNER,
                certificate=certificate,
                key_pem=_key_pem(key),
                chain=[ca_certificate],
                demo=True,
            )
    except IntegrityError:
        return SigningCertificate.objects.get(body=body, role=CertificateRole.SIGNER, active=True)


def certificate_for(body: IssuingBody) -> SigningCertificate:
    """The body's active signing certificate; with the demo CA on, one is issued at first use."""
    stored = SigningCertificate.objects.filter(body=body, role=CertificateRole.SIGNER, active=True).first()
    if stored is not None:
        return stored
    if not settings.DOCUMENT_DEMO_CA:
        raise CertificateError(
            f"Badan penerbit {body.short_name} belum mempunyai sertifikat tanda tangan elektronik (BSrE): "
            "pasang dengan manage.py documents_certificate install."
        )
    return _issue_demo_signer(body)


def install_pkcs12(*, body: IssuingBody, data: bytes, passphrase: bytes | None) -> SigningCertificate:
    """Installs a body's certificate, key and chain from a PKCS#12 file (what BSrE hands out); the body's
    previous certificate stops signing (documents it signed stay verifiable)."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError as error:
        raise CertificateError(f"Berkas PKCS#12 tidak dapat dibuka: {error}") from None
    if key is None or certificate is None:
        raise CertificateError("Berkas PKCS#12 tidak memuat kunci privat dan sertifikat.")
    with transaction.atomic():
        SigningCertificate.objects.filter(body=body, role=CertificateRole.SIGNER, active=True).update(
            active=False
        )
        return _store(
            body=body,
            role=CertificateRole.SIGNER,
            certificate=certificate,
            key_pem=_key_pem(key),
            chain=list(chain),
            demo=False,
        )


@dataclass(frozen=True)
class SignatureLabels:
    name: str
    reason: str
    location: str
    contact: str


def _asn1_certificates(pem: str) -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in (x509.load_pem_x509_certificates(pem.encode()) if pem.strip() else [])
    ]


def sign_pdf(pdf: bytes, stored: SigningCertificate, labels: SignatureLabels) -> bytes:
    """The PDF with a PAdES B-B signature (incremental update covering the whole rendered file)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = serialization.load_pem_private_key(_load_key(stored).encode(), password=None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=_asn1_certificates(stored.certificate_pem)[0],
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(_asn1_certificates(stored.chain_pem)),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name="TandaTanganElektronik",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=labels.name[:200] or None,
        reason=labels.reason,
        location=labels.location,
        contact_info=labels.contact or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()


def trust_roots(stored: SigningCertificate) -> list[asn1_x509.Certificate]:
    """The roots a validator trusts for a document: the demo CA for demo certificates, else the chain's
    self-signed certificates (the BSrE root)."""
    chain = _asn1_certificates(stored.chain_pem)
    roots = [c for c in chain if c.self_signed]
    return roots or chain


@dataclass(frozen=True)
class PadesCheck:
    signed: bool
    intact: bool
    trusted: bool
    signer: str
    summary: str

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted


def validate_pdf(pdf: bytes, roots: list[asn1_x509.Certificate]) -> PadesCheck:
    """pyHanko's validator on the file's (last) embedded signature, trusting ``roots``."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:  # a damaged file is an unsigned file for the holder
        return PadesCheck(False, False, False, "", f"berkas rusak: {error}")
    if not signatures:
        return PadesCheck(False, False, False, "", "tanpa tanda tangan")
    try:
        status = validate_pdf_signature(
            signatures[-1],
            ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"),
        )
    except Exception as error:
        return PadesCheck(True, False, False, "", f"tidak dapat divalidasi: {error}")
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    return PadesCheck(
        True, bool(status.intact and status.valid), bool(status.trusted), signer, status.summary()
    )
