import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.registry.identifiers import (
    PROVINCE_CODES,
    AsnKind,
    IdentifierError,
    Sex,
    check_nip_nik,
    normalize_digits,
    parse_ni_pppk,
    parse_nik,
    parse_nip,
    validate_asn_number,
    validate_nik,
    validate_nip,
)

TODAY = dt.date(2025, 6, 1)
NIP = "198603132015032002"  # born 13-03-1986, CPNS March 2015, female, serial 002
NIK = "1671055303860001"  # Palembang, 13 + 40 = 53 (female), 03-86


def message_of(call, *args, **kwargs) -> str:
    with pytest.raises(IdentifierError) as info:
        call(*args, **kwargs)
    return info.value.message


# --- NIP PNS --------------------------------------------------------------------------------------


def test_valid_nip_is_parsed_into_its_fields():
    parsed = parse_nip(NIP, today=TODAY)
    assert parsed.birth_date == dt.date(1986, 3, 13)
    assert (parsed.appointment_year, parsed.appointment_month) == (2015, 3)
    assert parsed.appointment == dt.date(2015, 3, 1)
    assert parsed.sex is Sex.FEMALE
    assert parsed.serial == 2
    assert parsed.kind is AsnKind.PNS


@pytest.mark.parametrize(
    "written", ["19860313 201503 2 002", "19860313.201503.2.002", "19860313-201503-2-002", f" {NIP} "]
)
def test_nip_written_with_spaces_dots_or_dashes_is_normalised(written):
    assert parse_nip(written, today=TODAY).number == NIP


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860313201503100", "NIP harus 18 digit angka, diterima 17 digit"),
        ("1986031320150310021", "NIP harus 18 digit angka, diterima 19 digit"),
        ("", "NIP harus 18 digit angka, diterima 0 digit"),
        (
            "19860313201503100A",
            "NIP harus 18 digit angka, diterima karakter bukan angka: '19860313201503100A'",
        ),
        ("198613312015031002", "tanggal lahir pada NIP tidak valid: 19861331"),
        ("198602302015031002", "tanggal lahir pada NIP tidak valid: 19860230"),
        ("180003132015031002", "tanggal lahir pada NIP tidak valid: 18000313"),
        ("203003132015031002", "tanggal lahir pada NIP di masa depan: 20300313"),
        ("198603132015131002", "bulan/tahun pengangkatan CPNS pada NIP tidak valid: 201513"),
        ("198603132015001002", "bulan/tahun pengangkatan CPNS pada NIP tidak valid: 201500"),
        ("198603132030011002", "TMT CPNS pada NIP di masa depan: 2030-01"),
        ("198603132004021002", "TMT CPNS pada NIP (2004-02) sebelum usia 18 tahun (lahir 1986-03)"),
        ("198603132015033002", "kode jenis kelamin pada NIP harus 1 atau 2, diterima 3"),
        ("198603132015030002", "kode jenis kelamin pada NIP harus 1 atau 2, diterima 0"),
        ("198603132015031000", "nomor urut pada NIP harus 001 sampai 999, diterima 000"),
    ],
)
def test_invalid_nip_says_what_is_wrong(nip, message):
    assert message_of(parse_nip, nip, today=TODAY) == message


def test_appointment_in_the_month_of_the_18th_birthday_is_accepted():
    assert parse_nip("198603132004031001", today=TODAY).appointment == dt.date(2004, 3, 1)


def test_appointment_in_the_current_month_is_accepted_and_the_next_is_not():
    assert parse_nip("198603132025061001", today=TODAY)
    assert "di masa depan" in message_of(parse_nip, "198603132025071001", today=TODAY)


def test_nip_29_february_only_in_leap_years():
    assert parse_nip("198802292010011001", today=TODAY).birth_date == dt.date(1988, 2, 29)
    assert (
        message_of(parse_nip, "198702292010011001", today=TODAY)
        == "tanggal lahir pada NIP tidak valid: 19870229"
    )


def test_unicode_digits_are_not_digits():
    assert "bukan angka" in message_of(parse_nip, "١٩٨٦٠٣١٣٢٠١٥٠٣١٠٠٢", today=TODAY)


# --- NI PPPK --------------------------------------------------------------------------------------


