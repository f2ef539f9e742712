"""Bahasa Indonesia by default, English selectable; dates the Indonesian way in the viewer's zone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from netralitas.cases.notifications import local_datetime, viewer_zone
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_workspace_speaks_english_when_chosen(client: Client, world: World) -> None:
    case, _ = submit(world)
    client.force_login(world.verifier)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    queue = client.get(reverse("workspace:queue")).content.decode()
    assert "Needs my action" in queue and "Search by complaint number, NIP or name" in queue
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert "Start verification" in page and "Actions you can take" in page and "Received" in page


def test_the_login_page_in_english_still_says_2fa_is_optional_in_the_demo(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to the workspace" in page and "Demo mode: two-step verification" in page


def test_times_show_in_the_case_zone_with_its_suffix(world: World) -> None:
    case, _ = submit(world)
    moment = dt.datetime(2026, 11, 23, 3, 5, tzinfo=dt.UTC)
    assert local_datetime(moment, viewer_zone(world.verifier, case)) == "23 November 2026 10.05 WIB"
    assert local_datetime(moment, "Asia/Makassar") == "23 November 2026 11.05 WITA"
    assert local_datetime(moment, "Asia/Jayapura") == "23 November 2026 12.05 WIT"


def test_a_user_zone_wins_over_the_case_zone(world: World) -> None:
    case, _ = submit(world)
    world.verifier.timezone = "Asia/Jayapura"
    assert viewer_zone(world.verifier, case) == "Asia/Jayapura"
    assert viewer_zone(None, case) == "Asia/Jakarta"


def test_indonesian_month_names_even_in_english(world: World) -> None:
    from django.utils import translation

    with translation.override("en"):
        assert local_datetime(dt.datetime(2026, 8, 17, 1, 0, tzinfo=dt.UTC), "Asia/Jakarta") == (
            "17 Agustus 2026 08.00 WIB"
        )


def test_an_english_browser_still_gets_bahasa_indonesia_until_english_is_chosen(client) -> None:
    from django.conf import settings

    page = client.get("/akun/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Nama pengguna" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Nama pengguna" not in client.get("/akun/masuk/").content.decode()
