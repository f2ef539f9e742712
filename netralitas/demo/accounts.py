"""Demo logins, one per role, over the shipped master data (never in production)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from netralitas.accounts.backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from netralitas.accounts.models import Role, RoleAssignment, User
from netralitas.registry.models import Agency, Region

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "DemoLogin", "ensure_demo_users"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    agency_code: str
    role: str
    national: bool = False
    region_codes: tuple[str, ...] = ()
    agency_codes: tuple[str, ...] = ()
    staff: bool = False
    superuser: bool = False

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


# Sumatera Selatan (16) is the demo's main stage: Musi Banyuasin (16.06) and Palembang (16.71).
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("satgas_sumsel", "Hendra Saputra", "BKN", Role.VERIFIER, region_codes=("16",)),
    DemoLogin("bawaslu_sumsel", "Dewi Lestari", "BAWASLU", Role.BAWASLU, region_codes=("16",)),
    DemoLogin("bkn_pusat", "Rudi Hartono", "BKN", Role.BKN, national=True),
    DemoLogin(
        "ppk_muba", "Sekretariat PPK Musi Banyuasin", "KAB-16.06", Role.PPK, agency_codes=("KAB-16.06",)
    ),
    DemoLogin(
        "ppk_palembang", "Sekretariat PPK Palembang", "KOTA-16.71", Role.PPK, agency_codes=("KOTA-16.71",)
    ),
    DemoLogin(
        "auditor_kanreg7", "Sari Wulandari", "BKN", Role.AUDITOR, region_codes=("16", "15", "17", "19")
    ),
    DemoLogin("pimpinan", "Pimpinan KemenPANRB", "KEMENPANRB", Role.LEADER, national=True),
    DemoLogin("admin", "Admin Sistem", "BKN", Role.ADMIN, national=True, staff=True, superuser=True),
)


def ensure_demo_users() -> list[User]:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo accounts are never created in production.")
    users = []
    with transaction.atomic():
        for login in DEMO_LOGINS:
            first, _, last = login.name.partition(" ")
            user, created = User.objects.get_or_create(
                username=login.username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{login.username}@{DEMO_EMAIL_DOMAIN}",
                    "agency": Agency.objects.get(code=login.agency_code),
                    "is_staff": login.staff,
                    "is_superuser": login.superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                assignment = RoleAssignment.objects.create(
                    user=user, role=login.role, national=login.national
                )
                assignment.regions.set(Region.objects.filter(code__in=login.region_codes))
                assignment.agencies.set(Agency.objects.filter(code__in=login.agency_codes))
            users.append(user)
    return users
