"""Numbers follow the scheme's pattern, restart each year, and are never skipped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from netralitas.documents.models import Counter, IssuingBody, LetterKind, NumberingScheme
from netralitas.documents.numbering import NumberingError, format_number, scheme_for, take_number

pytestmark = pytest.mark.usefixtures("bodies")


def test_the_satgas_pattern_gives_b_123_satgas_net_xii_2024() -> None:
    number = format_number(
        "{code}-{seq}/{body}/{roman_month}/{year}",
        seq=123,
        code="B",
        body="SATGAS-NET",
        day=dt.date(2024, 12, 5),
    )
    assert number == "B-123/SATGAS-NET/XII/2024"


def test_padding_and_month_placeholders() -> None:
    number = format_number(
        "{seq:04d}/{code}/{month}.{year}", seq=7, code="SP", body="BKN", day=dt.date(2024, 3, 1)
    )
    assert number == "0007/SP/03.2024"


def test_an_unknown_placeholder_is_refused_in_bahasa_indonesia() -> None:
    with pytest.raises(NumberingError, match="Pola nomor tidak valid"):
        format_number("{nomor}", seq=1, code="B", body="BKN", day=dt.date(2024, 1, 1))


def test_numbers_follow_each_other_and_restart_in_january() -> None:
    scheme = scheme_for(IssuingBody.objects.get(code="satgas"), LetterKind.FORWARDING)
    with transaction.atomic():
        first = take_number(scheme, dt.date(2024, 12, 30))
        second = take_number(scheme, dt.date(2024, 12, 31))
        new_year = take_number(scheme, dt.date(2025, 1, 2))
    assert first == (1, "B-1/SATGAS-NET/XII/2024")
    assert second == (2, "B-2/SATGAS-NET/XII/2024")
    assert new_year == (1, "B-1/SATGAS-NET/I/2025")


def test_each_kind_of_each_body_counts_on_its_own() -> None:
    bkn = IssuingBody.objects.get(code="bkn")
    with transaction.atomic():
        take_number(scheme_for(bkn, LetterKind.WARNING), dt.date(2024, 12, 5))
        take_number(scheme_for(bkn, LetterKind.WARNING), dt.date(2024, 12, 5))
        seq, number = take_number(scheme_for(bkn, LetterKind.UNBLOCK), dt.date(2024, 12, 5))
    assert (seq, number) == (1, "BB-1/BKN/XII/2024")
    assert NumberingScheme.objects.get(body=bkn, kind=LetterKind.WARNING).counters.get().last == 2


def test_a_rolled_back_issue_gives_its_number_back() -> None:
    scheme = scheme_for(IssuingBody.objects.get(code="bkn"), LetterKind.WARNING)
    with pytest.raises(RuntimeError), transaction.atomic():
        take_number(scheme, dt.date(2024, 12, 5))
        raise RuntimeError("rendering failed")
    with transaction.atomic():
        assert take_number(scheme, dt.date(2024, 12, 5))[0] == 1
    assert Counter.objects.get(scheme=scheme).last == 1
