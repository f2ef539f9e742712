from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from netralitas.audit.models import AuditEvent
from netralitas.cases.workflow import Status
from netralitas.monitoring.models import Report
from tests.world import World

from .data import bulk_cases

pytestmark = pytest.mark.django_db


def test_weekly_report_command_generates_a_pdf_leadership_can_download(
    world: World, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.AWAITING_FOLLOW_UP: 6},
    )
    call_command("weekly_report")  # enqueued; the test settings' ImmediateBackend runs it at once
    report = Report.objects.get()
    assert report.file.read()[:5] == b"%PDF-"
    assert AuditEvent.objects.filter(action="monitoring.report_created").count() == 1
    leader = Client()
    leader.force_login(world.leader)
    assert report.code in leader.get("/pemantauan/").content.decode()
    response = leader.get(f"/pemantauan/laporan/{report.code}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_reports_are_404_for_viewers_who_are_not_national(
    world: World, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    call_command("weekly_report", "--now")
    report = Report.objects.get()
    for user in (world.ppk_muba, world.verifier):
        client = Client()
        client.force_login(user)
        assert client.get(f"/pemantauan/laporan/{report.code}/").status_code == 404
        assert client.post("/pemantauan/laporan/buat/").status_code == 404
    assert Client().get(f"/pemantauan/laporan/{report.code}/").status_code == 302


def test_leader_requests_a_report_from_the_dashboard(
    world: World, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    client = Client()
    client.force_login(world.leader)
    response = client.post("/pemantauan/laporan/buat/")
    assert response.status_code == 302
    assert Report.objects.get().requested_by == world.leader


def test_the_weekly_report_is_an_official_signed_document_with_charts_and_a_map(
    world: World, settings: object, tmp_path: object
) -> None:
    import io

    from pypdf import PdfReader

    from netralitas.documents import pades
    from netralitas.documents.models import Document, LetterKind
    from netralitas.monitoring.services import report_weekly_create

    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    bulk_cases(
        election=world.pilkada,
        region=world.muba,
        agency=world.pemkab_muba,
        statuses={Status.AWAITING_FOLLOW_UP: 1158, Status.VERIFICATION: 3},
    )
    report = report_weekly_create()
    data = report.file.read()
    document = Document.objects.get(kind=LetterKind.WEEKLY)
    assert document.sha256 == __import__("hashlib").sha256(data).hexdigest()  # the same file, verifiable
    assert pades.validate_pdf(data, pades.trust_roots(document.certificate)).valid  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for part in (
        "BADAN KEPEGAWAIAN NEGARA",
        f"Nomor : {document.number}",
        "Hal : Laporan mingguan pengawasan netralitas ASN",
        "1.161",  # 1.158 + 3 reported, written the Indonesian way
        "Alur penanganan kasus",
        "Peta provinsi",
        "Tren laporan diterima per minggu",
        "Instansi dengan kasus macet terbanyak",
        "Kasus lewat batas waktu per tahap",
        "Menunggu tindak lanjut PPK",
        "NIP 197508172000031002",
        "Tembusan",
        "Halaman 1 dari",
    ):
        assert part in text, part
    assert "1,161" not in text
    # Column headers wrap between words, never inside one (the old "Peringk / at").
    for header in ("Peringkat", "Ditindaklanjuti", "Persentil", "Instansi"):
        assert header in text, header
    assert "\u2010" not in text and "\u00ad" not in text  # no hyphenation inside a word
    # Charts and the map are vector drawings (SVG): the only raster image is the QR code (square).
    sizes = {(image.image.width, image.image.height) for page in reader.pages for image in page.images}
    assert len(sizes) == 1 and all(w == h for w, h in sizes), sizes
