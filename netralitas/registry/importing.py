"""Import ASN master data (SIASN-like CSV or XLSX) into ``Employee``, validated row by row.

Format: docs/import-format.md. Throughput: docs/performance.md ("Employee import (issue 2)").

The pipeline streams the file: the main process cuts a CSV into ~1 MiB chunks at line ends, worker
processes parse and validate them (:mod:`import_sources`, :mod:`import_rows`), and the main process drops
NIPs already seen in the file and writes batches with :mod:`import_writers`. At most ``MAX_PENDING``
chunks are in flight, so memory stays bounded whatever the file size (apart from the set of NIPs seen,
about 100 bytes per row). XLSX files (at most 1,048,576 rows per sheet) are read in the main process.
"""

from __future__ import annotations

import collections
import datetime as dt
import multiprocessing
import operator
import os
import sys
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from tqdm import tqdm

from netralitas.core import clock
from netralitas.registry.import_rows import NIP_LENGTH, ImportFormatError, RowError
from netralitas.registry.import_sources import (
    CHUNK_BYTES,
    ChunkResult,
    ChunkValidator,
    ValidatorConfig,
    csv_chunks,
    header_positions,
    init_worker,
    read_csv_header,
    validate_in_worker,
    xlsx_row_strings,
    xlsx_rows,
)
from netralitas.registry.import_writers import EmployeeWriter, employee_writer
from netralitas.registry.models import Agency

__all__ = ["ImportFormatError", "ImportResult", "RowError", "import_employees"]

MAX_PENDING = 32
KEPT_ERRORS = 1000
DUPLICATE_MESSAGE = "NIP ganda: NIP yang sama sudah muncul pada baris sebelumnya dalam berkas ini"
_nip_of = operator.itemgetter(slice(0, NIP_LENGTH))


@dataclass
class ImportResult:
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    seconds: float = 0.0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    """The first :data:`KEPT_ERRORS` errors; all of them go to ``on_error``."""

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"dibaca {_n(self.rows_read)} baris: {_n(self.inserted)} baru, {_n(self.updated)} diperbarui, "
            f"{_n(self.unchanged)} tidak berubah, {_n(self.rejected)} ditolak "
            f"({_n(self.error_count)} kesalahan); "
            f"{self.seconds:.1f} detik, {_n(round(self.rows_per_second))} baris/detik"
        )


def _n(number: int) -> str:
    """Indonesian thousands separator: 4.300.000."""
    return f"{number:,}".replace(",", ".")


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def import_employees(
    path: str | Path,
    *,
    using: str = DEFAULT_DB_ALIAS,
    bulk: bool = False,
    workers: int | None = None,
    batch_size: int = 200_000,
    today: dt.date | None = None,
    encoding: str = "auto",
    progress: bool = False,
    dry_run: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    on_error: Callable[[RowError], None] | None = None,
) -> ImportResult:
    """Validate every row of ``path`` and upsert the valid ones by NIP; see docs/import-format.md.

    ``dry_run`` validates and reports without writing. ``workers=0`` validates in this process (no child
    processes); ``None`` picks one per CPU core.
    Raises :class:`ImportFormatError` when the file as a whole is unusable.
    """
    path = Path(path)
    started = time.perf_counter()
    result = ImportResult()
    agency_ids = dict(Agency.objects.using(using).values_list("code", "id"))

    def record_error(error: RowError) -> None:
        result.error_count += 1
        if len(result.errors) < KEPT_ERRORS:
            result.errors.append(error)
        if on_error is not None:
            on_error(error)

    postgres = connections[using].vendor == "postgresql"
    today = today or clock.localdate()
    writer = employee_writer(using=using, bulk=bulk, dry_run=dry_run)
    sink = _Sink(writer, batch_size, record_error, result)
    with writer:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            _import_xlsx(path, agency_ids, postgres, today, sink, progress)
        else:
            _import_csv(path, agency_ids, postgres, today, encoding, sink, workers, progress, chunk_bytes)
        sink.flush()
    result.inserted = writer.counts.inserted
    result.updated = writer.counts.updated
    result.unchanged = writer.counts.unchanged
    result.seconds = time.perf_counter() - started
    return result


