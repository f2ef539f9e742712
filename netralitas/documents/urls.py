from django.urls import URLPattern, path

from . import views

app_name = "documents"

urlpatterns: list[URLPattern] = [
    path("verifikasi/", views.lookup, name="lookup"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
]
