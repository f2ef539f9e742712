from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from netralitas.accounts.models import User
from netralitas.cases.workflow import Status
from tests.world import World

from .data import PILKADA_2020, bulk_cases, pilkada_2020

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_national_dashboard_shows_the_published_pilkada_2020_numbers(world: World) -> None:
    election = pilkada_2020()
    bulk_cases(election=election, region=world.muba, agency=world.pemkab_muba, statuses=PILKADA_2020)
    response = client_for(world.leader).get("/pemantauan/", {"pemilihan": "pilkada-2020"})
    assert response.status_code == 200
    totals = response.context["d"].totals
    assert totals == {"dilaporkan": 2034, "terbukti": 1597, "disanksi": 1450}
    pipeline = {row[0]: row[1] for row in response.context["d"].tables[1].rows}
    assert pipeline["Menunggu verifikasi"] == 20
    assert pipeline["Menunggu tindak lanjut PPK"] == 100
    assert "Laporan yang dinyatakan terbukti oleh Bawaslu" in response.content.decode()


def test_ppk_dashboard_counts_only_its_agencys_recommended_cases(world: World) -> None:
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 3, Status.AWAITING_FOLLOW_UP: 4, Status.SANCTIONED: 2},
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.AWAITING_FOLLOW_UP: 5},
    )
    totals = client_for(world.ppk_muba).get("/pemantauan/").context["d"].totals
    assert totals == {"dilaporkan": 6, "terbukti": 6, "disanksi": 2}


def test_provincial_viewer_excludes_other_provinces(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.RECEIVED: 7}
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.RECEIVED: 9},
    )
    response = client_for(world.verifier).get("/pemantauan/")
    assert response.context["d"].totals["dilaporkan"] == 7
    provinces = [row[0] for row in response.context["d"].tables[2].rows]
    assert provinces == ["Sumatera Selatan"]
    national = client_for(world.leader).get("/pemantauan/").context["d"].totals["dilaporkan"]
    assert national == 16


def test_user_without_a_role_gets_404_and_anonymous_is_sent_to_login(world: World) -> None:
    nobody = User.objects.create_user("tanpa_peran", password="x")
    for url in [
        "/pemantauan/",
        "/pemantauan/kinerja/",
        "/pemantauan/rincian/",
        "/pemantauan/kasus/",
        "/pemantauan/kasus/unduh.xlsx",
        "/pemantauan/unduh/provinsi.csv",
    ]:
        assert client_for(nobody).get(url).status_code == 404, url
        response = Client().get(url)
        assert response.status_code == 302 and "/akun/" in response["Location"], url


def test_drill_down_lists_cases_of_a_province_within_scope(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 2}
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.REVIEW: 3},
    )
    dashboard = client_for(world.leader).get("/pemantauan/")
    rows = dashboard.context["d"].tables[2].linked_rows()
    link = next(link for row, link in rows if row[0] == "Sulawesi Selatan")
    assert link is not None
    listing = client_for(world.leader).get(link)
    assert listing.context["page"].paginator.count == 3
    # The Sumatera Selatan verifier following the same link sees none of Makassar's cases.
    assert client_for(world.verifier).get(link).context["page"].paginator.count == 0


def test_ppk_filtering_on_another_agency_sees_nothing(world: World) -> None:
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.AWAITING_FOLLOW_UP: 5},
    )
    response = client_for(world.ppk_muba).get("/pemantauan/kasus/", {"instansi": "KOTA-73.71"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "UJI-" not in response.content.decode()


def test_bucket_drill_down_matches_the_dashboard_count(world: World) -> None:
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 2, Status.VERIFICATION: 3, Status.SANCTIONED: 1},
    )
    response = client_for(world.leader).get("/pemantauan/kasus/", {"kelompok": "menunggu_verifikasi"})
    assert response.context["page"].paginator.count == 5


def test_overdue_and_at_risk_counts(world: World) -> None:
    now = timezone.now()
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.REVIEW: 2},
        deadline_at=now - dt.timedelta(hours=1),
    )
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.VERIFICATION: 3},
        deadline_at=now + dt.timedelta(hours=1),
    )
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.SANCTIONED: 4},
        deadline_at=now - dt.timedelta(days=3),
    )
    d = client_for(world.leader).get("/pemantauan/").context["d"]
    assert d.overdue == 2
    assert d.at_risk == 3
    overdue = client_for(world.leader).get("/pemantauan/kasus/", {"lewat": "1"})
    assert overdue.context["page"].paginator.count == 2


