"""The demo season's due process (issue 15, journey 9): a few cases of the demo agencies at each point of the
examination of the reported ASN and of the administrative remedy, driven through the services at chosen
moments before the demo's "today" (so letters, events and audit rows are what the services write).

Runs after the season is loaded; a second run creates nothing. About ten letters are issued, a few seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Callable

from django.db import transaction

from netralitas.accounts.models import User
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.sanctions import hearings, remedies
from netralitas.sanctions.models import Decision, Hearing, Recommendation, Remedy, SanctionType, Track

# A one-page PDF standing in for a scanned berita acara pemeriksaan.
BAP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
DEMO_AGENCY = "KAB-16.06"
# Who examines in each demo agency: the Sekda's login in Musi Banyuasin, elsewhere the PPK acting for the
# superior (the agency has no separate account).
EXAMINERS = {"KAB-16.06": "atasan_muba", "KOTA-16.71": "ppk_palembang", "KOTA-73.71": "ppk_makassar",
             "KAB-73.06": "ppk_gowa"}  # fmt: skip
PPKS = {"KAB-16.06": "ppk_muba", "KOTA-16.71": "ppk_palembang", "KOTA-73.71": "ppk_makassar",
        "KAB-73.06": "ppk_gowa"}  # fmt: skip

# Where each demo case stops: (name, days before "today" of the first letter, the steps).
POINTS = ("dipanggil", "tidak_hadir_1", "dipanggil_2", "hadir", "diperiksa", "tidak_hadir_2")


def _weekday(at: dt.datetime) -> dt.datetime:
    while at.weekday() >= 5:
        at += dt.timedelta(days=1)
    return at


def _examiners(case: Case) -> str:
    """The examination team of the case's own regency or city (Sekda, Inspektur, head of BKPSDM)."""
    where = case.agency.region.name if case.agency and case.agency.region else "daerah"
    return f"Sekretaris Daerah, Inspektur dan Kepala BKPSDM {where}"


def _place(case: Case) -> str:
    where = case.agency.region.name if case.agency and case.agency.region else "daerah"
    return f"Ruang rapat Sekretariat Daerah {where}"


def _nine(day: dt.datetime) -> dt.datetime:
    """09.00 WIB (02.00 UTC) of that day, moved to a Monday when it falls on a weekend."""
    return _weekday(day.replace(hour=2, minute=0, second=0, microsecond=0))


def _walk(case: Case, actor: User, point: str, today: dt.datetime) -> None:
    d = dt.timedelta(days=1)

    def summon(letter_at: dt.datetime, exam: dt.datetime) -> dt.datetime:
        hearings.hearing_summon(
            case=case,
            actor=actor,
            examination_at=exam,
            place=_place(case),
            examiner_names=_examiners(case),
            now=letter_at,
        )
        return exam

    def absent(exam: dt.datetime, note: str) -> None:
        hearings.hearing_attendance(
            case=case, actor=actor, attended=False, note=note, now=exam + dt.timedelta(hours=3)
        )

    if point == "dipanggil":
        summon(today - d, _nine(today + 13 * d))
    elif point == "tidak_hadir_1":
        absent(summon(today - 16 * d, _nine(today - 2 * d)), "Tidak hadir tanpa pemberitahuan.")
    elif point == "dipanggil_2":
        first = summon(today - 25 * d, _nine(today - 11 * d))
        absent(first, "Tidak hadir; menurut staf kecamatan sedang dinas luar.")
        summon(first + dt.timedelta(hours=4), _nine(today + 4 * d))
    elif point in ("hadir", "diperiksa"):
        exam = summon(today - 20 * d, _nine(today - (1 if point == "hadir" else 5) * d))
        hearings.hearing_attendance(case=case, actor=actor, attended=True, now=exam + dt.timedelta(hours=3))
        if point == "diperiksa":
            hearings.hearing_minutes(
                case=case,
                actor=actor,
                upload=io.BytesIO(BAP_PDF),
                name="bap-pemeriksaan.pdf",
                now=exam + dt.timedelta(hours=5),
            )
    elif point == "tidak_hadir_2":
        first = summon(today - 30 * d, _nine(today - 16 * d))
        absent(first, "Tidak hadir tanpa alasan yang sah.")
        absent(summon(first + dt.timedelta(hours=4), _nine(today - 2 * d)), "Tidak hadir lagi tanpa alasan.")


def hear_in_demo(case: Case, actor: User, *, letter_at: dt.datetime, exam: dt.datetime) -> None:
    """Summoned at ``letter_at``, appears at ``exam`` and the BAP is uploaded (the small demo world)."""
    hearings.hearing_summon(
        case=case,
        actor=actor,
        examination_at=exam,
        place=_place(case),
        examiner_names=_examiners(case),
        now=letter_at,
    )
    hearings.hearing_attendance(case=case, actor=actor, attended=True, now=exam)
    hearings.hearing_minutes(case=case, actor=actor, upload=io.BytesIO(BAP_PDF), name="bap.pdf", now=exam)