def test_valid_ni_pppk_checks_only_birth_date_and_appointment_year():
    parsed = parse_ni_pppk("199001152021121234", today=TODAY)
    assert parsed.birth_date == dt.date(1990, 1, 15)
    assert parsed.appointment_year == 2021
    assert parsed.appointment_month is None and parsed.sex is None and parsed.serial is None
    assert parsed.kind is AsnKind.PPPK


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("19900115202112123", "NI PPPK harus 18 digit angka, diterima 17 digit"),
        ("199013152021121234", "tanggal lahir pada NI PPPK tidak valid: 19901315"),
        (
            "199001152005121234",
            "tahun pengangkatan pada NI PPPK tidak masuk akal: 2005 (lahir 1990, harus antara 2008 dan 2025)",
        ),
        (
            "199001152026121234",
            "tahun pengangkatan pada NI PPPK tidak masuk akal: 2026 (lahir 1990, harus antara 2008 dan 2025)",
        ),
    ],
)
def test_invalid_ni_pppk_says_what_is_wrong(number, message):
    assert message_of(parse_ni_pppk, number, today=TODAY) == message


def test_an_ni_pppk_is_not_held_to_the_pns_sex_digit():
    number = "199001152021013234"  # digit 15 is 3: invalid for a PNS, unconfirmed field for a PPPK
    assert parse_ni_pppk(number, today=TODAY)
    assert "jenis kelamin" in message_of(parse_nip, number, today=TODAY)


# --- NIK ------------------------------------------------------------------------------------------


def test_valid_nik_of_a_woman_has_day_plus_40():
    parsed = parse_nik(NIK)
    assert parsed.province_code == "16"
    assert (parsed.regency_code, parsed.district_code) == ("71", "05")
    assert parsed.birth_date == dt.date(1986, 3, 13)
    assert parsed.sex is Sex.FEMALE
    assert parsed.serial == 1


def test_valid_nik_of_a_man():
    parsed = parse_nik("3273011303860002")
    assert parsed.sex is Sex.MALE and parsed.birth_date == dt.date(1986, 3, 13)


def test_two_digit_years_up_to_this_year_are_this_century():
    assert parse_nik("3273010101050002").birth_date == dt.date(2005, 1, 1)


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("167105530386000", "NIK harus 16 digit angka, diterima 15 digit"),
        ("16710553038600x1", "NIK harus 16 digit angka, diterima karakter bukan angka: '16710553038600x1'"),
        ("9971055303860001", "kode provinsi pada NIK tidak dikenal: 99"),
        ("2071055303860001", "kode provinsi pada NIK tidak dikenal: 20"),
        ("1600055303860001", "kode kabupaten/kota pada NIK tidak boleh 00"),
        ("1671005303860001", "kode kecamatan pada NIK tidak boleh 00"),
        (
            "1671053203860001",
            "tanggal lahir pada NIK tidak valid: 320386 (DDMMYY, tanggal +40 untuk perempuan)",
        ),
        (
            "1671057203860001",
            "tanggal lahir pada NIK tidak valid: 720386 (DDMMYY, tanggal +40 untuk perempuan)",
        ),
        (
            "1671051313860001",
            "tanggal lahir pada NIK tidak valid: 131386 (DDMMYY, tanggal +40 untuk perempuan)",
        ),
        ("1671055303860000", "nomor urut pada NIK harus 0001 sampai 9999, diterima 0000"),
    ],
)
def test_invalid_nik_says_what_is_wrong(nik, message):
    assert message_of(parse_nik, nik) == message


def test_the_province_list_has_the_38_kemendagri_codes():
    assert len(PROVINCE_CODES) == 38
    assert {
        "11",
        "19",
        "21",
        "31",
        "36",
        "51",
        "53",
        "61",
        "65",
        "71",
        "76",
        "81",
        "82",
        "91",
        "96",
    } <= PROVINCE_CODES
    assert not {"10", "20", "37", "54", "66", "77", "83", "97"} & PROVINCE_CODES


def test_a_caller_can_restrict_the_province_codes():
    assert parse_nik(NIK, provinces={"16"})
    assert "kode provinsi" in message_of(parse_nik, "3273011303860002", provinces={"16"})


# --- NIP and NIK ------------------------------------------------------------------------------------


def test_matching_nip_and_nik():
    nip, nik = check_nip_nik(NIP, NIK, today=TODAY)
    assert nip.birth_date == nik.birth_date and nip.sex is nik.sex


def test_nik_birth_date_must_match_nip():
    assert message_of(check_nip_nik, NIP, "1671055203860001", today=TODAY) == (
        "NIK: tanggal lahir tidak cocok dengan NIP (NIK 12-03-1986, NIP 1986-03-13)"
    )


def test_nik_two_digit_year_is_compared_with_the_nip_year():
    assert "tidak cocok" in message_of(check_nip_nik, NIP, "1671055303870001", today=TODAY)


def test_nik_sex_must_match_nip():
    assert message_of(check_nip_nik, NIP, "1671051303860001", today=TODAY) == (
        "NIK: jenis kelamin tidak cocok dengan NIP (NIK laki-laki, NIP perempuan)"
    )


