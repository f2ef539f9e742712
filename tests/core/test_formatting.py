"""Numbers are written the way the reader's language writes them."""

from __future__ import annotations

from django.utils import translation

from netralitas.core.formatting import number


def test_numbers_read_the_indonesian_way() -> None:
    with translation.override("id"):
        assert [number(1158), number(27.7), number(100.0), number(5), number(1234567)] == [
            "1.158",
            "27,7",
            "100",
            "5",
            "1.234.567",
        ]


def test_numbers_read_the_english_way_when_english_is_chosen() -> None:
    with translation.override("en"):
        assert [number(1158), number(27.7)] == ["1,158", "27.7"]
