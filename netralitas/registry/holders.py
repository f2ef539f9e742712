"""Who holds an agency's PPK office on a day (definitive head, or the Plt/Plh acting for them), and whether
that PPK is a candidate in an election (konflik kepentingan PPK)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from .models import Agency, Candidate, Election, PpkHolder


@dataclass(frozen=True)
class PpkOnDay:
    """The PPK as a letter addresses them: the office ("Plt. Bupati Muara Enim") and, when known, the
    person's name; ``holder`` is None when no holder is recorded (the agency's own PPK title is used)."""

    title: str
    name: str
    holder: PpkHolder | None

    @property
    def acting(self) -> bool:
        return self.holder is not None and self.holder.kind != PpkHolder.Kind.DEFINITIVE


def ppk_holder_on(agency: Agency, day: dt.date) -> PpkHolder | None:
    """The holder in office on ``day``: an acting official (Plt/Plh) in office wins over the definitive one;
    among several, the latest appointed."""
    rows = list(
        PpkHolder.objects.filter(agency=agency, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("agency")
        .order_by("-valid_from", "-pk")
    )
    acting = [h for h in rows if h.kind != PpkHolder.Kind.DEFINITIVE]
    chosen = acting or rows
    return chosen[0] if chosen else None


def ppk_on(agency: Agency, day: dt.date) -> PpkOnDay:
    holder = ppk_holder_on(agency, day)
    if holder is None:
        return PpkOnDay(title=agency.ppk_title, name=agency.ppk_name, holder=None)
    return PpkOnDay(title=holder.title, name=holder.name, holder=holder)


def ppk_conflict(*, election: Election | None, agency: Agency | None) -> Candidate | None:
    """The candidate of ``election`` who is ``agency``'s PPK, or ``None``: the incumbent head of the
    agency's region running there, or a definitive holder of its PPK office (by NIK or NIP) running
    anywhere in that election (a regent standing for governor)."""
    if election is None or agency is None:
        return None
    if agency.region_id is not None:
        incumbent = (
            Candidate.objects.filter(
                election=election, region_id=agency.region_id, incumbent=Candidate.Incumbency.HEAD
            )
            .select_related("region")
            .first()
        )
        if incumbent is not None:
            return incumbent
    niks, nips = set(), set()
    for nik, nip in PpkHolder.objects.filter(agency=agency, kind=PpkHolder.Kind.DEFINITIVE).values_list(
        "nik", "nip"
    ):
        niks |= {nik} - {""}
        nips |= {nip} - {""}
    if not niks and not nips:
        return None
    return (
        Candidate.objects.filter(election=election)
        .filter(Q(nik__in=niks) | Q(nip__in=nips))
        .select_related("region")
        .first()
    )


def conflicted_agency_ids(election: Election) -> set[int]:
    """Every agency whose PPK is a candidate in ``election`` (for the compliance index and monitoring)."""
    regions = Candidate.objects.filter(election=election, incumbent=Candidate.Incumbency.HEAD).values(
        "region_id"
    )
    ids = set(
        Agency.objects.filter(region_id__in=regions)
        .exclude(kind=Agency.Kind.CENTRAL)
        .values_list("pk", flat=True)
    )
    running = Candidate.objects.filter(election=election)
    niks = set(running.exclude(nik="").values_list("nik", flat=True))
    nips = set(running.exclude(nip="").values_list("nip", flat=True))
    if niks or nips:
        ids |= set(
            PpkHolder.objects.filter(kind=PpkHolder.Kind.DEFINITIVE)
            .filter(Q(nik__in=niks) | Q(nip__in=nips))
            .values_list("agency_id", flat=True)
        )
    return ids