class _Sink:
    """Receives validated chunks in file order: drops repeated NIPs, batches and writes."""

    def __init__(
        self,
        writer: EmployeeWriter,
        batch_size: int,
        record_error: Callable[[RowError], None],
        result: ImportResult,
    ) -> None:
        self.writer = writer
        self.batch_size = batch_size
        self.record_error = record_error
        self.result = result
        self.seen: set[str] = set()
        self.pending: list[str] = []

    def take(self, chunk: ChunkResult) -> None:
        self.result.rows_read += chunk.rows_read
        self.result.rejected += chunk.rows_rejected
        for error in chunk.errors:
            self.record_error(error)
        records = chunk.records
        nips = set(map(_nip_of, records))
        if len(nips) != len(records) or not self.seen.isdisjoint(nips):
            records = self._drop_repeated(chunk)
        else:
            self.seen |= nips
        self.pending.extend(records)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def _drop_repeated(self, chunk: ChunkResult) -> list[str]:
        kept = []
        for record, line in zip(chunk.records, chunk.lines, strict=True):
            nip = record[:NIP_LENGTH]
            if nip in self.seen:
                self.result.rejected += 1
                self.record_error(RowError(line, "NIP", nip, DUPLICATE_MESSAGE))
            else:
                self.seen.add(nip)
                kept.append(record)
        return kept

    def flush(self) -> None:
        if self.pending:
            self.writer.write(self.pending)
            self.pending = []


def _import_csv(
    path: Path,
    agency_ids: dict[str, int],
    postgres: bool,
    today: dt.date,
    encoding: str,
    sink: _Sink,
    workers: int | None,
    progress: bool,
    chunk_bytes: int,
) -> None:
    workers = default_workers() if workers is None else workers
    with path.open("rb") as handle, _progress_bar(path.stat().st_size, "B", progress) as bar:
        header, delimiter, encoding = read_csv_header(handle, encoding)
        bar.update(handle.tell())
        config = ValidatorConfig(header_positions(header), agency_ids, postgres, today, delimiter, encoding)
        chunks = csv_chunks(handle, chunk_bytes)
        for chunk in _validated_chunks(chunks, config, workers):
            sink.take(chunk)
            bar.update(chunk.size)


def _validated_chunks(
    chunks: Iterable[tuple[int, bytes]], config: ValidatorConfig, workers: int
) -> Iterator[ChunkResult]:
    """Validate chunks in order; with workers, keep at most MAX_PENDING of them in flight."""
    if workers <= 0:
        validator = ChunkValidator(config)
        for first_line, chunk in chunks:
            yield validator(first_line, chunk)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=init_worker, initargs=(config,)) as pool:
        in_flight: collections.deque[multiprocessing.pool.AsyncResult[ChunkResult]] = collections.deque()
        for first_line, chunk in chunks:
            in_flight.append(pool.apply_async(validate_in_worker, (first_line, chunk)))
            if len(in_flight) >= MAX_PENDING:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


def _import_xlsx(
    path: Path, agency_ids: dict[str, int], postgres: bool, today: dt.date, sink: _Sink, progress: bool
) -> None:
    rows = xlsx_rows(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise ImportFormatError("berkas kosong: baris judul (header) tidak ditemukan") from None
    config = ValidatorConfig(header_positions(header), agency_ids, postgres, today, ",", "utf-8")
    validator = config.build()
    chunk = ChunkResult([], array("q"), [], 0, 0, 0)
    with _progress_bar(None, " baris", progress) as bar:
        for line, values in rows:
            if not any(value not in (None, "") for value in values):
                continue
            chunk.rows_read += 1
            strings = xlsx_row_strings(values, config.positions, line, chunk.errors)
            record = None if strings is None else validator.validate(strings, line, chunk.errors)
            if record is None:
                chunk.rows_rejected += 1
            else:
                chunk.records.append(record)
                chunk.lines.append(line)
            if chunk.rows_read >= 10_000:
                sink.take(chunk)
                bar.update(chunk.rows_read)
                chunk = ChunkResult([], array("q"), [], 0, 0, 0)
        sink.take(chunk)
        bar.update(chunk.rows_read)


def _progress_bar(total: int | None, unit: str, enabled: bool) -> tqdm:
    return tqdm(
        total=total,
        unit=unit,
        unit_scale=True,
        unit_divisor=1024 if unit == "B" else 1000,
        desc="impor pegawai",
        file=sys.stderr,
        disable=not enabled,
        mininterval=0.5,
    )
