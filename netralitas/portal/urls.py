from django.urls import URLPattern, URLResolver, path

from . import views_report, views_status

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_report.home, name="home"),
    path("lapor/", views_report.report_start, name="report"),
    path("lapor/wilayah/", views_report.region_options, name="regions"),
    path("tantangan/", views_report.challenge, name="challenge"),
    path("lapor/<str:token>/selesai/", views_report.done, name="done"),
    path("lapor/<str:token>/tanda-terima.pdf", views_report.receipt_download, name="receipt"),
    path("lapor/<str:token>/pegawai/nip/", views_report.employee_lookup, name="employee_lookup"),
    path("lapor/<str:token>/pegawai/cari/", views_report.employee_search, name="employee_search"),
    path("lapor/<str:token>/berkas/<str:code>/hapus/", views_report.file_remove, name="file_remove"),
    path("lapor/<str:token>/<str:step>/", views_report.report_step, name="step"),
    path("status/", views_status.status_check, name="status"),
    path("status/laporan/", views_status.status_detail, name="status_detail"),
    path("status/pembalasan/", views_status.status_retaliation, name="status_retaliation"),
    path("status/tanda-terima.pdf", views_status.status_receipt, name="status_receipt"),
    path("status/keluar/", views_status.status_leave, name="status_leave"),
]
