import datetime as dt
import io
import itertools
import time

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from netralitas.accounts.models import Function, FunctionHolder
from netralitas.registry.masterdata import (
    MasterDataError,
    is_autonomous,
    load_master_data,
    normalise_region_code,
    normalise_region_name,
    regency_level,
)
from netralitas.registry.models import Agency, Election, ElectionStage, Kanreg, Region


@pytest.fixture
def counts(db):
    return load_master_data()


def holder_on(function, day):
    return {
        holder.body.code
        for holder in FunctionHolder.objects.select_related("body").filter(function=function)
        if (holder.valid_from is None or holder.valid_from <= day)
        and (holder.valid_until is None or day <= holder.valid_until)
    }


def test_region_counts_match_kepmendagri_2025(counts):
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 416
    assert Region.objects.filter(level=Region.Level.CITY).count() == 98
    assert (counts["provinces"], counts["regencies"], counts["cities"]) == (38, 416, 98)


def test_every_kabupaten_kota_belongs_to_a_province_with_its_code_prefix(counts):
    regencies = Region.objects.exclude(level=Region.Level.PROVINCE).select_related("province")
    assert all(r.province and r.code.startswith(r.province.code + ".") for r in regencies)


def test_kanreg_are_fourteen_and_each_covers_a_province(counts):
    assert Kanreg.objects.count() == 14
    assert not Kanreg.objects.annotate(n=Count("provinces")).filter(n=0).exists()


def test_every_province_has_timezone_kanreg_and_coordinates(counts):
    provinces = Region.objects.filter(level=Region.Level.PROVINCE)
    assert not provinces.filter(Q(kanreg__isnull=True) | Q(latitude__isnull=True) | Q(longitude__isnull=True))
    assert set(provinces.values_list("timezone", flat=True)) == set(Region.TimeZone.values)
    for province in provinces:
        assert -11 < province.latitude < 6 and 95 < province.longitude < 141, province


def test_sumatera_selatan_is_wib_and_covered_by_kanreg_vii_palembang(counts):
    sumsel = Region.objects.select_related("kanreg").get(code="16")
    assert sumsel.name == "Sumatera Selatan"
    assert sumsel.timezone == Region.TimeZone.WIB
    assert sumsel.kanreg.number == 7 and sumsel.kanreg.city == "Palembang"


@pytest.mark.parametrize(
    ("code", "timezone"),
    [
        ("91", "Asia/Jayapura"),
        ("96", "Asia/Jayapura"),
        ("81", "Asia/Jayapura"),
        ("82", "Asia/Jayapura"),
        ("51", "Asia/Makassar"),
        ("63", "Asia/Makassar"),
        ("75", "Asia/Makassar"),
        ("61", "Asia/Jakarta"),
        ("62", "Asia/Jakarta"),
        ("34", "Asia/Jakarta"),
    ],
)
def test_province_timezones(counts, code, timezone):
    assert Region.objects.get(code=code).timezone == timezone


def test_new_papua_provinces_follow_geography(counts):
    kanreg_of = dict(
        Region.objects.filter(level=Region.Level.PROVINCE, code__startswith="9").values_list(
            "code", "kanreg__number"
        )
    )
    assert kanreg_of == {"91": 9, "92": 14, "93": 9, "94": 9, "95": 9, "96": 14}


def test_kabupaten_kota_inherit_the_province_timezone(counts):
    assert Region.objects.get(code="91.71").timezone == Region.TimeZone.WIT  # Kota Jayapura


def test_names_are_written_as_indonesians_write_them(counts):
    names = dict(Region.objects.values_list("code", "name"))
    assert names["16.06"] == "Kabupaten Musi Banyuasin"
    assert names["16.71"] == "Kota Palembang"
    assert names["31"] == "DKI Jakarta"
    assert names["34"] == "Daerah Istimewa Yogyakarta"
    assert names["19"] == "Kepulauan Bangka Belitung"
    assert Region.objects.get(code="16.71").level == Region.Level.CITY


def test_regional_agencies_exclude_jakarta_administrative_cities(counts):
    assert Agency.objects.filter(kind=Agency.Kind.PROVINCE).count() == 38
    assert Agency.objects.filter(kind=Agency.Kind.REGENCY).count() == 415
    assert Agency.objects.filter(kind=Agency.Kind.CITY).count() == 93
    assert not Agency.objects.filter(region__code__startswith="31.").exists()


def test_regional_agency_names_and_ppk_titles(counts):
    by_code = {a.code: a for a in Agency.objects.filter(code__in=["PROV-16", "KAB-16.06", "KOTA-16.71"])}
    assert by_code["PROV-16"].name == "Pemerintah Provinsi Sumatera Selatan"
    assert by_code["PROV-16"].ppk_title == "Gubernur Sumatera Selatan"
    assert by_code["KAB-16.06"].name == "Pemerintah Kabupaten Musi Banyuasin"
    assert by_code["KAB-16.06"].ppk_title == "Bupati Musi Banyuasin"
    assert by_code["KOTA-16.71"].name == "Pemerintah Kota Palembang"
    assert by_code["KOTA-16.71"].ppk_title == "Wali Kota Palembang"
    assert by_code["KOTA-16.71"].region.code == "16.71"


