"""No published cell contradicts its true count, and no small count can be computed from what is published.

Two readers attack the published tables: one subtracts the published cells from the published column
total (exact for one column), one tries every assignment of the hidden cells of a tiny nested table.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.monitoring.suppression import Hidden, Published, Small, suppress_counts

BELOW = 5


@st.composite
def tables(draw: st.DrawFn, max_rows: int, max_value: int) -> tuple[list[list[int]], bool]:
    """Rows of counts; nested tables have dilaporkan ≥ terbukti ≥ disanksi in every row."""
    nested = draw(st.booleans())
    n_cols = draw(st.integers(1, 3 if nested else 1)) if nested else 1
    rows = []
    for _ in range(draw(st.integers(1, max_rows))):
        row = [draw(st.integers(0, max_value))]
        for _col in range(1, n_cols):
            row.append(draw(st.integers(0, row[-1])))
        rows.append(row)
    return rows, nested


def assert_true(published: Published, true: int) -> None:
    if isinstance(published, Small):
        assert 0 < true < BELOW, f"{true} published as <{BELOW}"
    elif isinstance(published, Hidden):
        assert true >= BELOW, f"{true} published as hidden"
    else:
        assert published == true


def bounds(value: Published) -> tuple[float, float]:
    if isinstance(value, Small):
        return 1, BELOW - 1
    if isinstance(value, Hidden):
        return BELOW, float("inf")
    return value, value


@settings(max_examples=300, deadline=None)
@given(tables(max_rows=8, max_value=400))
def test_no_published_cell_contradicts_its_true_count(table: tuple[list[list[int]], bool]) -> None:
    values, nested = table
    cells, totals = suppress_counts(values, BELOW, nested=nested)
    for row, published_row in zip(values, cells, strict=True):
        for true, published in zip(row, published_row, strict=True):
            assert_true(published, true)
    for col, total in enumerate(totals):
        assert_true(total, sum(row[col] for row in values))


@settings(max_examples=300, deadline=None)
@given(tables(max_rows=8, max_value=400))
def test_no_small_cell_can_be_computed_by_subtraction(table: tuple[list[list[int]], bool]) -> None:
    values, nested = table
    cells, totals = suppress_counts(values, BELOW, nested=nested)
    for col, total in enumerate(totals):
        if not isinstance(total, int):
            continue  # withheld, or the whole column is below the threshold
        known = total
        column = [row[col] for row in cells]
        for r, cell in enumerate(column):
            if not isinstance(cell, Small | Hidden):
                continue
            low, high = bounds(cell)
            if nested and col > 0 and isinstance(cells[r][col - 1], int):
                high = min(high, cells[r][col - 1])
            if nested and col + 1 < len(totals) and isinstance(cells[r][col + 1], int):
                low = max(low, cells[r][col + 1])
            others = [bounds(c) for i, c in enumerate(column) if i != r]
            derived_low = max(low, known - sum(o[1] for o in others))
            derived_high = min(high, known - sum(o[0] for o in others))
            if isinstance(cell, Small):
                assert (derived_low, derived_high) == (1, BELOW - 1), (values, cells, totals)
            else:
                assert derived_low < derived_high, (values, cells, totals)


@settings(max_examples=200, deadline=None)
@given(tables(max_rows=3, max_value=8))
def test_no_small_cell_can_be_computed_by_trying_every_possibility(
    table: tuple[list[list[int]], bool],
) -> None:
    values, nested = table
    cells, totals = suppress_counts(values, BELOW, nested=nested)
    n_rows, n_cols = len(cells), len(totals)
    cap = n_rows * 8  # no true value of these tables is larger

    def domain(value: Published, top: int) -> range | list[int]:
        if isinstance(value, Small):
            return range(1, BELOW)
        if isinstance(value, Hidden):
            return range(BELOW, top + 1)
        return [value]

    # Every assignment of each column that meets its total, joined column by column through the nesting.
    partial: list[tuple[tuple[int, ...], ...]] = [()]
    for col in range(n_cols):
        sums = domain(totals[col], cap)
        options = [
            combo
            for combo in itertools.product(*(domain(cells[r][col], cap) for r in range(n_rows)))
            if sum(combo) in sums
        ]
        partial = [
            (*done, combo)
            for done in partial
            for combo in options
            if not (nested and done and any(combo[r] > done[-1][r] for r in range(n_rows)))
        ]
    feasible: dict[tuple[int, int], set[int]] = {}
    for assignment in partial:
        for col, combo in enumerate(assignment):
            for r, value in enumerate(combo):
                feasible.setdefault((r, col), set()).add(value)
    for r, row in enumerate(cells):
        for col, cell in enumerate(row):
            if isinstance(cell, Small) and not isinstance(totals[col], Small):
                assert feasible[(r, col)] == set(range(1, BELOW)), (values, cells, totals)
            elif isinstance(cell, Hidden):
                assert len(feasible[(r, col)]) > 1, (values, cells, totals)


def test_a_large_count_hidden_to_protect_a_small_one_is_hidden_not_small() -> None:
    # Issue 18: with two provinces, 303 reports were published as "<5".
    cells, totals = suppress_counts([[3, 0, 0], [303, 200, 100]], BELOW, nested=True)
    assert cells == [[Small(BELOW), 0, 0], [Hidden(), 200, 100]]
    assert totals == [306, 200, 100]


def test_the_complement_is_the_smallest_cell_that_restores_protection() -> None:
    # 7 is too small: 1 + 7 - 5 would bound the small cell at 3; 12 is the smallest that protects it.
    cells, _totals = suppress_counts([[1], [7], [12], [400]], BELOW)
    assert cells == [[Small(BELOW)], [7], [Hidden()], [400]]
