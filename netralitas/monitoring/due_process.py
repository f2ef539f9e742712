"""Monitoring of due process (issue 15): where the examinations of cases awaiting the PPK stand, and the
administrative remedies against decisions with their outcomes. Counts from 1 to N-1 are published as
"<N" and their complements hidden, as everywhere else (suppression.py)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from netralitas.cases.models import CaseQuerySet
from netralitas.cases.workflow import Status
from netralitas.sanctions.models import Hearing, Remedy

from .suppression import suppress_counts
from .tables import Table

OUTCOMES = (
    Remedy.Outcome.PENDING,
    Remedy.Outcome.UPHELD,
    Remedy.Outcome.REJECTED,
    Remedy.Outcome.CHANGED,
)


def _published(table: Table, values: list[list[int]], labels: list[str], footer: str) -> Table:
    below = int(settings.MONITORING_SUPPRESS_BELOW)
    cells, totals = suppress_counts(values, below)
    for label, row in zip(labels, cells, strict=True):
        table.add([label, *row])
    table.footer = [footer, *totals] if values else None
    return table


def remedy_table(cases: CaseQuerySet) -> Table:
    """Cases under keberatan or banding administratif, by kind and outcome (one row per remedy filed)."""
    rows = (
        Remedy.objects.filter(case__in=cases.values("pk"))
        .values_list("kind", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(kind, outcome): n for kind, outcome, n in rows}
    table = Table(
        "upaya",
        _("Upaya administratif terhadap keputusan PPK"),
        [_("Jenis upaya"), *[str(Remedy.Outcome(o).label) for o in OUTCOMES], _("Jumlah")],
        note=_(
            "Keberatan dan banding administratif yang dicatat setelah keputusan hukuman; “sedang diproses” "
            "adalah kasus yang status publiknya “dalam upaya administratif”."
        ),
    )
    values = [[*(counts.get((k, o), 0) for o in OUTCOMES)] for k in Remedy.Kind.values]
    values = [[*row, sum(row)] for row in values]
    return _published(table, values, [str(label) for label in Remedy.Kind.labels], _("Jumlah"))


def hearing_table(cases: CaseQuerySet) -> Table:
    """Cases awaiting the PPK by where the examination of the reported ASN stands."""
    waiting = cases.filter(status=Status.AWAITING_FOLLOW_UP)
    by_state = dict(
        Hearing.objects.filter(case__in=waiting.values("pk"))
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("state", "n")
    )
    not_summoned = waiting.exclude(pk__in=Hearing.objects.values("case_id")).count()
    table = Table(
        "pemeriksaan",
        _("Pemeriksaan terlapor pada kasus yang menunggu PPK"),
        [_("Tahap pemeriksaan"), _("Kasus")],
        note=_(
            "PPK dapat mencatat hukuman disiplin setelah berita acara atau ketidakhadiran kedua tercatat."
        ),
    )
    labels = [_("Belum dipanggil"), *[str(label) for label in Hearing.State.labels]]
    values = [[not_summoned], *[[by_state.get(state, 0)] for state in Hearing.State.values]]
    return _published(table, values, labels, _("Jumlah"))


__all__ = ["hearing_table", "remedy_table"]
