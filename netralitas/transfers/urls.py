from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "transfers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.flags, name="flags"),
    path("impor/", views.upload, name="upload"),
]