def test_pppk_sex_comes_from_the_caller():
    pppk = "198603132021121234"
    assert check_nip_nik(pppk, NIK, kind="PPPK", today=TODAY)
    assert "jenis kelamin" in message_of(check_nip_nik, pppk, NIK, kind="PPPK", sex="L", today=TODAY)


# --- Django validators ----------------------------------------------------------------------------


def test_django_validators_raise_validation_error_with_the_message():
    validate_nip(NIP)
    validate_nik(NIK)
    with pytest.raises(ValidationError) as info:
        validate_nip("198603132015033002")
    assert info.value.messages == ["kode jenis kelamin pada NIP harus 1 atau 2, diterima 3"]
    assert info.value.code == "invalid_nip"
    with pytest.raises(ValidationError):
        validate_nik("9971055303860001")


def test_asn_number_validator_accepts_pns_or_pppk():
    validate_asn_number(NIP)
    validate_asn_number("199001152021013234")
    with pytest.raises(ValidationError, match="tanggal lahir pada NIP tidak valid"):
        validate_asn_number("199013152021121234")


# --- Properties -----------------------------------------------------------------------------------

birth_dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31))


@st.composite
def pns_numbers(draw):
    birth = draw(birth_dates)
    first = birth.year * 12 + birth.month - 1 + 18 * 12
    last = TODAY.year * 12 + TODAY.month - 1
    appointed = draw(st.integers(first, last))
    sex = draw(st.sampled_from("12"))
    serial = draw(st.integers(1, 999))
    number = f"{birth:%Y%m%d}{appointed // 12:04d}{appointed % 12 + 1:02d}{sex}{serial:03d}"
    return number, birth, appointed, sex, serial


@given(pns_numbers(), st.sampled_from(["", " ", ".", "-"]))
def test_generated_nips_round_trip(case, separator):
    number, birth, appointed, sex, serial = case
    written = separator.join([number[:8], number[8:14], number[14], number[15:]])
    parsed = parse_nip(written, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert (parsed.appointment_year, parsed.appointment_month) == (appointed // 12, appointed % 12 + 1)
    assert parsed.sex is (Sex.MALE if sex == "1" else Sex.FEMALE)
    assert parsed.serial == serial


@given(
    birth_dates,
    st.booleans(),
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(1, 99),
    st.integers(1, 99),
    st.integers(1, 9999),
)
def test_generated_niks_round_trip_and_match_a_nip(birth, male, province, regency, district, serial):
    day = birth.day if male else birth.day + 40
    nik = f"{province}{regency:02d}{district:02d}{day:02d}{birth:%m%y}{serial:04d}"
    parsed = parse_nik(nik)
    assert parsed.sex is (Sex.MALE if male else Sex.FEMALE)
    assert (parsed.birth_date.month, parsed.birth_date.day, parsed.birth_date.year % 100) == (
        birth.month,
        birth.day,
        birth.year % 100,
    )
    nip = f"{birth:%Y%m%d}{birth.year + 25:04d}01{1 if male else 2}001"
    check_nip_nik(nip, nik, today=TODAY)


def _is_calendar_date(yyyymmdd: str) -> bool:
    try:
        dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return int(yyyymmdd[:4]) >= 1900


@settings(max_examples=60)
@given(pns_numbers())
def test_every_single_digit_corruption_of_the_birth_date_that_breaks_it_is_rejected(case):
    number = case[0]
    for position in range(8):
        for digit in "0123456789":
            corrupted = number[:position] + digit + number[position + 1 :]
            if _is_calendar_date(corrupted[:8]):
                continue
            assert message_of(parse_nip, corrupted, today=TODAY) == (
                f"tanggal lahir pada NIP tidak valid: {corrupted[:8]}"
            )
            assert message_of(parse_ni_pppk, corrupted, today=TODAY) == (
                f"tanggal lahir pada NI PPPK tidak valid: {corrupted[:8]}"
            )


@settings(max_examples=60)
@given(pns_numbers())
def test_every_single_digit_corruption_of_the_appointment_month_that_breaks_it_is_rejected(case):
    number = case[0]
    for position in (12, 13):
        for digit in "0123456789":
            corrupted = number[:position] + digit + number[position + 1 :]
            if 1 <= int(corrupted[12:14]) <= 12:
                continue
            assert message_of(parse_nip, corrupted, today=TODAY) == (
                f"bulan/tahun pengangkatan CPNS pada NIP tidak valid: {corrupted[8:14]}"
            )


@given(st.text(alphabet="0123456789 .-", max_size=30))
def test_normalisation_keeps_only_digits_and_never_crashes(text):
    assert normalize_digits(text) == "".join(ch for ch in text if ch.isdigit())
    try:
        parse_nip(text, today=TODAY)
    except IdentifierError as error:
        assert error.message
