"""Link captures: what an isolated browser saw, kept with its hashes, retried, refused for private hosts.

A web server on loopback serves a page that changes on every request and one that redirects; the suite
never needs the internet."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from netralitas.audit.models import AuditEvent
from netralitas.captures import safety
from netralitas.captures.browser import chromium_path
from netralitas.captures.models import LinkCapture
from netralitas.captures.services import captures_run_due, captures_schedule
from netralitas.cases.models import Case, Source
from netralitas.cases.services import case_submit
from tests.world import World

pytestmark = pytest.mark.django_db
needs_browser = pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
loopback = override_settings(CAPTURE_ALLOW_PRIVATE=True, CAPTURE_TIMEOUT_SECONDS=15)


class _Site(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        if self.path == "/pindah":
            self.send_response(302)
            self.send_header("Location", "/unggahan")
            self.end_headers()
            return
        if self.path.startswith("/unggahan"):
            _Site.hits += 1
            body = (
                "<!doctype html><html lang=id><title>Unggahan</title><body><h1>Ayo pilih paslon nomor 2</h1>"
                f"<p>versi {_Site.hits}</p></body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _case(world: World, links: list[str]) -> Case:
    case, _receipt, _created = case_submit(
        source=Source.PUBLIC,
        election=world.pilkada,
        region=world.muba,
        incident_date=dt.date(2024, 10, 1),
        description="Terlapor mengunggah ajakan memilih pasangan calon di akun media sosialnya.",
        reported_name="Budi",
        reported_position="Camat",
        reported_agency=world.pemkab_muba,
        links=links,
        idempotency_key=f"capture-test-{len(links)}-{links[0] if links else ''}",
    )
    return case


def test_every_link_gets_one_capture_row_and_submission_does_not_wait(world: World) -> None:
    case = _case(world, ["https://contoh.go.id/a", "https://contoh.go.id/a", "https://contoh.go.id/b"])
    assert not LinkCapture.objects.exists()  # nothing happens at submission
    assert captures_schedule() == 2
    assert captures_schedule() == 0
    assert set(case.link_captures.values_list("url", flat=True)) == {
        "https://contoh.go.id/a",
        "https://contoh.go.id/b",
    }


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin/",
        "http://localhost/",
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "file:///etc/passwd",
        "http://user:pw@example.com/",
    ],
)
def test_private_loopback_and_odd_addresses_are_refused(url: str) -> None:
    with pytest.raises(safety.Refused):
        safety.check_url(url)


def test_a_link_to_loopback_is_refused_and_audited_without_a_browser(world: World) -> None:
    case = _case(world, ["http://127.0.0.1:9/rahasia"])
    report = captures_run_due()
    capture = case.link_captures.get()
    assert (report.refused, capture.state, capture.attempts) == (1, LinkCapture.State.REFUSED, 1)
    assert "bukan alamat publik" in capture.error
    assert AuditEvent.objects.filter(action="capture.ditolak").count() == 1


@needs_browser
@loopback
def test_a_redirected_page_is_kept_with_final_url_status_and_hashes(world: World, site: str) -> None:
    case = _case(world, [f"{site}/pindah"])
    report = captures_run_due()
    capture = case.link_captures.get()
    assert report.done == 1, capture.error
    assert capture.state == LinkCapture.State.DONE
    assert capture.final_url == f"{site}/unggahan" and capture.http_status == 200
    assert capture.redirects == [f"{site}/pindah"]
    png, html = capture.screenshot.read(), capture.html.read()
    assert png.startswith(b"\x89PNG") and b"Ayo pilih paslon nomor 2" in html
    assert capture.screenshot_sha256 == hashlib.sha256(png).hexdigest()
    assert capture.html_sha256 == hashlib.sha256(html).hexdigest()
    event = AuditEvent.objects.get(action="capture.selesai")
    assert event.data["html_sha256"] == capture.html_sha256


@needs_browser
@loopback
def test_the_page_as_it_was_is_what_is_kept_when_it_changes_later(world: World, site: str) -> None:
    case = _case(world, [f"{site}/unggahan"])
    captures_run_due()
    kept = case.link_captures.get().html.read()
    assert b"versi" in kept
    _Site.hits += 5  # the author edits the post afterwards
    captures_run_due()  # nothing is captured twice
    assert case.link_captures.get().html.read() == kept


@needs_browser
@loopback
def test_a_failing_link_is_retried_with_backoff_then_given_up(world: World, site: str) -> None:
    dead = site.rsplit(":", 1)[0] + ":9"  # nothing listens on the discard port
    case = _case(world, [f"{dead}/hilang"])
    with override_settings(CAPTURE_MAX_ATTEMPTS=2):
        first = captures_run_due()
        capture = case.link_captures.get()
        assert first.retrying == 1 and capture.state == LinkCapture.State.PENDING and capture.error
        assert capture.next_attempt_at > capture.case.received_at
        assert captures_run_due().retrying == 0  # not due yet
        LinkCapture.objects.filter(pk=capture.pk).update(next_attempt_at=capture.case.received_at)
        assert captures_run_due().failed == 1
    assert case.link_captures.get().state == LinkCapture.State.FAILED


def _done_capture(case: Case) -> LinkCapture:
    from django.core.files.base import ContentFile

    capture = LinkCapture(case=case, url="https://contoh.go.id/post", next_attempt_at=case.received_at)
    png, html = b"\x89PNG\r\n\x1a\nfake", b"<html><script>alert(1)</script></html>"
    capture.screenshot.save("s.png", ContentFile(png), save=False)
    capture.html.save("h.html", ContentFile(html), save=False)
    capture.screenshot_sha256, capture.html_sha256 = (
        hashlib.sha256(png).hexdigest(),
        hashlib.sha256(html).hexdigest(),
    )
    capture.state, capture.final_url, capture.http_status = LinkCapture.State.DONE, capture.url, 200
    capture.captured_at = case.received_at
    capture.save()
    return capture


def test_the_case_page_shows_each_capture_with_its_hashes(world: World, client) -> None:  # type: ignore[no-untyped-def]
    case = _case(world, ["https://contoh.go.id/post"])
    capture = _done_capture(case)
    client.force_login(world.verifier)
    page = client.get(f"/ruang-kerja/kasus/{case.code}/").content.decode()
    assert "Tangkapan tautan" in page and capture.html_sha256 in page and capture.screenshot_sha256 in page
    html = client.get(f"/ruang-kerja/kasus/{case.code}/tangkapan/{capture.code}/halaman.html.txt")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/plain")
    assert "attachment" in html["Content-Disposition"] and "sandbox" in html["Content-Security-Policy"]


def test_captures_of_a_case_outside_scope_are_404(world: World, client) -> None:  # type: ignore[no-untyped-def]
    case = _case(world, ["https://contoh.go.id/post"])
    capture = _done_capture(case)
    client.force_login(world.ppk_makassar)
    for kind in ("layar.png", "halaman.html.txt"):
        assert (
            client.get(f"/ruang-kerja/kasus/{case.code}/tangkapan/{capture.code}/{kind}").status_code == 404
        )


@needs_browser
@loopback
def test_with_a_tsa_both_hashes_are_timestamped_and_verify_on_demand(world: World, site: str, tsa) -> None:  # type: ignore[no-untyped-def]
    from netralitas.captures.services import capture_timestamps_verify

    url, cert, _other = tsa
    case = _case(world, [f"{site}/unggahan?tsa"])
    with override_settings(CAPTURE_TSA_URL=url, CAPTURE_TSA_CERT=str(cert)):
        captures_run_due()
        capture = case.link_captures.get()
        assert capture.state == LinkCapture.State.DONE and capture.tst_at is not None, capture.tst_error
        assert capture_timestamps_verify(capture) == capture.tst_at


def test_demo_and_old_cases_are_not_fetched(world: World) -> None:
    old = _case(world, ["https://contoh.go.id/lama"])
    Case.objects.filter(pk=old.pk).update(received_at=old.received_at - dt.timedelta(days=400))
    demo = _case(world, ["https://contoh.go.id/demo"])
    Case.objects.filter(pk=demo.pk).update(idempotency_key="demo-season-1")
    assert captures_schedule() == 0


def test_an_unresolvable_host_is_retried_not_refused(world: World) -> None:
    case = _case(world, ["https://tidak-ada.invalid/unggahan"])
    report = captures_run_due()
    capture = case.link_captures.get()
    assert report.retrying == 1 and capture.state == LinkCapture.State.PENDING
    assert "tidak dapat diselesaikan" in capture.error
