"""The one table of ``core``: the stamps that let every process know a reference table changed."""

from __future__ import annotations

from django.db import models


class ReferenceStamp(models.Model):
    """One row per model held by a reference cache (``core.refcache``). Any write to that model replaces
    ``token`` in the same transaction; a process whose cached value was built under another token
    reads the tables again."""

    model = models.CharField(max_length=100, primary_key=True)  # the model's label_lower
    token = models.BigIntegerField()

    class Meta:
        db_table = "core_referencestamp"

    def __str__(self) -> str:
        return f"{self.model}: {self.token}"


class DemoClock(models.Model):
    """The demo's offset from real time (one row, or none: the real clock). See ``core.clock``."""

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    offset = models.DurationField()
    started_for = models.DateTimeField(help_text="The demo moment the clock was started at.")

    class Meta:
        db_table = "core_democlock"

    def __str__(self) -> str:
        return f"demo clock {self.offset}"
