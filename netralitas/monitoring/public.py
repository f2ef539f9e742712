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
from django.utils.translation import gettext as _

from netralitas.cases.buckets import (
    ASN_DEFINITION,
    ASN_DEFINITION_EN,
    BUCKETS,
    COUNTED_DEFINITION,
    COUNTED_DEFINITION_EN,
    SUMMARY,
    TOTAL_LABELS,
    TOTALS,
    Bucket,
)
from netralitas.cases.figures import Figure, counted, figures, grouped_figures
from netralitas.cases.models import Case, CaseQuerySet
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.registry.models import Agency, Election, Region
from netralitas.sanctions.models import ViolationType

from . import performance
from .suppression import HIDDEN, Small, suppress_counts, suppress_reports_and_persons
from .tables import Cell, Table

PROVEN = TOTALS["terbukti"][0]
SANCTIONED = TOTALS["disanksi"][0]
Row = tuple[list[Cell], tuple[int, int, int], tuple[int, int, int]]  # labels, reports, reported ASN


def threshold() -> int:
    return int(settings.MONITORING_SUPPRESS_BELOW)


def minimum_ranked() -> int:
    return int(settings.MONITORING_COMPLIANCE_MIN_CASES)


def suppress(
    table: Table,
    columns: list[int],
    below: int,
    *,
    nested: bool = False,
    footer: str | None = None,
    persons: list[int] | None = None,
    person_totals: list[int] | None = None,
) -> Table:
    """Publishes the counts of ``columns``: small ones as "<below", complements as hidden (suppression.py).

    ``persons`` are the reported-ASN columns paired with ``columns`` (same order) and ``person_totals``
    their true (distinct) totals; they are suppressed with their report columns
    (``suppress_reports_and_persons``). With ``footer`` (the label of the total row) the column totals
    are published below the rows, so the large numbers stay visible even when a complement hides one.
    """
    values = [[cast(int, row[col]) for col in columns] for row in table.rows]
    if persons:
        person_values = [[cast(int, row[col]) for col in persons] for row in table.rows]
        cells, totals, person_cells, published = suppress_reports_and_persons(
            values, person_values, person_totals or [0] * len(persons), below, nested=nested
        )
    else:
        cells, totals = suppress_counts(values, below, nested=nested)
        person_cells, published = [[] for _row in values], []
    rows = [list(row) for row in table.rows]
    for r, (row_cells, row_persons) in enumerate(zip(cells, person_cells, strict=True)):
        for col, value in zip([*columns, *(persons or [])], [*row_cells, *row_persons], strict=True):
            rows[r][col] = value
    table.rows = rows
    if footer is not None and table.rows:
        total_row: list[Cell] = [None] * len(table.headers)
        total_row[0] = "total"  # the code column: a file reader tells the total row by its code
        total_row[table.label_column] = footer
        for col, value in zip([*columns, *(persons or [])], [*totals, *published], strict=True):
            total_row[col] = value
        table.footer = total_row
    return table


def _count_table(
    name: str,
    title: str,
    first: list[str],
    rows: list[Row],
    person_totals: list[int],
    *,
    total: bool = True,
) -> Table:
    table = Table(
        name,
        title,
        [
            *first,
            _("Dilaporkan"),
            _("Terbukti"),
            _("Disanksi"),
            _("ASN terlapor"),
            _("ASN terbukti"),
            _("ASN disanksi"),
        ],
        chart_column=len(first),
        label_column=len(first) - 1,
    )
    for labels, reports, persons in rows:
        table.add([*labels, *reports, *persons])
    w = len(first)
    return suppress(
        table,
        [w, w + 1, w + 2],
        threshold(),
        nested=True,
        footer=_("Total") if total else None,
        persons=[w + 3, w + 4, w + 5],
        person_totals=person_totals,
    )


NESTED = {"n": None, "proven": PROVEN, "sanctioned": SANCTIONED}


def _grouped(
    cases: CaseQuerySet, field: str
) -> dict[int | None, tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """Reports and reported ASN (dilaporkan, terbukti, disanksi) per value of ``field``: two queries
    whatever the data (``grouped_figures``)."""
    result: dict[int | None, tuple[tuple[int, int, int], tuple[int, int, int]]] = {}
    for (key,), f in grouped_figures(cases, (field,), NESTED).items():
        n, p, s = (f[m] for m in NESTED)
        result[cast(int | None, key)] = ((n.reports, p.reports, s.reports), (n.asn, p.asn, s.asn))
    return result


def _person_totals(figures: dict[str, Figure]) -> list[int]:
    return [figures[code].asn for code in ("dilaporkan", "terbukti", "disanksi")]


def public_cases(election_code: str = "") -> CaseQuerySet:
    """The counted reports (merged duplicates excluded), of one election when a code is given."""
    cases = counted(Case.objects.all())
    if election_code:
        cases = cases.filter(election__code=election_code)
    return cases


def totals_table(figures: dict[str, Figure]) -> Table:
    table = Table(
        "jumlah",
        _("Jumlah kasus dan ASN terlapor"),
        [_("Kode"), _("Jumlah"), _("Kasus"), _("ASN terlapor"), _("Definisi")],
    )
    for code, (_statuses, definition, _en) in TOTALS.items():
        f = figures[code]
        table.add([code, str(TOTAL_LABELS[code]), f.reports, f.asn, definition])
    # Single columns whose cells are nested sets, not parts of a sum: no complementary suppression needed.
    below = threshold()
    for row in table.rows:
        for col in (2, 3):
            if isinstance(row[col], int) and 0 < cast(int, row[col]) < below:
                row[col] = Small(below)
    return table


def stage_table(
    figures: dict[str, Figure],
    buckets: tuple[Bucket, ...] = BUCKETS,
    name: str = "tahapan",
    title: str = "",
) -> Table:
    """Reports and reported ASN per bucket (detailed, or the summary grouping), with a total row."""
    table = Table(
        name,
        title or _("Kasus menurut kelompok tahapan"),
        [_("Kode"), _("Kelompok"), _("Kasus"), _("ASN terlapor"), _("Definisi")],
    )
    table.chart_column = None
    table.label_column = 1
    for bucket in buckets:
        f = figures[bucket.code]
        table.add([bucket.code, bucket.label, f.reports, f.asn, bucket.definition])
    return suppress(
        table,
        [2],
        threshold(),
        footer=_("Total"),
        persons=[3],
        person_totals=[figures["dilaporkan"].asn],
    )


def summary_table(figures: dict[str, Figure]) -> Table:
    return stage_table(figures, SUMMARY, "ringkasan", _("Ringkasan menurut pengelompokan Kemendagri"))


def province_table(cases: CaseQuerySet, figures: dict[str, Figure]) -> Table:
    names = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "name"))
    codes = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("pk", "code"))
    grouped = _grouped(cases, "province_id")
    return _count_table(
        "provinsi",
        _("Menurut provinsi"),
        [_("Kode"), _("Provinsi")],
        [
            ([codes.get(pk or 0, ""), names.get(pk or 0, "")], *grouped[pk])
            for pk in sorted(grouped, key=lambda pk: codes.get(pk or 0, ""))
        ],
        _person_totals(figures),
    )


