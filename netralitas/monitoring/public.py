"""The public transparency aggregates and open data: no login, no personal data, small counts suppressed.

Suppression (ADR 0009, ``suppression.py``): a count from 1 to ``MONITORING_SUPPRESS_BELOW - 1`` is
published as "<N"; a larger cell hidden so that a small one cannot be computed from the column total is
published as hidden (a multiplication sign on the page, "x" in the files), never as "<N"; the column
totals are published as a total row. Zero is published as 0.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netralitas.cases.buckets import BUCKETS, TOTAL_LABELS, TOTALS
from netralitas.cases.models import Case, CaseQuerySet
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.registry.models import Agency, Election, Region
from netralitas.sanctions.models import ViolationType

from . import performance
from .suppression import HIDDEN, Small, suppress_counts
from .tables import Cell, Table

PROVEN_Q = Q(status__in=TOTALS["terbukti"][0])
SANCTIONED_Q = Q(status=Status.SANCTIONED)


def threshold() -> int:
    return int(settings.MONITORING_SUPPRESS_BELOW)


def minimum_ranked() -> int:
    return int(settings.MONITORING_COMPLIANCE_MIN_CASES)


def suppress(
    table: Table, columns: list[int], below: int, *, nested: bool = False, footer: str | None = None
) -> Table:
    """Publishes the counts of ``columns``: small ones as "<below", complements as hidden (suppression.py).

    With ``footer`` (the label of the total row) the column totals are published below the rows, so the
    large numbers stay visible even when a complement hides one of them.
    """
    values = [[cast(int, row[col]) for col in columns] for row in table.rows]
    cells, totals = suppress_counts(values, below, nested=nested)
    rows = [list(row) for row in table.rows]
    for r, published in enumerate(cells):
        for col, value in zip(columns, published, strict=True):
            rows[r][col] = value
    table.rows = rows
    if footer is not None and table.rows:
        total_row: list[Cell] = [None] * len(table.headers)
        total_row[0] = "total"  # the code column: a file reader tells the total row by its code
        total_row[table.label_column] = footer
        for col, value in zip(columns, totals, strict=True):
            total_row[col] = value
        table.footer = total_row
    return table


def _count_table(
    name: str,
    title: str,
    first: list[str],
    rows: list[tuple[list[Cell], int, int, int]],
    *,
    total: bool = True,
) -> Table:
    table = Table(
        name,
        title,
        [*first, _("Dilaporkan"), _("Terbukti"), _("Disanksi")],
        chart_column=len(first),
        label_column=len(first) - 1,
    )
    for labels, reported, proven, sanctioned in rows:
        table.add([*labels, reported, proven, sanctioned])
    width = len(first)
    return suppress(
        table, [width, width + 1, width + 2], threshold(), nested=True, footer=_("Total") if total else None
    )


def _grouped(cases: CaseQuerySet, field: str) -> list[tuple[int | None, int, int, int]]:
    return list(
        cases.order_by()
        .values_list(field)
        .annotate(
            n=Count("pk"), proven=Count("pk", filter=PROVEN_Q), sanctioned=Count("pk", filter=SANCTIONED_Q)
        )
    )


def public_cases(election_code: str = "") -> CaseQuerySet:
    cases = Case.objects.all()
    if election_code:
        cases = cases.filter(election__code=election_code)
    return cases


def totals_table(cases: CaseQuerySet) -> Table:
    counts = dict(cases.order_by().values_list("status").annotate(n=Count("pk")))
    table = Table("jumlah", _("Jumlah kasus"), [_("Kode"), _("Jumlah"), _("Kasus"), _("Definisi")])
    for code, (statuses, definition, _en) in TOTALS.items():
        table.add([code, str(TOTAL_LABELS[code]), sum(counts.get(s, 0) for s in statuses), definition])
    # A single column whose cells are nested sets, not parts of a sum: no complementary suppression needed.
    below = threshold()
    for row in table.rows:
        if isinstance(row[2], int) and 0 < row[2] < below:
            row[2] = Small(below)
    return table


def stage_table(cases: CaseQuerySet) -> Table:
    counts = dict(cases.order_by().values_list("status").annotate(n=Count("pk")))
    table = Table(
        "tahapan", _("Kasus menurut kelompok tahapan"), [_("Kode"), _("Kelompok"), _("Kasus"), _("Definisi")]
    )
    table.chart_column = None
    table.label_column = 1
    for bucket in BUCKETS:
        table.add(
            [bucket.code, bucket.label, sum(counts.get(s, 0) for s in bucket.statuses), bucket.definition]
        )
    return suppress(table, [2], threshold(), footer=_("Total"))


def province_table(cases: CaseQuerySet) -> Table:
    names = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "name"))
    codes = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "code"))
    rows = sorted(_grouped(cases, "province_id"), key=lambda r: codes.get(r[0] or 0, ""))
    return _count_table(
        "provinsi",
        _("Menurut provinsi"),
        [_("Kode"), _("Provinsi")],
        [([codes.get(pk or 0, ""), names.get(pk or 0, "")], n, p, s) for pk, n, p, s in rows],
    )


def agency_table(cases: CaseQuerySet) -> Table:
    rows = _grouped(cases, "agency_id")
    agencies = Agency.objects.in_bulk([r[0] for r in rows if r[0]])
    data: list[tuple[list[Cell], int, int, int]] = []
    for pk, n, p, s in sorted(rows, key=lambda r: agencies[r[0]].name if r[0] else "~"):
        if pk is None:
            data.append((["", _("(instansi belum diketahui)")], n, p, s))
        else:
            data.append(([agencies[pk].code, agencies[pk].name], n, p, s))
    return _count_table("instansi", _("Menurut instansi"), [_("Kode"), _("Instansi")], data)


def violation_table(cases: CaseQuerySet) -> Table:
    through = Case.violation_types.through.objects.filter(case__in=cases.order_by().values("pk"))
    rows = list(
        through.order_by()
        .values_list("violationtype_id")
        .annotate(
            n=Count("case_id"),
            proven=Count("case_id", filter=Q(case__status__in=TOTALS["terbukti"][0])),
            sanctioned=Count("case_id", filter=Q(case__status=Status.SANCTIONED)),
        )
    )
    types = ViolationType.objects.in_bulk([r[0] for r in rows])
    table = _count_table(
        "pelanggaran",
        _("Menurut jenis pelanggaran"),
        [_("Kode"), _("Jenis pelanggaran")],
        [
            ([types[pk].code, f"{types[pk].number}. {types[pk].name}"], n, p, s)
            for pk, n, p, s in sorted(rows, key=lambda r: (types[r[0]].order, types[r[0]].code))
        ],
        total=False,
    )
    table.note = _("Satu kasus dapat memuat lebih dari satu jenis pelanggaran; kolom tidak dijumlahkan.")
    return table


def election_table(cases: CaseQuerySet) -> Table:
    rows = _grouped(cases, "election_id")
    elections = Election.objects.in_bulk([r[0] for r in rows if r[0]])
    return _count_table(
        "pemilihan",
        _("Menurut pemilihan"),
        [_("Kode"), _("Pemilihan")],
        [
            ([elections[pk].code, elections[pk].name], n, p, s)
            for pk, n, p, s in sorted(rows, key=lambda r: elections[r[0] or 0].voting_date, reverse=True)
            if pk
        ],
    )


def compliance_table(cases: CaseQuerySet, now: dt.datetime | None = None) -> Table:
    now = now or clock.now()
    # Only cases that reached the PPK have a follow-up stage; the statuses after it are final or waiting.
    reached = cases.filter(
        status__in=[Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK, Status.SANCTIONED, Status.MOOT]
    )
    intervals = [i for i in performance.stage_intervals(reached) if i.stage == performance.Stage.FOLLOW_UP]
    rows = performance.compliance(reached, intervals, now)
    minimum = minimum_ranked()
    below = threshold()
    ranked = sorted(
        (r for r in rows if r.due >= max(minimum, below)), key=lambda r: (r.index or 0.0, r.agency.name)
    )
    table = Table(
        "kepatuhan_ppk",
        _("Kepatuhan PPK menurut instansi"),
        [
            _("Peringkat"),
            _("Kode"),
            _("Instansi"),
            _("Rekomendasi diterima"),
            _("Jatuh tempo (penyebut)"),
            _("Ditindaklanjuti tepat waktu"),
            _("Indeks (%)"),
            _("Sanksi lebih ringan"),
            _("Pemblokiran"),
        ],
        note=_(
            "Hanya instansi dengan sekurang-kurangnya %(min)s rekomendasi jatuh tempo yang diberi peringkat; "
            "indeks = ditindaklanjuti tepat waktu ÷ jatuh tempo."
        )
        % {"min": max(minimum, below)},
        chart_column=6,
        label_column=2,
    )
    for rank, row in enumerate(ranked, start=1):
        table.add(
            [
                rank,
                row.agency.code,
                row.agency.name,
                row.received,
                row.due,
                row.on_time,
                row.index,
                row.lighter,
                row.blocks,
            ]
        )
    # Ranked rows are a selection, not a partition: no column total is published for this table. The
    # on-time count is not suppressed: the index (on time ÷ due, due published) states it anyway.
    for cells in table.rows:
        for col in (3, 7, 8):
            value = cells[col]
            if isinstance(value, int) and 0 < value < below:
                cells[col] = Small(below)
    return table


def public_tables(election_code: str = "") -> list[Table]:
    """The published tables, shared by every visitor for MONITORING_PUBLIC_CACHE_SECONDS."""
    seconds = settings.MONITORING_PUBLIC_CACHE_SECONDS
    if seconds <= 0:
        return compute_public_tables(election_code)
    key = "monitoring:public:" + hashlib.sha256(election_code.encode()).hexdigest()[:16]
    tables = cache.get_or_set(key, lambda: compute_public_tables(election_code), seconds)
    return cast(list[Table], tables)


def compute_public_tables(election_code: str = "") -> list[Table]:
    cases = public_cases(election_code)
    return [
        totals_table(cases),
        stage_table(cases),
        province_table(cases),
        agency_table(cases),
        violation_table(cases),
        election_table(cases),
        compliance_table(cases),
    ]


def open_data_schema() -> dict[str, object]:
    """The documented schema of the JSON/CSV files (docs/open-data.md mirrors it)."""
    return {
        "suppression": {
            "below": threshold(),
            "hidden": str(HIDDEN),
            "rule": _(
                'Angka 1 sampai %(n)s ditampilkan sebagai "<%(m)s". Agar angka itu tidak dapat dihitung '
                "dari jumlah kolom, angka terkecil lain di kolom yang sama (%(m)s atau lebih) ditampilkan "
                'sebagai "%(x)s" (disembunyikan untuk melindungi angka lain). Baris "Total" memuat '
                "jumlah setiap kolom."
            )
            % {"n": threshold() - 1, "m": threshold(), "x": str(HIDDEN)},
        },
        "totals": {
            code: {"statuses": sorted(s), "definition": d, "definition_en": e}
            for code, (s, d, e) in TOTALS.items()
        },
        "buckets": {
            b.code: {
                "label": b.label,
                "statuses": sorted(b.statuses),
                "definition": b.definition,
                "definition_en": b.definition_en,
            }
            for b in BUCKETS
        },
    }
