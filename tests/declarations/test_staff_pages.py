"""Campaign pages for staff: live coverage, organiser actions, reports; 404 outside scope."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from netralitas.audit.models import AuditEvent
from netralitas.declarations.models import Campaign, CampaignAgency
from netralitas.declarations.queries import coverage
from netralitas.declarations.services import signature_sign
from tests.declarations.conftest import make_campaign
from tests.world import PASSWORD, World


def _login(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def _sign_camat(campaign: Campaign, world: World) -> None:
    import datetime as dt

    signature_sign(campaign=campaign, nip=world.camat.nip, birth_date=dt.date(1986, 3, 13), nik_last4="0002")


def test_coverage_counts_signed_over_target_per_agency_and_region(world: World, campaign: Campaign) -> None:
    _sign_camat(campaign, world)
    data = coverage(campaign)
    assert [(r.label, r.signed, r.target, r.percent) for r in data.agencies] == [
        ("Pemerintah Kabupaten Musi Banyuasin", 1, 2, 50.0)
    ]
    assert [(r.label, r.signed, r.target) for r in data.regions] == [("Kabupaten Musi Banyuasin", 1, 2)]
    assert (data.total.signed, data.total.target) == (1, 2)


def test_coverage_reads_the_counters_not_the_employee_table(world: World, campaign: Campaign) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    campaign = Campaign.objects.select_related("region").get(pk=campaign.pk)
    with CaptureQueriesContext(connection) as captured:
        coverage(campaign)
    assert len(captured.captured_queries) == 1
    assert "registry_employee" not in captured.captured_queries[0]["sql"]
    assert "declarations_signature" not in captured.captured_queries[0]["sql"]


def test_the_verifier_watches_coverage_and_htmx_gets_the_partial(world: World, campaign: Campaign) -> None:
    client = _login(world.verifier)
    page = client.get(reverse("declarations:campaign", args=[campaign.code]))
    assert page.status_code == 200
    assert 'hx-trigger="every 5s"' in page.content.decode()
    _sign_camat(campaign, world)
    partial = client.get(reverse("declarations:campaign", args=[campaign.code]), HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body
    assert 'data-testid="total-signed">1<' in body


def test_the_ppk_of_a_participating_agency_sees_the_campaign(world: World, campaign: Campaign) -> None:
    assert (
        _login(world.ppk_muba).get(reverse("declarations:campaign", args=[campaign.code])).status_code == 200
    )


@pytest.mark.parametrize(
    "name",
    ["declarations:campaign", "declarations:report_pdf", "declarations:report_xlsx", "declarations:sheet"],
)
def test_a_ppk_of_another_agency_gets_404(world: World, campaign: Campaign, name: str) -> None:
    response = _login(world.ppk_makassar).get(reverse(name, args=[campaign.code]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["declarations:open", "declarations:close", "declarations:sheet"])
def test_a_viewer_without_an_organiser_role_cannot_manage(
    world: World, campaign: Campaign, name: str
) -> None:
    response = _login(world.ppk_muba).post(reverse(name, args=[campaign.code]))
    assert response.status_code == 404


def test_the_campaign_list_shows_only_campaigns_in_scope(world: World, campaign: Campaign) -> None:
    assert campaign.title in _login(world.verifier).get(reverse("declarations:campaigns")).content.decode()
    assert (
        campaign.title
        not in _login(world.ppk_makassar).get(reverse("declarations:campaigns")).content.decode()
    )


def test_the_organiser_opens_and_closes_a_campaign(world: World) -> None:
    draft = make_campaign(world, open_=False)
    client = _login(world.verifier)
    client.post(reverse("declarations:open", args=[draft.code]))
    draft.refresh_from_db()
    assert draft.state == Campaign.State.OPEN
    assert CampaignAgency.objects.get(campaign=draft).target == 1
    client.post(reverse("declarations:close", args=[draft.code]))
    draft.refresh_from_db()
    assert draft.state == Campaign.State.CLOSED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"declaration.campaign_opened", "declaration.campaign_closed"} <= actions


def test_the_final_report_comes_as_pdf_and_xlsx(world: World, campaign: Campaign) -> None:
    _sign_camat(campaign, world)
    client = _login(world.verifier)
    pdf = client.get(reverse("declarations:report_pdf", args=[campaign.code]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("declarations:report_xlsx", args=[campaign.code]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("Pemerintah Kabupaten Musi Banyuasin", "Kabupaten Musi Banyuasin", 2, 1, 50.0)


def test_anonymous_staff_pages_redirect_to_login(campaign: Campaign) -> None:
    response = Client().get(reverse("declarations:campaign", args=[campaign.code]))
    assert response.status_code == 302
