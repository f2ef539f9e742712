"""The GOV.UK error-summary pattern on the report form: "Galat:" before the title, a summary whose links
point at the fields in the same words as the inline messages, optional fields marked."""

from __future__ import annotations

import re
from html import unescape

from django.test import Client

from tests.portal.helpers import start, what
from tests.world import World


def test_a_step_with_errors_says_so_in_the_title_and_links_each_error_to_its_field(
    world: World, client: Client
) -> None:
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", {"mode": "uraikan", "reported_name": "Pak Budi"})
    page = unescape(
        client.post(f"/lapor/{token}/apa/", {**what(world), "description": "pendek"}).content.decode()
    )
    assert re.search(r"<title>Galat: Buat laporan", page)
    summary = page[page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))]
    link = re.search(r'<a href="#id_description">([^<]+)</a>', summary)
    assert link is not None
    inline = re.search(r'<ul class="errorlist" id="id_description_error"><li>(.*?)</li>', page)
    assert inline is not None and link.group(1) in inline.group(1) and "Galat:" in inline.group(1)
    assert 'aria-describedby="id_description_error"' in page


def test_a_step_without_errors_has_no_summary_and_a_plain_title(world: World, client: Client) -> None:
    token = start(client)
    page = client.get(f"/lapor/{token}/siapa/").content.decode()
    assert "<title>Buat laporan" in page and 'id="error-summary"' not in page


def test_optional_fields_are_marked(world: World, client: Client) -> None:
    token = start(client)
    client.post(f"/lapor/{token}/siapa/", {"mode": "uraikan", "reported_name": "Pak Budi"})
    page = client.get(f"/lapor/{token}/apa/").content.decode()
    assert re.search(r'<label for="id_links">[^<]*<span class="optional">\(opsional\)</span>', page)
    assert not re.search(r'<label for="id_description">[^<]*<span class="optional">', page)
