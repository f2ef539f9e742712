"""Every HTML page is sent with a Content-Security-Policy that allows no inline script, and no template
keeps an inline script or event handler that the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.world import World

BASE = Path(settings.BASE_DIR)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _policy(response: object) -> dict[str, str]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if " " in part.strip())


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    offenders = []
    paths = [*(BASE / "templates").rglob("*.html"), *(BASE / "netralitas").glob("*/templates/**/*.html")]
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text) or "javascript:" in text:
            offenders.append(str(path.relative_to(BASE)))
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/status/", "/pemantauan/publik/", "/akun/masuk/"])
def test_public_pages_forbid_inline_scripts(world: World, client: Client, url: str) -> None:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in policy["style-src"] and policy["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_staff_pages_carry_the_policy_too(world: World, client: Client) -> None:
    client.force_login(world.verifier)
    response = client.get(reverse("workspace:queue"))
    assert response.status_code == 200 and _policy(response)["script-src"] == "'self'"
