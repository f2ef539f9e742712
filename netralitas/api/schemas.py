"""Strict input schemas and output schemas of the API (separate, per conventions rule 6)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from netralitas.cases.intake_rules import RuleMessage, description_problem
from netralitas.registry.identifiers import nip_only_problem, normalize_digits

NIP_PATTERN = r"^[0-9]{18}$"


def _valid_nip(value: str) -> str:
    """Spaces, dots and dashes are ignored; the importer's precise message, never a raw regex."""
    problem = nip_only_problem(value)
    if problem:
        raise PydanticCustomError(
            "invalid_nip",
            "{detail_en}",
            {"detail": problem, "detail_en": f"Not a valid NIP (18 digits): {problem}"},
        )
    return normalize_digits(value)


Nip = Annotated[
    str,
    Field(max_length=40),
    AfterValidator(_valid_nip),
    WithJsonSchema(
        {"type": "string", "pattern": NIP_PATTERN, "description": "18 digits; spaces are ignored"}
    ),
]


def rule_error(code: str, problem: RuleMessage) -> PydanticCustomError:
    """A shared intake rule's message as a pydantic error, worded in both languages."""
    return PydanticCustomError(
        code,
        "{detail_en}",
        {"detail": problem.in_language("id"), "detail_en": problem.in_language("en")},
    )


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False


