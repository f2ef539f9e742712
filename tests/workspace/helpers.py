from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.registry.models import Region
from tests.world import PASSWORD, World


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def confirmed_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="uji", confirmed=True)


def password_login(client: Client, user: User, password: str = PASSWORD, **extra: str) -> object:
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def analyst_of_another_province(world: World) -> User:
    user = User.objects.create_user("analis_sulsel", "analis@example.go.id", PASSWORD, agency=world.bawaslu)
    assignment = RoleAssignment.objects.create(user=user, role=Role.BAWASLU)
    assignment.regions.set([Region.objects.get(code="73")])
    return user


def verifier_colleague(world: World) -> User:
    user = User.objects.create_user(
        "rekan_hendra", "rekan@example.go.id", PASSWORD, agency=world.bkn, first_name="Rekan"
    )
    assignment = RoleAssignment.objects.create(user=user, role=Role.VERIFIER)
    assignment.regions.set([world.sumsel])
    return user
