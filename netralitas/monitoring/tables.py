"""Tables: the one shape every dashboard section, chart, download and open-data file is built from.

A chart is drawn from a table's column, so the table view, the CSV/XLSX download and the chart can never
show different numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .suppression import Hidden, Small

Cell = str | int | float | None | Small | Hidden


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    footer: list[Cell] | None = None  # the total row of a table whose rows add up, published below them
    note: str = ""
    chart_column: int | None = None
    label_column: int = 0

    def add(self, row: Sequence[Cell], link: str | None = None) -> None:
        self.rows.append(list(row))
        self.links.append(link)

    def column(self, index: int) -> list[Cell]:
        return [row[index] for row in self.rows]

    def chart_points(self) -> list[tuple[str, float | Small | Hidden | None]]:
        """(label, value) pairs of the chart column; a suppressed cell stays suppressed, never a zero."""
        if self.chart_column is None:
            return []
        points: list[tuple[str, float | Small | Hidden | None]] = []
        for row in self.rows:
            value = row[self.chart_column]
            if isinstance(value, int | float):
                points.append((str(row[self.label_column]), float(value)))
            elif isinstance(value, Small | Hidden):
                points.append((str(row[self.label_column]), value))
            else:
                points.append((str(row[self.label_column]), None))
        return points

    def linked_rows(self) -> list[tuple[list[Cell], str | None]]:
        links = self.links + [None] * (len(self.rows) - len(self.links))
        return list(zip(self.rows, links, strict=True))

    @property
    def chart_caption(self) -> str:
        if self.chart_column is None:
            return ""
        return f"{self.headers[self.label_column]} / {self.headers[self.chart_column]}"

    def as_dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.headers, row, strict=True)) for row in self.rows]

    def all_rows(self) -> list[list[Cell]]:
        """The rows and, last, the total row (downloads carry both)."""
        return [*self.rows, self.footer] if self.footer is not None else list(self.rows)


def file_cell(cell: Cell) -> str | int | float:
    """A cell as written to CSV/XLSX/JSON: markers as their documented strings ("<5", "x")."""
    if cell is None:
        return ""
    if isinstance(cell, Small | Hidden):
        return str(cell)
    return cell


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.all_rows():
        writer.writerow([file_cell(cell) for cell in row])
    return buffer.getvalue()


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """One worksheet per table (openpyxl write-only mode: rows stream out, memory stays flat)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.name[:31] or "data")
        sheet.append(table.headers)
        for row in table.all_rows():
            sheet.append([None if cell is None else file_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None
