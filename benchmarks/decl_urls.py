"""The product URLs plus /bench/bare/: a bare Django view inserting one row in one transaction.

It is the yardstick for the signing endpoint: same server, same database, same form-encoded POST, but no
lookup, no CSRF, no template. Benchmark-only; never part of the product URLconf.
"""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare (nip, at) VALUES (%s, %s)", [request.POST.get("nip", ""), timezone.now()]
        )
    return HttpResponse("ok", status=201)


urlpatterns = [path("bench/bare/", bare_insert), path("", include("config.urls"))]
