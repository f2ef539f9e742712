"""PDFs and videos lose what identifies their author before they are stored (the reporter stays anonymous)."""

from __future__ import annotations

import io
import struct

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from netralitas.cases.evidence import EvidenceError, evidence_add
from tests.cases.helpers import submit
from tests.world import World


def _pdf_with_author_and_active_content() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Budi Santoso"
    pdf.docinfo["/Creator"] = "LAPTOP-BUDI Microsoft Word"
    pdf.docinfo["/Title"] = "Laporan dari Budi"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = ["Budi Santoso XMP"]
    script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('hai')"))
    pdf.Root.OpenAction = script
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), script]))
    )
    pdf.attachments["rahasia.txt"] = pikepdf.AttachedFileSpec(pdf, b"isi lampiran tersembunyi")
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=launch
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=script)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pdf_is_stored_without_author_metadata_or_active_content(world: World) -> None:
    case, _ = submit(world)
    original = _pdf_with_author_and_active_content()
    assert b"Budi" in original and b"/JavaScript" in original, "the fixture really carries both"
    evidence = evidence_add(case=case, upload=SimpleUploadedFile("laporan.pdf", original), from_reporter=True)
    stored = evidence.file.read()
    for secret in (b"Budi", b"LAPTOP", b"JavaScript", b"app.alert", b"Launch", b"cmd.exe", b"isi lampiran"):
        assert secret not in stored, secret
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert "/OpenAction" not in pdf.Root and not pdf.attachments
        assert len(pdf.pages) == 1 and "/AA" not in pdf.pages[0].obj
        assert "/A" not in pdf.pages[0].obj.Annots[0]
    assert evidence.content_type == "application/pdf" and evidence.size == len(stored)


def test_pdf_keeps_internal_links_and_web_links(world: World) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    uri = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://bawaslu.go.id/"))
    pdf.pages[0].obj.Annots = pikepdf.Array(
        [pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 1, 1], A=uri)]
    )
    out = io.BytesIO()
    pdf.save(out)
    case, _ = submit(world)
    stored = evidence_add(
        case=case, upload=SimpleUploadedFile("a.pdf", out.getvalue()), from_reporter=True
    ).file.read()
    assert b"bawaslu.go.id" in stored


def test_encrypted_pdf_is_refused_with_a_way_out(world: World) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="a", user="rahasia"))
    case, _ = submit(world)
    with pytest.raises(EvidenceError, match="dilindungi kata sandi"):
        evidence_add(case=case, upload=SimpleUploadedFile("a.pdf", out.getvalue()), from_reporter=True)
    assert not case.evidence.exists()


def test_broken_pdf_is_refused(world: World) -> None:
    case, _ = submit(world)
    with pytest.raises(EvidenceError, match="rusak"):
        evidence_add(case=case, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\nsampah"), from_reporter=True)


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _mp4_with_location() -> bytes:
    when = struct.pack(">II", 3_800_000_000, 3_800_000_001)  # creation, modification (1904 epoch)
    mvhd = _box(b"mvhd", b"\x00\x00\x00\x00" + when + b"\x00" * 88)
    tkhd = _box(b"tkhd", b"\x00\x00\x00\x03" + when + b"\x00" * 72)
    mdhd = _box(b"mdhd", b"\x00\x00\x00\x00" + when + b"\x00" * 12)
    udta = _box(b"udta", _box(b"\xa9xyz", b"\x00\x11\x15\xc7-6.2088+106.8456/") + _box(b"\xa9nam", b"Budi"))
    trak = _box(b"trak", tkhd + _box(b"mdia", mdhd))
    moov = _box(b"moov", mvhd + trak + udta)
    return _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + moov + _box(b"mdat", b"\x01\x02\x03" * 10)


def test_mp4_is_stored_without_location_tags_or_timestamps_and_same_layout(world: World) -> None:
    case, _ = submit(world)
    original = _mp4_with_location()
    evidence = evidence_add(case=case, upload=SimpleUploadedFile("v.mp4", original), from_reporter=True)
    stored = evidence.file.read()
    assert len(stored) == len(original), "nothing moved, so sample offsets stay valid"
    assert b"106.8456" not in stored and b"Budi" not in stored and b"udta" not in stored
    assert struct.pack(">I", 3_800_000_000) not in stored
    assert stored.endswith(b"\x01\x02\x03" * 10) and b"free" in stored
    assert evidence.content_type == "video/mp4"


def test_truncated_mp4_is_refused(world: World) -> None:
    case, _ = submit(world)
    broken = _mp4_with_location()[:60]
    with pytest.raises(EvidenceError, match="rusak"):
        evidence_add(case=case, upload=SimpleUploadedFile("v.mp4", broken), from_reporter=True)


def test_webm_is_refused_because_its_metadata_cannot_be_removed(world: World) -> None:
    webm = bytes.fromhex("1a45dfa3") + b"\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
    case, _ = submit(world)
    with pytest.raises(EvidenceError, match="ubah video ke MP4"):
        evidence_add(case=case, upload=SimpleUploadedFile("v.webm", webm), from_reporter=True)
    assert not case.evidence.exists()