class StrictIn(Schema):
    # Surrounding whitespace is stripped before the length checks: "   " is not a decree number.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        """No text column can hold NUL (PostgreSQL refuses it); the middleware refuses it in the raw
        request already, this keeps the schemas strict wherever they are used."""
        if _holds_nul(value):
            raise PydanticCustomError("nul_character", "The NUL character is not allowed.")
        return value


class CaseSubmitIn(StrictIn):
    source: Literal["instansi", "temuan_bawaslu"] = Field(
        description="instansi, or temuan_bawaslu (Bawaslu only)"
    )
    election: str = Field(min_length=1, max_length=40, description="Election code, see /catalogs/elections")
    region: str = Field(min_length=1, max_length=5, description="Region code of the incident, e.g. 16.06")
    incident_date: dt.date
    description: str = Field(
        max_length=5000,
        description="At least PORTAL_DESCRIPTION_MIN_CHARS (30) characters once whitespace runs count as one",
    )
    employee_nip: Nip | None = None
    reported_name: str = Field(default="", max_length=200)
    reported_position: str = Field(default="", max_length=200)
    reported_agency: str | None = Field(default=None, max_length=16, description="Agency code")
    reported_description: str = Field(default="", max_length=2000)
    violation_types: list[str] = Field(default_factory=list, max_length=20)
    links: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("description")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        problem = description_problem(value)
        if problem:
            raise rule_error("description_too_short", problem)
        return value


class CaseSubmitted(Schema):
    code: str
    number: str
    status: str
    received_at: dt.datetime
    url: str


class EmployeeOut(Schema):
    nip: str
    name: str
    agency: str
    agency_name: str
    position: str


class RecommendationOut(Schema):
    track: str
    level: str
    sanction_type: str
    letter_number: str
    sent_at: dt.datetime | None


class DecisionOut(Schema):
    decree_number: str
    decree_date: dt.date
    sanction_type: str
    is_lighter: bool


class CaseOut(Schema):
    code: str
    number: str
    source: str
    status: str
    status_label: str
    bucket: str
    version: int
    election: str
    region: str
    province: str
    agency: str | None
    employee: EmployeeOut | None
    reported_name: str
    description: str
    violation_types: list[str]
    received_at: dt.datetime
    deadline_at: dt.datetime | None
    overdue: bool
    closed_at: dt.datetime | None
    updated_at: dt.datetime
    recommendation: RecommendationOut | None
    decision: DecisionOut | None


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= to get the next page; null on the last page"
    )


SimpleAction = Literal[
    "start_verification", "forward", "reject", "cancel", "conclude_not_proven", "mark_moot"
]


class TransitionIn(StrictIn):
    action: SimpleAction
    reason: str = Field(default="", max_length=2000)
    note: str = Field(default="", max_length=2000)
    expected_version: int | None = Field(default=None, ge=0, le=1_000_000)


class ResolveEmployeeIn(StrictIn):
    nip: Nip
    note: str = Field(default="", max_length=2000)


class ConclusionIn(StrictIn):
    violation_types: list[str] = Field(min_length=1, max_length=20)
    track: Literal["etik", "disiplin"]
    level: Literal["moral", "sedang", "berat"]
    sanction_type: str = Field(min_length=1, max_length=40)
    rationale: str = Field(min_length=20, max_length=5000)
    expected_version: int | None = Field(default=None, ge=0, le=1_000_000)


class RecommendationSendIn(StrictIn):
    letter_number: str = Field(default="", max_length=80)
    expected_version: int | None = Field(default=None, ge=0, le=1_000_000)


class DecisionIn(StrictIn):
    decree_number: str = Field(min_length=1, max_length=120)
    decree_date: dt.date
    sanction_type: str = Field(min_length=1, max_length=40)
    expected_version: int | None = Field(default=None, ge=0, le=1_000_000)


class DecisionCheckIn(StrictIn):
    """The auditor's check of the PPK's decree (status ``keputusan_diperiksa``)."""

    outcome: Literal["accept", "return"] = Field(
        description="accept: the sanction is recorded (I'DIS notified, a block lifted); "
        "return: the decree goes back to the PPK with the reason"
    )
    reason: str = Field(default="", max_length=2000, description="Required for return")
    note: str = Field(default="", max_length=2000)
    expected_version: int | None = Field(default=None, ge=0, le=1_000_000)


class ControlIn(StrictIn):
    action: Literal["warning", "block_propose", "block_approve", "ppk_report", "unblock"]
    number: str = Field(default="", max_length=80)
    note: str = Field(default="", max_length=2000)


class ViolationTypeOut(Schema):
    code: str
    number: str
    name: str
    default_track: str
    default_level: str
    legal_basis: str


class SanctionTypeOut(Schema):
    code: str
    name: str
    track: str
    level: str
    months: int | None
    severity: int
    applies_to: str
    legal_basis: str


class DeadlineRuleOut(Schema):
    stage: str
    days: int
    unit: str
    legal_basis: str
    valid_from: dt.date | None


class RegionOut(Schema):
    code: str
    name: str
    level: str
    province: str | None
    timezone: str


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    region: str | None


class ElectionOut(Schema):
    code: str
    name: str
    kind: str
    voting_date: dt.date


class BucketCount(Schema):
    code: str
    label: str
    statuses: list[str] = Field(description="Case statuses the bucket counts")
    definition: str
    definition_en: str
    count: int = Field(description="Reports in the bucket (merged duplicates not counted)")
    asn: int = Field(
        description="Reported ASN among the bucket's reports: distinct identified employees plus one per "
        "report whose reported person is not yet identified. Counted per bucket, so the buckets can add up "
        "to more than totals_asn.dilaporkan."
    )


class StatisticsDefinitions(Schema):
    counted: str
    counted_en: str
    asn: str
    asn_en: str


class Statistics(Schema):
    election: str | None
    buckets: list[BucketCount] = Field(description="Detailed buckets; every status is in exactly one")
    summary: list[BucketCount] = Field(
        description="The grouping Kemendagri publishes (verification and review, awaiting the PPK, "
        "sanctioned, not proven, rejected, cancelled, moot); every status is in exactly one"
    )
    totals: dict[str, int] = Field(description="Reports: dilaporkan, terbukti, disanksi")
    totals_asn: dict[str, int] = Field(description="Distinct reported ASN: dilaporkan, terbukti, disanksi")
    definitions: StatisticsDefinitions


class Discrepancy(Schema):
    number: str
    kind: Literal["missing_here", "missing_there", "status_differs", "sanction_differs", "unknown_status"]
    ours: str | None
    theirs: str | None


class ReconciliationOut(Schema):
    agency: str
    rows: int
    compared: int
    summary: dict[str, int]
    discrepancies: list[Discrepancy]


class TransferIn(StrictIn):
    nip: Nip = Field(description="NIP of the official moved or appointed")
    decision_number: str = Field(min_length=1, max_length=100, description="Number of the decree (SK)")
    decision_date: dt.date
    deciding_agency: str = Field(
        min_length=1, max_length=16, description="Agency code of the regional government that decided"
    )
    from_position: str = Field(default="", max_length=200)
    from_level: str = Field(default="", max_length=40)
    to_position: str = Field(min_length=1, max_length=200)
    to_level: str = Field(default="", max_length=40)
    approval_reference: str = Field(
        default="", max_length=200, description="Reference of the Minister of Home Affairs' written approval"
    )


class TransferBatchIn(StrictIn):
    decisions: list[TransferIn] = Field(min_length=1, max_length=500)


class TransferOut(Schema):
    code: str
    nip: str
    decision_number: str
    created: bool = Field(description="false: this decree was already recorded for this official")
    flagged: bool = Field(description="inside a Pasal 71(2) window without Mendagri approval")
    case: str | None = Field(description="code of the case the flag opened, when the client may see it")


class TransferBatchOut(Schema):
    created: int
    existing: int
    flagged: int
    decisions: list[TransferOut]
