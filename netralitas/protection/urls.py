from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "protection"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.alert_list, name="alerts"),
    path("<str:code>/", views.alert_detail, name="alert"),
    path("<str:code>/identitas/", views.alert_identity, name="identity"),
    path("<str:code>/<str:action>/", views.alert_action, name="action"),
]
