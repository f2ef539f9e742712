from __future__ import annotations

from pathlib import Path

from django.conf import settings

from netralitas.cases.workflow import FINAL_STATUSES, TRANSITIONS, Status, reachable_statuses, render_markdown


def test_docs_workflow_md_is_generated_from_the_table() -> None:
    path = Path(settings.BASE_DIR) / "docs" / "workflow.md"
    assert path.read_text() == render_markdown(), "run `manage.py render_workflow`"


def test_every_status_is_reachable_and_final_ones_have_no_way_out() -> None:
    assert reachable_statuses() == set(Status.values)
    for t in TRANSITIONS:
        assert not (t.sources & FINAL_STATUSES), t.action


def test_actions_are_unique() -> None:
    actions = [t.action for t in TRANSITIONS]
    assert len(actions) == len(set(actions))


def test_every_status_falls_in_exactly_one_published_bucket() -> None:
    from netralitas.cases.buckets import BUCKET_OF_STATUS, BUCKETS

    assert set(BUCKET_OF_STATUS) == set(Status.values)
    assert sum(len(b.statuses) for b in BUCKETS) == len(Status.values)
