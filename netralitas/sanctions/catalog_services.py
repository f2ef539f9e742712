"""Audited writes of the violation and sanction catalogs: a row decides the default track and level a
reviewer is offered and which sanctions a PPK may impose, so every admin edit leaves an audit event."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser

from netralitas.audit.changes import row_delete, row_save

from .models import HearingRule, SanctionType, ViolationType


def violation_type_save(*, actor: AbstractBaseUser | None, obj: ViolationType) -> ViolationType:
    row_save(actor=actor, obj=obj, action="sanctions.violation_type")
    return obj


def violation_type_delete(*, actor: AbstractBaseUser | None, obj: ViolationType) -> None:
    row_delete(actor=actor, obj=obj, action="sanctions.violation_type")


def sanction_type_save(*, actor: AbstractBaseUser | None, obj: SanctionType) -> SanctionType:
    row_save(actor=actor, obj=obj, action="sanctions.sanction_type")
    return obj


def sanction_type_delete(*, actor: AbstractBaseUser | None, obj: SanctionType) -> None:
    row_delete(actor=actor, obj=obj, action="sanctions.sanction_type")


def hearing_rule_save(*, actor: AbstractBaseUser | None, obj: HearingRule) -> HearingRule:
    row_save(actor=actor, obj=obj, action="sanctions.hearing_rule")
    return obj


def hearing_rule_delete(*, actor: AbstractBaseUser | None, obj: HearingRule) -> None:
    row_delete(actor=actor, obj=obj, action="sanctions.hearing_rule")
