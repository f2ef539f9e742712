"""Letters as HTML + CSS (Django templates) turned into A4 PDFs by WeasyPrint, with the fonts shipped here.

``letter_pdf`` knows the parts of every naskah dinas (kop, nomor/sifat/lampiran/hal, place and date,
addressee, signatory block, tembusan, the verification QR code and "Halaman x dari y"); the letter's own
text comes from ``templates/documents/letters/<kind>.html`` and the caller's context."""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils import formats, translation

from .emblem import placeholder_svg
from .models import IssuingBody, Signatory

FONTS_DIR = Path(__file__).resolve().parent / "fonts"


def id_date(day: dt.date) -> str:
    """5 Desember 2024, whatever the active language."""
    with translation.override("id"):
        return formats.date_format(day, "j F Y")


def _data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def logo_uri(body: IssuingBody) -> str:
    if body.logo:
        with body.logo.open("rb") as handle:
            content = handle.read()
        mime = mimetypes.guess_type(body.logo.name)[0] or "image/png"
        return _data_uri(content, mime)
    initials = body.short_name if len(body.short_name) <= 4 else ""
    if not initials:  # the capitalised words of the name: Kementerian Dalam Negeri → KDN
        initials = "".join(word[0] for word in body.name.split() if word[:1].isupper())[:4] or body.code
    return _data_uri(placeholder_svg(body.code, initials).encode(), "image/svg+xml")


def qr_uri(url: str) -> str:
    # PNG, not SVG: WeasyPrint lays out an SVG QR code (hundreds of modules) in about a second, a PNG in
    # milliseconds, and the letter is rendered while the numbering counter is locked.
    return str(segno.make(url, error="m").png_data_uri(scale=8, border=1))


@dataclass(frozen=True)
class LetterParts:
    """What every letter has besides its text."""

    body: IssuingBody
    kind: str
    number: str
    day: dt.date
    subject: str
    addressee: list[str]
    signatory: Signatory | None
    code: str
    verification_url: str
    classification: str = "Biasa"
    attachment: str = "-"
    copies: list[str] = field(default_factory=list)


def letter_html(parts: LetterParts, context: dict[str, Any]) -> str:
    with translation.override("id"):
        return render_to_string(
            f"documents/letters/{parts.kind}.html",
            {
                **context,
                "parts": parts,
                "fonts": FONTS_DIR.as_uri(),
                "logo": logo_uri(parts.body),
                "qr": qr_uri(parts.verification_url),
                "place_date": f"{parts.body.city}, {id_date(parts.day)}",
            },
        )


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango at import time, which only the processes that issue need.
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=FONTS_DIR.as_uri() + "/")
    pdf: bytes = document.write_pdf() or b""
    return pdf


def letter_pdf(parts: LetterParts, context: dict[str, Any]) -> bytes:
    return html_to_pdf(letter_html(parts, context))
