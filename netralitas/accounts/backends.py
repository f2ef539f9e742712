"""Authentication that refuses the demo's published logins in production.

The demo accounts share a password printed by ``make run`` and in the README; ``ensure_demo_users``
refuses to create them in production, but a database copied from a demo, or an account given that
password, would still let anyone in. So in production the login itself refuses any account in the demo's
e-mail domain and any account whose password is the published one, for every login form (staff login and
the admin's).
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from .models import User

DEMO_EMAIL_DOMAIN = "demo.netralitas.go.id"
DEMO_PASSWORD = "demo-netralitas"  # noqa: S105 — published on purpose; refused at login in production


def is_demo_account(user: AbstractBaseUser, password: str | None) -> bool:
    email = str(getattr(user, "email", "") or "").lower()
    return email.endswith(f"@{DEMO_EMAIL_DOMAIN}") or password == DEMO_PASSWORD


class NoDemoInProductionBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and settings.PRODUCTION and is_demo_account(user, password):
            return None
        return user

    async def aauthenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        return await sync_to_async(self.authenticate)(request, username=username, password=password, **kwargs)
