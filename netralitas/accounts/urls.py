from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("masuk/kode/", views.second_factor, name="second_factor"),
    path("2fa/daftar/", views.enrol, name="enrol"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