def test_xlsx_export_respects_scope_and_filter(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.RECEIVED: 4}
    )
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.RECEIVED: 6},
    )
    response = client_for(world.verifier).get("/pemantauan/kasus/unduh.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor aduan"
    assert len(rows) == 1 + 4
    assert {row[5] for row in rows[1:]} == {"Sumatera Selatan"}


def test_every_chart_table_downloads_as_csv_and_xlsx(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.SANCTIONED: 3}
    )
    client = client_for(world.leader)
    for name in ["jumlah", "tahapan", "provinsi", "instansi", "pelanggaran", "jabatan", "pemilihan", "tren"]:
        csv = client.get(f"/pemantauan/unduh/{name}.csv")
        assert csv.status_code == 200, name
        assert csv["Content-Type"].startswith("text/csv")
        xlsx = client.get(f"/pemantauan/unduh/{name}.xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK", name
    assert "Disanksi,3" in client.get("/pemantauan/unduh/tahapan.csv").content.decode()
    assert client.get("/pemantauan/unduh/rahasia.csv").status_code == 404
    assert client.get("/pemantauan/unduh/provinsi.pdf").status_code == 404


def test_map_has_a_focusable_link_per_province_with_cases(world: World) -> None:
    world.sumsel.latitude, world.sumsel.longitude = -2.976, 104.775
    world.sumsel.save()
    world.sulsel.latitude, world.sulsel.longitude = -5.147, 119.432
    world.sulsel.save()
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 2}
    )
    svg = str(client_for(world.leader).get("/pemantauan/").context["d"].map_svg)
    assert svg.count("<a href=") == 1
    assert "provinsi=16" in svg
    assert "Sumsel" in svg and "Sulsel" in svg


def test_htmx_request_gets_the_partial_of_the_same_page(world: World) -> None:
    client = client_for(world.leader)
    full = client.get("/pemantauan/").content.decode()
    partial = client.get("/pemantauan/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in partial
    assert 'id="dasbor"' in partial


def test_unknown_filter_codes_match_nothing_instead_of_everything(world: World) -> None:
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.RECEIVED: 2}
    )
    client = client_for(world.leader)
    assert client.get("/pemantauan/kasus/", {"kelompok": "tidak-ada"}).context["page"].paginator.count == 0
    assert client.get("/pemantauan/kasus/", {"provinsi": "99"}).context["page"].paginator.count == 0
    assert client.get("/pemantauan/kasus/").context["page"].paginator.count == 2


def test_weekly_trend_counts_reports_in_their_week(world: World) -> None:
    latest = dt.datetime(2024, 11, 27, 10, tzinfo=dt.UTC)  # a Wednesday
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 3},
        received_at=latest,
    )
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.RECEIVED: 2},
        received_at=latest - dt.timedelta(weeks=2),
    )
    trend = client_for(world.leader).get("/pemantauan/rincian/").context["tables"][3]
    assert len(trend.rows) == 12
    assert trend.rows[-1] == ["25 November 2024", 3]  # the week's Monday, written the Indonesian way
    assert trend.rows[-3] == ["11 November 2024", 2]
    assert sum(row[1] for row in trend.rows) == 5


def test_breakdown_page_counts_position_types_and_violations_within_scope(world: World) -> None:
    from netralitas.sanctions.models import ViolationType

    muba = bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 2}
    )
    social = ViolationType.objects.get(code="media-sosial")
    for case in muba:
        case.employee = world.camat
        case.save()
        case.violation_types.add(social)
    bulk_cases(
        election=world.pilkada,
        region=world.makassar,
        agency=world.pemkot_makassar,
        statuses={Status.REVIEW: 3},
    )
    tables = {t.name: t for t in client_for(world.verifier).get("/pemantauan/rincian/").context["tables"]}
    # Two reports about the same camat: two reports, one reported ASN.
    assert tables["jabatan"].rows == [["Administrator", 2, 1]]
    assert [row[1:3] for row in tables["pelanggaran"].rows] == [[2, 1]]
    national = {t.name: t for t in client_for(world.leader).get("/pemantauan/rincian/").context["tables"]}
    assert national["jabatan"].rows == [["Administrator", 2, 1], ["Belum teridentifikasi", 3, 3]]
    assert national["pemilihan"].rows[0][2] == 5


def test_national_fast_path_counts_the_same_cases_as_visible_cases(world: World) -> None:
    from netralitas.cases.queries import visible_cases
    from netralitas.monitoring.queries import monitored_cases

    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.RECEIVED: 3}
    )
    assert set(monitored_cases(world.leader)) == set(visible_cases(world.leader))
    assert set(monitored_cases(world.ppk_muba)) == set(visible_cases(world.ppk_muba))
