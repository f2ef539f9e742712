"""On the database task backend a notification task is written in the case's own transaction."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from netralitas.cases.services import case_transition
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_committed_transition_leaves_its_task_for_the_worker_which_mails_the_owner(
    world: World, settings
) -> None:
    settings.TASKS = DATABASE_TASKS
    case, _ = submit(world)
    queued = DBTaskResult.objects.count()
    assert queued >= 1  # the submission's own "next owner" notice

    case_transition(case=case, actor=world.verifier, action="start_verification")
    assert DBTaskResult.objects.count() == queued + 1

    mail.outbox.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == queued + 1
    assert any(case.number in m.subject for m in mail.outbox)


def test_a_rolled_back_transition_leaves_no_task(world: World, settings) -> None:
    settings.TASKS = DATABASE_TASKS
    case, _ = submit(world)
    before = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_transition(case=case, actor=world.verifier, action="start_verification")
        raise RuntimeError("boom")
    assert DBTaskResult.objects.count() == before
