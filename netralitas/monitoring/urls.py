from django.urls import URLPattern, URLResolver, path

from . import export_views, views

app_name = "monitoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("rincian/", views.breakdown, name="breakdown"),
    path("kinerja/", views.performance, name="performance"),
    path("perlindungan-pelapor/", views.protection_counts, name="protection"),
    path("kasus/", views.cases, name="cases"),
    path("kasus/unduh.xlsx", export_views.cases_download, {"fmt": "xlsx"}, name="cases_xlsx"),
    path("kasus/unduh.csv", export_views.cases_download, {"fmt": "csv"}, name="cases_csv"),
    path("kasus/unduhan/", export_views.export_request, name="export_request"),
    path("kasus/unduhan/<str:code>/", export_views.export_status, name="export_status"),
    path("kasus/unduhan/<str:code>/berkas", export_views.export_download, name="export_download"),
    path("unduh/<slug:name>.<str:fmt>", views.table_download, name="table_download"),
    path("laporan/buat/", views.report_request, name="report_request"),
    path("laporan/<str:code>/", views.report_download, name="report_download"),
    path("publik/", views.public_page, name="public"),
    path("publik/data.json", views.open_data_json, name="open_data_json"),
    path("publik/<slug:name>.csv", views.open_data_csv, name="open_data_csv"),
]
