from django.contrib import admin
from django.urls import include, path

from netralitas.core import health
from netralitas.monitoring import metrics

# The API first: every call of the agencies' systems resolves against it before the pages' patterns.
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("api/", include("netralitas.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("netralitas.accounts.urls")),
    path("kasus/", include("netralitas.cases.urls")),
    path("ruang-kerja/", include("netralitas.workspace.urls")),
    path("pemantauan/", include("netralitas.monitoring.urls")),
    path("deklarasi/", include("netralitas.declarations.urls")),
    path("mutasi/", include("netralitas.transfers.urls")),
    path("perlindungan-pelapor/", include("netralitas.protection.urls")),
    path("dokumen/", include("netralitas.documents.urls")),
    path("", include("netralitas.portal.urls")),
]
