"""Konflik kepentingan PPK in the monitoring (ADR 0025): the compliance index of agencies whose PPK is a
candidate, apart from the others, and the cases of such agencies by province with their outcome next to
the rest. Never built for a viewer who is a PPK (the flag is about them)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.cases.models import CaseQuerySet
from netralitas.cases.queries import user_scope
from netralitas.cases.workflow import FINAL_STATUSES, Status
from netralitas.registry.holders import conflicted_agency_ids
from netralitas.registry.models import Election

from . import performance
from .suppression import suppress_counts
from .tables import Table


def shown_to(user: User) -> bool:
    return Role.PPK not in {r.role for r in user_scope(user).roles}


def conflicted_pairs(cases: CaseQuerySet) -> dict[int, set[int]]:
    """Per election among ``cases``, the agencies whose PPK is a candidate in it."""
    elections = Election.objects.filter(pk__in=cases.order_by().values("election_id").distinct())
    return {e.pk: ids for e in elections if (ids := conflicted_agency_ids(e))}


def conflict_q(pairs: dict[int, set[int]]) -> Q:
    where = Q(pk__in=[])
    for election_id, agency_ids in pairs.items():
        where |= Q(election_id=election_id, agency_id__in=agency_ids)
    return where


def compliance_apart(
    rows: list[performance.Compliance], pairs: dict[int, set[int]], minimum: int
) -> list[Table]:
    """The compliance index without the conflicted agencies, then theirs on its own."""
    conflicted = set().union(*pairs.values()) if pairs else set()
    others = performance.compliance_table([r for r in rows if r.agency.pk not in conflicted], minimum)
    apart = performance.compliance_table([r for r in rows if r.agency.pk in conflicted], minimum)
    apart.name = "kepatuhan_konflik"
    apart.title = _("Indeks kepatuhan PPK: instansi yang PPK-nya calon (konflik kepentingan)")
    apart.note = _("Dihitung terpisah: PPK instansi ini calon pada pemilihan kasusnya. ") + apart.note
    return [others, apart]


_OUTCOMES = (
    ("sanctioned", {Status.SANCTIONED}),
    ("waiting", {Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK}),
)


def conflict_region_table(cases: CaseQuerySet, pairs: dict[int, set[int]], below: int) -> Table:
    """Cases that reached the PPK, by province: conflicted PPK vs the others, each with how many were
    sanctioned, still wait on the PPK, or ended otherwise. Small counts suppressed (ADR 0009)."""
    reached = cases.filter(
        status__in=[Status.AWAITING_FOLLOW_UP, Status.DECISION_CHECK, Status.SANCTIONED, Status.MOOT]
    )
    where = conflict_q(pairs)
    counts: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    conflicted = set(reached.filter(where).values_list("pk", flat=True))
    rows = reached.order_by().values_list("province__code", "province__name", "status", "pk")
    for code, name, status, pk in rows.iterator():
        names[code] = name
        row = counts.setdefault(code, [0] * 8)
        base = 0 if pk in conflicted else 4
        row[base] += 1
        if status in _OUTCOMES[0][1]:
            row[base + 1] += 1
        elif status in _OUTCOMES[1][1]:
            row[base + 2] += 1
        elif status in FINAL_STATUSES:
            row[base + 3] += 1
    codes = sorted(code for code, row in counts.items() if row[0])
    table = Table(
        "konflik_wilayah",
        _("Kasus dengan PPK yang menjadi calon, menurut provinsi"),
        [
            _("Kode"),
            _("Provinsi"),
            _("PPK calon: kasus"),
            _("PPK calon: disanksi"),
            _("PPK calon: menunggu PPK"),
            _("PPK calon: selesai lain"),
            _("PPK lain: kasus"),
            _("PPK lain: disanksi"),
            _("PPK lain: menunggu PPK"),
            _("PPK lain: selesai lain"),
        ],
        note=_(
            "Kasus yang sudah sampai ke PPK. PPK calon: PPK instansi terlapor adalah calon pada pemilihan "
            "kasus itu (konflik kepentingan). Angka kecil disamarkan (ADR 0009)."
        ),
        label_column=1,
    )
    if not codes:
        return table
    cells, totals = suppress_counts([counts[c] for c in codes], below)
    for code, published in zip(codes, cells, strict=True):
        table.add([code, names[code], *published])
    table.footer = ["total", _("Jumlah"), *totals]
    return table
