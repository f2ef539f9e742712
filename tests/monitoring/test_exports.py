"""Case-list exports: the fast rows equal the old model-instance rows, CSV streams, long lists are built in
the background for their requester only, scope holds and the reporter never appears."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from netralitas.accounts.models import User
from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.monitoring import exports, queries
from netralitas.monitoring.dashboard import case_list
from netralitas.monitoring.export_services import exports_purge
from netralitas.monitoring.models import Export
from netralitas.monitoring.queries import CaseFilter
from netralitas.registry.models import ElectionStage
from tests.world import World

from .data import bulk_cases

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def old_rows(user: User) -> list[list[Any]]:
    """The rows as the export built them before (one model instance per case, display helpers)."""
    listing = case_list(user, CaseFilter(), clock.now())
    return [
        [
            case.number,
            case.get_status_display(),
            queries.bucket_of(case.status),
            case.election.name,
            case.election_stage.name if case.election_stage else "",
            case.province.name,
            case.agency.name if case.agency else "",
            timezone.localtime(case.received_at).strftime("%d-%m-%Y %H:%M"),
            timezone.localtime(case.deadline_at).strftime("%d-%m-%Y %H:%M") if case.deadline_at else "",
        ]
        for case in listing
    ]


def old_csv(user: User) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(exports.CASE_HEADERS)
    writer.writerows(old_rows(user))
    return buffer.getvalue()


def mixed_cases(world: World) -> None:
    """Sumatera Selatan: with and without agency, stage and deadline; Sulawesi Selatan: out of scope."""
    stage = ElectionStage.objects.create(
        election=world.pilkada,
        code="kampanye-uji",
        name="Kampanye",
        start=dt.date(2024, 9, 25),
        end=dt.date(2024, 11, 23),
    )
    late = dt.datetime(2024, 10, 1, 16, 59, tzinfo=dt.UTC)  # 23:59 in Jakarta: the date must not slip
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 2, Status.SANCTIONED: 1},
        received_at=late,
        deadline_at=late + dt.timedelta(days=5),
    )
    bulk_cases(election=world.pilkada, region=world.palembang, agency=None, statuses={Status.REVIEW: 2})
    Case.objects.filter(status=Status.REVIEW).update(election_stage=stage)
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.RECEIVED: 3},
    )


def streamed(response: Any) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def xlsx_rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple("" if v is None else v for v in row) for row in sheet.iter_rows(values_only=True)]


def test_streamed_csv_equals_the_old_output_on_the_same_data(world: World) -> None:
    mixed_cases(world)
    response = client_for(world.verifier).get("/pemantauan/kasus/unduh.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = streamed(response).decode()
    assert body == old_csv(world.verifier)
    assert len(body.splitlines()) == 1 + 5


def test_xlsx_opens_with_the_old_rows_of_the_viewers_scope_only(world: World) -> None:
    mixed_cases(world)
    response = client_for(world.verifier).get("/pemantauan/kasus/unduh.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    rows = xlsx_rows(response.content)
    assert rows[0] == tuple(exports.CASE_HEADERS)
    assert [list(r) for r in rows[1:]] == old_rows(world.verifier)
    assert {r[5] for r in rows[1:]} == {"Sumatera Selatan"}
    assert "02-10-2024 06:59" not in {r[7] for r in rows[1:]} and "01-10-2024 23:59" in {
        r[7] for r in rows[1:]
    }
    national = xlsx_rows(client_for(world.leader).get("/pemantauan/kasus/unduh.xlsx").content)
    assert len(national) == 1 + 8


def test_the_reporter_never_appears_in_an_export(world: World) -> None:
    mixed_cases(world)
    reporter = User.objects.create_user(
        "pelapor_rahasia", "pelapor.rahasia@example.com", "x", first_name="Siti"
    )
    Case.objects.update(reporter_user=reporter)
    client = client_for(world.leader)
    body = streamed(client.get("/pemantauan/kasus/unduh.csv")).decode()
    cells = {str(c) for row in xlsx_rows(client.get("/pemantauan/kasus/unduh.xlsx").content) for c in row}
    for secret in ("pelapor_rahasia", "pelapor.rahasia@example.com", "Siti"):
        assert secret not in body
        assert secret not in cells
    assert "reporter" not in " ".join(exports.CASE_COLUMNS)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_long_list_is_built_in_the_background_for_its_requester_only(
    world: World, settings: Any, tmp_path: Any, fmt: str
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MONITORING_EXPORT_SYNC_MAX_ROWS = 3
    mixed_cases(world)
    client = client_for(world.verifier)
    offer = client.get(f"/pemantauan/kasus/unduh.{fmt}", {"provinsi": world.sumsel.code, "x": "1"})
    assert offer.status_code == 200 and not offer.streaming
    assert 'action="/pemantauan/kasus/unduhan/"' in offer.content.decode()
    assert Export.objects.count() == 0  # a GET offers; only the POST starts a task
    # the task runs at once in the test profile (ImmediateBackend): the redirect lands on a ready file
    response = client.post("/pemantauan/kasus/unduhan/", {"format": fmt, "saringan": offer.context["query"]})
    export = Export.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pemantauan/kasus/unduhan/{export.code}/"
    assert export.state == Export.State.READY and export.rows_total == export.rows_done == 5
    assert export.percent == 100 and export.query == f"provinsi={world.sumsel.code}"
    assert export.expires_at == export.finished_at + dt.timedelta(hours=settings.MONITORING_EXPORT_TTL_HOURS)
    status = client.get(response["Location"], headers={"HX-Request": "true"})
    assert status.status_code == 200 and "hx-trigger" not in status.content.decode()
    assert f"/pemantauan/kasus/unduhan/{export.code}/berkas" in status.content.decode()
    download = client.get(f"/pemantauan/kasus/unduhan/{export.code}/berkas")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    if fmt == "csv":
        assert content.decode() == old_csv(world.verifier)
    else:
        assert [list(r) for r in xlsx_rows(content)[1:]] == old_rows(world.verifier)
    actions = set(AuditEvent.objects.filter(actor_label="hendra").values_list("action", flat=True))
    assert {
        "monitoring.export_requested",
        "monitoring.export_ready",
        "monitoring.export_downloaded",
    } <= actions
    # someone else, even with a wider scope, gets 404 for both pages; anonymous is sent to log in
    for other in (client_for(world.leader), client_for(world.analyst)):
        assert other.get(f"/pemantauan/kasus/unduhan/{export.code}/").status_code == 404
        assert other.get(f"/pemantauan/kasus/unduhan/{export.code}/berkas").status_code == 404
    assert Client().get(f"/pemantauan/kasus/unduhan/{export.code}/berkas").status_code == 302


def test_progress_is_shown_while_the_file_is_built(world: World, settings: Any) -> None:
    mixed_cases(world)
    export = Export.objects.create(
        requested_by=world.verifier,
        fmt="xlsx",
        timezone="Asia/Jakarta",
        language="id",
        rows_total=5,
        rows_done=2,
        state=Export.State.RUNNING,
        created_at=clock.now(),
        expires_at=clock.now() + dt.timedelta(hours=1),
    )
    page = client_for(world.verifier).get(f"/pemantauan/kasus/unduhan/{export.code}/")
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html and 'value="40"' in html and "2 dari 5 baris" in html
    assert f"/unduhan/{export.code}/berkas" not in html
    assert (
        client_for(world.verifier).get(f"/pemantauan/kasus/unduhan/{export.code}/berkas").status_code == 404
    )


def test_the_writers_report_progress_every_few_thousand_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    seen: list[int] = []
    rows = [[str(i), i] for i in range(5)]
    assert exports.write_xlsx(io.BytesIO(), ["a", "b"], rows, "t", seen.append) == 5
    assert seen == [2, 4]
    seen.clear()
    out = io.BytesIO()
    assert exports.write_csv(out, ["a", "b"], rows, seen.append) == 5
    assert seen == [2, 4] and out.getvalue().decode().splitlines()[1] == "0,0"


def test_expired_exports_404_and_are_purged_with_their_files(
    world: World, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MONITORING_EXPORT_SYNC_MAX_ROWS = 0
    mixed_cases(world)
    client = client_for(world.verifier)
    client.post("/pemantauan/kasus/unduhan/", {"format": "csv", "saringan": ""})
    export = Export.objects.get()
    path = export.file.path
    Export.objects.update(expires_at=clock.now() - dt.timedelta(seconds=1))
    assert client.get(f"/pemantauan/kasus/unduhan/{export.code}/berkas").status_code == 404
    assert exports_purge() == 1
    assert not Export.objects.exists() and not os.path.exists(path)


def test_without_a_monitoring_role_an_export_request_is_404(world: World) -> None:
    plain = User.objects.create_user("tanpa_peran", "tanpa@example.go.id", "x")
    client = client_for(plain)
    assert client.get("/pemantauan/kasus/unduh.csv").status_code == 404
    assert client.post("/pemantauan/kasus/unduhan/", {"format": "xlsx"}).status_code == 404
    assert client_for(world.leader).post("/pemantauan/kasus/unduhan/", {"format": "pdf"}).status_code == 404
    assert client_for(world.leader).get("/pemantauan/kasus/unduh.pdf").status_code == 404
    assert not Export.objects.exists()
