"""Model fields that take their time from ``core.clock``."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import clock


class ClockDateTimeField(models.DateTimeField):
    """``DateTimeField`` whose ``auto_now``/``auto_now_add`` read ``clock.now()`` (Django's read the real
    time, so a demo row would be stamped years after its case's events). It stores, validates and
    migrates exactly like ``DateTimeField``, so migrations record it as one."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