def _waiting(earliest: dt.datetime) -> list[Case]:
    """Discipline cases of the demo agencies awaiting the PPK, recommended before ``earliest``; Musi
    Banyuasin's first (journey 9 is the camat's)."""
    sent = Recommendation.objects.filter(
        case__status=Status.AWAITING_FOLLOW_UP,
        case__agency__code__in=EXAMINERS,
        track=Track.DISCIPLINE,
        sent_at__lt=earliest,
    ).select_related("case", "case__agency")
    return [
        r.case for r in sorted(sent, key=lambda r: (_agency_code(r.case) != DEMO_AGENCY, r.sent_at, r.pk))
    ]


def _agency_code(case: Case) -> str:
    return case.agency.code if case.agency is not None else ""


def load_due_process(*, today: dt.datetime, say: Callable[[str], object] = lambda _m: None) -> dict[str, int]:
    started = time.monotonic()
    if Hearing.objects.exists() or Remedy.objects.exists():
        say("due process: already loaded")
        return {"created": 0}
    examiners = {u.username: u for u in User.objects.filter(username__in=EXAMINERS.values())}
    ppk = User.objects.filter(username="ppk_muba").first()
    if "atasan_muba" not in examiners or ppk is None:
        say("due process: demo logins atasan_muba/ppk_muba missing; skipped")
        return {"created": 0}
    created = 0
    with transaction.atomic():
        # The longest walk first, on the case recommended longest ago.
        used: set[int] = set()
        for point, lead in sorted(zip(POINTS, (1, 16, 25, 20, 20, 30), strict=True), key=lambda p: -p[1]):
            candidates = [c for c in _waiting(today - dt.timedelta(days=lead + 1)) if c.pk not in used]
            if not candidates:
                say(f"due process: no case recommended early enough for “{point}”")
                continue
            examiner = examiners.get(EXAMINERS.get(_agency_code(candidates[0]), ""))
            if examiner is None:
                continue
            _walk(candidates[0], examiner, point, today)
            used.add(candidates[0].pk)
            created += 1
        created += _remedies(ppk, today, say)
    say(
        f"due process: {created} cases at the points of the examination and of the remedies "
        f"({time.monotonic() - started:.1f}s)"
    )
    return {"created": created}


def _remedies(ppk: User, today: dt.datetime, say: Callable[[str], object]) -> int:
    decided = (
        Decision.objects.filter(
            case__status=Status.SANCTIONED,
            case__agency__code__in=PPKS,
            case__recommendation__track=Track.DISCIPLINE,
            decree_date__lte=(today - dt.timedelta(days=8)).date(),
        )
        .select_related("case", "case__agency")
        .order_by("-decree_date", "pk")[:3]
    )
    ppks = {u.username: u for u in User.objects.filter(username__in=PPKS.values())}
    lighter = SanctionType.objects.filter(code="moral-terbuka").first()
    outcomes = (None, Remedy.Outcome.REJECTED, Remedy.Outcome.CHANGED if lighter else Remedy.Outcome.UPHELD)
    count = 0
    for decision, outcome in zip(decided, outcomes, strict=False):
        ppk = ppks.get(PPKS.get(_agency_code(decision.case), ""), ppk)
        filed = decision.decree_date + dt.timedelta(days=3)
        remedies.remedy_file(
            case=decision.case,
            actor=ppk,
            kind=Remedy.Kind.OBJECTION,
            filed_on=filed,
            grounds="Terlapor menyatakan unggahan itu dibuat sebelum masa kampanye dan tanpa atribut calon.",
            decided_by_body="Atasan Pejabat yang Berwenang Menghukum (Gubernur Sumatera Selatan)",
            now=dt.datetime.combine(filed, dt.time(3, 0), tzinfo=dt.UTC),
        )
        if outcome is not None:
            remedies.remedy_decide(
                case=decision.case,
                actor=ppk,
                outcome=outcome,
                decided_on=filed + dt.timedelta(days=4),
                note="Setelah memeriksa berita acara dan bukti unggahan, keberatan diputus.",
                new_sanction_type=lighter if outcome == Remedy.Outcome.CHANGED else None,
                now=dt.datetime.combine(filed + dt.timedelta(days=4), dt.time(3, 0), tzinfo=dt.UTC),
            )
        count += 1
    if count < len(outcomes):
        say(f"due process: only {count} sanctioned discipline cases of the demo agencies for the remedies")
    return count
