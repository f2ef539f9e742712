"""Audited writes of single reference rows (catalogs, calendars, rules, role data) edited in the admin.

The owning app's service validates, then calls ``row_save``/``row_delete``: the row is written and an
audit event with the changed fields (old and new value) is appended in the same transaction. The admin
goes through those services (``AuditedAdmin``), so an edit there is as accountable as a workflow act.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction

from .models import AuditEvent
from .services import audit_record

__all__ = ["row_delete", "row_save", "row_values"]

SECRET_FIELDS = frozenset({"password", "key_hash", "token_sha256", "receipt_hash"})


def row_values(obj: models.Model) -> dict[str, Any]:
    """The row's own columns (foreign keys as ids), without secrets; what the audit event records."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.attname in SECRET_FIELDS or field.name in SECRET_FIELDS or getattr(field, "auto_now", False):
            continue  # secrets never enter the chain; an auto_now stamp changes on every save
        value = getattr(obj, field.attname)
        values[field.attname] = value.name if isinstance(value, models.fields.files.FieldFile) else value
    return values


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


@transaction.atomic
def row_save(
    *,
    actor: AbstractBaseUser | None,
    obj: models.Model,
    action: str,
    related: dict[str, list[str]] | None = None,
    related_before: dict[str, list[str]] | None = None,
) -> AuditEvent | None:
    """Saves ``obj`` and audits ``<action>.created`` or ``<action>.changed`` with what changed.

    ``related``/``related_before`` carry many-to-many values (e.g. region codes) the caller sets itself.
    An unchanged save writes no event.
    """
    created = obj.pk is None or not type(obj)._default_manager.filter(pk=obj.pk).exists()
    before = {} if created else row_values(type(obj)._default_manager.select_for_update().get(pk=obj.pk))
    obj.save()
    changes = _diff(before, row_values(obj))
    for name, values in (related or {}).items():
        old = sorted((related_before or {}).get(name, []))
        if sorted(values) != old:
            changes[name] = [old, sorted(values)]
    if not created and not changes:
        return None
    data: dict[str, Any] = {"object": str(obj), "changes": changes}
    return audit_record(
        actor=actor, action=f"{action}.{'created' if created else 'changed'}", target=obj, data=data
    )


@transaction.atomic
def row_delete(
    *,
    actor: AbstractBaseUser | None,
    obj: models.Model,
    action: str,
    related: dict[str, list[str]] | None = None,
) -> AuditEvent:
    """Audits ``<action>.deleted`` with the row's last values, then deletes it."""
    data: dict[str, Any] = {"object": str(obj), "values": row_values(obj), **(related or {})}
    event = audit_record(actor=actor, action=f"{action}.deleted", target=obj, data=data)
    obj.delete()
    return event
