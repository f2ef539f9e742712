"""Every UI string of the declarations app, and of the pages that show its meetings' action items and the
transfer flags (workspace, monitoring, transfers), has an English translation, and the compiled catalogue
has it.

The strings are found the way ``makemessages`` finds them: gettext calls in the app's Python modules and
``{% translate %}`` / ``{% blocktranslate %}`` in its templates (through Django's own ``templatize``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from tests.declarations.conftest import login
from tests.world import World

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
TEMPLATE_CALL = re.compile(r"\b(?:n?gettext)\(u'((?:[^'\\]|\\.)*)'")
APPS = ("declarations", "workspace", "monitoring", "transfers")


def _po_entries() -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) of the English catalogue."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        parts: dict[str, list[str]] = {}
        key = ""
        for line in block.splitlines():
            match = re.match(r"^(msgid|msgstr(?:\[0\])?) \"(.*)\"$", line)
            if match:
                key = match.group(1)
                parts[key] = [match.group(2)]
            elif line.startswith('"') and key:
                parts[key].append(line[1:-1])
        if "msgid" in parts:
            msgstr = parts.get("msgstr", parts.get("msgstr[0]", [""]))
            entries[_unescape("".join(parts["msgid"]))] = (_unescape("".join(msgstr)), fuzzy)
    return entries


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _python_strings(app: str = "declarations") -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "netralitas" / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _template_strings(app: str = "declarations") -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "templates" / app).glob("*.html"):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        found |= {ast.literal_eval(f"'{m}'") for m in TEMPLATE_CALL.findall(code)}
    return found


def test_the_finders_see_the_organiser_strings() -> None:
    assert "Wilayah ini di luar cakupan Anda sebagai penyelenggara." in _python_strings()
    assert "Peserta %(n)s" in _template_strings()
    assert "Lihat semua (%(n)s)" in _template_strings("workspace")
    assert "Mutasi pejabat (Pasal 71 ayat 2)" in _template_strings("monitoring")


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("source", ["python", "templates"])
def test_every_ui_string_has_an_english_translation(source: str, app: str) -> None:
    strings = _python_strings(app) if source == "python" else _template_strings(app)
    entries = _po_entries()
    missing = sorted(s for s in strings if not entries.get(s, ("", False))[0])
    fuzzy = sorted(s for s in strings if entries.get(s, ("", False))[1])
    assert not missing, f"not in locale/en (run makemessages, translate, compilemessages): {missing}"
    assert not fuzzy, f"fuzzy in locale/en: {fuzzy}"


def test_the_compiled_catalogue_is_up_to_date() -> None:
    entries = _po_entries()
    stale = []
    with translation.override("en"):
        for msgid in set().union(*(_python_strings(app) | _template_strings(app) for app in APPS)):
            if translation.gettext(msgid) != entries[msgid][0]:
                stale.append(msgid)
    assert not stale, f"django.mo is older than django.po (run compilemessages): {sorted(stale)}"


def test_the_organiser_forms_speak_english_when_chosen(world: World) -> None:
    client: Client = login(world.verifier)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(reverse("declarations:campaign_new"), {"region": "73"}).content.decode()
    assert "Create a declaration campaign" in page
    assert "This region is outside your scope as an organiser." in page
    meeting = client.get(reverse("declarations:meeting_new")).content.decode()
    assert "Record a coordination meeting" in meeting and "Type of meeting" in meeting
