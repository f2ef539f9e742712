"""Each role lands where its work is: leadership on the dashboard, officers on their queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from netralitas.demo.accounts import DEMO_LOGINS
from tests.world import PASSWORD, World, _user

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, next_url: str = "") -> str:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/akun/masuk/", data)
    assert response.status_code == 302, response.content[:500]
    return str(response["Location"])


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("leader", "/pemantauan/"),
        ("verifier", "/ruang-kerja/"),
        ("ppk_muba", "/ruang-kerja/"),
        ("auditor", "/ruang-kerja/"),
    ],
)
def test_each_role_lands_where_its_work_is(world: World, client: Client, persona: str, landing: str) -> None:
    user = getattr(world, persona)
    assert sign_in(client, user.username).startswith(landing)


def test_the_login_page_itself_does_not_choose_the_landing(world: World, client: Client) -> None:
    page = client.get("/akun/masuk/").content.decode()
    assert 'type="hidden" name="next"' not in page
    asked = client.get("/akun/masuk/?next=/ruang-kerja/").content.decode()
    assert 'name="next" value="/ruang-kerja/"' in asked


def test_a_requested_page_wins_over_the_landing(world: World, client: Client) -> None:
    assert sign_in(client, world.leader.username, next_url="/ruang-kerja/") == "/ruang-kerja/"


def test_the_readme_lists_every_demo_login() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [login.username for login in DEMO_LOGINS if f"`{login.username}`" not in readme]
    assert not missing


def test_bulk_assignment_offers_the_team_mate_not_the_agency(world: World) -> None:
    from netralitas.accounts.models import Role
    from netralitas.cases.listing import assignable_colleagues

    mate = _user("satgas_kedua", world.bkn, Role.VERIFIER, regions=[world.sumsel])
    _user("satgas_sulsel", world.bkn, Role.VERIFIER, regions=[world.sulsel])
    offered = {u.username for u in assignable_colleagues(world.verifier)}
    # The auditor and the BKN officer belong to BKN too, but hold other roles; Sulsel's verifier covers
    # another province.
    assert offered == {mate.username}
