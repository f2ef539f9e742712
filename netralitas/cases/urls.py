from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.my_cases, name="my_cases"),
    path("<str:code>/", views.case_detail, name="detail"),
]
