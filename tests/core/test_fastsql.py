"""Pre-built statements write and read exactly the rows and values the ORM does, on both engines."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid

import pytest
from django.utils import timezone

from netralitas.core.fastsql import Insert, Select
from netralitas.integrations.models import OutboxEvent
from netralitas.registry.models import Employee
from tests.world import World

pytestmark = pytest.mark.django_db


def test_an_insert_stores_what_the_orm_reads_back() -> None:
    at = timezone.now().replace(microsecond=123456)
    row = OutboxEvent(
        case_code="kode-uji",
        case_number="SBT-2024-000001",
        sequence=1,
        event_type="submitted",
        province_id=None,
        region_id=7,
        agency_id=None,
        payload={"a": [1, "dua", None], "tanggal": "2024-11-27", "ü": True},
        created_at=at,
    )
    Insert(OutboxEvent)(row)

    assert row.pk is not None and not row._state.adding
    stored = OutboxEvent.objects.get(pk=row.pk)
    assert stored.event_id == row.event_id and isinstance(stored.event_id, uuid.UUID)
    assert stored.payload == {"a": [1, "dua", None], "tanggal": "2024-11-27", "ü": True}
    assert stored.created_at == at and stored.province_id is None and stored.region_id == 7


def test_a_select_converts_values_like_the_orm(world: World) -> None:
    by_nip = Select(Employee, None, "nip = %s", limit=1)
    fast = by_nip.first(world.camat.nip)
    orm = Employee.objects.get(pk=world.camat.pk)

    assert fast is not None and fast.pk == orm.pk
    for field in Employee._meta.concrete_fields:
        assert getattr(fast, field.attname) == getattr(orm, field.attname), field.name
    assert isinstance(fast.birth_date, dt.date) and isinstance(fast.siasn_blocked, bool)
    assert fast.updated_at.tzinfo is not None
    assert by_nip.first("000000000000000000") is None


def test_fields_not_selected_load_on_first_use(world: World) -> None:
    light = Select(Employee, ["id", "nip", "agency_id"], "nip = %s").first(world.camat.nip)
    assert light is not None and light.get_deferred_fields() >= {"name", "nik"}
    assert light.name == world.camat.name


def test_an_unknown_field_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="no concrete fields"):
        Select(Employee, ["id", "agency"], "id = %s")  # the attribute is agency_id


def _outbox_row(sequence: int) -> OutboxEvent:
    return OutboxEvent(
        case_code="kode-bentrok",
        case_number="SBT-2024-000002",
        sequence=sequence,
        event_type="submitted",
        payload={},
        created_at=timezone.now(),
    )


@pytest.mark.parametrize("logged", [False, True], ids=["driver-cursor", "logged-cursor"])
def test_a_unique_clash_is_djangos_integrity_error_and_the_transaction_goes_on(logged: bool) -> None:
    from django.db import IntegrityError, connection, transaction
    from django.test.utils import CaptureQueriesContext

    insert = Insert(OutboxEvent)
    insert(_outbox_row(1))
    with CaptureQueriesContext(connection) if logged else transaction.atomic() as captured:
        with pytest.raises(IntegrityError), transaction.atomic():
            insert(_outbox_row(1))  # same (case_code, sequence)
        insert(_outbox_row(2))
    assert OutboxEvent.objects.filter(case_code="kode-bentrok").count() == 2
    if logged:  # while queries are logged the statements show, e.g. to assertNumQueries
        assert sum("INSERT INTO" in q["sql"] for q in captured.captured_queries) == 2


def test_a_statement_in_a_broken_transaction_is_refused() -> None:
    from django.db import DatabaseError, transaction
    from django.db.transaction import TransactionManagementError

    insert = Insert(OutboxEvent)
    insert(_outbox_row(1))
    with transaction.atomic():
        with contextlib.suppress(DatabaseError):  # caught without a savepoint: the transaction is broken
            insert(_outbox_row(1))
        with pytest.raises(TransactionManagementError):
            insert(_outbox_row(3))