def agency_table(cases: CaseQuerySet, figures: dict[str, Figure]) -> Table:
    grouped = _grouped(cases, "agency_id")
    agencies = Agency.objects.in_bulk([pk for pk in grouped if pk])
    data: list[Row] = []
    for pk in sorted(grouped, key=lambda pk: agencies[pk].name if pk else "~"):
        if pk is None:
            data.append((["", _("(instansi belum diketahui)")], *grouped[pk]))
        else:
            data.append(([agencies[pk].code, agencies[pk].name], *grouped[pk]))
    return _count_table(
        "instansi", _("Menurut instansi"), [_("Kode"), _("Instansi")], data, _person_totals(figures)
    )


def violation_table(cases: CaseQuerySet, figures: dict[str, Figure]) -> Table:
    grouped = {pk: row for pk, row in _grouped(cases, "violation_types").items() if pk is not None}
    types = ViolationType.objects.in_bulk(list(grouped))
    table = _count_table(
        "pelanggaran",
        _("Menurut jenis pelanggaran"),
        [_("Kode"), _("Jenis pelanggaran")],
        [
            ([types[pk].code, f"{types[pk].number}. {types[pk].name}"], *grouped[pk])
            for pk in sorted(grouped, key=lambda pk: (types[pk].order, types[pk].code))
        ],
        _person_totals(figures),
        total=False,
    )
    table.note = _("Satu kasus dapat memuat lebih dari satu jenis pelanggaran; kolom tidak dijumlahkan.")
    return table


def election_table(cases: CaseQuerySet, figures: dict[str, Figure]) -> Table:
    grouped = _grouped(cases, "election_id")
    elections = Election.objects.in_bulk([pk for pk in grouped if pk])
    return _count_table(
        "pemilihan",
        _("Menurut pemilihan"),
        [_("Kode"), _("Pemilihan")],
        [
            ([elections[pk].code, elections[pk].name], *grouped[pk])
            for pk in sorted(
                (pk for pk in grouped if pk), key=lambda pk: elections[pk].voting_date, reverse=True
            )
        ],
        _person_totals(figures),
    )


def compliance_table(cases: CaseQuerySet, now: dt.datetime | None = None) -> Table:
    now = now or clock.now()
    # Only cases that reached the PPK have a follow-up stage; the statuses after it are final or waiting.
    reached = cases.filter(
        status__in=[Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK, Status.SANCTIONED, Status.MOOT]
    )
    intervals = performance.stage_intervals(reached, frozenset({performance.Stage.FOLLOW_UP}))
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
    counts = figures(cases)  # every bucket and total, reports and ASN: one query
    return [
        totals_table(counts),
        summary_table(counts),
        stage_table(counts),
        province_table(cases, counts),
        agency_table(cases, counts),
        violation_table(cases, counts),
        election_table(cases, counts),
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
            % {"n": threshold() - 1, "m": threshold(), "x": str(HIDDEN)}
            + " "
            + _(
                "Pada kolom ASN, baris Total memuat jumlah ASN berbeda, yang dapat lebih kecil daripada "
                "jumlah barisnya; kolom ASN disembunyikan bersama kolom laporan pasangannya."
            ),
        },
        "counted": {"definition": COUNTED_DEFINITION, "definition_en": COUNTED_DEFINITION_EN},
        "asn": {"definition": ASN_DEFINITION, "definition_en": ASN_DEFINITION_EN},
        "totals": {
            code: {"statuses": sorted(s), "definition": d, "definition_en": e}
            for code, (s, d, e) in TOTALS.items()
        },
        "buckets": {b.code: _bucket_schema(b) for b in BUCKETS},
        "summary": {b.code: _bucket_schema(b) for b in SUMMARY},
    }


def _bucket_schema(b: Bucket) -> dict[str, object]:
    return {
        "label": b.label,
        "statuses": sorted(b.statuses),
        "definition": b.definition,
        "definition_en": b.definition_en,
    }
