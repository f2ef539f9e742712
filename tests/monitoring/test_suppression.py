"""No published cell contradicts its true count, and no small count can be computed from what is published.

Two readers attack the published tables: one subtracts the published cells from the published column
total (exact for one column), one tries every assignment of the hidden cells of a tiny nested table.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.monitoring.suppression import (
    Hidden,
    Published,
    Small,
    reader_ranges,
    suppress_counts,
    suppress_reports_and_persons,
)

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


# --- reported-ASN columns beside report columns ------------------------------------------------------


@st.composite
def tables_with_persons(
    draw: st.DrawFn, max_rows: int, max_value: int, nested_allowed: bool = True
) -> tuple[list[list[int]], list[list[int]], list[int], bool]:
    """Report counts, reported-ASN counts (1 ≤ ASN ≤ reports when there are reports, nested like the
    reports) and the distinct ASN totals (between the largest row and the sum of the rows)."""
    reports, nested = draw(tables(max_rows, max_value))
    nested = nested and nested_allowed
    if not nested:
        reports = [row[:1] for row in reports]
    persons: list[list[int]] = []
    for row in reports:
        person_row: list[int] = []
        for col, n in enumerate(row):
            upper = min(n, person_row[col - 1]) if col else n
            lower = 1 if n else 0
            person_row.append(draw(st.integers(min(lower, upper), upper)) if upper else 0)
        persons.append(person_row)
    totals = []
    for col in range(len(reports[0])):
        column = [row[col] for row in persons]
        totals.append(draw(st.integers(max(column), sum(column))))
    if nested:  # distinct ASN of a nested column cannot exceed those of the column before it
        for col in range(1, len(totals)):
            totals[col] = min(totals[col], totals[col - 1])
    return reports, persons, totals, nested


@settings(max_examples=300, deadline=None)
@given(tables_with_persons(max_rows=8, max_value=400))
def test_no_published_asn_cell_contradicts_its_true_count_and_pairs_are_hidden_together(
    table: tuple[list[list[int]], list[list[int]], list[int], bool],
) -> None:
    reports, persons, person_totals, nested = table
    cells, totals, person_cells, published = suppress_reports_and_persons(
        reports, persons, person_totals, BELOW, nested=nested
    )
    for grid, values in ((cells, reports), (person_cells, persons)):
        for row, published_row in zip(values, grid, strict=True):
            for true, cell in zip(row, published_row, strict=True):
                assert_true(cell, true)
    for col, total in enumerate(totals):
        assert_true(total, sum(row[col] for row in reports))
    for col, total in enumerate(published):
        assert_true(total, person_totals[col])  # the distinct total, not the sum of the rows
    pairs = [*zip(cells, person_cells, strict=True), (totals, published)]
    for row_r, row_p in pairs:
        for cell_r, cell_p in zip(row_r, row_p, strict=True):
            # A published count next to a hidden one would bound it: hidden pairs are hidden together.
            assert not (isinstance(cell_r, Hidden) and isinstance(cell_p, int) and cell_p >= BELOW)
            assert not (isinstance(cell_p, Hidden) and isinstance(cell_r, int))


@settings(max_examples=300, deadline=None)
@given(tables_with_persons(max_rows=8, max_value=400))
def test_asn_columns_are_protected_against_a_reader_who_knows_their_row_sums(
    table: tuple[list[list[int]], list[list[int]], list[int], bool],
) -> None:
    reports, persons, person_totals, nested = table
    _cells, _totals, person_cells, _published = suppress_reports_and_persons(
        reports, persons, person_totals, BELOW, nested=nested
    )
    # The sums as the ASN columns were protected (withheld where no cell could protect them).
    _, known = suppress_counts(persons, BELOW, nested=nested)
    ranges, _ = reader_ranges(person_cells, known, BELOW, nested=nested)
    for r, row in enumerate(person_cells):
        for col, cell in enumerate(row):
            if isinstance(cell, Small) and not isinstance(known[col], Small):
                assert ranges[r][col] == (1, BELOW - 1), (reports, persons, person_cells)


@settings(max_examples=200, deadline=None)
@given(tables_with_persons(max_rows=3, max_value=8, nested_allowed=False))
def test_no_small_report_or_asn_count_can_be_computed_from_both_columns_and_the_distinct_total(
    table: tuple[list[list[int]], list[list[int]], list[int], bool],
) -> None:
    """A reader who tries every assignment: report rows add up to their total; each ASN count is at most
    its report count and positive exactly when it is; the distinct total lies between the largest ASN
    row and their sum."""
    reports, persons, person_totals, _nested = table
    cells, totals, person_cells, published = suppress_reports_and_persons(
        reports, persons, person_totals, BELOW
    )
    n_rows = len(cells)
    cap = n_rows * 8

    def domain(value: Published) -> range | list[int]:
        if isinstance(value, Small):
            return range(1, BELOW)
        if isinstance(value, Hidden):
            return range(BELOW, cap + 1)
        return [value]

    report_sums, distinct = set(domain(totals[0])), set(domain(published[0]))
    feasible_r: dict[int, set[int]] = {r: set() for r in range(n_rows)}
    feasible_p: dict[int, set[int]] = {r: set() for r in range(n_rows)}
    for rs in itertools.product(*(domain(row[0]) for row in cells)):
        if sum(rs) not in report_sums:
            continue
        for ps in itertools.product(*(domain(row[0]) for row in person_cells)):
            if any(p > r or (p == 0) != (r == 0) for p, r in zip(ps, rs, strict=True)):
                continue
            if not any(max(ps) <= d <= sum(ps) for d in distinct):
                continue
            for i in range(n_rows):
                feasible_r[i].add(rs[i])
                feasible_p[i].add(ps[i])
    for i in range(n_rows):
        if isinstance(cells[i][0], Small) and not isinstance(totals[0], Small):
            assert feasible_r[i] == set(range(1, BELOW)), (
                reports,
                persons,
                person_totals,
                cells,
                person_cells,
            )
        if isinstance(person_cells[i][0], Small) and isinstance(cells[i][0], Small | Hidden):
            # Its upper bound is only what its own report count allows. Known limit (ADR 0021): the distinct
            # total with the small report counts of the other rows can raise its lower bound above 1
            # (reports <5, <5, x of 10 and ASN total 7: the first two rows have at most 5 ASN, so the third
            # has at least 2); it is never pinned to one value.
            assert max(feasible_p[i]) == min(BELOW - 1, max(feasible_r[i])), (
                reports,
                persons,
                person_totals,
                cells,
                person_cells,
                published,
            )
            assert len(feasible_p[i]) > 1 or max(feasible_r[i]) == 1
        if isinstance(person_cells[i][0], Hidden):
            # At least the threshold; it may be bounded by the distinct total (no row has more ASN than the
            # table), which tells nothing about the small rows, since ASN rows do not add up.
            assert min(feasible_p[i]) >= BELOW
