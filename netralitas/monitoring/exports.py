"""The case-list export (XLSX and CSV): rows read as plain values, written without holding the list.

A national list is 100,000 rows. Building a model instance per row and formatting it through the model's
display helpers cost most of the old export's time (issue 20), so the rows come from ``values_list()``
with a chunked ``iterator()``; the status and bucket labels are looked up once per status, and dates are
formatted from the values directly. CSV streams line by line; XLSX is written by openpyxl in write-only
mode (it uses lxml when installed, which it is: see docs/performance.md, "Exports that finish").
Lists longer than ``MONITORING_EXPORT_SYNC_MAX_ROWS`` are produced by a background task (``tasks.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any
from zoneinfo import ZoneInfo

from netralitas.cases.models import CaseQuerySet
from netralitas.cases.workflow import Status

from .queries import bucket_of

CASE_HEADERS = [
    "Nomor aduan",
    "Status",
    "Kelompok",
    "Pemilihan",
    "Tahapan",
    "Provinsi",
    "Instansi",
    "Diterima",
    "Batas waktu",
]
# Only these columns leave the database: nothing about the reporter is ever read for an export.
CASE_COLUMNS = (
    "number",
    "status",
    "election__name",
    "election_stage__name",
    "province__name",
    "agency__name",
    "received_at",
    "deadline_at",
)
CHUNK_ROWS = 5000
PROGRESS_EVERY = 5000

Row = list[Any]


def _stamp(value: dt.datetime | None, tz: dt.tzinfo) -> str:
    """``dd-mm-yyyy hh:mm`` in the reader's zone (what ``strftime("%d-%m-%Y %H:%M")`` wrote, cheaper)."""
    if value is None:
        return ""
    t = value.astimezone(tz)
    return f"{t.day:02d}-{t.month:02d}-{t.year:04d} {t.hour:02d}:{t.minute:02d}"


def case_rows(cases: CaseQuerySet, tz: dt.tzinfo | str) -> Iterator[Row]:
    """One list per case, in the list's order: the columns of ``CASE_HEADERS``, formatted for a file."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    labels: dict[str, tuple[str, str]] = {}
    for number, status, election, stage, province, agency, received, deadline in cases.values_list(
        *CASE_COLUMNS
    ).iterator(chunk_size=CHUNK_ROWS):
        label = labels.get(status)
        if label is None:
            label = labels[status] = (str(Status(status).label), str(bucket_of(status)))
        yield [
            number,
            label[0],
            label[1],
            election,
            stage or "",
            province,
            agency or "",
            _stamp(received, zone),
            _stamp(deadline, zone),
        ]


class _Echo:
    """A write() that hands back the line, so ``csv.writer`` can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text one line at a time (the same bytes ``csv.writer`` writes to a file)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(headers)
    for row in rows:
        yield writer.writerow(row)


def write_xlsx(
    out: IO[bytes],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """A single-sheet workbook in openpyxl's write-only mode; returns the number of data rows written."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    done = 0
    for row in rows:
        sheet.append(row)
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    workbook.save(out)
    return done


def write_csv(
    out: IO[bytes],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """The CSV as UTF-8 bytes into a file; returns the number of data rows written."""
    done = -1  # the header line
    for line in csv_lines(headers, rows):
        out.write(line.encode())
        done += 1
        if progress is not None and done and done % PROGRESS_EVERY == 0:
            progress(done)
    return done


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, title)
    return buffer.getvalue()
