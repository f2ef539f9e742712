"""Removing what a document or video says about its author, before it reaches the disk.

PDF (pikepdf): the Info dictionary (Author, Creator, Producer, Title…), every XMP ``/Metadata`` stream,
application private data (``/PieceInfo``) and the trailer ``/ID`` of the original are dropped; active
content is removed: document and page actions (``/OpenAction``, ``/AA``), JavaScript, launch, submit and
remote-go-to actions, embedded files and file-attachment annotations, XFA forms. The file is rewritten
whole, so earlier incremental revisions (which may still hold the old metadata) disappear too.

MP4: the boxes that carry tags, locations and XMP (``udta``, ``meta``, ``uuid``) are overwritten in place
by ``free`` boxes of the same size, and the creation/modification times in ``mvhd``/``tkhd``/``mdhd`` are
zeroed. Nothing moves, so the sample offsets stay valid and the video plays as before.
"""

from __future__ import annotations

import io
import struct

import pikepdf

_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/GoToR",
        "/GoToE",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
        "/Hide",
        "/SetOCGState",
        "/Trans",
        "/GoTo3DView",
    }
)
_ALWAYS_DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/AA", "/JS", "/OpenAction")


class ScrubError(ValueError):
    """The file cannot be read well enough to be cleaned."""


def _is_active_action(value: object) -> bool:
    if isinstance(value, pikepdf.Array):
        return any(_is_active_action(item) for item in value)
    if isinstance(value, pikepdf.Dictionary):
        kind = value.get("/S")
        return (kind is not None and str(kind) in _ACTIVE_ACTIONS) or _is_active_action(value.get("/Next"))
    return False


def _clean_dictionary(obj: pikepdf.Dictionary | pikepdf.Stream) -> None:
    for key in _ALWAYS_DROPPED_KEYS:
        if key in obj:
            del obj[key]
    if "/A" in obj and _is_active_action(obj["/A"]):
        del obj["/A"]
    if "/Next" in obj and _is_active_action(obj["/Next"]):
        del obj["/Next"]
    if "/EF" in obj:  # a file specification's embedded file; the stream itself is then not written
        del obj["/EF"]


def _drop_attachment_annotations(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = [
            a
            for a in annotations
            if not (isinstance(a, pikepdf.Dictionary) and str(a.get("/Subtype", "")) == "/FileAttachment")
        ]
        page.obj["/Annots"] = pikepdf.Array(kept)


def scrub_pdf(data: bytes) -> bytes:
    """Returns the PDF rewritten without metadata and active content; raises ScrubError if unreadable."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise ScrubError("encrypted") from error
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        raise ScrubError("unreadable") from error
    with pdf:
        try:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            root = pdf.Root
            names = root.get("/Names")
            if isinstance(names, pikepdf.Dictionary):
                for key in ("/JavaScript", "/EmbeddedFiles"):
                    if key in names:
                        del names[key]
            for key in ("/Collection", "/URI"):
                if key in root:
                    del root[key]
            form = root.get("/AcroForm")
            if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
                del form["/XFA"]
            _drop_attachment_annotations(pdf)
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    _clean_dictionary(obj)
            pdf.remove_unreferenced_resources()
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        except (pikepdf.PdfError, ValueError, RuntimeError, KeyError) as error:
            raise ScrubError("unreadable") from error
    return out.getvalue()


_NEUTRALISED_BOXES = frozenset({b"udta", b"meta", b"uuid"})
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"moof", b"traf"})
_TIMED_BOXES = frozenset({b"mvhd", b"tkhd", b"mdhd"})


def _zero_times(buffer: bytearray, payload: int, end: int) -> None:
    if payload + 4 > end:
        raise ScrubError("truncated")
    version = buffer[payload]
    width = 8 if version == 1 else 4
    start = payload + 4  # version (1) + flags (3)
    if start + 2 * width > end:
        raise ScrubError("truncated")
    buffer[start : start + 2 * width] = bytes(2 * width)


def _walk(buffer: bytearray, start: int, end: int) -> set[bytes]:
    kinds: set[bytes] = set()
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buffer, position)
        header = 8
        if size == 1:
            if position + 16 > end:
                raise ScrubError("truncated")
            size = struct.unpack_from(">Q", buffer, position + 8)[0]
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            raise ScrubError("bad box size")
        box_end = position + size
        kinds.add(kind)
        if kind in _NEUTRALISED_BOXES:
            buffer[position + header - 4 : position + header] = b"free"
            buffer[position + header : box_end] = bytes(box_end - position - header)
        elif kind in _TIMED_BOXES:
            _zero_times(buffer, position + header, box_end)
        elif kind in _CONTAINERS:
            _walk(buffer, position + header, box_end)
        position = box_end
    return kinds


def scrub_mp4(data: bytes) -> bytes:
    """Returns the MP4 with its tag/location/XMP boxes blanked and its timestamps zeroed, same length."""
    buffer = bytearray(data)
    try:
        top_level = _walk(buffer, 0, len(buffer))
    except struct.error as error:
        raise ScrubError("truncated") from error
    if b"moov" not in top_level:
        raise ScrubError("no movie box")
    return bytes(buffer)
