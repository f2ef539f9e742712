"""Settings from the environment: a malformed number stops start-up, naming the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from netralitas.core.env import Env


def test_numbers_parse_fall_back_when_unset_and_refuse_garbage() -> None:
    env = Env({"WORKERS": "4", "SECONDS": "0.5", "EMPTY": "", "BAD": "sepuluh"})
    assert env.int("WORKERS", 1) == 4 and env.float("SECONDS", 1.0) == 0.5
    assert env.int("EMPTY", 7) == 7 and env.float("MISSING", 1.5) == 1.5
    with pytest.raises(ImproperlyConfigured, match="BAD must be an integer, got 'sepuluh'"):
        env.int("BAD", 1)
    with pytest.raises(ImproperlyConfigured, match="BAD must be a number"):
        env.float("BAD", 1.0)
