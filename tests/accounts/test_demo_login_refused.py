"""In production the demo's published logins are refused at login, not only when they would be created."""

from __future__ import annotations

from typing import Any as SettingsWrapper

import pytest
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from netralitas.accounts.backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from netralitas.accounts.models import User
from tests.world import PASSWORD, World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_lockout_state() -> None:
    cache.clear()


def _demo_user(world: World, password: str = DEMO_PASSWORD) -> User:
    return User.objects.create_user(
        "satgas_demo", f"satgas_demo@{DEMO_EMAIL_DOMAIN}", password, agency=world.bkn
    )


def _login(client: Client, username: str, password: str) -> HttpResponse:
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert isinstance(response, HttpResponse)
    return response


def test_demo_account_is_refused_at_login_in_production(
    world: World, client: Client, settings: SettingsWrapper
) -> None:
    settings.PRODUCTION = True
    _demo_user(world)
    response = _login(client, "satgas_demo", DEMO_PASSWORD)
    assert response.status_code == 200 and "kata sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_domain_account_is_refused_even_with_a_changed_password(
    world: World, settings: SettingsWrapper
) -> None:
    settings.PRODUCTION = True
    _demo_user(world, password="kata-sandi-baru-yang-panjang")
    assert authenticate(username="satgas_demo", password="kata-sandi-baru-yang-panjang") is None


def test_any_account_with_the_published_demo_password_is_refused_in_production(
    world: World, settings: SettingsWrapper
) -> None:
    world.verifier.set_password(DEMO_PASSWORD)
    world.verifier.save()
    settings.PRODUCTION = True
    assert authenticate(username=world.verifier.username, password=DEMO_PASSWORD) is None


def test_real_accounts_log_in_in_production_and_demo_accounts_outside_it(
    world: World, settings: SettingsWrapper
) -> None:
    _demo_user(world)
    assert authenticate(username="satgas_demo", password=DEMO_PASSWORD) is not None
    settings.PRODUCTION = True
    assert authenticate(username=world.verifier.username, password=PASSWORD) == world.verifier
