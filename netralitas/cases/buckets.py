"""The published count buckets: one definition of each count, shared by dashboards, open data and the API,
so that every agency publishes the same numbers for the same records (domain.md §1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .workflow import Status


@dataclass(frozen=True)
class Bucket:
    code: str
    label: str
    statuses: frozenset[str]
    definition: str
    definition_en: str


BUCKETS: tuple[Bucket, ...] = (
    Bucket(
        "menunggu_verifikasi",
        "Menunggu verifikasi",
        frozenset({Status.RECEIVED, Status.VERIFICATION}),
        "Laporan diterima yang belum selesai diverifikasi Satgas Netralitas "
        "(status diterima atau verifikasi).",
        "Reports received and not yet verified by the Satgas (received or under verification).",
    ),
    Bucket(
        "dikaji_bawaslu",
        "Dikaji Bawaslu",
        frozenset({Status.REVIEW}),
        "Laporan yang diteruskan ke Bawaslu dan sedang dikaji.",
        "Reports forwarded to Bawaslu and under review.",
    ),
    Bucket(
        "menunggu_rekomendasi",
        "Terbukti, menunggu rekomendasi",
        frozenset({Status.PROVEN}),
        "Pelanggaran terbukti menurut kajian Bawaslu; rekomendasi belum dikirim BKN kepada PPK.",
        "Violation proven by Bawaslu; the recommendation has not yet been sent to the PPK.",
    ),
    Bucket(
        "menunggu_ppk",
        "Menunggu tindak lanjut PPK",
        frozenset({Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK}),
        "Rekomendasi telah dikirim kepada PPK dan keputusan sanksi belum dicatat atau belum selesai "
        "diperiksa auditor.",
        "Recommendation sent to the PPK; no sanction decision recorded, or the decree is still being checked "
        "by the auditor.",
    ),
    Bucket(
        "disanksi",
        "Disanksi",
        frozenset({Status.SANCTIONED}),
        "PPK telah menjatuhkan sanksi dan keputusannya tercatat.",
        "The PPK imposed a sanction and the decree is on record.",
    ),
    Bucket(
        "tidak_terbukti",
        "Tidak terbukti",
        frozenset({Status.NOT_PROVEN}),
        "Kajian Bawaslu menyimpulkan pelanggaran tidak terbukti.",
        "Bawaslu concluded that no violation was proven.",
    ),
    Bucket(
        "ditolak",
        "Ditolak",
        frozenset({Status.REJECTED}),
        "Laporan ditolak pada verifikasi (tidak memenuhi syarat).",
        "Report rejected at verification.",
    ),
    Bucket(
        "dibatalkan",
        "Dibatalkan",
        frozenset({Status.CANCELLED}),
        "Laporan ditarik pelapor atau digabungkan sebagai duplikat laporan lain.",
        "Report withdrawn or merged into another report as a duplicate.",
    ),
    Bucket(
        "gugur",
        "Gugur",
        frozenset({Status.MOOT}),
        "Penanganan dihentikan karena terlapor tidak lagi berstatus ASN aktif.",
        "Handling stopped because the reported person left the civil service.",
    ),
)

BUCKET_OF_STATUS: dict[str, Bucket] = {status: b for b in BUCKETS for status in b.statuses}

# Totals agencies publish, each a union of statuses, with its label and its definition (Bahasa Indonesia,
# English); the dashboards, open data and the API all read them from here.
REPORTED = frozenset(Status.values)
PROVEN = frozenset(
    {Status.PROVEN, Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK, Status.SANCTIONED, Status.MOOT}
)
SANCTIONED = frozenset({Status.SANCTIONED})
TOTALS: dict[str, tuple[frozenset[str], str, str]] = {
    "dilaporkan": (REPORTED, "Semua laporan yang diterima, apa pun statusnya.", "All reports received."),
    "terbukti": (
        PROVEN,
        "Laporan yang dinyatakan terbukti oleh Bawaslu (termasuk yang kemudian disanksi atau gugur).",
        "Reports Bawaslu found proven (including those later sanctioned or moot).",
    ),
    "disanksi": (
        SANCTIONED,
        "Laporan yang telah dijatuhi sanksi oleh PPK.",
        "Reports on which the PPK imposed a sanction.",
    ),
}
TOTAL_LABELS = {"dilaporkan": _("Dilaporkan"), "terbukti": _("Terbukti"), "disanksi": _("Disanksi")}
