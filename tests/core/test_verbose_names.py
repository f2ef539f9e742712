"""The admin speaks Indonesian (issue 13): every model and every field of the project's apps has a verbose
name written for it, not the one Django derives from the English identifier."""

from __future__ import annotations

import re

from django.apps import apps
from django.utils import translation

# Words that are the same in Bahasa Indonesia as the identifier they name.
SAME_IN_BOTH = {"status", "data", "logo", "token", "model", "hash", "id", "html"}


def _ours() -> list[type]:
    return [m for m in apps.get_models() if m.__module__.startswith("netralitas.")]


def test_every_model_has_an_indonesian_verbose_name() -> None:
    with translation.override("id"):
        derived = [
            m.__name__
            for m in _ours()
            if str(m._meta.verbose_name) == re.sub(r"(?<!^)(?=[A-Z])", " ", m.__name__).lower()
        ]
    assert derived == []


def test_every_field_has_an_indonesian_verbose_name() -> None:
    with translation.override("id"):
        derived = [
            f"{m.__name__}.{f.name}"
            for m in _ours()
            for f in m._meta.get_fields()
            if f.concrete
            and not f.auto_created
            and str(f.verbose_name) == f.name.replace("_", " ")
            and f.name not in SAME_IN_BOTH
        ]
    assert derived == []


def test_help_texts_are_translated_strings() -> None:
    english_literal = [
        f"{m.__name__}.{f.name}"
        for m in _ours()
        for f in m._meta.get_fields()
        if getattr(f, "help_text", "") and isinstance(f.help_text, str)
    ]
    assert english_literal == []
