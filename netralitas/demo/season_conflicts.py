"""Konflik kepentingan PPK in the demo season (journey 10, ADR 0025): incumbent regents and mayors on the
Pilkada 2024 ballot, Kabupaten Muara Enim's Bupati among them with a Plt holding his office over the
campaign, and the escalations to BKN and Kemendagri of their cases whose follow-up deadline is near at
AS_OF. Fictional names; idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from netralitas.registry.models import Agency, Candidate, Election, PpkHolder, Region

# (region code, incumbent's name, opponent's name): regencies and a city in the demo's two provinces.
INCUMBENTS = (
    ("16.03", "H. Ahmad Usmarwi Kaffah", "Ir. Nasrun Umar"),
    ("16.02", "H. Iskandar Hasan", "Dra. Lidyawati"),
    ("73.08", "Andi Fashar Padjalangi", "Dr. Nurdin Abdullah Rais"),
    ("73.09", "H. Chaidir Syam", "Andi Ilham Nadjamuddin"),
)
MUARA_ENIM = "KAB-16.03"


def _campaign(election: Election) -> tuple[dt.date, dt.date]:
    stage = election.stages.filter(code="kampanye").first()
    return (stage.start, stage.end) if stage else (dt.date(2024, 9, 25), dt.date(2024, 11, 23))


def load_conflicts(as_of: dt.datetime) -> dict[str, int]:
    election = Election.objects.filter(code="pilkada-2024").first()
    if election is None:
        return {"candidates": 0, "escalations": 0}
    regions = {r.code: r for r in Region.objects.filter(code__in=[c for c, _i, _o in INCUMBENTS])}
    created = 0
    with transaction.atomic():
        for code, incumbent, opponent in INCUMBENTS:
            if code not in regions:
                continue
            election.regions.add(regions[code])
            for number, name, kind in ((1, incumbent, Candidate.Incumbency.HEAD), (2, opponent, "")):
                _row, new = Candidate.objects.get_or_create(
                    election=election, region=regions[code], ticket_number=number,
                    position=Candidate.Position.HEAD, defaults={"name": name, "incumbent": kind},
                )  # fmt: skip
                created += int(new)
        agency = Agency.objects.filter(code=MUARA_ENIM).first()
        if agency is not None and not agency.ppk_holders.exists():
            start, end = _campaign(election)
            PpkHolder.objects.create(
                agency=agency, kind=PpkHolder.Kind.DEFINITIVE, name=INCUMBENTS[0][1],
                valid_from=dt.date(2021, 2, 26), legal_basis="Keputusan Mendagri (contoh)",
            )  # fmt: skip
            PpkHolder.objects.create(
                agency=agency, kind=PpkHolder.Kind.ACTING, name="Drs. H. Kurniawan, M.Si.",
                position="Sekretaris Daerah Kabupaten Muara Enim", nip="197203151992031004",
                valid_from=start, valid_until=end,
                legal_basis="Surat Gubernur tentang Plt. Bupati selama cuti kampanye (contoh)",
            )  # fmt: skip
        escalations = _escalate(election, as_of)
    return {"candidates": created, "escalations": escalations}


def _escalate(election: Election, as_of: dt.datetime) -> int:
    """What the deadline sweep would have done by AS_OF for the conflicted cases waiting on the PPK: the
    sweep itself runs at AS_OF (its escalations to BKN and Kemendagri, and the reminder the shorter
    horizon calls for), so the demo holds exactly what the running product would have written."""
    from netralitas.sanctions import control

    return control.escalate(now=as_of)["conflict_escalations"]
