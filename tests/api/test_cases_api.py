from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from netralitas.audit.models import AuditEvent
from netralitas.cases.models import Case
from netralitas.integrations.models import OutboxEvent
from tests.api.conftest import Callers, make_caller, report_body
from tests.cases.helpers import hear, submit, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def test_agency_submits_a_report_and_gets_its_code_and_number(api: Callers) -> None:
    response = api.ppk_muba.post("/api/v1/cases", report_body())
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(code=body["code"])
    assert body["number"] == case.number and body["status"] == "diterima"
    assert case.reporter_user == api.ppk_muba.client.user
    assert OutboxEvent.objects.filter(case_code=case.code, event_type="submitted", sequence=1).exists()


def test_retry_with_the_same_idempotency_key_returns_the_first_result(api: Callers) -> None:
    first = api.ppk_muba.post("/api/v1/cases", report_body(), HTTP_IDEMPOTENCY_KEY="laporan-001")
    again = api.ppk_muba.post("/api/v1/cases", report_body(), HTTP_IDEMPOTENCY_KEY="laporan-001")
    assert (first.status_code, first.json()) == (again.status_code, again.json()) == (201, first.json())
    assert Case.objects.count() == 1


def test_idempotency_key_reused_with_another_body_is_a_conflict(api: Callers) -> None:
    api.ppk_muba.post("/api/v1/cases", report_body(), HTTP_IDEMPOTENCY_KEY="laporan-002")
    other = api.ppk_muba.post(
        "/api/v1/cases",
        report_body(description="Kejadian lain sama sekali, di tempat yang berbeda."),
        HTTP_IDEMPOTENCY_KEY="laporan-002",
    )
    assert other.status_code == 409
    assert other["Content-Type"] == "application/problem+json"


def test_the_same_key_from_two_clients_files_two_reports(api: Callers) -> None:
    api.ppk_muba.post("/api/v1/cases", report_body(), HTTP_IDEMPOTENCY_KEY="k-1")
    api.verifier.post("/api/v1/cases", report_body(), HTTP_IDEMPOTENCY_KEY="k-1")
    assert Case.objects.count() == 2


