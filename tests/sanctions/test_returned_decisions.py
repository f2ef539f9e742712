"""A returned decree is kept in the case's history; the case still has at most one active decree."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netralitas.cases.models import Case, Status
from netralitas.sanctions.models import Decision, ReturnedDecision, SanctionType
from netralitas.sanctions.services import decision_accept, decision_return
from tests.cases.helpers import submit, submit_decree, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db


def test_returned_decrees_are_kept_and_the_corrected_one_is_accepted(client: Client, world: World) -> None:
    case = to_follow_up(world, submit(world)[0])
    submit_decree(world, Case.objects.get(pk=case.pk))
    first = Decision.objects.get(case=case)
    decision_return(case=Case.objects.get(pk=case.pk), actor=world.auditor, reason="Nomor salah tulis.")
    kept = ReturnedDecision.objects.get(case=case)
    assert (kept.decree_number, kept.returned_by, kept.return_reason) == (
        first.decree_number,
        world.auditor,
        "Nomor salah tulis.",
    )
    submit_decree(world, Case.objects.get(pk=case.pk))
    decision_return(case=Case.objects.get(pk=case.pk), actor=world.auditor, reason="Dokumen tidak terbaca.")
    submit_decree(world, Case.objects.get(pk=case.pk))
    decision_accept(case=Case.objects.get(pk=case.pk), actor=world.auditor)
    assert Case.objects.get(pk=case.pk).status == Status.SANCTIONED
    assert ReturnedDecision.objects.filter(case=case).count() == 2
    assert Decision.objects.filter(case=case).count() == 1

    client.force_login(world.ppk_muba)
    page = client.get(reverse("workspace:case", args=[case.code])).content.decode()
    assert page.count('class="returned-decision"') == 2
    assert "Nomor salah tulis." in page and "Dokumen tidak terbaca." in page


def test_a_case_cannot_hold_two_active_decrees(world: World) -> None:
    case = to_follow_up(world, submit(world)[0])
    submit_decree(world, Case.objects.get(pk=case.pk))
    existing = Decision.objects.get(case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            case=case,
            decree_number="KEP-2",
            decree_date=existing.decree_date,
            sanction_type=SanctionType.objects.first(),
            recorded_by=world.ppk_muba,
            recorded_at=timezone.now(),
        )
