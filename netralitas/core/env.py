"""Strict parsers for settings read from the environment.

Every setting comes from an environment variable; a malformed value stops start-up with a message that
names the variable, instead of silently falling back to a default.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
N = TypeVar("N", int, float)


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, source: Mapping[str, str] | None = None) -> None:
        self.source = os.environ if source is None else source

    def str(self, name: builtins.str, default: builtins.str | None = None) -> builtins.str:
        value = self.source.get(name)
        if value is None:
            if default is None:
                raise ImproperlyConfigured(f"Environment variable {name} is required.")
            return default
        return value

    def optional(self, name: builtins.str) -> builtins.str | None:
        value = self.source.get(name)
        return value if value else None

    def bool(self, name: builtins.str, default: builtins.bool = False) -> builtins.bool:
        value = self.source.get(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, got {value!r}.")

    def _number(
        self, name: builtins.str, default: N, parse: Callable[[builtins.str], N], what: builtins.str
    ) -> N:
        value = self.source.get(name)
        if value is None or value == "":
            return default
        try:
            return parse(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be {what}, got {value!r}.") from None

    def int(self, name: builtins.str, default: builtins.int) -> builtins.int:
        return self._number(name, default, builtins.int, "an integer")

    def float(self, name: builtins.str, default: builtins.float) -> builtins.float:
        return self._number(name, default, builtins.float, "a number")

    def list(
        self, name: builtins.str, default: builtins.list[builtins.str] | None = None
    ) -> builtins.list[builtins.str]:
        value = self.source.get(name)
        if value is None:
            return builtins.list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(
        self, name: builtins.str, choices: tuple[builtins.str, ...], default: builtins.str
    ) -> builtins.str:
        value = self.source.get(name, default)
        if value not in choices:
            raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {value!r}.")
        return value
