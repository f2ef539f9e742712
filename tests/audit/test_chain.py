from __future__ import annotations

import datetime as dt
import decimal
import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, connection, transaction

from netralitas.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from netralitas.audit.services import AuditChainBroken, AuditOutsideTransaction, audit_record
from netralitas.audit.verification import BreakKind, verify_chain
from tests.audit.triggers import append_only_suspended
from tests.races import race

pytestmark = pytest.mark.django_db


def record(n: int, **kwargs) -> list[AuditEvent]:
    with transaction.atomic():
        return [audit_record(actor=None, action="test.event", data={"n": i}, **kwargs) for i in range(n)]


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def analyst(django_user_model):
    return django_user_model.objects.create_user(username="dewi.bawaslu", password="x" * 12)


def test_events_chain_each_to_the_previous_one(analyst) -> None:
    with transaction.atomic():
        first = audit_record(actor=analyst, action="case.transition", target=analyst, reason="uji")
        second = audit_record(actor=None, action="system.sweep", actor_label="system:deadlines")
        third = audit_record(actor=None, action="reporter.identity_read")

    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert (first.target_type, first.target_id) == ("accounts.user", str(analyst.pk))
    assert (second.target_type, second.target_id) == ("", "")
    assert first.actor_label == "dewi.bawaslu"
    assert second.actor_label == "system:deadlines"
    assert third.actor_label == "system"
    head = AuditChainHead.objects.get()
    assert (head.count, head.last_id, head.last_hash) == (3, third.pk, third.hash)


def test_data_is_stored_exactly_as_hashed() -> None:
    with transaction.atomic():
        event = audit_record(
            actor=None,
            action="case.deadline_set",
            data={
                "due": dt.date(2024, 11, 29),
                "deadline": dt.datetime(2024, 11, 29, 16, 59, 59, 999999, tzinfo=dt.UTC),
                "case": uuid.UUID("12345678-1234-5678-1234-567812345678"),
                "amount": decimal.Decimal("0.25"),
                "nama": "Bupati Musi Banyuasin — ñ",
                "nested": {"b": [1, 2.5, None, True], "a": "x"},
            },
        )
    stored = AuditEvent.objects.get(pk=event.pk)

    assert stored.data["due"] == "2024-11-29"
    assert stored.data["case"] == "12345678-1234-5678-1234-567812345678"
    assert stored.data == event.data
    assert stored.compute_hash() == stored.hash == event.hash


def test_verify_reports_ok_with_the_count() -> None:
    assert verify_chain().ok
    assert verify_chain().checked == 0
    record(5)

    result = verify_chain(chunk_size=2)
    assert result.ok
    assert result.checked == 5
    assert str(result) == "OK: 5 events"


def test_altered_row_is_detected_at_that_row() -> None:
    events = record(4)
    with append_only_suspended():
        raw_sql(f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE id = %s", ["diubah", events[2].pk])

    result = verify_chain()
    assert not result.ok
    assert (result.broken_at, result.kind, result.checked) == (events[2].pk, BreakKind.ALTERED, 2)


def test_altered_hash_is_detected_at_the_next_row() -> None:
    events = record(3)
    forged = AuditEvent(
        **{f.attname: getattr(events[1], f.attname) for f in AuditEvent._meta.concrete_fields}
    )
    forged.reason = "diubah"
    with append_only_suspended():
        raw_sql(
            f"UPDATE {AuditEvent._meta.db_table} SET reason = %s, hash = %s WHERE id = %s",
            ["diubah", forged.compute_hash(), events[1].pk],
        )

    result = verify_chain()
    assert (result.broken_at, result.kind) == (events[2].pk, BreakKind.LINK)


def test_deleted_middle_row_is_detected() -> None:
    events = record(5)
    with append_only_suspended():
        raw_sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[2].pk])

    result = verify_chain()
    assert (result.broken_at, result.kind, result.checked) == (events[3].pk, BreakKind.LINK, 2)


def test_deleted_first_row_is_detected() -> None:
    events = record(3)
    with append_only_suspended():
        raw_sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[0].pk])

    result = verify_chain()
    assert (result.broken_at, result.kind) == (events[1].pk, BreakKind.LINK)


def test_deleted_last_row_is_detected_through_the_head() -> None:
    events = record(4)
    with append_only_suspended():
        raw_sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[-1].pk])

    result = verify_chain()
    assert not result.ok
    assert result.kind == BreakKind.HEAD
    assert result.checked == 3
    assert "deleted" in result.detail


def test_missing_head_is_detected_and_blocks_appends() -> None:
    record(2)
    AuditChainHead.objects.all().delete()

    assert verify_chain().kind == BreakKind.HEAD
    with pytest.raises(AuditChainBroken), transaction.atomic():
        audit_record(actor=None, action="test.event")


def test_orm_update_and_delete_are_rejected_by_the_database() -> None:
    event = record(1)[0]

    event.reason = "diubah"
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="diubah")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_sql(f"DELETE FROM {AuditEvent._meta.db_table}", [])

    assert AuditEvent.objects.get(pk=event.pk).reason == ""
    assert verify_chain().ok


def test_rolled_back_change_leaves_no_event() -> None:
    record(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="test.event")
        raise RuntimeError("the audited change failed")

    assert AuditEvent.objects.count() == 1
    assert verify_chain().ok
    record(1)
    assert verify_chain().checked == 2


def test_invalid_input_is_rejected() -> None:
    with transaction.atomic():
        with pytest.raises(ValueError):
            audit_record(actor=None, action="")
        with pytest.raises(ValueError):
            audit_record(actor=None, action="test.event", data={"x": float("nan")})
        with pytest.raises(TypeError):
            audit_record(actor=None, action="test.event", data={"x": object()})
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_audit_record_outside_a_transaction_raises() -> None:
    assert not connection.in_atomic_block
    with pytest.raises(AuditOutsideTransaction):
        audit_record(actor=None, action="test.event")
    assert AuditEvent.objects.count() == 0


def test_verify_audit_command_prints_ok() -> None:
    record(3)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().strip() == "OK: 3 events"


def test_verify_audit_command_exits_1_on_a_broken_chain() -> None:
    events = record(3)
    with append_only_suspended():
        raw_sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert f"event #{events[2].pk}" in err.getvalue()


def test_admin_is_read_only(admin_client) -> None:
    event = record(1)[0]
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
    assert admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403


@race
def test_concurrent_appends_never_fork_the_chain() -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            start.wait()
            for i in range(50):
                with transaction.atomic():
                    audit_record(actor=None, action="test.concurrent", data={"worker": worker, "i": i})
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=append, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    result = verify_chain()
    assert result.ok, str(result)
    assert result.checked == 100
    assert AuditChainHead.objects.get().count == 100
