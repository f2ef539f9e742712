"""The campaign draft service checks who may edit, whatever calls it (view, API, command, test)."""

from __future__ import annotations

import pytest

from netralitas.accounts.models import Role
from netralitas.audit.models import AuditEvent
from netralitas.declarations.campaign_services import campaign_update
from netralitas.declarations.services import DeclarationNotAllowed
from tests.declarations.conftest import make_campaign
from tests.world import World

pytestmark = pytest.mark.django_db


def test_a_ppk_cannot_edit_a_draft_campaign_through_the_service(world: World) -> None:
    draft = make_campaign(world, open_=False)
    with pytest.raises(DeclarationNotAllowed):
        campaign_update(
            campaign=draft,
            actor=world.ppk_muba,
            title="Diubah tanpa wewenang",
            text="y",
            election=world.pilkada,
            region=world.sumsel,
            opens_at=draft.opens_at,
            closes_at=draft.closes_at,
            agencies=[world.pemkab_muba],
            organiser_roles=[Role.VERIFIER],
        )
    draft.refresh_from_db()
    assert draft.title != "Diubah tanpa wewenang"
    assert not AuditEvent.objects.filter(action="declaration.campaign_updated").exists()