def test_central_agencies_and_oversight_bodies(counts):
    central = Agency.objects.filter(kind=Agency.Kind.CENTRAL)
    assert 75 <= central.count() <= 100
    assert not central.filter(region__isnull=False).exists()
    oversight = set(Agency.objects.filter(is_oversight_body=True).values_list("code", flat=True))
    assert oversight == {"BKN", "KEMENPANRB", "KEMENDAGRI", "BAWASLU", "KASN"}
    assert Agency.objects.get(code="KEMENDAGRI").ppk_title == "Menteri Dalam Negeri"
    assert 600 <= Agency.objects.count() <= 660


def test_pilkada_2024_covers_545_regions(counts):
    pilkada = Election.objects.get(code="pilkada-2024")
    regions = pilkada.regions.all()
    assert regions.count() == 545
    assert regions.filter(level=Region.Level.PROVINCE).count() == 37
    assert regions.filter(level=Region.Level.REGENCY).count() == 415
    assert regions.filter(level=Region.Level.CITY).count() == 93
    assert not regions.filter(code="34").exists()
    assert regions.filter(code="31").exists()
    assert pilkada.candidates_set_date == dt.date(2024, 9, 22)


def test_pilkada_2020_lists_its_270_regions_explicitly(counts):
    pilkada = Election.objects.get(code="pilkada-2020")
    regions = pilkada.regions.all()
    assert regions.count() == 270
    assert regions.filter(level=Region.Level.PROVINCE).count() == 9
    assert regions.filter(level=Region.Level.REGENCY).count() == 224
    assert regions.filter(level=Region.Level.CITY).count() == 37
    assert regions.filter(code="73.71").exists() and not regions.filter(code="73").exists()
    assert pilkada.voting_date == dt.date(2020, 12, 9)
    assert pilkada.stage_on(dt.date(2020, 12, 5)).code == "kampanye"


def test_an_election_region_list_cannot_mix_inclusion_and_exclusion():
    from netralitas.registry.masterdata import _election_region_ids

    ids = {"16": 1, "16.06": 2, "73": 3}
    assert _election_region_ids({"provinces": ["73"], "regencies": ["1606"]}, ids) == {2, 3}
    assert _election_region_ids({"provinces_except": ["73"], "regencies_except": []}, ids) == {1, 2}
    with pytest.raises(MasterDataError):
        _election_region_ids({"provinces": ["73"], "provinces_except": ["16"]}, ids)
    with pytest.raises(MasterDataError):
        _election_region_ids({"regencies": ["99.99"]}, ids)


def test_pemilu_2024_is_national_with_its_stages(counts):
    pemilu = Election.objects.get(code="pemilu-2024")
    assert pemilu.voting_date == dt.date(2024, 2, 14)
    assert pemilu.candidates_set_date is not None
    assert not pemilu.regions.exists()
    assert pemilu.stage_on(dt.date(2023, 11, 28)).code == "kampanye"
    assert pemilu.stage_on(dt.date(2024, 2, 10)).code == "kampanye"
    assert pemilu.stage_on(dt.date(2024, 2, 12)).code == "masa-tenang"
    assert pemilu.stage_on(dt.date(2024, 2, 14)).code == "pemungutan-suara"
    assert pemilu.stage_on(dt.date(2022, 6, 14)) is not None


def test_pilkada_2024_stage_dates(counts):
    pilkada = Election.objects.get(code="pilkada-2024")
    assert pilkada.stage_on(dt.date(2024, 8, 28)).code == "pendaftaran"
    assert pilkada.stage_on(dt.date(2024, 9, 22)).code == "penetapan-calon"
    assert pilkada.stage_on(dt.date(2024, 9, 25)).code == "kampanye"
    assert pilkada.stage_on(dt.date(2024, 11, 23)).code == "kampanye"
    assert pilkada.stage_on(dt.date(2024, 11, 25)).code == "masa-tenang"
    assert pilkada.stage_on(dt.date(2024, 11, 27)).code == "pemungutan-suara"


def test_stages_of_an_election_do_not_overlap(counts):
    for election in Election.objects.all():
        stages = list(election.stages.order_by("start"))
        assert all(a.end < b.start for a, b in itertools.pairwise(stages)), election


def test_kasn_recommends_until_september_2024_then_bkn(counts):
    assert holder_on(Function.RECOMMEND, dt.date(2024, 9, 1)) == {"KASN"}
    assert holder_on(Function.RECOMMEND, dt.date(2024, 9, 21)) == {"KASN"}
    assert holder_on(Function.RECOMMEND, dt.date(2024, 9, 22)) == {"BKN"}
    assert holder_on(Function.RECOMMEND, dt.date(2024, 10, 1)) == {"BKN"}


