"""Reconciliation: compare an agency's export (CSV of case numbers, statuses, sanctions) with our records.

CSV columns (header row required; extra columns ignored; encoding and delimiter detected as Excel writes
them, ``core.csvformat``):
  ``nomor``  our case number (SBT-YYYY-NNNNNN)      — also accepted: ``number``, ``case_number``
  ``status`` their status, in the vocabulary of STATUS_VOCABULARY below — also accepted: ``state``
  ``sanksi`` optional sanction type code                 — also accepted: ``sanction``

Statuses are compared by published bucket (cases/buckets.py), so "verifikasi" and "diterima" both mean
"menunggu_verifikasi". Discrepancies: missing_here (in their file, not in our scope), missing_there (ours,
not in their file), status_differs, sanction_differs, unknown_status (a status we cannot map).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from netralitas.cases.buckets import BUCKET_OF_STATUS, BUCKETS
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.core.csvformat import CsvFormatError, decode_csv

# Their word → our bucket code. Our own status and bucket codes are always accepted.
STATUS_VOCABULARY: dict[str, str] = {
    **{s.value: BUCKET_OF_STATUS[s.value].code for s in Status},
    **{b.code: b.code for b in BUCKETS},
    "received": "menunggu_verifikasi",
    "verification": "menunggu_verifikasi",
    "review": "dikaji_bawaslu",
    "kajian": "dikaji_bawaslu",
    "proven": "menunggu_rekomendasi",
    "recommended": "menunggu_ppk",
    "rekomendasi": "menunggu_ppk",
    "tindak_lanjut": "menunggu_ppk",
    "awaiting_follow_up": "menunggu_ppk",
    "sanctioned": "disanksi",
    "sanksi": "disanksi",
    "selesai": "disanksi",
    "not_proven": "tidak_terbukti",
    "rejected": "ditolak",
    "cancelled": "dibatalkan",
    "withdrawn": "dibatalkan",
    "moot": "gugur",
}
_NUMBER = ("nomor", "number", "case_number")
_STATUS = ("status", "state")
_SANCTION = ("sanksi", "sanction")


class ReconcileFileError(ValueError):
    """The file cannot be read; the message says what to fix (Indonesian) with an English twin."""

    def __init__(self, detail: str, detail_en: str, code: str = "columns") -> None:
        super().__init__(detail)
        self.detail_en = detail_en
        self.code = code  # "columns", or how the CSV could not be read: "encoding", "delimiter", "empty"


def _column(header: Sequence[str], names: tuple[str, ...]) -> str | None:
    return next((h for h in header if h.strip().lower() in names), None)


def read_export(data: bytes) -> list[dict[str, str]]:
    try:
        text, fmt = decode_csv(data)
    except CsvFormatError as error:
        raise ReconcileFileError(str(error), error.detail_en, error.kind) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=fmt.delimiter)
    header = reader.fieldnames or []
    number_col, status_col = _column(header, _NUMBER), _column(header, _STATUS)
    if number_col is None or status_col is None:
        missing = " dan ".join(
            f"“{n[0]}”" for n, c in ((_NUMBER, number_col), (_STATUS, status_col)) if c is None
        )
        found = ", ".join(f"“{h}”" for h in header if h) or "-"
        raise ReconcileFileError(
            f"Baris judul berkas CSV ({fmt.described}) tidak memuat kolom {missing}; kolom yang ada: "
            f"{found}. Kolom wajib “nomor” dan “status” (“sanksi” opsional).",
            f"The CSV header row lacks the column(s) {missing.replace(' dan ', ' and ')}; found: {found}. "
            "Required: “nomor” and “status” (“sanksi” optional).",
        )
    sanction_col = _column(header, _SANCTION)
    rows = []
    for row in reader:
        number = (row.get(number_col) or "").strip()
        if number:
            rows.append(
                {
                    "number": number,
                    "status": (row.get(status_col) or "").strip(),
                    "sanction": ((row.get(sanction_col) or "") if sanction_col else "").strip(),
                }
            )
    return rows


def reconcile(agency_code: str, cases: QuerySet[Case], data: bytes) -> dict[str, Any]:
    """``cases`` is our side, already scoped to the agency (and to the client); ``data`` the file."""
    theirs = read_export(data)
    ours = {
        number: (status, sanction)
        for number, status, sanction in cases.values_list("number", "status", "decision__sanction_type__code")
    }
    discrepancies: list[dict[str, Any]] = []
    seen: set[str] = set()
    compared = 0
    for row in theirs:
        number = row["number"]
        seen.add(number)
        if number not in ours:
            discrepancies.append(
                {"number": number, "kind": "missing_here", "ours": None, "theirs": row["status"]}
            )
            continue
        compared += 1
        status, sanction = ours[number]
        their_bucket = STATUS_VOCABULARY.get(row["status"].lower())
        our_bucket = BUCKET_OF_STATUS[status].code
        if their_bucket is None:
            discrepancies.append(
                {"number": number, "kind": "unknown_status", "ours": our_bucket, "theirs": row["status"]}
            )
        elif their_bucket != our_bucket:
            discrepancies.append(
                {"number": number, "kind": "status_differs", "ours": our_bucket, "theirs": row["status"]}
            )
        if row["sanction"] and row["sanction"] != (sanction or ""):
            discrepancies.append(
                {"number": number, "kind": "sanction_differs", "ours": sanction, "theirs": row["sanction"]}
            )
    for number in sorted(set(ours) - seen):
        discrepancies.append(
            {
                "number": number,
                "kind": "missing_there",
                "ours": BUCKET_OF_STATUS[ours[number][0]].code,
                "theirs": None,
            }
        )
    kinds = ("missing_here", "missing_there", "status_differs", "sanction_differs", "unknown_status")
    summary = {k: sum(1 for d in discrepancies if d["kind"] == k) for k in kinds}
    differing = {d["number"] for d in discrepancies if d["kind"] not in ("missing_here", "missing_there")}
    summary["matching"] = compared - len(differing)
    return {
        "agency": agency_code,
        "rows": len(theirs),
        "compared": compared,
        "summary": summary,
        "discrepancies": discrepancies,
    }


def report_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["nomor", "jenis", "kami", "mereka"])
    for d in report["discrepancies"]:
        writer.writerow([d["number"], d["kind"], d["ours"] or "", d["theirs"] or ""])
    return out.getvalue()