def test_invalid_submission_names_every_field_in_both_languages(api: Callers) -> None:
    response = api.ppk_muba.post(
        "/api/v1/cases",
        report_body(
            region="99.99", incident_date="27-11-2024", description="pendek", violation_types=["tidak-ada"]
        ),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["instance"] == "/api/v1/cases"
    fields = {e["field"]: e for e in problem["errors"]}
    assert {"body.incident_date", "body.description"} <= set(fields)
    assert "YYYY-MM-DD" in fields["body.incident_date"]["detail"]
    assert "YYYY-MM-DD" in fields["body.incident_date"]["detail_en"]
    assert "paling sedikit 30 karakter" in fields["body.description"]["detail"]


def test_unknown_codes_are_reported_per_field(api: Callers) -> None:
    response = api.ppk_muba.post(
        "/api/v1/cases", report_body(region="99.99", violation_types=["x", "media-sosial"])
    )
    assert response.status_code == 422
    fields = {e["field"]: e for e in response.json()["errors"]}
    assert set(fields) == {"body.region", "body.violation_types.0"}
    assert "tidak dikenal" in fields["body.region"]["detail"]
    assert "Unknown region" in fields["body.region"]["detail_en"]


def test_read_only_key_cannot_submit(api: Callers) -> None:
    response = api.read_only.post("/api/v1/cases", report_body())
    assert response.status_code == 403
    assert "hanya untuk membaca" in response.json()["detail"]


def test_only_bawaslu_submits_bawaslu_findings(api: Callers) -> None:
    assert api.ppk_muba.post("/api/v1/cases", report_body(source="temuan_bawaslu")).status_code == 403
    assert api.analyst.post("/api/v1/cases", report_body(source="temuan_bawaslu")).status_code == 201


def test_missing_or_wrong_key_is_401_problem() -> None:
    response = Client().get("/api/v1/catalogs/regions")
    assert response.status_code == 401 and response.json()["type"].endswith("unauthenticated")
    assert Client().get("/api/v1/catalogs/regions", HTTP_X_API_KEY="nk_abc_def").status_code == 401


def test_revoked_key_stops_working(api: Callers) -> None:
    from netralitas.api.keys import api_client_revoke

    assert api.leader.get("/api/v1/statistics").status_code == 200
    api_client_revoke(client=api.leader.client)
    assert api.leader.get("/api/v1/statistics").status_code == 401


def test_rotated_key_replaces_the_old_one(api: Callers) -> None:
    from netralitas.api.keys import api_client_issue_key

    old = api.leader.key
    new = api_client_issue_key(client=api.leader.client)
    assert Client().get("/api/v1/statistics", HTTP_X_API_KEY=old).status_code == 401
    assert Client().get("/api/v1/statistics", HTTP_X_API_KEY=new).status_code == 200
    assert api.leader.client.key_hash != new and new not in api.leader.client.key_hash


def test_client_over_its_rate_limit_gets_429_with_retry_after(world: World) -> None:
    caller = make_caller(world.leader, name="terbatas", rate=3)
    statuses = [caller.get("/api/v1/catalogs/elections").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = caller.get("/api/v1/catalogs/elections")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429


def test_every_read_is_audited_with_the_client_name(api: Callers) -> None:
    api.leader.get("/api/v1/statistics")
    event = AuditEvent.objects.filter(action="api.read").latest("pk")
    assert event.actor_label == "api:dasbor-menpan" and event.data["path"] == "/api/v1/statistics"


def test_case_is_read_by_code_within_scope_only(world: World, api: Callers) -> None:
    case, _ = submit(world)
    assert api.verifier.get(f"/api/v1/cases/{case.code}").json()["number"] == case.number
    assert api.ppk_makassar.get(f"/api/v1/cases/{case.code}").status_code == 404
    assert api.verifier.get("/api/v1/cases/tidak-ada").status_code == 404


def test_list_pages_with_a_cursor_and_syncs_incrementally(world: World, api: Callers) -> None:
    cases = [
        submit(world, description=f"Laporan nomor {i} tentang ajakan memilih di media sosial.")[0]
        for i in range(5)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.verifier.get("/api/v1/cases", **params).json()
        seen += [item["code"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(c.code for c in cases) and len(seen) == 5
    later = timezone.now() + dt.timedelta(seconds=1)
    Case.objects.filter(pk=cases[0].pk).update(updated_at=later)
    since = api.verifier.get("/api/v1/cases", updated_since=later.isoformat()).json()
    assert [item["code"] for item in since["items"]] == [cases[0].code]


def test_list_filters_by_bucket_and_rejects_a_bad_cursor(world: World, api: Callers) -> None:
    submit(world)
    assert len(api.verifier.get("/api/v1/cases", bucket="menunggu_verifikasi").json()["items"]) == 1
    assert api.verifier.get("/api/v1/cases", bucket="disanksi").json()["items"] == []
    bad = api.verifier.get("/api/v1/cases", cursor="bukan-kursor")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.cursor"


def test_whole_flow_runs_through_the_same_services(world: World, api: Callers) -> None:
    code = api.ppk_muba.post("/api/v1/cases", report_body()).json()["code"]
    assert (
        api.verifier.post(f"/api/v1/cases/{code}/transitions", {"action": "start_verification"}).status_code
        == 200
    )
    assert (
        api.verifier.post(f"/api/v1/cases/{code}/transitions", {"action": "forward"}).json()["status"]
        == "kajian_bawaslu"
    )
    concluded = api.analyst.post(
        f"/api/v1/cases/{code}/conclusion",
        {
            "violation_types": ["media-sosial"],
            "track": "disiplin",
            "level": "sedang",
            "sanction_type": "tukin-25-6",
            "rationale": "Unggahan ajakan memilih terbukti dibuat oleh terlapor.",
        },
    )
    assert concluded.json()["status"] == "terbukti"
    assert (
        api.bkn.post(f"/api/v1/cases/{code}/recommendation", {}).json()["status"] == "menunggu_tindak_lanjut"
    )
    hear(world, Case.objects.get(code=code))  # the superior examines the camat first (ADR 0024)
    decided = api.ppk_muba.post(
        f"/api/v1/cases/{code}/decision",
        {"decree_number": "800/1/2024", "decree_date": "2024-12-02", "sanction_type": "tukin-25-6"},
    )
    assert decided.status_code == 200 and decided.json()["decision"]["sanction_type"] == "tukin-25-6"
    assert decided.json()["status"] == "keputusan_diperiksa"  # the auditor checks the decree next
    sequences = list(OutboxEvent.objects.filter(case_code=code).values_list("sequence", "event_type"))
    assert [s for s, _ in sequences] == list(range(1, len(sequences) + 1))
    assert sequences[-1][1] == "submit_decision"


def test_action_in_the_wrong_state_is_a_409_conflict(world: World, api: Callers) -> None:
    case, _ = submit(world)
    response = api.verifier.post(f"/api/v1/cases/{case.code}/transitions", {"action": "forward"})
    assert response.status_code == 409
    assert "tidak berlaku lagi" in response.json()["detail"]


def test_stale_expected_version_is_a_409_conflict(world: World, api: Callers) -> None:
    case, _ = submit(world)
    body = {"action": "start_verification", "expected_version": case.version + 5}
    assert api.verifier.post(f"/api/v1/cases/{case.code}/transitions", body).status_code == 409


def test_missing_reason_is_a_422_rule_error(world: World, api: Callers) -> None:
    case, _ = submit(world)
    api.verifier.post(f"/api/v1/cases/{case.code}/transitions", {"action": "start_verification"})
    response = api.verifier.post(f"/api/v1/cases/{case.code}/transitions", {"action": "reject"})
    assert response.status_code == 422 and "Alasan" in response.json()["detail"]


def test_employee_lookup_is_scoped_and_minimal(api: Callers) -> None:
    body = api.ppk_muba.get("/api/v1/employees/198603132010011003").json()
    assert body == {
        "nip": "198603132010011003",
        "name": "Budi Santoso",
        "agency": "KAB-16.06",
        "agency_name": "Pemerintah Kabupaten Musi Banyuasin",
        "position": "Camat Sekayu",
    }
    assert api.ppk_makassar.get("/api/v1/employees/198603132010011003").status_code == 404
    assert api.verifier.get("/api/v1/employees/198603132010011003").status_code == 200


def test_statistics_count_by_the_published_buckets(world: World, api: Callers) -> None:
    submit(world)
    to_follow_up(world, submit(world, description="Kasus kedua tentang camat yang berkampanye terbuka.")[0])
    stats = api.leader.get("/api/v1/statistics", election="pilkada-2024").json()
    counts = {b["code"]: b["count"] for b in stats["buckets"]}
    assert counts["menunggu_verifikasi"] == 1 and counts["menunggu_ppk"] == 1
    assert stats["totals"] == {"dilaporkan": 2, "terbukti": 1, "disanksi": 0}
    assert api.ppk_makassar.get("/api/v1/statistics").json()["totals"]["dilaporkan"] == 0


def test_catalogs_list_codes(api: Callers) -> None:
    assert any(v["code"] == "media-sosial" for v in api.leader.get("/api/v1/catalogs/violation-types").json())
    assert any(s["code"] == "tukin-25-6" for s in api.leader.get("/api/v1/catalogs/sanction-types").json())
    assert {r["code"] for r in api.leader.get("/api/v1/catalogs/regions").json()} >= {"16", "16.06"}
    assert any(a["code"] == "BKN" for a in api.leader.get("/api/v1/catalogs/agencies").json())
    assert api.leader.get("/api/v1/catalogs/deadline-rules").json()
    assert api.leader.get("/api/v1/catalogs/elections").json()[0]["code"] == "pilkada-2024"


def test_docs_are_served_locally_without_a_cdn(db: None) -> None:
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/cases" in html and "cdn" not in html.lower()
    schema = Client().get("/api/v1/openapi.json").json()
    errors = schema["paths"]["/api/v1/cases"]["post"]["responses"]["422"]["content"]
    assert list(errors) == ["application/problem+json"]


def test_committed_openapi_document_is_current() -> None:
    from pathlib import Path

    from django.conf import settings

    from netralitas.api.openapi_file import render_openapi

    committed = (Path(settings.BASE_DIR) / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(render_openapi()), (
        "docs/openapi.json is stale: run `manage.py export_openapi`"
    )


def test_batched_rate_counting_overshoots_by_less_than_one_batch(world: World) -> None:
    from django.test import override_settings

    caller = make_caller(world.leader, name="terbatas-batch", rate=3)
    with override_settings(API_RATE_LIMIT_SYNC_EVERY=5):
        statuses = [caller.get("/api/v1/catalogs/elections").status_code for _ in range(12)]
    first_refusal = statuses.index(429)
    assert 3 <= first_refusal <= 3 + 4
    assert set(statuses[first_refusal:]) == {429}


def test_nul_characters_are_refused_as_field_errors(api: Callers) -> None:
    response = api.leader.get("/api/v1/statistics", election="pilkada\x00")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "query.election"
    body = api.ppk_muba.post(
        "/api/v1/cases", report_body(description="Uraian dengan karakter \u0000 tersembunyi.")
    )
    assert body.status_code == 422 and body.json()["errors"][0]["field"] == "body"
