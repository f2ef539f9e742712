"""Fuzzing the public forms (issue 18): the three report steps, the status check, the addition form on
the status page, declaration signing and verification. Whatever a visitor posts, the answer is never 5xx,
and a form that is refused (anything but the redirect of a success) writes no row of the domain.

Bounded like the API fuzz (FUZZ_EXAMPLES, 20 by default, derandomised).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from netralitas.cases.models import Case, Evidence
from netralitas.declarations.models import Campaign, Signature
from netralitas.portal.models import Draft, DraftFile
from tests.cases.helpers import submit
from tests.declarations.conftest import add_employee, make_campaign
from tests.fuzz import strategies as fz
from tests.fuzz.rows import grown, row_counts
from tests.portal.helpers import fill_steps, jpeg_with_gps, reporter, start, what
from tests.world import World

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)

PHOTO = jpeg_with_gps()
NOT_EVIDENCE = [
    b"",
    b"\x00" * 64,
    PHOTO[: len(PHOTO) // 2],  # a truncated JPEG
    b"%PDF-1.4\n%garbage that is no PDF at all\n",
    b"GIF89a" + b"\x00" * 20,
    b"<html><script>alert(1)</script></html>",
    b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 16,  # an MP4 header and nothing else
]
FILE_NAMES = ["foto.jpg", "bukti.pdf", "a\x00b.jpg", "../../etc/passwd", "x" * 300 + ".png", "😀.mp4", ""]


@st.composite
def uploads(draw: st.DrawFn) -> tuple[list[SimpleUploadedFile], int]:
    """Up to three files, and how many of them are genuine photos (the only ones that may be kept)."""
    files, genuine = [], 0
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            content = PHOTO
            genuine += 1
        else:
            content = draw(st.one_of(st.sampled_from(NOT_EVIDENCE), st.binary(max_size=256)))
        name = draw(st.sampled_from(FILE_NAMES)).replace("\x00", "") or "berkas"
        kind = draw(st.sampled_from(["image/jpeg", "application/pdf", "video/mp4", "text/html", ""]))
        files.append(SimpleUploadedFile(name, content, content_type=kind or "application/octet-stream"))
    return files, genuine


def form(fields: dict[str, list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    """A form post: each field absent, realistic, free text or hostile."""
    return st.fixed_dictionaries({}, optional={name: fz.form_values(pool) for name, pool in fields.items()})


def _refused_writes_nothing(before: dict[str, int], said: str) -> None:
    assert not grown(before, row_counts()), f"{said}: rows written {grown(before, row_counts())}"


def test_report_steps_never_fail_and_never_file_a_case(world: World, client: Client) -> None:
    token = start(client)
    fields = {
        "mode": ["nip", "cari", "uraikan"],
        "identifier": [world.camat.nip, world.camat.nik or "", "19860926 201505 1 001", "1606041303860002"],
        "search_name": ["Budi", "Bu", "Santoso"],
        "search_agency": [world.pemkab_muba.code, "TIDAK-ADA"],
        "search_region": [world.sumsel.code, "99"],
        "employee": ["", "bukan-token"],
        "reported_name": ["Pak Budi"],
        "reported_agency": [world.pemkab_muba.code],
        "action": ["cari", "periksa", ""],
        "violation_types": ["media-sosial", "ikut-kampanye", "tidak-ada"],
        "incident_date": ["2024-11-24", "0001-01-01", "9999-12-31", "24/11/2024", "2024-02-30"],
        "province": [world.sumsel.code, world.sulsel.code, "99"],
        "region": [world.muba.code, world.makassar.code, "99.99"],
        "election": [world.pilkada.code, "tidak-ada"],
        "description": [what(world)["description"], " " * 40],
        "links": ["https://facebook.com/post/1", "javascript:alert(1)", "https://a\n" * 6],
        "remove": ["tidak-ada"],
    }
    steps = st.sampled_from(["siapa", "apa"])

    @FUZZ
    @given(step=steps, data=form(fields), files=uploads())
    def run(step: str, data: dict[str, Any], files: tuple[list[SimpleUploadedFile], int]) -> None:
        attached, genuine = files
        before, kept_before = row_counts(), DraftFile.objects.count()
        response = client.post(f"/lapor/{token}/{step}/", {**data, "files": attached})
        said = f"POST {step} {data!r:.300} {[f.name for f in attached]} → {response.status_code}"
        assert response.status_code < 500, said
        _refused_writes_nothing(before, said)  # a step never files a case
        assert DraftFile.objects.count() - kept_before <= (genuine if step == "apa" else 0), said

    run()
    assert not Case.objects.exists()


def test_the_final_step_files_a_case_only_when_it_succeeds(world: World, client: Client) -> None:
    fields = {
        "identity": ["anonim", "identitas"],
        "name": ["Rina"],
        "nik": ["1606044505910001", "1606 0445 0591 0001", "0000000000000000"],
        "phone": ["081234567890", "+62 812-3456-7890", "12"],
        "email": ["rina@example.com", "bukan-email"],
        "consent": ["on", ""],
    }
    filed = {"count": 0}

    @FUZZ
    @given(data=form(fields), keep_token=st.sampled_from([True] * 9 + [False]))
    def run(data: dict[str, Any], keep_token: bool) -> None:
        open_drafts = Draft.objects.filter(case_number="")
        token = next(iter(open_drafts.values_list("token", flat=True)), None) or fill_steps(client, world)
        body = reporter(token) | data
        if not keep_token:
            body["token"] = "bukan-token-ini"
        before = row_counts()
        response = client.post(f"/lapor/{token}/pelapor/", body)
        said = f"POST pelapor {data!r:.300} → {response.status_code}"
        assert response.status_code < 500, said
        if response.status_code == 302 and "/selesai/" in response["Location"]:
            filed["count"] += 1
            assert Case.objects.count() == before["cases.Case"] + 1, said
            done = client.get(response["Location"])  # the receipt page of what was just stored
            assert done.status_code == 200, f"{said}; then the receipt page → {done.status_code}"
            staff = Client()
            staff.force_login(world.bkn_officer)
            case = Case.objects.latest("pk")
            assert staff.get(f"/ruang-kerja/kasus/{case.code}/").status_code == 200, said
        else:
            _refused_writes_nothing(before, said)

    run()
    assert filed["count"] >= 1  # some examples got through: the refusals are not the only path tested


def test_status_check_and_addition_never_fail_and_refusals_write_nothing(
    world: World, client: Client
) -> None:
    case, code = submit(world)
    visitor = Client()  # a second browser, holding the case in its session, for the addition form
    assert visitor.post("/status/", {"number": case.number, "code": code}).status_code == 302
    check_fields = {
        "number": [case.number, case.number.lower(), f" {case.number} ", "SBT-2024-999999"],
        "code": [str(code), str(code).lower().replace("-", " "), str(code).replace("0", "O"), "AAAA-BBBB"],
    }
    added = {"count": 0}

    @FUZZ
    @given(
        which=st.sampled_from(["status", "addition"]),
        check=form(check_fields),
        text=st.one_of(fz.form_values(["Unggahan itu sudah dihapus pagi ini."]), st.just("")),
        files=uploads(),
    )
    def run(which: str, check: dict[str, Any], text: str, files: tuple[list[Any], int]) -> None:
        before = row_counts()
        evidence_before = Evidence.objects.count()
        if which == "status":
            response = client.post("/status/", check)
            said = f"POST /status/ {check!r:.300} → {response.status_code}"
            assert response.status_code < 500, said
            _refused_writes_nothing(before, said)  # a check only reads, found or not
            return
        attached, genuine = files
        response = visitor.post("/status/laporan/", {"text": text, "files": attached})
        said = f"POST addition {text!r:.200} {[f.name for f in attached]} → {response.status_code}"
        assert response.status_code < 500, said
        if response.status_code == 302:
            added["count"] += 1
            assert Evidence.objects.count() - evidence_before <= genuine, said
        else:
            _refused_writes_nothing(before, said)

    run()
    assert added["count"] >= 1


def test_declaration_signing_and_verification_never_fail(world: World, client: Client) -> None:
    employee = add_employee(world, "199105052019032002", "1606044505910001")
    campaign: Campaign = make_campaign(world)
    fields = {
        "nip": [employee.nip, "1991 0505 2019 03 2 002", world.camat.nip, "19910505201903200"],
        "birth_date": ["1991-05-05", "05-05-1991", "05/05/1991", "0001-01-01", "1991-02-30"],
        "nik_last4": ["0001", "1234", "\uff10\uff1001", "12345"],  # full-width digits are digits too
    }

    @FUZZ
    @given(
        data=form(fields),
        code=st.one_of(st.just(campaign.code), fz.form_values(["tidak-ada"])),
        verify=fz.form_values(["tidak-ada", "x" * 300]),
    )
    def run(data: dict[str, Any], code: str, verify: str) -> None:
        before = row_counts()
        response = client.post(f"/deklarasi/ikrar/{quote(code, safe='')}/", data)
        said = f"POST ikrar {code!r:.60} {data!r:.300} → {response.status_code}"
        assert response.status_code < 500, said
        if response.status_code != 302:
            _refused_writes_nothing(before, said)
        page = client.get(f"/deklarasi/verifikasi/{quote(verify, safe='')}/")
        assert page.status_code < 500, f"GET verifikasi {verify!r:.80} → {page.status_code}"
        for signature in Signature.objects.all():  # every certificate code verifies
            assert client.get(f"/deklarasi/verifikasi/{signature.code}/").status_code == 200

    run()
