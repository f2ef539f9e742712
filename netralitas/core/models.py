"""The one table of ``core``: the stamps that let every process know a reference table changed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceStamp(models.Model):
    """One row per model held by a reference cache (``core.refcache``). Any write to that model replaces
    ``token`` in the same transaction; a process whose cached value was built under another token
    reads the tables again."""

    model = models.CharField(
        max_length=100, primary_key=True, verbose_name=_("model")
    )  # the model's label_lower
    token = models.BigIntegerField(verbose_name=_("token"))

    class Meta:
        verbose_name = _("cap data rujukan")
        verbose_name_plural = _("cap data rujukan")
        db_table = "core_referencestamp"

    def __str__(self) -> str:
        return f"{self.model}: {self.token}"


class DemoClock(models.Model):
    """The demo's offset from real time (one row, or none: the real clock). See ``core.clock``."""

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON, verbose_name=_("ID"))
    offset = models.DurationField(verbose_name=_("posisi"))
    started_for = models.DateTimeField(
        help_text=_("Saat demo ketika jam dijalankan."), verbose_name=_("dimulai untuk")
    )

    class Meta:
        verbose_name = _("jam demo")
        verbose_name_plural = _("jam demo")
        db_table = "core_democlock"

    def __str__(self) -> str:
        return f"demo clock {self.offset}"