def test_verify_review_and_control_holders(counts):
    assert holder_on(Function.VERIFY, dt.date(2024, 2, 1)) == {
        "BKN",
        "KEMENPANRB",
        "KEMENDAGRI",
        "BAWASLU",
        "KASN",
    }
    assert holder_on(Function.VERIFY, dt.date(2024, 11, 1)) == {"BKN", "KEMENPANRB", "KEMENDAGRI", "BAWASLU"}
    assert holder_on(Function.REVIEW, dt.date(2024, 11, 1)) == {"BAWASLU"}
    assert holder_on(Function.CONTROL, dt.date(2024, 11, 1)) == {"BKN"}


def test_second_run_creates_and_changes_nothing(counts):
    assert counts["created"] > 0
    snapshot = (Region.objects.count(), Agency.objects.count(), ElectionStage.objects.count())
    again = load_master_data()
    assert (again["created"], again["updated"], again["removed"]) == (0, 0, 0)
    assert snapshot == (Region.objects.count(), Agency.objects.count(), ElectionStage.objects.count())
    assert {k: v for k, v in again.items() if k not in {"created", "updated", "removed"}} == {
        k: v for k, v in counts.items() if k not in {"created", "updated", "removed"}
    }


def test_reload_repairs_edited_rows_and_keeps_admin_fields(counts):
    Region.objects.filter(code="16").update(name="Sumsel", timezone=Region.TimeZone.WIT)
    Agency.objects.filter(code="PROV-16").update(ppk_name="Herman Deru")
    Election.regions.through.objects.filter(region__code="16.06").delete()
    again = load_master_data()
    assert again["updated"] == 1 and again["created"] == 1
    assert Region.objects.get(code="16").name == "Sumatera Selatan"
    assert Region.objects.get(code="16").timezone == Region.TimeZone.WIB
    assert Agency.objects.get(code="PROV-16").ppk_name == "Herman Deru"


def test_loads_quickly(db):
    started = time.perf_counter()
    load_master_data()
    assert time.perf_counter() - started < 5


def test_management_command_reports_counts(db):
    out = io.StringIO()
    call_command("load_master_data", stdout=out)
    assert "provinces=38" in out.getvalue()
    assert Region.objects.count() == 38 + 514


@pytest.mark.parametrize(
    ("raw", "code"),
    [("16", "16"), ("1606", "16.06"), ("16.06", "16.06"), (" 91.71 ", "91.71"), ("16.6", "16.06")],
)
def test_normalise_region_code(raw, code):
    assert normalise_region_code(raw) == code


@pytest.mark.parametrize("raw", ["1", "160", "16.06.01", "AB", ""])
def test_normalise_region_code_rejects_other_shapes(raw):
    with pytest.raises(MasterDataError):
        normalise_region_code(raw)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("KABUPATEN MUSI BANYUASIN", "Kabupaten Musi Banyuasin"),
        ("KOTA PALEMBANG", "Kota Palembang"),
        ("KAB. PANGKAJENE DAN KEPULAUAN", "Kabupaten Pangkajene dan Kepulauan"),
        ("KABUPATEN TOLI-TOLI", "Kabupaten Toli-Toli"),
        ("DAERAH KHUSUS IBUKOTA JAKARTA", "DKI Jakarta"),
        ("Daerah Khusus Ibukota Jakarta", "DKI Jakarta"),
        ("DI YOGYAKARTA", "Daerah Istimewa Yogyakarta"),
        ("KEPULAUAN BANGKA BELITUNG", "Kepulauan Bangka Belitung"),
        ("Kabupaten Pakpak Bharat", "Kabupaten Pakpak Bharat"),
    ],
)
def test_normalise_region_name(raw, name):
    assert normalise_region_name(raw) == name


def test_level_and_autonomy_come_from_the_name():
    assert regency_level("Kota Administrasi Jakarta Pusat") == Region.Level.CITY
    assert regency_level("Kabupaten Administrasi Kepulauan Seribu") == Region.Level.REGENCY
    assert not is_autonomous("Kota Administrasi Jakarta Pusat")
    assert is_autonomous("Kota Palembang")
    with pytest.raises(MasterDataError):
        regency_level("Provinsi Aceh")


@pytest.mark.parametrize("model", ["kanreg", "region", "agency", "employee", "election", "holiday"])
def test_admin_changelists_render(counts, admin_client, model):
    response = admin_client.get(f"/admin/registry/{model}/", {"q": "16"})
    assert response.status_code == 200


def test_admin_election_page_shows_stages_inline(counts, admin_client):
    pilkada = Election.objects.get(code="pilkada-2024")
    response = admin_client.get(f"/admin/registry/election/{pilkada.pk}/change/")
    assert response.status_code == 200
    assert "Masa kampanye" in response.content.decode()
