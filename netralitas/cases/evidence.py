"""Evidence files on a case: content sniffing, size limits, metadata stripping, hashing and storage.

A file's type is decided by its bytes (``filetype``), never by its name. Nothing that identifies the
reporter reaches the disk: photos are re-encoded by Pillow without their metadata (EXIF, including GPS);
PDFs lose their Info dictionary, XMP and active content (JavaScript, launch actions, embedded files) and
MP4 videos their tag, location and XMP boxes and timestamps (``scrub``). A type we cannot clean (WebM,
whose Matroska tags no maintained pure-Python library rewrites) is refused. The SHA-256 is of the stored
bytes. Files go through Django's default storage under a random name.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, ImageOps, UnidentifiedImageError

from netralitas.accounts.models import User
from netralitas.core import clock

from .models import Case, CaseEvent, Evidence
from .scrub import ScrubError, scrub_mp4, scrub_pdf
from .services import CaseError, _record_event, lock_case
from .workflow import is_final

IMAGE_TYPES = {"image/jpeg": ("jpg", "JPEG"), "image/png": ("png", "PNG"), "image/webp": ("webp", "WEBP")}
OTHER_TYPES = {"application/pdf": "pdf", "video/mp4": "mp4"}
UNCLEANABLE_TYPES = {"video/webm": "WebM", "video/x-matroska": "MKV", "video/quicktime": "MOV"}
ACCEPTED_LABEL = gettext_noop("JPEG, PNG, WebP, PDF atau MP4")
_MAX_PIXELS = 80_000_000  # a decompression bomb is refused rather than re-encoded
_MB = 1024 * 1024


class EvidenceError(CaseError):
    """A refused file; the message names the file and says what to do."""


@dataclass(frozen=True)
class CleanFile:
    """A checked file ready to be stored: its bytes (metadata stripped for photos) and detected type."""

    name: str
    content: bytes
    content_type: str
    extension: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def max_bytes(content_type: str) -> int:
    if content_type in IMAGE_TYPES:
        return int(getattr(settings, "PORTAL_MAX_IMAGE_MB", 10)) * _MB
    if content_type.startswith("video/"):
        return int(getattr(settings, "PORTAL_MAX_VIDEO_MB", 50)) * _MB
    return int(getattr(settings, "PORTAL_MAX_PDF_MB", 10)) * _MB


def _read(upload: IO[bytes]) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    return data if isinstance(data, bytes) else bytes(data)


def _strip_image(name: str, data: bytes, pillow_format: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > _MAX_PIXELS:
                raise EvidenceError(
                    _("Gambar %(name)s terlalu besar resolusinya; kecilkan lalu unggah lagi.")
                    % {"name": name}
                )
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF we drop described
            if pillow_format == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            options: dict[str, object] = {"quality": 90} if pillow_format in ("JPEG", "WEBP") else {}
            upright.save(out, format=pillow_format, **options)  # no exif=, no pnginfo=: metadata dropped
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise EvidenceError(
            _("Gambar %(name)s rusak atau tidak dapat dibaca; unggah berkas lain.") % {"name": name}
        ) from error


def _strip_pdf(name: str, data: bytes) -> bytes:
    try:
        return scrub_pdf(data)
    except ScrubError as error:
        if str(error) == "encrypted":
            raise EvidenceError(
                _("PDF %(name)s dilindungi kata sandi; simpan ulang tanpa kata sandi lalu unggah lagi.")
                % {"name": name}
            ) from error
        raise EvidenceError(
            _("PDF %(name)s rusak atau tidak dapat dibaca; unggah berkas lain.") % {"name": name}
        ) from error


def _strip_mp4(name: str, data: bytes) -> bytes:
    try:
        return scrub_mp4(data)
    except ScrubError as error:
        raise EvidenceError(
            _("Video %(name)s rusak atau tidak dapat dibaca; unggah berkas lain.") % {"name": name}
        ) from error


def clean_upload(upload: IO[bytes], name: str) -> CleanFile:
    """Checks one uploaded file by content and size and strips its metadata; raises EvidenceError."""
    display = (name or "berkas").rsplit("/", 1)[-1][:120]
    data = _read(upload)
    if not data:
        raise EvidenceError(_("Berkas %(name)s kosong; pilih berkas yang berisi.") % {"name": display})
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else ""
    if mime in UNCLEANABLE_TYPES:
        raise EvidenceError(
            _(
                "Video %(name)s berformat %(format)s, yang keterangan tersembunyinya (metadata) "
                "belum dapat kami hapus; simpan atau ubah video ke MP4 lalu unggah lagi."
            )
            % {"name": display, "format": UNCLEANABLE_TYPES[mime]}
        )
    if mime not in IMAGE_TYPES and mime not in OTHER_TYPES:
        raise EvidenceError(
            _(
                "Berkas %(name)s bukan %(accepted)s menurut isinya (nama berkas tidak menentukan jenis); "
                "unggah foto, PDF atau video."
            )
            % {"name": display, "accepted": _(ACCEPTED_LABEL)}
        )
    limit = max_bytes(mime)
    if len(data) > limit:
        raise EvidenceError(
            _(
                "Berkas %(name)s berukuran %(size).1f MB; batasnya %(limit)d MB untuk jenis ini. "
                "Perkecil atau potong berkas lalu unggah lagi."
            )
            % {"name": display, "size": len(data) / _MB, "limit": limit // _MB}
        )
    if mime in IMAGE_TYPES:
        extension, pillow_format = IMAGE_TYPES[mime]
        data = _strip_image(display, data, pillow_format)
    else:
        extension = OTHER_TYPES[mime]
        data = _strip_pdf(display, data) if mime == "application/pdf" else _strip_mp4(display, data)
    return CleanFile(name=display, content=data, content_type=mime, extension=extension)


def _store(case: Case, clean: CleanFile, *, from_reporter: bool, actor: User | None) -> Evidence:
    evidence = Evidence(
        case=case,
        original_name=clean.name[:255],
        content_type=clean.content_type,
        size=len(clean.content),
        sha256=clean.sha256,
        uploaded_at=clock.now(),
        uploaded_by=actor,
        from_reporter=from_reporter,
    )
    evidence.file.save(
        f"{secrets.token_urlsafe(18)}.{clean.extension}", ContentFile(clean.content), save=False
    )
    stored_name = evidence.file.name
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(stored_name)
        raise
    return evidence


def evidence_add(
    *, case: Case, upload: IO[bytes], from_reporter: bool, actor: User | None = None, name: str = ""
) -> Evidence:
    """Adds one evidence file to a case (checked, stripped, hashed, stored) with a case and audit event."""
    clean = clean_upload(upload, name or getattr(upload, "name", "") or "berkas")
    with transaction.atomic():
        locked = lock_case(case)
        evidence = _store(locked, clean, from_reporter=from_reporter, actor=actor)
        _record_event(
            locked,
            actor=actor,
            action="evidence_added",
            at=evidence.uploaded_at,
            data={
                "sha256": evidence.sha256,
                "content_type": evidence.content_type,
                "size": evidence.size,
                "from_reporter": from_reporter,
            },
        )
    return evidence


def reporter_add_information(*, case: Case, text: str, uploads: Iterable[IO[bytes]]) -> CaseEvent:
    """The reporter adds a note and/or files to their own report (found by number + receipt code)."""
    files = list(uploads)
    text = (text or "").strip()
    if not text and not files:
        raise EvidenceError(_("Tulis keterangan tambahan atau lampirkan berkas."))
    limit = int(getattr(settings, "PORTAL_MAX_FILES", 5))
    if len(files) > limit:
        raise EvidenceError(
            _("Paling banyak %(n)d berkas sekaligus; hapus sebagian lalu kirim lagi.") % {"n": limit}
        )
    cleaned = [clean_upload(f, getattr(f, "name", "") or "berkas") for f in files]
    with transaction.atomic():
        locked = lock_case(case)
        if is_final(locked.status):
            raise EvidenceError(
                _("Laporan %(number)s sudah selesai ditangani; keterangan tambahan tidak dapat diterima.")
                % {"number": locked.number}
            )
        now = clock.now()
        stored = [_store(locked, clean, from_reporter=True, actor=None) for clean in cleaned]
        return _record_event(
            locked,
            actor=None,
            action="reporter_information",
            at=now,
            note=text,
            data={
                "by": "pelapor",
                "files": [
                    {"sha256": e.sha256, "content_type": e.content_type, "size": e.size} for e in stored
                ],
            },
        )
