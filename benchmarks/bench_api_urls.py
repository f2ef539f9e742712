"""The product URLs plus /bench/api-bare/: a bare Django view inserting one row in one transaction.

The yardstick for POST /api/v1/cases: same server, same database, same JSON body, but no authentication,
validation, case number, audit chain or outbox. Benchmark-only; never part of the product URLconf.
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
            "INSERT INTO bench_api_bare (body, at) VALUES (%s, %s)", [request.body.decode(), timezone.now()]
        )
    return HttpResponse('{"ok": true}', status=201, content_type="application/json")


urlpatterns = [path("bench/api-bare/", bare_insert), path("", include("config.urls"))]
