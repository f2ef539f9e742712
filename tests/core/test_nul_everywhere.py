"""A NUL byte anywhere in a request answers 400 (pages) or 422 (API), never 5xx, on every URL and on
both engines (PostgreSQL cannot hold NUL in text and used to answer 500; SQLite stored it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netralitas.cases.models import Case
from tests.world import World

pytestmark = pytest.mark.django_db

NUL = "\x00"
# Every parameter a view reads from the query string, and one unknown name holding NUL itself.
QUERY_NAMES = (
    "pemilihan province region halaman page identifier search_name search_agency search_region "
    "status bucket agency election q next baru cursor updated_since"
)
PARAMS = dict.fromkeys(QUERY_NAMES.split(" "), f"x{NUL}") | {f"nama{NUL}": "x"}


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        namespace = prefix
        if isinstance(entry, URLResolver):
            if entry.namespace:
                namespace = f"{prefix}{entry.namespace}:"
            yield from _patterns(entry, namespace)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def _args(pattern: URLPattern, *, with_nul: bool) -> dict[str, object]:
    converters = getattr(pattern.pattern, "converters", {})
    args: dict[str, object] = {}
    for name, converter in converters.items():
        kind = type(converter).__name__
        if kind == "IntConverter":
            args[name] = 1
        elif kind == "UUIDConverter":
            args[name] = uuid.uuid4()
        elif kind == "SlugConverter":
            args[name] = "x"
        else:
            args[name] = f"x{NUL}" if with_nul else "x"
    return args


def _urls(with_nul: bool) -> list[tuple[str, str]]:
    urls = {}
    for name, pattern in _patterns(get_resolver()):
        try:
            urls[name] = reverse(name, kwargs=_args(pattern, with_nul=with_nul))
        except Exception:  # a pattern with positional regex groups: nothing NUL can reach by name
            continue
    return sorted(urls.items())


URLS = _urls(with_nul=False)
URLS_WITH_NUL_IN_PATH = [(n, u) for n, u in _urls(with_nul=True) if "%00" in u]


def _expected(url: str) -> int:
    return 422 if url.startswith("/api/") else 400


def _clients(world: World) -> list[Client]:
    staff = Client()
    staff.force_login(world.verifier)
    return [Client(), staff]


def test_every_named_url_is_covered() -> None:
    names = {name for name, _url in URLS}
    assert {"portal:home", "api-v1:netralitas_api_endpoints_cases_submit_case"} & names
    assert len(URLS) > 50 and URLS_WITH_NUL_IN_PATH


@pytest.mark.parametrize(("name", "url"), URLS, ids=[n for n, _u in URLS])
def test_nul_in_query_or_form_is_refused_everywhere(world: World, name: str, url: str) -> None:
    for client in _clients(world):
        answer = client.get(url, PARAMS, HTTP_X_API_KEY="nk_x_y")
        assert answer.status_code == _expected(url), (name, answer.status_code)
        form = client.post(url, {"nama": f"a{NUL}b", "csrfmiddlewaretoken": "x"})
        assert form.status_code == _expected(url), (name, form.status_code)
        multipart = client.post(url, {"nama": f"a{NUL}b"})  # the test client's own multipart
        assert multipart.status_code == _expected(url), (name, multipart.status_code)
        raw = client.post(url, f"nama=a{NUL}", content_type="text/plain")
        assert raw.status_code == _expected(url), (name, raw.status_code)
    assert not Case.objects.exists()


@pytest.mark.parametrize(("name", "url"), URLS_WITH_NUL_IN_PATH, ids=[n for n, _u in URLS_WITH_NUL_IN_PATH])
def test_nul_in_the_path_is_refused_everywhere(world: World, name: str, url: str) -> None:
    for client in _clients(world):
        assert client.get(url).status_code == _expected(url), name
        assert client.post(url, {"nama": "x"}).status_code == _expected(url), name


def test_the_refusal_page_says_what_is_wrong_in_bahasa_indonesia() -> None:
    answer = Client().get("/lapor/wilayah/", {"province": NUL})
    assert answer.status_code == 400 and answer["Content-Type"].startswith("text/html")
    assert "karakter tak terlihat (NUL)" in answer.content.decode()


def test_a_json_nul_sent_as_a_form_is_refused_not_stored(world: World) -> None:
    answer = Client().post("/lapor/", '{"description": "a\\u0000b"}', content_type="application/json")
    assert answer.status_code == 400
    assert not Case.objects.exists()


def test_a_nul_in_a_cookie_never_reaches_the_session_table(world: World) -> None:
    octal_nul = "\\000" * 9  # Django unquotes "\000" in a quoted cookie value to NUL
    answer = Client().get("/ruang-kerja/", HTTP_COOKIE=f'sessionid="{octal_nul}"')
    assert answer.status_code == 400
