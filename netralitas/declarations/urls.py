from django.urls import URLPattern, URLResolver, path

from . import campaign_admin_views, meeting_admin_views, meeting_views, views

app_name = "declarations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.campaign_list, name="campaigns"),
    path("ikrar/<str:code>/", views.sign, name="sign"),
    path("tanda-tangan/<str:code>/", views.signed, name="signed"),
    path("sertifikat/<str:code>.pdf", views.certificate, name="certificate"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
    # Before kampanye/<code>/: "baru" is a page, not a campaign code.
    path("kampanye/baru/", campaign_admin_views.campaign_new, name="campaign_new"),
    path("kampanye/<str:code>/", views.campaign_detail, name="campaign"),
    path("kampanye/<str:code>/ubah/", campaign_admin_views.campaign_edit, name="campaign_edit"),
    path("kampanye/<str:code>/buka/", views.campaign_open, name="open"),
    path("kampanye/<str:code>/tutup/", views.campaign_close, name="close"),
    path("kampanye/<str:code>/lembar-hadir/", views.sheet_upload, name="sheet"),
    path("kampanye/<str:code>/laporan.pdf", views.campaign_report, {"fmt": "pdf"}, name="report_pdf"),
    path("kampanye/<str:code>/laporan.xlsx", views.campaign_report, {"fmt": "xlsx"}, name="report_xlsx"),
    path("rakor/", meeting_views.meeting_list, name="meetings"),
    path("rakor/baru/", meeting_admin_views.meeting_new, name="meeting_new"),
    path("rakor/<str:code>/", meeting_views.meeting_detail, name="meeting"),
    path("rakor/<str:code>/kehadiran/", meeting_admin_views.meeting_attendance, name="meeting_attendance"),
    path(
        "rakor/<str:code>/tindak-lanjut/", meeting_admin_views.meeting_action_item, name="meeting_action_item"
    ),
    path("tindak-lanjut/", meeting_views.action_items, name="action_items"),
    path("tindak-lanjut/<str:code>/selesai/", meeting_views.action_item_done, name="action_item_done"),
]
