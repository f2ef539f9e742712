"""A link of a report as a headless browser saw it: the chain of custody for evidence that may vanish.

One ``LinkCapture`` per (case, link). The background sweep (``manage.py capture_links``) fetches it in an
isolated Chromium and keeps a full-page screenshot and the page's HTML, the final URL after redirects, the
HTTP status, the capture time and the SHA-256 of each artefact, stored like evidence (Django's storage
API). A failed attempt is retried with backoff; its last error is shown. See ADR 0017.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core.crypto import new_opaque_code


class LinkCapture(models.Model):
    class State(models.TextChoices):
        PENDING = "menunggu", _("Menunggu ditangkap")
        DONE = "selesai", _("Tertangkap")
        FAILED = "gagal", _("Gagal ditangkap")
        REFUSED = "ditolak", _("Ditolak (alamat tidak diizinkan)")

    code = models.CharField(
        max_length=24, unique=True, editable=False, default=new_opaque_code, verbose_name=_("kode")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="link_captures", verbose_name=_("kasus")
    )
    url = models.URLField(_("tautan"), max_length=2000)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, verbose_name=_("keadaan")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("jumlah percobaan"))
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"))
    leased_until = models.DateTimeField(null=True, blank=True, verbose_name=_("dipinjam sampai"))
    error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    final_url = models.URLField(_("alamat akhir"), max_length=2000, blank=True)
    redirects = models.JSONField(_("pengalihan"), default=list, blank=True)
    http_status = models.PositiveSmallIntegerField(_("status HTTP"), null=True, blank=True)
    captured_at = models.DateTimeField(_("waktu tangkap"), null=True, blank=True)
    screenshot = models.FileField(upload_to="captures/%Y/%m/", blank=True, verbose_name=_("tangkapan layar"))
    screenshot_sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("SHA-256 tangkapan layar"))
    html = models.FileField(upload_to="captures/%Y/%m/", blank=True, verbose_name=_("HTML"))
    html_sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("SHA-256 HTML"))
    html_truncated = models.BooleanField(default=False, verbose_name=_("HTML terpotong"))
    # RFC 3161 tokens over the two hashes, when a timestamp authority is configured (CAPTURE_TSA_URL).
    screenshot_tst = models.BinaryField(
        blank=True, default=b"", verbose_name=_("stempel waktu tangkapan layar")
    )
    html_tst = models.BinaryField(blank=True, default=b"", verbose_name=_("stempel waktu HTML"))
    tst_at = models.DateTimeField(_("cap waktu TSA"), null=True, blank=True)
    tst_error = models.CharField(_("galat cap waktu"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("tangkapan tautan")
        verbose_name_plural = _("tangkapan tautan")
        constraints = [models.UniqueConstraint(fields=["case", "url"], name="capture_once_per_link")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="capture_due")]

    def __str__(self) -> str:
        return f"{self.url} ({self.get_state_display()})"
