from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/", include("netralitas.accounts.urls")),
    path("kasus/", include("netralitas.cases.urls")),
    path("", include("netralitas.cases.urls_root")),
]
