"""Audited writes of master data an administrator edits: the holiday calendar, agencies, regions,
Kanreg offices and employees.

A holiday moves every working-day deadline; an agency's PPK title or oversight flag, a region's Kanreg
or an employee's agency changes who sees and decides what. So each save or delete goes through here and
leaves an audit event with what changed.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser

from netralitas.audit.changes import row_delete, row_save
from netralitas.audit.services import audit_record

from .models import Agency, Candidate, Election, ElectionStage, Employee, Holiday, Kanreg, PpkHolder, Region


def holiday_save(*, actor: AbstractBaseUser | None, obj: Holiday) -> Holiday:
    row_save(actor=actor, obj=obj, action="registry.holiday")
    return obj


def holiday_delete(*, actor: AbstractBaseUser | None, obj: Holiday) -> None:
    row_delete(actor=actor, obj=obj, action="registry.holiday")


def agency_save(*, actor: AbstractBaseUser | None, obj: Agency) -> Agency:
    row_save(actor=actor, obj=obj, action="registry.agency")
    return obj


def agency_delete(*, actor: AbstractBaseUser | None, obj: Agency) -> None:
    row_delete(actor=actor, obj=obj, action="registry.agency")


def region_save(*, actor: AbstractBaseUser | None, obj: Region) -> Region:
    row_save(actor=actor, obj=obj, action="registry.region")
    return obj


def region_delete(*, actor: AbstractBaseUser | None, obj: Region) -> None:
    row_delete(actor=actor, obj=obj, action="registry.region")


def kanreg_save(*, actor: AbstractBaseUser | None, obj: Kanreg) -> Kanreg:
    row_save(actor=actor, obj=obj, action="registry.kanreg")
    return obj


def kanreg_delete(*, actor: AbstractBaseUser | None, obj: Kanreg) -> None:
    row_delete(actor=actor, obj=obj, action="registry.kanreg")


def employee_save(*, actor: AbstractBaseUser | None, obj: Employee) -> Employee:
    row_save(actor=actor, obj=obj, action="registry.employee")
    return obj


def employee_delete(*, actor: AbstractBaseUser | None, obj: Employee) -> None:
    row_delete(actor=actor, obj=obj, action="registry.employee")


def candidate_save(*, actor: AbstractBaseUser | None, obj: Candidate) -> Candidate:
    """A candidate decides the "konflik kepentingan PPK" flag: each change is audited."""
    row_save(actor=actor, obj=obj, action="registry.candidate")
    return obj


def candidate_delete(*, actor: AbstractBaseUser | None, obj: Candidate) -> None:
    row_delete(actor=actor, obj=obj, action="registry.candidate")


def ppk_holder_save(*, actor: AbstractBaseUser | None, obj: PpkHolder) -> PpkHolder:
    """Who holds the PPK office decides who the letters and reminders go to: each change is audited."""
    row_save(actor=actor, obj=obj, action="registry.ppk_holder")
    return obj


def ppk_holder_delete(*, actor: AbstractBaseUser | None, obj: PpkHolder) -> None:
    row_delete(actor=actor, obj=obj, action="registry.ppk_holder")


def election_save(*, actor: AbstractBaseUser | None, obj: Election) -> Election:
    """An election's dates decide which stage a report falls in and the transfer-ban window: audited."""
    row_save(actor=actor, obj=obj, action="registry.election")
    return obj


def election_delete(*, actor: AbstractBaseUser | None, obj: Election) -> None:
    row_delete(actor=actor, obj=obj, action="registry.election")


def election_regions_changed(
    *, actor: AbstractBaseUser | None, election: Election, before: list[str], after: list[str]
) -> None:
    """Audits a change of the regions holding an election (by Kemendagri code)."""
    if sorted(before) != sorted(after):
        audit_record(
            actor=actor,
            action="registry.election.regions_changed",
            target=election,
            data={"added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after))},
        )


def election_stage_save(*, actor: AbstractBaseUser | None, obj: ElectionStage) -> ElectionStage:
    row_save(actor=actor, obj=obj, action="registry.election_stage")
    return obj


def election_stage_delete(*, actor: AbstractBaseUser | None, obj: ElectionStage) -> None:
    row_delete(actor=actor, obj=obj, action="registry.election_stage")
