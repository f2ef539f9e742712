"""The case page's actions come from the transition table: a new transition needs no hand-wired action."""

from netralitas.cases.workflow import TRANSITIONS, Requirement
from netralitas.workspace import forms as wf
from netralitas.workspace.actions import ACTIONS


def test_every_transition_is_an_action_labelled_by_the_table():
    for t in TRANSITIONS:
        action = ACTIONS[t.action]
        assert (action.title, action.next_step) == (t.label, t.next_step)


def test_a_transition_that_needs_a_reason_asks_for_one():
    for t in TRANSITIONS:
        if Requirement.REASON in t.requires and t.action != "reject":
            assert issubclass(ACTIONS[t.action].form, wf.ReasonForm), t.action


def test_only_the_decree_upload_is_multipart():
    assert {a.name for a in ACTIONS.values() if a.multipart} == {"submit_decision", "hearing_minutes"}


def test_matching_the_person_comes_before_forwarding():
    names = list(ACTIONS)
    assert names.index("resolve") < names.index("forward")
