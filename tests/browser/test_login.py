from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_and_sees_the_queue(live_server: object, page: object) -> None:
    world: World = build_world()
    page.goto(f"{live_server.url}/akun/masuk/")  # type: ignore[attr-defined]
    page.get_by_label("Nama pengguna").fill(world.verifier.username)  # type: ignore[attr-defined]
    page.get_by_label("Kata sandi").fill(PASSWORD)  # type: ignore[attr-defined]
    screenshot(page, "login-desktop")
    page.get_by_role("button", name="Masuk").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Perlu tindakan saya").wait_for()  # type: ignore[attr-defined]
