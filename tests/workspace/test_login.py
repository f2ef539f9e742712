"""Login with password, lockout after repeated failures, TOTP enrolment and verification, admin guard."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.workspace.helpers import code_for, confirmed_device, password_login
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_officer_logs_in_with_password_when_2fa_is_optional(client: Client, world: World) -> None:
    response = password_login(client, world.verifier)
    assert response.status_code == 302 and response["Location"] == reverse("workspace:queue")
    assert client.get(reverse("workspace:queue")).status_code == 200


def test_demo_login_page_says_2fa_is_optional(client: Client) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert "tidak diwajibkan di sini" in page


@override_settings(WORKSPACE_REQUIRE_2FA=True)
def test_production_login_page_says_2fa_is_required(client: Client) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Verifikasi dua langkah wajib" in page and "tidak diwajibkan" not in page


def test_wrong_password_says_what_to_check_and_keeps_the_username(client: Client, world: World) -> None:
    response = password_login(client, world.verifier, password="salah")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in page and 'value="hendra"' in page


def test_five_failures_lock_the_username_from_that_address(client: Client, world: World) -> None:
    for _ in range(5):
        password_login(client, world.verifier, password="salah")
    response = password_login(client, world.verifier)
    assert "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert password_login(other_address, world.verifier).status_code == 302


@override_settings(WORKSPACE_LOCKOUT_ATTEMPTS=3)
def test_lockout_threshold_is_a_setting(client: Client, world: World) -> None:
    for _ in range(3):
        password_login(client, world.verifier, password="salah")
    assert "dikunci sementara" in password_login(client, world.verifier).content.decode()


def test_a_correct_login_resets_the_failure_count(client: Client, world: World) -> None:
    for _ in range(4):
        password_login(client, world.verifier, password="salah")
    assert password_login(client, world.verifier).status_code == 302
    client.logout()
    for _ in range(4):
        password_login(client, world.verifier, password="salah")
    assert password_login(client, world.verifier).status_code == 302


@override_settings(WORKSPACE_REQUIRE_2FA=True)
def test_required_2fa_enrols_with_a_qr_code_then_the_first_code_logs_in(client: Client, world: World) -> None:
    response = password_login(client, world.verifier)
    assert response["Location"] == reverse("accounts:second_factor")
    assert client.get(reverse("workspace:queue")).status_code == 302  # not logged in yet
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "<svg" in page and "Pindai kode QR" in page
    device = TOTPDevice.objects.get(user=world.verifier, confirmed=False)
    wrong = client.post(
        reverse("accounts:second_factor"), {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "Kode salah" in wrong.content.decode()
    too_fast = client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert "Tunggu beberapa detik" in too_fast.content.decode()
    device.throttle_reset()  # as if the officer waited the few seconds django-otp asks for
    response = client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("workspace:queue")).status_code == 200


def test_an_enrolled_officer_must_enter_a_code_even_when_2fa_is_optional(
    client: Client, world: World
) -> None:
    device = confirmed_device(world.verifier)
    response = password_login(client, world.verifier)
    assert response["Location"] == reverse("accounts:second_factor")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Verifikasi dua langkah" in page
    invalid = client.post(reverse("accounts:second_factor"), {"token": "12ab56"})
    assert "6 angka" in invalid.content.decode() and 'value="12ab56"' in invalid.content.decode()
    assert client.post(reverse("accounts:second_factor"), {"token": code_for(device)}).status_code == 302
    assert client.get(reverse("workspace:queue")).status_code == 200


def test_repeated_wrong_codes_lock_the_account_too(client: Client, world: World) -> None:
    device = confirmed_device(world.verifier)
    password_login(client, world.verifier)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("accounts:second_factor"), {"token": wrong})
    response = client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert "dikunci sementara" in response.content.decode()


def test_the_second_step_without_a_password_goes_back_to_login(client: Client) -> None:
    response = client.get(reverse("accounts:second_factor"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_a_logged_in_officer_can_enrol_voluntarily(client: Client, world: World) -> None:
    client.force_login(world.verifier)
    assert "<svg" in client.get(reverse("accounts:enrol")).content.decode()
    device = TOTPDevice.objects.get(user=world.verifier, confirmed=False)
    assert client.post(reverse("accounts:enrol"), {"token": code_for(device)}).status_code == 302
    assert TOTPDevice.objects.filter(user=world.verifier, confirmed=True).count() == 1


@override_settings(WORKSPACE_REQUIRE_2FA=True)
def test_a_session_without_2fa_is_sent_to_the_second_step(client: Client, world: World) -> None:
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:queue"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:second_factor"))


@override_settings(WORKSPACE_REQUIRE_2FA=True)
def test_admin_requires_a_verified_otp_device_when_2fa_is_required(client: Client, world: World) -> None:
    admin = world.leader
    admin.is_staff = admin.is_superuser = True
    admin.save()
    device = confirmed_device(admin)
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    login_redirect = client.get(response["Location"])
    assert login_redirect["Location"].startswith(reverse("accounts:second_factor"))
    client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_uses_the_workspace_login_page(client: Client) -> None:
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_queue_offers_2fa_until_the_officer_has_it(client: Client, world: World) -> None:
    password_login(client, world.verifier)
    page = client.get(reverse("workspace:queue")).content.decode()
    assert reverse("accounts:enrol") in page
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=world.verifier, confirmed=False)
    client.post(reverse("accounts:enrol"), {"token": code_for(device)})
    assert reverse("accounts:enrol") not in client.get(reverse("workspace:queue")).content.decode()
