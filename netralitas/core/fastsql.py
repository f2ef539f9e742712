"""Statements built once per model for the few writes and look-ups on the hottest paths (API intake,
declaration signing, the audit chain).

Building a statement costs the ORM 150-600 µs of Python per call (measured: a primary-key ``get`` 170 µs,
a three-table ``select_related`` 600 µs, an ``INSERT`` of a 35-column row ~300 µs), while SQLite or
PostgreSQL executes it in 10-30 µs. A submission runs about fifteen of them. Here the SQL text is built
once per model from its ``_meta``; values still go through each field's own conversions
(``pre_save`` and ``get_db_prep_save`` on the way in; the backend's and the field's converters on the way
out, as the ORM's compiler applies them), so the rows written and the instances read are the ORM's own.

The statements also skip Django's cursor wrapper, which re-parses the SQL of every call (on SQLite a
regex turns ``%s`` into ``?``) and wraps it twice: the text is converted to the driver's placeholder style
once, and executed on the driver's cursor inside the connection's own error translation, so a unique
clash is still Django's ``IntegrityError`` and a broken transaction still refuses the statement. Where
queries are being logged (``DEBUG``, ``assertNumQueries``, ``CaptureQueriesContext``) or execute wrappers
are installed, they take the ordinary cursor, so they stay visible there.

Like ``bulk_create``, these send no model signals. Use them only where a measurement asks for it; see
docs/adr/0013-reference-caches.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

__all__ = ["Insert", "Select"]

M = TypeVar("M", bound=models.Model)
Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


_TEXT = (models.CharField, models.TextField, models.SlugField)
_INTEGER = (
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)


def _passthrough_types(field: models.Field[Any, Any]) -> frozenset[type]:
    """Python types whose value ``field.get_db_prep_save`` returns unchanged, by exact field class (a
    subclass may convert differently, so it always takes the full path)."""
    types: set[type] = {type(None)} if field.null else set()
    kind = type(field)
    if kind in _TEXT:
        types.add(str)
    elif kind in _INTEGER:
        types.add(int)
    elif kind is models.BooleanField:
        types.add(bool)
    elif kind is models.ForeignKey or kind is models.OneToOneField:
        target = field.target_field  # type: ignore[attr-defined]
        if type(target) in (*_INTEGER, models.AutoField, models.BigAutoField, models.SmallAutoField):
            types.add(int)
    return frozenset(types)


def _native(connection: BaseDatabaseWrapper, sql: str) -> str:
    """``sql`` in the driver's own placeholder style (what Django's SQLite cursor does on every call)."""
    if connection.vendor == "sqlite":
        return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return sql


def _run(connection: BaseDatabaseWrapper, sql: str, native: str, params: Sequence[Any]) -> Any:
    """Executes one statement; returns the cursor (the driver's, or Django's while queries are logged)."""
    if connection.queries_logged or connection.execute_wrappers:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        return cursor
    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(native, params)
        except BaseException:
            cursor.close()
            raise
    return cursor


class Insert(Generic[M]):
    """``INSERT`` of one ``model`` instance with every concrete field, returning the generated key.

    With ``where`` (SQL with ``%s`` placeholders) the row is inserted only when the condition holds, in the
    same statement (``INSERT … SELECT … WHERE``); the call then returns whether it was.
    """

    def __init__(self, model: type[M], *, where: str = "", using: str = "default") -> None:
        self.model = model
        self.using = using
        self._where = where
        meta = model._meta
        pk = meta.pk
        assert pk is not None
        self._auto_pk = isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField)
        self._fields = [f for f in meta.concrete_fields if not (self._auto_pk and f is pk)]
        # Values that the field's own conversion would pass through unchanged (a str for a text column,
        # an int for an integer or foreign key, a bool, None for a nullable column) skip it.
        self._passthrough = [_passthrough_types(f) for f in self._fields]
        self._sql: tuple[str, str] | None = None

    def _statement(self, connection: BaseDatabaseWrapper) -> tuple[str, str]:
        if self._sql is None:
            quote = connection.ops.quote_name
            meta = self.model._meta
            columns = ", ".join(quote(f.column) for f in self._fields)
            marks = ", ".join(["%s"] * len(self._fields))
            returning = f" RETURNING {quote(meta.pk.column)}" if self._auto_pk else ""
            values = f"SELECT {marks} WHERE {self._where}" if self._where else f"VALUES ({marks})"
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) {values}{returning}"
            self._sql = (sql, _native(connection, sql))
        return self._sql

    def __call__(self, obj: M, *where_params: Any) -> M:
        self.insert(obj, *where_params)
        return obj

    def insert(self, obj: M, *where_params: Any) -> bool:
        """Writes ``obj`` (setting its key); False when ``where`` did not hold and nothing was written."""
        connection = connections[self.using]
        values = []
        for field, passthrough in zip(self._fields, self._passthrough, strict=True):
            value = field.pre_save(obj, True)
            if type(value) not in passthrough:
                value = field.get_db_prep_save(value, connection)
            values.append(value)
        sql, native = self._statement(connection)
        # As the ORM's save does: a failed write inside atomic() marks the transaction for rollback, so
        # a caller that swallows the error cannot go on writing into it.
        with transaction.mark_for_rollback_on_error(self.using):
            cursor = _run(connection, sql, native, [*values, *where_params])
            try:
                if self._auto_pk:
                    with connection.wrap_database_errors:
                        row = cursor.fetchone()
                    if row is None:
                        return False
                    obj.pk = row[0]
                elif self._where and cursor.rowcount != 1:
                    return False
            finally:
                cursor.close()
        obj._state.adding = False
        obj._state.db = self.using
        return True


class Select(Generic[M]):
    """``SELECT <fields> FROM <model's table> WHERE <where>`` returning model instances.

    ``fields`` are attribute names (``agency_id`` for a foreign key), None for all; fields not selected
    are deferred and load on first access, as with ``QuerySet.only``. ``where`` is SQL with ``%s``
    placeholders, in column names. ``for_update`` adds ``FOR UPDATE`` where the database has it
    (PostgreSQL); SQLite's ``BEGIN IMMEDIATE`` transactions already hold the write lock.
    """

    def __init__(
        self,
        model: type[M],
        fields: Sequence[str] | None,
        where: str,
        *,
        limit: int | None = None,
        for_update: bool = False,
        using: str = "default",
    ) -> None:
        self.model = model
        self.using = using
        concrete = model._meta.concrete_fields
        wanted = {f.attname for f in concrete} if fields is None else set(fields)
        unknown = wanted - {f.attname for f in concrete}
        if unknown:
            raise ValueError(f"{model.__name__} has no concrete fields {sorted(unknown)}")
        # Model.from_db takes the selected values in concrete-field order.
        self._fields = [f for f in concrete if f.attname in wanted]
        self._names = [f.attname for f in self._fields]
        self._where = where
        self._limit = limit
        self._for_update = for_update
        self._sql: tuple[str, str] | None = None
        self._converters: list[tuple[int, list[Converter], Any]] | None = None

    def _prepare(
        self, connection: BaseDatabaseWrapper
    ) -> tuple[tuple[str, str], list[tuple[int, list[Converter], Any]]]:
        if self._sql is None or self._converters is None:
            quote = connection.ops.quote_name
            table = self.model._meta.db_table
            columns = ", ".join(quote(f.column) for f in self._fields)
            sql = f"SELECT {columns} FROM {quote(table)} WHERE {self._where}"  # noqa: S608
            if self._limit is not None:
                sql += f" LIMIT {int(self._limit)}"
            if self._for_update and connection.features.has_select_for_update:
                sql += " FOR UPDATE"
            converters = []
            for i, field in enumerate(self._fields):
                col = field.get_col(table)
                found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                if found:
                    converters.append((i, found, col))
            self._sql, self._converters = (sql, _native(connection, sql)), converters
        return self._sql, self._converters

    def all(self, *params: Any) -> list[M]:
        connection = connections[self.using]
        (sql, native), converters = self._prepare(connection)
        cursor = _run(connection, sql, native, params)
        try:
            with connection.wrap_database_errors:
                rows = cursor.fetchall()
        finally:
            cursor.close()
        result = []
        for row in rows:
            values = list(row)
            for i, functions, col in converters:
                for convert in functions:
                    values[i] = convert(values[i], col, connection)
            result.append(self.model.from_db(self.using, self._names, values))
        return result

    def first(self, *params: Any) -> M | None:
        found = self.all(*params)
        return found[0] if found else None
