"""Evidence files for the demo season: small generated screenshots (PNG) and one-page letters (PDF).

Each file goes through the project's evidence pipeline (``cases.evidence.clean_upload``: type by
content, metadata stripped, SHA-256 of the stored bytes) and Django's default storage, as the portal's
``evidence_add`` would, with the same ``evidence_added`` case event (and so an audit entry) at the
moment the reporter attached it, a minute after the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import textwrap
from dataclasses import dataclass
from functools import cache

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from netralitas.cases.evidence import CleanFile, clean_upload
from netralitas.cases.models import Evidence
from netralitas.cases.workflow import Status

from .national_types import EventSpec, History

MAX_FILES = 240
_APPS = {"Facebook": "#1877f2", "Instagram": "#c13584", "TikTok": "#111111", "WhatsApp": "#25d366",
         "X": "#000000"}  # fmt: skip


@dataclass(frozen=True)
class PendingFile:
    index: int  # the history's plan index (its case id is known after writing)
    clean: CleanFile
    uploaded_at: dt.datetime


@cache
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=15)


def _screenshot(history: History, rng: random.Random) -> bytes:
    app = next((a for a in _APPS if a in history.plan.description), rng.choice(list(_APPS)))
    image = Image.new("RGB", (480, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 480, 44), fill=_APPS[app])
    font = _font()
    draw.text((14, 12), f"{app}  ·  tangkapan layar", fill="white", font=font)
    draw.ellipse((14, 60, 54, 100), fill="#cccccc")
    draw.text((64, 70), history.plan.reported_name or "Akun pribadi terlapor", fill="#222222", font=font)
    y = 116
    for line in textwrap.wrap(history.plan.description, 52)[:6]:
        draw.text((14, y), line, fill="#333333", font=font)
        y += 22
    day = history.incident_date.strftime("%d-%m-%Y")
    draw.text((14, 290), f"Diunggah {day} · {rng.randint(12, 900)} suka", fill="#777777", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _letter(history: History, rng: random.Random) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A5)
    width, height = A5
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, height - 50, "LAPORAN DUGAAN PELANGGARAN NETRALITAS ASN")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(40, height - 70, f"Tanggal kejadian: {history.incident_date:%d-%m-%Y}")
    y = height - 100
    for line in textwrap.wrap(history.plan.description, 70):
        pdf.drawString(40, y, line)
        y -= 14
    pdf.drawString(40, y - 20, "Bukti terlampir: foto dan keterangan saksi.")
    pdf.drawString(width - 180, 60, f"Pelapor ({rng.choice(('warga', 'pengawas desa', 'rekan kerja'))})")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def attach_evidence(
    histories: list[History], first_provinces: set[int], rng: random.Random
) -> list[PendingFile]:
    """Chooses cases (those in ``first_provinces`` first), makes their files and adds the
    ``evidence_added`` events to their histories; ``store_evidence`` stores the files once the cases
    exist."""
    chosen = [h for h in histories if h.status != Status.CANCELLED]
    rng.shuffle(chosen)
    chosen.sort(key=lambda h: h.plan.province_id not in first_provinces)
    pending = []
    for history in chosen[:MAX_FILES]:
        social = any(code in history.plan.description for code in ("akun", "unggah", "membagikan"))
        kind = "png" if social or history.plan.links or rng.random() < 0.5 else "pdf"
        data = _screenshot(history, rng) if kind == "png" else _letter(history, rng)
        name = f"bukti-{rng.randint(1, 999):03d}.{kind}"
        clean = clean_upload(io.BytesIO(data), name)
        at = history.received_at + dt.timedelta(seconds=rng.randint(20, 240))
        nxt = [e.at for e in history.events if e.at > history.received_at]
        if nxt and at >= min(nxt):
            at = history.received_at + (min(nxt) - history.received_at) / 2
        data_row = {"sha256": clean.sha256, "content_type": clean.content_type, "size": len(clean.content),
                    "from_reporter": True}  # fmt: skip
        history.events.append(EventSpec(at, "evidence_added", None, data=data_row))
        pending.append(PendingFile(history.plan.index, clean, at))
    return pending


def store_evidence(files: list[PendingFile], pk_of: dict[int, int]) -> int:
    rows = []
    for n, pending in enumerate(files):
        clean = pending.clean
        evidence = Evidence(
            case_id=pk_of[pending.index], original_name=clean.name, content_type=clean.content_type,
            size=len(clean.content), sha256=clean.sha256, uploaded_at=pending.uploaded_at,
            uploaded_by=None, from_reporter=True)  # fmt: skip
        stem = hashlib.sha256(f"{clean.sha256}:{n}".encode()).hexdigest()[:24]
        evidence.file.save(f"{stem}.{clean.extension}", ContentFile(clean.content), save=False)
        rows.append(evidence)
    Evidence.objects.bulk_create(rows, batch_size=500)
    return len(rows)
