"""One capture in a fresh, isolated headless Chromium (Playwright driving the system's browser).

Isolation: a new browser process with a throw-away profile for each link (no cookies, no cache, no
credentials, no service workers), downloads refused, every request checked by ``safety.check_url``
(redirects and sub-resources included), time limits on navigation and screenshot, the HTML and the
screenshot's height capped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .safety import Refused, Unresolvable, check_url

_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
]
WIDTH = 1280


class CaptureFailed(Exception):
    """The page could not be captured this time (retried later); the message says why."""


@dataclass(frozen=True)
class Result:
    final_url: str
    status: int
    redirects: list[str]
    screenshot: bytes
    html: bytes
    html_truncated: bool


def chromium_path() -> str | None:
    path = str(settings.CAPTURE_CHROMIUM)
    return path if shutil.which(path) else None


def capture(url: str) -> Result:
    """Fetches ``url`` and returns what the browser saw; raises ``Refused`` or ``CaptureFailed``."""
    check_url(url)
    executable = chromium_path()
    if executable is None:
        raise CaptureFailed(
            _("Peramban %(browser)s tidak terpasang.") % {"browser": settings.CAPTURE_CHROMIUM}
        )
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import FloatRect, sync_playwright

    timeout_ms = int(settings.CAPTURE_TIMEOUT_SECONDS * 1000)
    blocked: list[str] = []

    def guard(route: Any) -> None:
        target = route.request.url
        if target.startswith(("data:", "blob:", "about:")):
            route.continue_()
            return
        try:
            check_url(target)
        except (Refused, Unresolvable) as error:
            blocked.append(f"{target}: {error}")
            route.abort("blockedbyclient")
            return
        route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=_FLAGS, headless=True)
        try:
            context = browser.new_context(
                accept_downloads=False, service_workers="block", viewport={"width": WIDTH, "height": 900}
            )
            context.set_default_timeout(timeout_ms)
            context.route("**/*", guard)
            page = context.new_page()
            try:
                response = page.goto(url, wait_until="load", timeout=timeout_ms)
            except PlaywrightError as error:
                if blocked and "ERR_BLOCKED_BY_CLIENT" in str(error):
                    raise Refused(
                        f"Halaman dialihkan ke alamat yang tidak diizinkan ({blocked[0]})."
                    ) from None
                raise CaptureFailed(_first_line(error)) from None
            if response is None:
                raise CaptureFailed(_("Peramban tidak menerima jawaban."))
            chain: list[str] = []
            request = response.request
            while request.redirected_from is not None:
                request = request.redirected_from
                chain.insert(0, request.url)
            final_url = page.url
            try:
                html = page.content().encode("utf-8")
                height = int(page.evaluate("document.documentElement.scrollHeight") or 900)
                clip: FloatRect = {
                    "x": 0,
                    "y": 0,
                    "width": WIDTH,
                    "height": min(height, settings.CAPTURE_MAX_HEIGHT),
                }
                shot = page.screenshot(full_page=True, clip=clip, type="png", animations="disabled")
            except PlaywrightError as error:
                raise CaptureFailed(_first_line(error)) from None
        finally:
            browser.close()
    limit = int(settings.CAPTURE_MAX_HTML_BYTES)
    return Result(
        final_url=final_url,
        status=response.status,
        redirects=chain,
        screenshot=shot,
        html=html[:limit],
        html_truncated=len(html) > limit,
    )


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or ["?"])[0][:400]
