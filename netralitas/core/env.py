"""Strict parsers for settings read from the environment.

Every setting comes from an environment variable; a malformed value stops start-up with a message that
names the variable, instead of silently falling back to a default.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


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

    def int(self, name: builtins.str, default: builtins.int) -> builtins.int:
        value = self.source.get(name)
        if value is None or value == "":
            return default
        try:
            return builtins.int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None

    def float(self, name: builtins.str, default: builtins.float) -> builtins.float:
        value = self.source.get(name)
        if value is None or value == "":
            return default
        try:
            return builtins.float(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a number, got {value!r}.") from None

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
