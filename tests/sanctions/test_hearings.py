"""The right to be heard (issue 15, journey 9): every path of the examination before the PPK decides, and
of the administrative remedy after it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, NotAllowed, TransitionConflict
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.services import document_rendered
from netralitas.sanctions import hearings, remedies
from netralitas.sanctions.hearings import DueProcessMissing
from netralitas.sanctions.models import Hearing, HearingRule, Remedy, SanctionType, Summons
from netralitas.sanctions.services import decision_accept, decision_record
from tests.cases.helpers import BAP_PDF, examination_time, hear, submit, summon, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def _followed_up(world: World) -> Case:
    case, _ = submit(world, identity={"name": "Rina Pelapor", "nik": "1606045505900001", "phone": "0812999"})
    return to_follow_up(world, case)


def _decide(world: World, case: Case) -> Case:
    return decision_record(
        case=case,
        actor=world.ppk_muba,
        decree_number="800/77/BKPSDM/2024",
        decree_date=dt.date(2024, 12, 2),
        sanction_type=SanctionType.objects.get(code="tukin-25-6"),
    )


def _text(document: Document) -> str:
    document = document_rendered(document)  # rendered after the issuing commit, which a test never reaches
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_ppk_cannot_decide_before_the_asn_is_summoned(world: World) -> None:
    case = _followed_up(world)
    with pytest.raises(DueProcessMissing, match="belum dipanggil"):
        _decide(world, case)


def test_ppk_cannot_decide_while_the_asn_is_only_summoned(world: World) -> None:
    case = _followed_up(world)
    summon(world, case)
    with pytest.raises(DueProcessMissing, match="Dipanggil untuk pemeriksaan"):
        _decide(world, case)


def test_asn_appears_and_the_bap_lets_the_ppk_decide(world: World) -> None:
    case = _followed_up(world)
    hearing = hear(world, case, appears=True)
    assert hearing.state == Hearing.State.EXAMINED and hearing.complete
    assert hearing.minutes_sha256 and hearing.examined_on is not None
    rule = HearingRule.objects.get(pk=hearing.rule_id)
    assert (rule.track, rule.level, rule.examiner) == ("disiplin", "sedang", "tim_pemeriksa")
    case = _decide(world, case)
    assert case.status == "keputusan_diperiksa"
    decided = case.events.get(action="submit_decision")
    assert decided.data["hearing"] == "diperiksa" and decided.data["bap_sha256"] == hearing.minutes_sha256
    actions = list(case.events.order_by("pk").values_list("action", flat=True))
    assert actions[-4:] == ["hearing_summoned", "hearing_attended", "hearing_minutes", "submit_decision"]
    audited = set(
        AuditEvent.objects.filter(action__startswith="case.hearing_").values_list("action", flat=True)
    )
    assert audited == {"case.hearing_summoned", "case.hearing_attended", "case.hearing_minutes"}


def test_asn_absent_twice_lets_the_ppk_decide_on_the_evidence(world: World) -> None:
    case = _followed_up(world)
    hearing = hear(world, case, appears=False)
    assert hearing.state == Hearing.State.DEFAULTED and hearing.complete
    assert not hearing.minutes
    summonses = list(Summons.objects.filter(hearing=hearing).order_by("ordinal"))
    assert [(s.ordinal, s.attended) for s in summonses] == [(1, False), (2, False)]
    second = _text(summonses[1].letter)
    assert "kedua kalinya" in second and summonses[0].letter.number in second.replace("/ ", "/")
    assert _decide(world, case).status == "keputusan_diperiksa"


def test_one_absence_is_not_enough_and_a_third_summons_is_refused(world: World) -> None:
    case = _followed_up(world)
    first = summon(world, case)
    hearings.hearing_attendance(case=case, actor=world.superior, attended=False, note="Sakit.", now=first)
    with pytest.raises(DueProcessMissing, match="Tidak hadir pada panggilan pertama"):
        _decide(world, case)
    hearing = Hearing.objects.get(case=case)
    assert hearings.examination_deadline_hint(hearing) is not None
    second = summon(world, case, after=first)
    hearings.hearing_attendance(case=case, actor=world.superior, attended=True, now=second)
    with pytest.raises(TransitionConflict):
        summon(world, case, after=second)
    hearings.hearing_minutes(
        case=case, actor=world.superior, upload=io.BytesIO(BAP_PDF), name="bap.pdf", now=second
    )
    assert _decide(world, case).status == "keputusan_diperiksa"


def test_summons_needs_seven_working_days_notice(world: World) -> None:
    case = _followed_up(world)
    too_soon = examination_time() - dt.timedelta(days=18)
    with pytest.raises(CaseError, match="paling lambat 7 hari kerja"):
        hearings.hearing_summon(
            case=case,
            actor=world.superior,
            examination_at=too_soon,
            place="Ruang rapat",
            examiner_names="Sekretaris Daerah",
        )
    assert not Hearing.objects.filter(case=case).exists()


def test_attendance_cannot_be_recorded_before_the_examination_day(world: World) -> None:
    case = _followed_up(world)
    summon(world, case)
    with pytest.raises(CaseError, match="pada atau setelah tanggal pemeriksaan"):
        hearings.hearing_attendance(case=case, actor=world.superior, attended=False, note="Tidak hadir.")


def test_bap_is_stripped_and_refused_when_not_a_document(world: World) -> None:
    case = _followed_up(world)
    at = summon(world, case)
    hearings.hearing_attendance(case=case, actor=world.superior, attended=True, now=at)
    with pytest.raises(CaseError, match="bukan"):
        hearings.hearing_minutes(case=case, actor=world.superior, upload=io.BytesIO(b"hello"), name="x.txt")


def test_other_agency_ppk_and_the_verifier_may_not_summon(world: World) -> None:
    case = _followed_up(world)
    for outsider in (world.ppk_makassar, world.verifier, world.auditor):
        with pytest.raises(NotAllowed):
            hearings.hearing_summon(
                case=case,
                actor=outsider,
                examination_at=examination_time(),
                place="Ruang rapat",
                examiner_names="Sekretaris Daerah",
            )


def test_the_ppk_may_act_for_the_superior(world: World) -> None:
    case = _followed_up(world)
    hearings.hearing_summon(
        case=case,
        actor=world.ppk_muba,
        examination_at=examination_time(),
        place="Kantor Bupati",
        examiner_names="Tim pemeriksa Kabupaten Musi Banyuasin",
    )
    assert Hearing.objects.get(case=case).state == Hearing.State.SUMMONED


def test_ethics_track_records_the_board_and_its_recommendation(world: World) -> None:
    case, _ = submit(world)
    from netralitas.sanctions.models import ViolationType
    from netralitas.sanctions.services import recommendation_send, review_conclude_proven
    from tests.cases.helpers import to_review

    case = to_review(world, case)
    case = review_conclude_proven(
        case=case,
        actor=world.analyst,
        violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
        track="etik",
        level="moral",
        sanction_type=SanctionType.objects.filter(track="etik").first(),  # type: ignore[arg-type]
        rationale="Unggahan ajakan memilih terbukti dibuat oleh terlapor pada masa kampanye.",
    )
    case = recommendation_send(case=case, actor=world.bkn_officer)
    at = summon(world, case)
    hearings.hearing_attendance(case=case, actor=world.superior, attended=True, now=at)
    with pytest.raises(CaseError, match="rekomendasi Majelis"):
        hearings.hearing_minutes(case=case, actor=world.superior, upload=io.BytesIO(BAP_PDF), name="bap.pdf")
    hearing = hearings.hearing_minutes(
        case=case,
        actor=world.superior,
        upload=io.BytesIO(BAP_PDF),
        name="bap.pdf",
        board_recommendation="Majelis merekomendasikan sanksi moral pernyataan secara terbuka.",
    )
    assert hearing.examiner == "majelis_kode_etik" and hearing.state == Hearing.State.EXAMINED


def _sanctioned(world: World) -> Case:
    case = _followed_up(world)
    hear(world, case)
    return decision_accept(case=_decide(world, case), actor=world.auditor)


def test_objection_rejected_keeps_the_sanction_and_the_history(world: World) -> None:
    case = _sanctioned(world)
    remedy = remedies.remedy_file(
        case=case,
        actor=world.ppk_muba,
        kind=Remedy.Kind.OBJECTION,
        filed_on=dt.date(2024, 12, 16),
        grounds="Terlapor menyatakan unggahan dibuat orang lain.",
        decided_by_body="Gubernur Sumatera Selatan",
    )
    assert remedy.deadline == dt.date(2024, 12, 20)  # 14 working days from Monday 2 Dec 2024
    with pytest.raises(TransitionConflict):
        remedies.remedy_file(
            case=case,
            actor=world.ppk_muba,
            kind=Remedy.Kind.OBJECTION,
            filed_on=dt.date(2024, 12, 16),
            grounds="Keberatan kedua.",
            decided_by_body="Gubernur",
        )
    remedies.remedy_decide(
        case=case,
        actor=world.ppk_muba,
        outcome=Remedy.Outcome.REJECTED,
        decided_on=dt.date(2025, 1, 10),
        note="Bukti unggahan dan BAP menunjukkan terlapor sendiri yang mengunggah.",
    )
    case.refresh_from_db()
    assert case.status == "disanksi"
    assert Remedy.objects.get(case=case).outcome == Remedy.Outcome.REJECTED
    actions = list(case.events.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["remedy_filed", "remedy_decided"]
    assert AuditEvent.objects.filter(action="case.remedy_decided").count() == 1


def test_objection_upheld_or_sanction_changed(world: World) -> None:
    case = _sanctioned(world)
    remedies.remedy_file(
        case=case,
        actor=world.bkn_officer,
        kind=Remedy.Kind.OBJECTION,
        filed_on=dt.date(2024, 12, 10),
        grounds="Prosedur pemeriksaan tidak dipenuhi.",
        decided_by_body="Gubernur Sumatera Selatan",
    )
    with pytest.raises(CaseError, match="hukuman pengganti"):
        remedies.remedy_decide(
            case=case,
            actor=world.ppk_muba,
            outcome=Remedy.Outcome.CHANGED,
            decided_on=dt.date(2025, 1, 10),
            note="Hukuman diringankan.",
        )
    remedy = remedies.remedy_decide(
        case=case,
        actor=world.ppk_muba,
        outcome=Remedy.Outcome.UPHELD,
        decided_on=dt.date(2025, 1, 10),
        note="Keberatan beralasan; hukuman dibatalkan.",
    )
    assert remedy.outcome == Remedy.Outcome.UPHELD
    assert remedies.public_status_label(case) == "Sanksi dibatalkan setelah upaya administratif"
    assert Case.objects.get(pk=case.pk).status == "disanksi"  # the final state and the decree are kept


def test_late_objection_is_refused_with_its_deadline(world: World) -> None:
    case = _sanctioned(world)
    with pytest.raises(CaseError, match="melewati batas 20 Desember 2024"):
        remedies.remedy_file(
            case=case,
            actor=world.ppk_muba,
            kind=Remedy.Kind.OBJECTION,
            filed_on=dt.date(2024, 12, 23),
            grounds="Terlambat mengajukan keberatan.",
            decided_by_body="Gubernur",
        )


def test_no_objection_before_the_sanction_is_recorded(world: World) -> None:
    case = _followed_up(world)
    with pytest.raises(TransitionConflict):
        remedies.remedy_file(
            case=case,
            actor=world.ppk_muba,
            kind=Remedy.Kind.OBJECTION,
            filed_on=dt.date(2024, 12, 10),
            grounds="Terlalu dini mengajukan.",
            decided_by_body="Gubernur",
        )


def test_no_due_process_letter_names_the_reporter(world: World) -> None:
    """Every document of the flow is built without the reporter's data (name, NIK, contact)."""
    case = _followed_up(world)
    first = summon(world, case)
    hearings.hearing_attendance(
        case=case, actor=world.superior, attended=False, note="Tidak hadir.", now=first
    )
    summon(world, case, after=first)
    letters = Document.objects.filter(kind=LetterKind.SUMMONS)
    assert letters.count() == 2
    for letter in letters:
        text = _text(letter)
        assert "Budi Santoso" in text and "198603132010011003" in text
        for secret in ("Rina", "Pelapor", "1606045505900001", "0812999"):
            assert secret not in text, (letter.number, secret)
        assert secret not in letter.addressee and secret not in letter.subject
    events = case.events.filter(action__startswith="hearing_")
    assert all("Rina" not in str(e.data) + e.note for e in events)
