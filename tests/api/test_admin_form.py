from __future__ import annotations

import pytest
from django.test import Client

from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_api_client_form_speaks_indonesian_and_explains_the_slug(world: World, client: Client) -> None:
    admin = world.verifier.__class__.objects.create_superuser(
        "admin-uji", "a@example.go.id", "rahasia-uji-123"
    )
    client.force_login(admin)
    page = client.get("/admin/api/apiclient/add/").content.decode()
    assert "Nama klien (slug)" in page and "tanpa spasi; mis. bawaslu-sumsel" in page
    assert "Akun layanan" in page
