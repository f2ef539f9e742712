"""A refusal of a case or sanction service is a translatable message: an English user reads it in English.

The strings are found as ``makemessages`` finds them (gettext calls in the modules); each has an English
translation in the compiled catalogue, and a placeholder-bearing message keeps its placeholders.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from netralitas.cases.evidence import EvidenceError, clean_upload

ROOT = Path(__file__).resolve().parents[2] / "netralitas"
MODULES = (
    "cases/services.py",
    "cases/notes.py",
    "cases/evidence.py",
    "sanctions/services.py",
    "sanctions/control.py",
)
NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop"}


def _messages() -> list[str]:
    found: list[str] = []
    for module in MODULES:
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return found


def test_the_service_modules_mark_their_messages():
    assert len(_messages()) > 60


@pytest.mark.parametrize("message", _messages())
def test_every_service_message_has_an_english_translation(message):
    with translation.override("en"):
        english = gettext(message)
    assert english != message
    assert sorted(re.findall(r"%\(\w+\)", english)) == sorted(re.findall(r"%\(\w+\)", message))


def test_an_empty_upload_is_refused_in_the_users_language():
    with translation.override("en"), pytest.raises(EvidenceError) as refused:
        clean_upload(io.BytesIO(b""), "bukti.pdf")
    assert str(refused.value) == "File bukti.pdf is empty; choose a file with content."
    with translation.override("id"), pytest.raises(EvidenceError) as ditolak:
        clean_upload(io.BytesIO(b""), "bukti.pdf")
    assert str(ditolak.value) == "Berkas bukti.pdf kosong; pilih berkas yang berisi."
