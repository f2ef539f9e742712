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
        "Laporan yang dibatalkan, misalnya ditarik pelapor. Laporan yang digabungkan sebagai duplikat "
        "laporan lain tidak dihitung di sini maupun di angka mana pun.",
        "Reports cancelled, e.g. withdrawn by the reporter. A report merged into another as a duplicate is "
        "not counted here nor in any other figure.",
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
_DETAILED = {b.code: b for b in BUCKETS}

# The grouping Kemendagri published for Pilkada 2024 (5 Dec 2024): the first four detailed buckets merge
# into one; the others are the detailed buckets themselves (same code, same statuses), so a summary
# count and its detailed count can never differ.
SUMMARY: tuple[Bucket, ...] = (
    Bucket(
        "dalam_verifikasi_kajian",
        "Dalam verifikasi dan kajian",
        frozenset({Status.RECEIVED, Status.VERIFICATION, Status.REVIEW, Status.PROVEN}),
        "Laporan yang sedang diverifikasi atau dikaji BKN, Satgas Netralitas atau Bawaslu, termasuk yang "
        "telah terbukti tetapi rekomendasinya belum dikirim kepada PPK (status diterima, verifikasi, "
        "kajian_bawaslu atau terbukti).",
        "Reports under verification or review by BKN, the Satgas or Bawaslu, including those proven whose "
        "recommendation has not yet been sent to the PPK (received, verification, review or proven).",
    ),
    *(_DETAILED[code] for code in ("menunggu_ppk", "disanksi", "tidak_terbukti", "ditolak", "dibatalkan")),
    _DETAILED["gugur"],
)

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

# What is counted, and how reported persons are counted (docs/open-data.md repeats these texts).
COUNTED_DEFINITION = (
    "Setiap angka menghitung laporan yang berdiri sendiri: laporan yang digabungkan ke laporan lain sebagai "
    "duplikat (dibatalkan dengan laporan induk) tidak dihitung lagi, karena sudah terwakili oleh laporan "
    "induknya."
)
COUNTED_DEFINITION_EN = (
    "Every figure counts reports in their own right: a report merged into another as a duplicate (cancelled "
    "with a target report) is not counted again, since the target report stands for it."
)
ASN_DEFINITION = (
    "ASN terlapor: jumlah pegawai berbeda (menurut data induk pegawai) pada laporan yang dihitung, "
    "ditambah satu untuk setiap laporan yang terlapornya belum teridentifikasi. ASN yang dilaporkan "
    "beberapa kali dihitung satu kali. Pada tabel per kelompok, provinsi, instansi, jenis pelanggaran "
    "atau pemilihan, ASN dihitung di antara laporan pada baris itu: ASN yang laporannya berada di dua "
    "baris dihitung di kedua baris, sehingga jumlah baris dapat melebihi total ASN terlapor."
)
ASN_DEFINITION_EN = (
    "Reported ASN: the number of distinct employees (by the employee master data) among the counted "
    "reports, plus one for each report whose reported person is not yet identified. An ASN reported "
    "several times is counted once. In the tables by group, province, agency, violation type or election, "
    "ASN are counted among the reports of that row: an ASN with reports in two rows counts in both, so "
    "the rows can add up to more than the total of reported ASN."
)
