"""Seed the peer: one queue and one staff user with an API token; prints the queue id and the token."""

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from helpdesk.models import Queue  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

queue, _ = Queue.objects.get_or_create(slug="netralitas", defaults={"title": "Pengaduan netralitas"})
user, created = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
token, _ = Token.objects.get_or_create(user=user)
print(queue.pk, token.key)
