from django.urls import URLPattern, URLResolver, path

from . import views
from .capture_files import capture_export, capture_file
from .files import hearing_minutes_file, summons_letter

app_name = "workspace"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("tugaskan/", views.bulk_assign, name="bulk_assign"),
    path("kasus/<str:code>/", views.case_page, name="case"),
    path("kasus/<str:code>/aksi/<str:name>/", views.case_action, name="action"),
    path("kasus/<str:code>/catatan/", views.case_note, name="note"),
    path("kasus/<str:code>/identitas-pelapor/", views.reporter_identity, name="identity"),
    path("kasus/<str:code>/bukti/<str:sha256>/", views.evidence_file, name="evidence"),
    path("kasus/<str:code>/tangkapan.zip", capture_export, name="capture_export"),
    path("kasus/<str:code>/tangkapan/<str:capture>/<str:kind>", capture_file, name="capture"),
    path("kasus/<str:code>/surat/rekomendasi.pdf", views.recommendation_letter, name="recommendation_letter"),
    path("kasus/<str:code>/surat/peringatan.pdf", views.warning_letter, name="warning_letter"),
    path("kasus/<str:code>/surat/panggilan-<int:ordinal>.pdf", summons_letter, name="summons_letter"),
    path("kasus/<str:code>/surat/<str:kind>.pdf", views.control_letter, name="control_letter"),
    path("kasus/<str:code>/keputusan.pdf", views.decree_file, name="decree"),
    path("kasus/<str:code>/berita-acara-pemeriksaan", hearing_minutes_file, name="hearing_minutes"),
]
