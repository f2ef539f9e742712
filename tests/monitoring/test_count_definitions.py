"""docs/open-data.md repeats the published counts for readers; cases/buckets.py is their one source."""

from pathlib import Path

from netralitas.cases.buckets import BUCKETS, REPORTED, TOTAL_LABELS, TOTALS
from netralitas.cases.workflow import Status

DOC = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text(encoding="utf-8")


def _in_table_order(statuses: frozenset[str]) -> str:
    if statuses == REPORTED:
        return "all"
    return ", ".join(s for s in Status.values if s in statuses)


def test_every_total_is_documented_as_defined():
    for code, (statuses, definition, _en) in TOTALS.items():
        row = f"| {TOTAL_LABELS[code]} | {_in_table_order(statuses)} | {definition} |"
        assert row in DOC, row


def test_every_bucket_is_documented_as_defined():
    for bucket in BUCKETS:
        row = f" | {_in_table_order(bucket.statuses)} | {bucket.definition} |"
        assert f"| {bucket.label}{row}" in DOC or f"| {bucket.label} (kelompok){row}" in DOC, bucket.code
