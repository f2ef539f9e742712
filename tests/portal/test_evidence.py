from __future__ import annotations

import hashlib
import io
from typing import Any as SettingsWrapper

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from netralitas.audit.models import AuditEvent
from netralitas.cases.evidence import EvidenceError, evidence_add, reporter_add_information
from netralitas.cases.models import CaseEvent
from tests.cases.helpers import submit
from tests.portal.helpers import gps_of, jpeg_with_gps, photo
from tests.world import World


def test_photo_is_stored_without_gps_and_hashed_as_stored(world: World) -> None:
    case, _ = submit(world)
    original = jpeg_with_gps()
    assert gps_of(original), "the fixture photo really carries GPS"
    evidence = evidence_add(case=case, upload=photo(data=original), from_reporter=True)
    stored = evidence.file.read()
    assert gps_of(stored) == {}
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert evidence.sha256 == hashlib.sha256(stored).hexdigest()
    assert evidence.content_type == "image/jpeg" and evidence.from_reporter


def test_stored_file_has_a_random_name_not_the_uploaded_one(world: World) -> None:
    case, _ = submit(world)
    evidence = evidence_add(case=case, upload=photo("rumah-saya-jl-merdeka.jpg"), from_reporter=True)
    assert "rumah" not in evidence.file.name
    assert evidence.file.name.startswith("evidence/") and evidence.file.name.endswith(".jpg")
    assert evidence.original_name == "rumah-saya-jl-merdeka.jpg"


def test_adding_evidence_writes_a_case_event_and_an_audit_event(world: World) -> None:
    case, _ = submit(world)
    evidence = evidence_add(case=case, upload=photo(), from_reporter=True)
    event = CaseEvent.objects.get(case=case, action="evidence_added")
    assert event.data["sha256"] == evidence.sha256
    assert AuditEvent.objects.filter(action="case.evidence_added").exists()


def test_text_file_named_jpg_is_refused_by_content(world: World) -> None:
    case, _ = submit(world)
    fake = SimpleUploadedFile("foto.jpg", b"ini bukan foto, hanya teks biasa", content_type="image/jpeg")
    with pytest.raises(EvidenceError, match="menurut isinya"):
        evidence_add(case=case, upload=fake, from_reporter=True)
    assert not case.evidence.exists()


def test_pdf_is_recognised_whatever_its_name(world: World) -> None:
    case, _ = submit(world)
    document = pikepdf.new()
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out)
    pdf = SimpleUploadedFile("bukti.txt", out.getvalue())
    assert evidence_add(case=case, upload=pdf, from_reporter=True).content_type == "application/pdf"


def test_image_over_the_size_limit_is_refused(world: World, settings: SettingsWrapper) -> None:
    settings.PORTAL_MAX_IMAGE_MB = 0
    case, _ = submit(world)
    with pytest.raises(EvidenceError, match="batasnya 0 MB"):
        evidence_add(case=case, upload=photo(), from_reporter=True)


def test_reporter_adds_information_with_a_file(world: World) -> None:
    case, _ = submit(world)
    event = reporter_add_information(case=case, text="Unggahan sudah dihapus pukul 20.00.", uploads=[photo()])
    assert event.action == "reporter_information" and event.note.startswith("Unggahan")
    assert event.public_message == ""
    assert case.evidence.filter(from_reporter=True).count() == 1


def test_reporter_must_add_text_or_a_file(world: World) -> None:
    case, _ = submit(world)
    with pytest.raises(EvidenceError, match="Tulis keterangan"):
        reporter_add_information(case=case, text="  ", uploads=[])
