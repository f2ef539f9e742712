"""Journey 9 through the workspace: the superior summons, records the absence, summons again, uploads the
BAP; the PPK's decision is refused before that, over the page and over the API; objections after."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netralitas.cases.models import Case
from netralitas.portal.queries import reporter_view
from netralitas.sanctions.models import Hearing, Remedy, SanctionType
from tests.api.conftest import make_caller
from tests.cases.helpers import BAP_PDF, hear, sanction, submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def act(client: Client, case: Case, name: str, data: dict[str, object]) -> object:
    return client.post(reverse("workspace:action", args=[case.code, name]), data)


def _page(client: Client, case: Case) -> str:
    return client.get(reverse("workspace:case", args=[case.code])).content.decode()


def _version(case: Case) -> int:
    return Case.objects.get(pk=case.pk).version


def _decision_data(case: Case) -> dict[str, object]:
    return {
        "expected_version": _version(case),
        "decree_number": "800/12/BKPSDM/2024",
        "decree_date": "2024-12-02",
        "sanction_type": SanctionType.objects.get(code="tukin-25-6").pk,
        "document": SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
    }


def _summons_data(case: Case, day: dt.date, **more: object) -> dict[str, object]:
    return {
        "expected_version": _version(case),
        "examiner_names": "Sekretaris Daerah Kabupaten Musi Banyuasin",
        "examination_date": day.isoformat(),
        "examination_time": "09:00",
        "place": "Ruang rapat Sekretariat Daerah",
        **more,
    }


def test_superior_walks_the_examination_and_the_ppk_decides_after(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    ppk = Client()
    ppk.force_login(world.ppk_muba)
    refused = act(ppk, case, "submit_decision", _decision_data(case))
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "belum dapat dicatat" in refused.content.decode()  # type: ignore[attr-defined]

    client.force_login(world.superior)
    page = _page(client, case)
    assert "Terlapor belum dipanggil" in page and 'id="action-hearing_summon"' in page
    assert 'id="action-submit_decision"' not in page  # the superior does not decide
    exam = timezone.localdate() + dt.timedelta(days=21)
    assert act(client, case, "hearing_summon", _summons_data(case, exam)).status_code == 302  # type: ignore[attr-defined]
    assert client.get(reverse("workspace:summons_letter", args=[case.code, 1])).status_code == 200
    with time_machine.travel(dt.datetime.combine(exam, dt.time(5, 0), tzinfo=dt.UTC), tick=False):
        client.force_login(world.superior)  # three weeks on: a new working day, a new session
        data = {"expected_version": _version(case), "attended": "0", "note": "Tidak hadir tanpa alasan."}
        assert act(client, case, "hearing_attendance", data).status_code == 302  # type: ignore[attr-defined]
        second = exam + dt.timedelta(days=21)
        assert "Dikirim paling lambat" in _page(client, case)
        response = act(client, case, "hearing_summon", _summons_data(case, second, examiner_names=""))
        assert response.status_code == 302  # type: ignore[attr-defined]
    with time_machine.travel(dt.datetime.combine(second, dt.time(5, 0), tzinfo=dt.UTC), tick=False):
        client.force_login(world.superior)
        data = {"expected_version": _version(case), "attended": "1", "note": ""}
        assert act(client, case, "hearing_attendance", data).status_code == 302  # type: ignore[attr-defined]
        upload = SimpleUploadedFile("bap.pdf", BAP_PDF, content_type="application/pdf")
        data = {"expected_version": _version(case), "minutes": upload, "board_recommendation": ""}
        assert act(client, case, "hearing_minutes", data).status_code == 302  # type: ignore[attr-defined]
    assert Hearing.objects.get(case=case).state == Hearing.State.EXAMINED
    page = _page(client, case)
    assert "Unduh BAP" in page and "tidak hadir" in page and "Unduh surat panggilan ke-2" in page
    bap = client.get(reverse("workspace:hearing_minutes", args=[case.code]))
    assert bap.status_code == 200 and "attachment" in bap["Content-Disposition"]
    assert act(ppk, case, "submit_decision", _decision_data(case)).status_code == 302  # type: ignore[attr-defined]
    assert "Berdasarkan berita acara pemeriksaan tanggal" in _page(ppk, case)  # the decision cites the BAP


def test_other_agency_gets_404_for_due_process_pages_and_files(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    hear(world, case)
    client.force_login(world.ppk_makassar)
    for url in (
        reverse("workspace:case", args=[case.code]),
        reverse("workspace:summons_letter", args=[case.code, 1]),
        reverse("workspace:hearing_minutes", args=[case.code]),
    ):
        assert client.get(url).status_code == 404
    assert act(client, case, "hearing_summon", {"expected_version": 0}).status_code == 404  # type: ignore[attr-defined]


def test_api_decision_without_the_examination_is_a_422_problem(world: World) -> None:
    case, _ = submit(world)
    case = to_follow_up(world, case)
    ppk = make_caller(world.ppk_muba, name="SIMPEG Musi Banyuasin")
    body = {"decree_number": "800/1/2024", "decree_date": "2024-12-02", "sanction_type": "tukin-25-6"}
    refused = ppk.post(f"/api/v1/cases/{case.code}/decision", body)
    assert refused.status_code == 422 and refused["Content-Type"].startswith("application/problem+json")
    assert "berita acara pemeriksaan" in refused.json()["detail"]
    hear(world, case, appears=False)
    assert ppk.post(f"/api/v1/cases/{case.code}/decision", body).status_code == 200


def test_objection_shows_on_the_public_status_without_details(client: Client, world: World) -> None:
    case, _ = submit(world)
    case = sanction(world, to_follow_up(world, case))
    client.force_login(world.ppk_muba)
    data = {
        "expected_version": _version(case),
        "kind": Remedy.Kind.OBJECTION,
        "filed_on": "2024-12-16",
        "decided_by_body": "Gubernur Sumatera Selatan",
        "grounds": "Terlapor menyatakan unggahan dibuat orang lain.",
    }
    assert act(client, case, "remedy_file", data).status_code == 302  # type: ignore[attr-defined]
    view = reporter_view(Case.objects.get(pk=case.pk))
    assert view.status_label == "Dalam upaya administratif"
    assert all("Gubernur" not in m.text and "orang lain" not in m.text for m in view.messages)
    data = {
        "expected_version": _version(case),
        "outcome": Remedy.Outcome.REJECTED,
        "decided_on": "2025-01-10",
        "note": "Bukti dan BAP menunjukkan terlapor sendiri yang mengunggah.",
    }
    assert act(client, case, "remedy_decide", data).status_code == 302  # type: ignore[attr-defined]
    view = reporter_view(Case.objects.get(pk=case.pk))
    assert view.status_label == "Sanksi dijatuhkan"
    assert "Ditolak: hukuman tetap" in _page(client, case)


def test_superior_queue_holds_the_cases_to_examine_until_the_bap(client: Client, world: World) -> None:
    from netralitas.cases.queries import my_queue

    case, _ = submit(world)
    case = to_follow_up(world, case)
    assert list(my_queue(world.superior)) == [case]
    hear(world, case)
    assert list(my_queue(world.superior)) == []
    other, _ = submit(world)
    assert list(my_queue(world.superior)) == []  # never before the recommendation reaches the PPK
    assert other.status == "diterima"


def test_superior_and_ppk_pages_never_name_the_reporter(client: Client, world: World) -> None:
    identity = {"name": "Sari Kurniawati", "nik": "1606045505900001", "phone": "081299990000"}
    case, _ = submit(world, identity=identity)
    case = to_follow_up(world, case)
    hear(world, case, appears=False)
    for officer in (world.superior, world.ppk_muba):
        client.force_login(officer)
        page = _page(client, case)
        assert "Budi Santoso" in page and "Panggilan ke-2" in page
        for secret in identity.values():
            assert secret not in page, (officer.username, secret)
        assert 'id="identitas"' not in page  # no way to ask for the reporter's identity either
