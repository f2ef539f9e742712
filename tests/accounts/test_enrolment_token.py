"""Where required (production), the first TOTP device is registered only with an administrator's token."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from netralitas.accounts.models import EnrolmentToken
from netralitas.accounts.services import enrolment_token_issue, enrolment_token_redeem
from tests.workspace.helpers import code_for, password_login
from tests.world import World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_no_lockout_state"),
]


@pytest.fixture
def _no_lockout_state() -> None:
    cache.clear()


GATED = override_settings(WORKSPACE_REQUIRE_2FA=True, WORKSPACE_ENROLMENT_TOKEN=True)


@GATED
def test_a_password_alone_does_not_show_the_device_key(client: Client, world: World) -> None:
    password_login(client, world.verifier)
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Token pendaftaran" in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=world.verifier).exists()
    wrong = client.post(reverse("accounts:second_factor"), {"enrolment_token": "tebakan"})
    assert "Token pendaftaran salah" in wrong.content.decode() and "<svg" not in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=world.verifier).exists()


@GATED
def test_the_administrators_token_opens_enrolment_once(client: Client, world: World) -> None:
    token = enrolment_token_issue(user=world.verifier, issued_by=world.bkn_officer)
    password_login(client, world.verifier)
    assert client.post(reverse("accounts:second_factor"), {"enrolment_token": token}).status_code == 302
    assert "<svg" in client.get(reverse("accounts:second_factor")).content.decode()
    device = TOTPDevice.objects.get(user=world.verifier, confirmed=False)
    assert client.post(reverse("accounts:second_factor"), {"token": code_for(device)}).status_code == 302
    assert client.get(reverse("workspace:queue")).status_code == 200
    used = EnrolmentToken.objects.get(user=world.verifier)
    assert used.used_at is not None and used.issued_by == world.bkn_officer and token not in used.token_sha256
    other = Client()
    TOTPDevice.objects.filter(user=world.verifier).delete()
    password_login(other, world.verifier)
    again = other.post(reverse("accounts:second_factor"), {"enrolment_token": token})
    assert "sudah dipakai" in again.content.decode()


@GATED
def test_a_token_of_another_user_or_an_expired_one_is_refused(client: Client, world: World) -> None:
    theirs = enrolment_token_issue(user=world.analyst, issued_by=world.bkn_officer)
    password_login(client, world.verifier)
    assert (
        "salah"
        in client.post(reverse("accounts:second_factor"), {"enrolment_token": theirs}).content.decode()
    )
    mine = enrolment_token_issue(user=world.verifier, issued_by=world.bkn_officer, hours=1)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=2)):
        password_login(client, world.verifier)
        late = client.post(reverse("accounts:second_factor"), {"enrolment_token": mine})
    assert "kedaluwarsa" in late.content.decode()


def test_the_command_prints_a_token_that_works(world: World) -> None:
    out = io.StringIO()
    call_command(
        "issue_enrolment_token", world.verifier.username, "--by", world.bkn_officer.username, stdout=out
    )
    token = out.getvalue().rsplit(" ", 1)[-1].strip()
    assert EnrolmentToken.objects.get(user=world.verifier).issued_by == world.bkn_officer
    assert enrolment_token_redeem(user=world.verifier, token=token)
    assert not enrolment_token_redeem(user=world.verifier, token=token)
