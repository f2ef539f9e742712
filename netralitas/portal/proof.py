"""The portal's anti-robot check: an ALTCHA proof-of-work the browser solves by itself (docs/adr/0020).

The server issues a challenge signed with an HMAC key derived from SECRET_KEY, with an expiry inside the
signed parameters; the vendored widget (static/vendor/altcha) finds the counter in a web worker and puts
the base64 payload in the hidden field ``altcha``. A payload is accepted once: its challenge signature is
remembered in the shared cache until the challenge would have expired anyway.

A form sent without a payload (no JavaScript, or sent before the widget finished) is not refused: the
view counts it against the tighter ``PORTAL_UNPROVEN_RATE`` instead (limits.unproven_limited).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altcha
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ALGORITHM = "PBKDF2/SHA-256"
FIELD_NAME = "altcha"


def _hmac_secret() -> str:
    return salted_hmac("netralitas.portal.proof-of-work", "challenge-signing-key").hexdigest()


def _ttl() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.PORTAL_POW_TTL_MINUTES))


def challenge_new() -> dict[str, Any]:
    """A fresh signed challenge as the widget expects it (JSON)."""
    challenge = altcha.create_challenge(
        ALGORITHM,
        int(settings.PORTAL_POW_COST),
        key_prefix=str(settings.PORTAL_POW_KEY_PREFIX),
        expires_at=timezone.now() + _ttl(),  # noqa: TID251 (altcha checks expiry against real time)
        hmac_secret=_hmac_secret(),
    )
    return challenge.to_dict()


def proof_problem(payload: str) -> str | None:
    """None when ``payload`` solves a challenge of ours that is unexpired and not used before; else why not.

    Accepting marks it used, so a second form with the same payload is refused."""
    try:
        signature = altcha.Payload.from_base64(payload).challenge.signature or ""
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return "malformed"
    result = altcha.verify_solution(payload, _hmac_secret())
    if result.expired:
        return "expired"
    if not result.verified:
        return "invalid"
    if not cache.add(f"portal:pow-used:{signature}", 1, int(_ttl().total_seconds()) + 60):
        return "replayed"
    return None


class ProofOfWorkWidget(forms.Widget):
    template_name = "portal/_proof_of_work.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["language"] = "en" if (get_language() or "id").startswith("en") else "id"
        return context

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # The project's template engine, not the form renderer's (which sees only app and Django dirs).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        return str(data.get(name, ""))


class ProofOfWorkField(forms.Field):
    """Optional at the field level: an empty value means "no proof" and the view applies the fallback
    rate; a value that is present must be a valid, fresh, unused proof."""

    widget = ProofOfWorkWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Pemeriksaan anti-robot otomatis"))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        payload = str(value or "").strip()
        if not payload:
            return ""
        if proof_problem(payload) is not None:
            raise ValidationError(
                _(
                    "Pemeriksaan anti-robot otomatis kedaluwarsa atau gagal. Halaman ini sudah "
                    "menyiapkan pemeriksaan baru; tunggu tanda “Terverifikasi”, lalu kirim sekali lagi."
                ),
                code="proof",
            )
        return payload
