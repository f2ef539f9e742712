"""Real-browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Screenshots land in docs/screenshots/ (``make screenshots`` refreshes them; the README shows them).
Skipped with a clear reason where /usr/bin/chromium is missing (install: apt-get install -y chromium).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Jakarta")  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport=PHONE,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    """Saves a full-page PNG under docs/screenshots/<name>.png and returns the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def login(page: Any, base: str, username: str) -> None:
    """Signs ``username`` in through the login page (the test world's password)."""
    from tests.world import PASSWORD

    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The axe report: how many page states were checked and the violations per rule (0 is the target)."""
    from tests.browser import axe

    if not axe.pages_checked:
        return
    terminalreporter.section("axe-core (WCAG 2.1 AA)")
    terminalreporter.write_line(f"page states checked: {len(axe.pages_checked)}")
    if not axe.violations_per_rule:
        terminalreporter.write_line("violations: 0")
    for rule, count in axe.violations_per_rule.most_common():
        terminalreporter.write_line(f"{rule}: {count} element(s)")
