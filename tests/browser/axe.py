"""axe-core in the browser tests: WCAG 2.1 A and AA rules, 0 violations allowed.

``assert_accessible(page, "label")`` runs the engine shipped by axe-playwright-python (no network) on the
page as it is now (an empty form, a form with errors, a page after submit...), records the count per rule
for the report printed at the end of the run (conftest.pytest_terminal_summary) and fails with each
violation's rule, impact and the offending elements.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}

violations_per_rule: Counter[str] = Counter()
pages_checked: list[str] = []


def violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page, options=OPTIONS).response["violations"])


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", " | ")[:300])
    return "\n".join(lines)


def assert_accessible(page: Any, label: str) -> None:
    page.wait_for_load_state()
    found = violations(page)
    pages_checked.append(label)
    for v in found:
        violations_per_rule[v["id"]] += len(v["nodes"])
    assert not found, f"axe: WCAG 2.1 AA violations on {label} ({page.url}):\n{describe(found)}"
