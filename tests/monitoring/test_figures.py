"""Reports and distinct reported ASN, read back through every interface that publishes them.

The world (``reported_twice_world``): one ASN reported twice in one election and once in another, a
duplicate merged into a report, unidentified reported persons. Expected counts are in ``data.py``.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netralitas.accounts.models import User
from netralitas.cases.buckets import BUCKETS, SUMMARY
from netralitas.cases.figures import counted, figures
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.monitoring import public
from tests.world import World

from .data import (
    EXPECTED_BUCKETS,
    EXPECTED_ELECTIONS,
    EXPECTED_SUMMARY,
    EXPECTED_TOTALS,
    bulk_cases,
    reported_twice_world,
)

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_status_is_in_exactly_one_bucket_and_one_summary_group() -> None:
    for grouping in (BUCKETS, SUMMARY):
        for status in Status.values:
            assert sum(status in b.statuses for b in grouping) == 1, status
    ppk = next(b for b in BUCKETS if b.code == "menunggu_ppk")
    assert Status.DECISION_CHECK in ppk.statuses


def test_the_summary_states_the_kemendagri_grouping() -> None:
    summary = {b.code: (b.label, set(b.statuses)) for b in SUMMARY}
    assert summary == {
        "dalam_verifikasi_kajian": (
            "Dalam verifikasi dan kajian",
            {"diterima", "verifikasi", "kajian_bawaslu", "terbukti"},
        ),
        "menunggu_ppk": ("Menunggu tindak lanjut PPK", {"menunggu_tindak_lanjut", "keputusan_diperiksa"}),
        "disanksi": ("Disanksi", {"disanksi"}),
        "tidak_terbukti": ("Tidak terbukti", {"tidak_terbukti"}),
        "ditolak": ("Ditolak", {"ditolak"}),
        "dibatalkan": ("Dibatalkan", {"dibatalkan"}),
        "gugur": ("Gugur", {"gugur"}),
    }
    # The groups the summary shares with the detailed buckets are the same objects.
    assert {b.code for b in SUMMARY} - {"dalam_verifikasi_kajian"} <= {b.code for b in BUCKETS}


@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024"])
def test_dashboard_counts_reports_and_reported_asn_per_bucket(world: World, election: str) -> None:
    reported_twice_world(world)
    d = client_for(world.leader).get("/pemantauan/", {"pemilihan": election}).context["d"]
    expected = EXPECTED_TOTALS[election]
    assert d.totals == {code: n for code, (n, _asn) in expected.items()}
    assert d.totals_asn == {code: asn for code, (_n, asn) in expected.items()}
    tables = {t.name: t for t in d.tables}
    assert {row[0]: (row[1], row[2]) for row in tables["jumlah"].rows} == {
        "Dilaporkan": expected["dilaporkan"],
        "Terbukti": expected["terbukti"],
        "Disanksi": expected["disanksi"],
    }
    pipeline = {b.code: (row[1], row[2]) for b, row in zip(BUCKETS, tables["tahapan"].rows, strict=True)}
    assert pipeline == EXPECTED_BUCKETS[election]
    summary = {b.code: (row[1], row[2]) for b, row in zip(SUMMARY, tables["ringkasan"].rows, strict=True)}
    assert summary == EXPECTED_SUMMARY[election]


def test_dashboard_tables_by_province_agency_and_election_count_asn_per_row(world: World) -> None:
    reported_twice_world(world)
    client = client_for(world.leader)
    tables = {
        t.name: t for t in client.get("/pemantauan/", {"pemilihan": "pilkada-2024"}).context["d"].tables
    }
    # Province: Dilaporkan, ..., Disanksi, ASN terlapor, ASN disanksi.
    provinces = {row[0]: (row[1], row[6], row[7], row[8]) for row in tables["provinsi"].rows}
    # Sumatera Selatan: the camat twice (and his merged duplicate, not counted), two unidentified reports.
    assert provinces == {"Sumatera Selatan": (4, 1, 3, 1), "Sulawesi Selatan": (2, 0, 1, 0)}
    agencies = {row[0]: (row[1], row[4], row[6]) for row in tables["instansi"].rows}
    assert agencies[world.pemkab_muba.name] == (2, 1, 1)  # the camat, twice; the duplicate not counted
    assert agencies[world.pemkot_makassar.name] == (2, 2, 1)
    breakdown = {t.name: t for t in client.get("/pemantauan/rincian/").context["tables"]}
    by_election: dict[str, list[int]] = {}
    for row in breakdown["pemilihan"].rows:  # one row per election and stage: add up the report counts
        totals = by_election.setdefault(str(row[0]), [0, 0, 0])
        for i in range(3):
            totals[i] += int(row[2 + i])
    assert by_election == {
        world.pilkada.name: list(EXPECTED_ELECTIONS["pilkada-2024"][0]),
        "Pemilu 2024": list(EXPECTED_ELECTIONS["pemilu-2024"][0]),
    }


def test_provincial_dashboard_counts_the_asn_of_its_province_only(world: World) -> None:
    reported_twice_world(world)
    d = client_for(world.verifier).get("/pemantauan/").context["d"]
    # Sumatera Selatan: the camat (3 counted reports over two elections) and three unidentified reports.
    assert d.totals == {"dilaporkan": 6, "terbukti": 3, "disanksi": 2}
    assert d.totals_asn == {"dilaporkan": 4, "terbukti": 1, "disanksi": 1}


def test_a_merged_duplicate_is_not_in_the_drill_down_of_its_count(world: World) -> None:
    reported_twice_world(world)
    client = client_for(world.leader)
    listing = client.get("/pemantauan/kasus/", {"kelompok": "dibatalkan", "pemilihan": "pilkada-2024"})
    assert listing.context["page"].paginator.count == 1
    assert Case.objects.filter(status=Status.CANCELLED, election__code="pilkada-2024").count() == 2


@pytest.fixture
def exact(settings) -> None:
    """Publish exact counts (no suppression) so that the small world reads back as it is."""
    settings.MONITORING_SUPPRESS_BELOW = 1


def _json(election: str) -> dict:
    params = {"pemilihan": election} if election else {}
    return Client().get("/pemantauan/publik/data.json", params).json()


@pytest.mark.parametrize("election", ["pilkada-2024", "pemilu-2024", ""])
def test_open_data_json_counts_reports_and_reported_asn(world: World, exact: None, election: str) -> None:
    reported_twice_world(world)
    tables = _json(election)["tables"]
    jumlah = {r["Kode"]: (r["Kasus"], r["ASN terlapor"]) for r in tables["jumlah"]["rows"]}
    assert jumlah == EXPECTED_TOTALS[election]
    if election:
        stages = {r["Kode"]: (r["Kasus"], r["ASN terlapor"]) for r in tables["tahapan"]["rows"]}
        assert stages == EXPECTED_BUCKETS[election]
        summary = {r["Kode"]: (r["Kasus"], r["ASN terlapor"]) for r in tables["ringkasan"]["rows"]}
        assert summary == EXPECTED_SUMMARY[election]
        # The total row states the distinct ASN, less than the bucket rows add up to when one ASN is in two.
        total = tables["ringkasan"]["total"]
        assert (total["Kasus"], total["ASN terlapor"]) == EXPECTED_TOTALS[election]["dilaporkan"]
    else:
        rows = {r["Kode"]: r for r in tables["pemilihan"]["rows"]}
        rows["total"] = tables["pemilihan"]["total"]
        columns = (("Dilaporkan", "Terbukti", "Disanksi"), ("ASN terlapor", "ASN terbukti", "ASN disanksi"))
        read = {code: tuple(tuple(r[c] for c in cols) for cols in columns) for code, r in rows.items()}
        assert read == EXPECTED_ELECTIONS


def test_open_data_schema_and_csv_state_the_definitions(world: World, exact: None) -> None:
    reported_twice_world(world)
    schema = _json("")["schema"]
    assert (
        "ditambah satu untuk setiap laporan yang terlapornya belum teridentifikasi"
        in (schema["asn"]["definition"])
    )
    assert "melebihi total" in schema["asn"]["definition"]
    assert "not yet identified" in schema["asn"]["definition_en"]
    assert "duplikat" in schema["counted"]["definition"]
    assert schema["summary"]["dalam_verifikasi_kajian"]["statuses"] == sorted(
        ["diterima", "verifikasi", "kajian_bawaslu", "terbukti"]
    )
    assert schema["buckets"]["menunggu_ppk"]["statuses"] == ["keputusan_diperiksa", "menunggu_tindak_lanjut"]
    body = Client().get("/pemantauan/publik/ringkasan.csv", {"pemilihan": "pilkada-2024"}).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Kode", "Kelompok", "Kasus", "ASN terlapor", "Definisi"]
    by_code = {r[0]: (int(r[2]), int(r[3])) for r in rows[1:]}
    assert by_code == {**EXPECTED_SUMMARY["pilkada-2024"], "total": (6, 4)}
    jumlah = Client().get("/pemantauan/publik/jumlah.csv", {"pemilihan": "pemilu-2024"}).content.decode()
    assert "dilaporkan,Dilaporkan,2,2," in jumlah


def test_public_page_shows_asn_counts_with_their_definition_before_the_figures(
    world: World, exact: None
) -> None:
    reported_twice_world(world)
    html = Client().get("/pemantauan/publik/", {"pemilihan": "pilkada-2024"}).content.decode()
    definition = html.index("ditambah satu untuk setiap laporan yang terlapornya belum teridentifikasi")
    assert definition < html.index('id="tabel-jumlah"')
    assert html.index("digabungkan ke laporan lain sebagai duplikat") < html.index('id="tabel-jumlah"')
    assert "Ringkasan menurut pengelompokan Kemendagri" in html
    assert "Dalam verifikasi dan kajian" in html and "ASN terlapor" in html


def test_asn_columns_are_suppressed_with_their_report_columns(world: World) -> None:
    # Default threshold 5: 303 reports about 303 unidentified persons in Sumatera Selatan, 3 in Sulawesi
    # Selatan. Both ASN cells are published as the report cells are: hidden and "<5".
    bulk_cases(
        election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={Status.REVIEW: 303}
    )
    bulk_cases(election=world.pilkada, region=world.makassar, agency=None, statuses={Status.REVIEW: 3})
    provinsi = _json("")["tables"]["provinsi"]
    asn = {r["Provinsi"]: r["ASN terlapor"] for r in provinsi["rows"]}
    assert asn == {"Sumatera Selatan": "x", "Sulawesi Selatan": "<5"}
    assert provinsi["total"]["ASN terlapor"] == 306
    html = Client().get("/pemantauan/publik/").content.decode()
    assert html.count(">\u00d7</abbr>") >= 2  # the hidden report cell and the hidden ASN cell


def test_bucket_and_total_figures_are_two_queries(world: World, django_assert_num_queries) -> None:
    reported_twice_world(world)
    # A GROUP BY status, and one GROUP BY over the per-employee status masks (ADR 0022).
    with django_assert_num_queries(2):
        counts = figures(counted(Case.objects.all()))
    assert (counts["dilaporkan"].reports, counts["dilaporkan"].asn) == EXPECTED_TOTALS[""]["dilaporkan"]


def _queries(callable_: object) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()  # type: ignore[operator]
    return len(captured.captured_queries)


def test_dashboard_and_open_data_queries_do_not_grow_with_the_number_of_asn(world: World) -> None:
    reported_twice_world(world)
    leader = client_for(world.leader)
    leader.get("/pemantauan/")  # the first request also loads the session and the holiday calendar
    dashboard = _queries(lambda: leader.get("/pemantauan/"))
    breakdown = _queries(lambda: leader.get("/pemantauan/rincian/"))
    open_data = _queries(lambda: public.compute_public_tables(""))
    # Many more reports, about many more (unidentified and identified) persons, in more buckets.
    for status in (Status.RECEIVED, Status.PROVEN, Status.NOT_PROVEN, Status.MOOT):
        for case in bulk_cases(
            election=world.pilkada, region=world.muba, agency=world.pemkab_muba, statuses={status: 40}
        )[:10]:
            case.employee = world.camat
            case.save(update_fields=["employee"])
    assert _queries(lambda: leader.get("/pemantauan/")) == dashboard, "dashboard"
    assert _queries(lambda: leader.get("/pemantauan/rincian/")) == breakdown, "breakdown"
    assert _queries(lambda: public.compute_public_tables("")) == open_data, "open data"


def test_the_definitions_are_in_english_for_an_english_reader(world: World, exact: None) -> None:
    from django.conf import settings

    reported_twice_world(world)
    reader = Client()
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = reader.get("/pemantauan/publik/").content.decode()
    assert "plus one for each report whose reported person is not yet identified" in html
    assert "a report merged into another as a duplicate" in html
    assert "Reported ASN" in html
    leader = client_for(world.leader)
    leader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    dashboard = leader.get("/pemantauan/")
    assert "so the rows can add up to more than the total of reported ASN" in dashboard.content.decode()


def test_docs_open_data_states_the_published_definitions() -> None:
    from pathlib import Path

    from django.conf import settings

    from netralitas.cases.buckets import ASN_DEFINITION, ASN_DEFINITION_EN, COUNTED_DEFINITION

    doc = (Path(settings.BASE_DIR) / "docs" / "open-data.md").read_text(encoding="utf-8")
    assert ASN_DEFINITION in doc and ASN_DEFINITION_EN in doc and COUNTED_DEFINITION in doc
    table = doc.replace(" (not merged)", "")
    for group in SUMMARY:
        statuses = ", ".join(sorted(group.statuses, key=list(Status.values).index))
        assert f"| `{group.code}` | {group.label} | {statuses}" in table, group.code
