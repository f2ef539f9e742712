"""Suppression of small public counts (ADR 0009): every published cell is true, no small count is derivable.

A count from 1 to ``below - 1`` is published as ``Small`` ("<5"). The rows of a column add up to a
column total that is published (the table's total row, and the totals table), so a reader can subtract:
another cell is then *hidden* (``Hidden``: a multiplication sign on the page, "x" in files) to protect
the small one. A hidden cell is never 0 and never 1 ... ``below - 1`` (those are published as 0 and
"<5"), so the reader knows it is at least ``below``; in a nested table (dilaporkan, terbukti, disanksi)
every cell is also bounded by its row's neighbours, and the differences of two columns add up to the
difference of their totals. ``reader_ranges`` computes what such a reader can derive (interval
propagation over these sums and the nesting, to a fixpoint); a column is protected when every small
cell in it can still be anything from 1 to ``below - 1``. A column whose total is itself below the
threshold says so (small cells under a small total): nothing more can truthfully be hidden there.

Complements are chosen greedily: the smallest published cell whose hiding restores a failing column (so
the least is lost); if no single cell does (a small cell pinned through a neighbouring column), the cell
that widens the small cells' ranges most per count hidden; a column where nothing helps has its total
withheld.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

INF = math.inf


@dataclass(frozen=True)
class Small:
    """A true count from 1 to ``below - 1``."""

    below: int

    def __str__(self) -> str:
        return f"<{self.below}"


@dataclass(frozen=True)
class Hidden:
    """A count of at least ``below``, withheld so that a small count elsewhere cannot be computed."""

    def __str__(self) -> str:
        return "x"


HIDDEN = Hidden()
Published = int | Small | Hidden
Bounds = tuple[float, float]


def reader_ranges(
    cells: list[list[Published]], totals: list[Published], below: int, *, nested: bool
) -> tuple[list[list[Bounds]], list[Bounds]]:
    """What a reader of the published cells can derive about each true value: (low, high) per cell and
    per column total. Rows of a column sum to its total; if ``nested``, column j+1 ≤ column j in a row."""
    n_cols = len(totals)
    grid = [*cells, totals]  # the total row is nested like any row; the column sums are separate

    def start(value: Published) -> list[float]:
        if isinstance(value, Small):
            return [1.0, value.below - 1.0]
        if isinstance(value, Hidden):
            return [float(below), INF]
        return [float(value), float(value)]

    bounds = [[start(v) for v in row] for row in grid]
    changed = True

    def tighten(cell: list[float], low: float, high: float) -> None:
        nonlocal changed
        if low > cell[0]:
            cell[0], changed = low, True
        if high < cell[1]:
            cell[1], changed = high, True

    while changed:
        changed = False
        for col in range(n_cols):
            parts = [bounds[r][col] for r in range(len(cells))]
            total = bounds[-1][col]
            lows = sum(p[0] for p in parts)
            unbounded = sum(1 for p in parts if p[1] == INF)
            finite_highs = sum(p[1] for p in parts if p[1] != INF)
            tighten(total, lows, INF if unbounded else finite_highs)
            for part in parts:
                others_unbounded = unbounded - (1 if part[1] == INF else 0)
                others_high = INF if others_unbounded else finite_highs - (0 if part[1] == INF else part[1])
                tighten(part, total[0] - others_high, total[1] - (lows - part[0]))
        if nested:
            for row in bounds:
                for col in range(1, n_cols):
                    tighten(row[col], row[col][0], row[col - 1][1])
                    tighten(row[col - 1], row[col][0], row[col - 1][1])
            # The differences of two nested columns (e.g. reported but not proven) are ≥ 0 in every row
            # and add up to the difference of the two totals: a reader can subtract totals too.
            for upper, lower in itertools.combinations(range(n_cols), 2):
                gaps = [_gap(row[upper], row[lower]) for row in bounds[:-1]]
                whole = _gap(bounds[-1][upper], bounds[-1][lower])
                lows = sum(g[0] for g in gaps)
                highs = sum(g[1] for g in gaps)
                for row, gap in zip(bounds[:-1], gaps, strict=True):
                    others_high = highs - gap[1] if gap[1] != INF else _finite_sum_without(gaps, gap)
                    low = max(gap[0], whole[0] - others_high)
                    high = min(gap[1], whole[1] - (lows - gap[0]))
                    x_up, x_low = row[upper], row[lower]
                    tighten(x_up, x_low[0] + low, x_low[1] + high)
                    tighten(x_low, x_up[0] - high, x_up[1] - low)
    per_row = [[(b[0], b[1]) for b in row] for row in bounds]
    return per_row[:-1], per_row[-1]


def _gap(upper: list[float], lower: list[float]) -> tuple[float, float]:
    """Bounds of upper - lower for two nested cells (upper ≥ lower)."""
    return max(0.0, upper[0] - lower[1]), upper[1] - lower[0]


def _finite_sum_without(gaps: list[tuple[float, float]], gap: tuple[float, float]) -> float:
    others = list(gaps)
    others.remove(gap)
    return sum(g[1] for g in others)


def _unprotected_columns(
    cells: list[list[Published]], totals: list[Published], below: int, nested: bool
) -> list[int]:
    ranges, _totals = reader_ranges(cells, totals, below, nested=nested)
    failing: list[int] = []
    for col in range(len(totals)):
        if isinstance(totals[col], Small):
            continue  # the whole column is below the threshold and says so: nothing truthful to hide
        for r, row in enumerate(cells):
            if isinstance(row[col], Small) and ranges[r][col] != (1, below - 1):
                failing.append(col)
                break
    return failing


def _small_width(cells: list[list[Published]], totals: list[Published], below: int, nested: bool) -> float:
    """How much a reader does not know about the small cells: the sum of their derived ranges."""
    ranges, _totals = reader_ranges(cells, totals, below, nested=nested)
    return sum(
        ranges[r][c][1] - ranges[r][c][0]
        for r, row in enumerate(cells)
        for c, value in enumerate(row)
        if isinstance(value, Small)
    )


def _candidates(
    values: list[list[int]], cells: list[list[Published]], col: int, below: int
) -> list[tuple[int, int]]:
    """(value, row) of the published cells of a column that may be hidden, smallest first."""
    return sorted(
        (values[r][col], r)
        for r in range(len(values))
        if isinstance(cells[r][col], int) and values[r][col] >= below
    )


def suppress_counts(
    values: list[list[int]], below: int, *, nested: bool = False
) -> tuple[list[list[Published]], list[Published]]:
    """Published cells and column totals for a table of true counts (rows by columns)."""
    n_cols = len(values[0]) if values else 0
    cells: list[list[Published]] = [[Small(below) if 0 < v < below else v for v in row] for row in values]
    sums = [sum(row[c] for row in values) for c in range(n_cols)]
    totals: list[Published] = [Small(below) if 0 < s < below else s for s in sums]
    if below < 3:  # "<2" states the value itself: nothing to protect
        return cells, totals
    while failing := _unprotected_columns(cells, totals, below, nested):
        best: tuple[int, int, int] | None = None  # (value, row, column) of the least costly restoration
        for col in failing:
            for value, r in _candidates(values, cells, col, below):
                if best is not None and value >= best[0]:
                    break
                cells[r][col] = HIDDEN
                restored = col not in _unprotected_columns(cells, totals, below, nested)
                cells[r][col] = value
                if restored:
                    best = (value, r, col)
                    break
        if best is not None:
            cells[best[1]][best[2]] = HIDDEN
            continue
        # No single cell restores a failing column (its small cells are pinned through another column, or
        # too few cells are left): hide the cell that widens the small cells' ranges most per count lost.
        widest: tuple[float, int, int, int] | None = None  # (-gain per count, value, row, column)
        before = _small_width(cells, totals, below, nested)
        for col in failing:
            for value, r in _candidates(values, cells, col, below):
                cells[r][col] = HIDDEN
                gain = _small_width(cells, totals, below, nested) - before
                cells[r][col] = value
                if gain > 0 and (widest is None or (-gain / value, value) < widest[:2]):
                    widest = (-gain / value, value, r, col)
        if widest is not None:
            cells[widest[2]][widest[3]] = HIDDEN
            continue
        for col in failing:  # nothing helps by itself: withhold the total, then the largest cells
            if isinstance(totals[col], int):
                totals[col] = HIDDEN
                break
            candidates = _candidates(values, cells, col, below)
            if candidates:
                cells[candidates[-1][1]][col] = HIDDEN
                break
        else:
            break  # nothing left to hide; a column without published cells or total pins nothing
    return _publish_pinned(values, sums, cells, totals, below, nested)


def _publish_pinned(
    values: list[list[int]],
    sums: list[int],
    cells: list[list[Published]],
    totals: list[Published],
    below: int,
    nested: bool,
) -> tuple[list[list[Published]], list[Published]]:
    """A hidden cell (or total) that the reader pins to one value anyway (e.g. hidden between a published
    5 and the nesting's bound of 5) hides nothing: it is published as its value, which tells the reader
    nothing new, so no small cell loses protection and no hidden mark claims a secrecy it does not have."""
    ranges, total_ranges = reader_ranges(cells, totals, below, nested=nested)
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if isinstance(cell, Hidden) and ranges[r][c][0] == ranges[r][c][1] == values[r][c]:
                row[c] = values[r][c]
    for c, total in enumerate(totals):
        if isinstance(total, Hidden) and total_ranges[c][0] == total_ranges[c][1] == sums[c]:
            totals[c] = sums[c]
    return cells, totals


def suppress_reports_and_persons(
    reports: list[list[int]],
    persons: list[list[int]],
    person_totals: list[int],
    below: int,
    *,
    nested: bool = False,
) -> tuple[list[list[Published]], list[Published], list[list[Published]], list[Published]]:
    """Published report cells and totals, and reported-ASN cells and totals, of a table whose every report
    column has an ASN column (same rows; an ASN count is at most its report count, and positive when the
    report count is).

    ASN columns do not add up: an ASN with reports in two rows counts in both, so the true total
    (``person_totals``, distinct ASN) can be less than the sum of the rows. They are protected as if they
    did add up to that sum (a reader who knew the sum would know more than one who knows the distinct
    total, which only bounds the sum from below), then published with their true totals. A cell pair is
    hidden together: a published ASN count would bound a hidden report count from below, a published
    report count would bound a hidden ASN count from above.
    """
    report_cells, report_totals = suppress_counts(reports, below, nested=nested)
    person_cells, summed = suppress_counts(persons, below, nested=nested)
    if not reports:  # a table without rows: nothing to protect
        report_totals, summed = [0] * len(person_totals), [0] * len(person_totals)
    published_totals: list[Published] = [
        Small(below) if 0 < t < below else (HIDDEN if isinstance(s, Hidden) else t)
        for s, t in zip(summed, person_totals, strict=True)
    ]
    for grid_r, grid_p in ((report_cells, person_cells), ([report_totals], [published_totals])):
        for row_r, row_p in zip(grid_r, grid_p, strict=True):
            for c, (cell_r, cell_p) in enumerate(zip(row_r, row_p, strict=True)):
                if isinstance(cell_r, Hidden) and isinstance(cell_p, int) and cell_p >= below:
                    row_p[c] = HIDDEN
                elif isinstance(cell_p, Hidden) and isinstance(cell_r, int) and cell_r >= below:
                    row_r[c] = HIDDEN
    return report_cells, report_totals, person_cells, published_totals
