"""Charts drawn on the server as SVG: no JavaScript, no CDN, readable without CSS, printable.

``bar_chart`` draws one column of a ``Table``; ``province_map`` is a tile-grid map of Indonesia: each
province a square tile placed on a 2-degree grid by its capital's coordinates (collisions move to the
nearest free cell), coloured by its share of overdue open cases, and each tile a link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from netralitas.core.formatting import number

from .suppression import Hidden, Small
from .tables import Table

HIDDEN_MARK = "\u00d7"  # a hidden cell on the page: the multiplication sign (files write "x")

# Common Indonesian abbreviations of the provinces, by Kemendagri code (tile labels only).
PROVINCE_ABBREVIATIONS = {
    "11": "Aceh", "12": "Sumut", "13": "Sumbar", "14": "Riau", "15": "Jambi", "16": "Sumsel",
    "17": "Bkl", "18": "Lpg", "19": "Babel", "21": "Kepri", "31": "DKI", "32": "Jabar", "33": "Jateng",
    "34": "DIY", "35": "Jatim", "36": "Banten", "51": "Bali", "52": "NTB", "53": "NTT", "61": "Kalbar",
    "62": "Kalteng", "63": "Kalsel", "64": "Kaltim", "65": "Kaltara", "71": "Sulut", "72": "Sulteng",
    "73": "Sulsel", "74": "Sultra", "75": "Gtlo", "76": "Sulbar", "81": "Maluku", "82": "Malut",
    "91": "Papua", "92": "PaBar", "93": "PaSel", "94": "PaTeng", "95": "PaPeg", "96": "PBD",
}  # fmt: skip
WEST, EAST, NORTH, SOUTH = 94.0, 142.0, 7.0, -11.0
CELL_DEGREES = 2.0
TILE = 52
# Colour steps of the overdue share (colour-blind safe sequential scale, dark text stays readable).
SCALE = [(0.0, "#e8f1fa"), (10.0, "#c6dbef"), (25.0, "#fdd49e"), (50.0, "#fc8d59"), (75.0, "#d7301f")]


def bar_chart(table: Table, *, width: int = 560) -> SafeString:
    """One bar per row; a suppressed value gets no bar but its marker ("<5", HIDDEN_MARK), never a 0 bar."""
    points = table.chart_points()
    if not points:
        return SafeString("")
    bar_h, gap, label_w = 18, 6, 200
    top = max((v for _, v in points if isinstance(v, float)), default=0.0) or 1.0
    height = len(points) * (bar_h + gap) + gap
    parts: list[SafeString] = []
    for index, (label, value) in enumerate(points):
        y = gap + index * (bar_h + gap)
        short = label if len(label) <= 30 else label[:29] + "…"
        if isinstance(value, float):
            w = (width - label_w - 60) * value / top
            shown = tooltip = number(value)
            css = "chart-value"
        elif isinstance(value, Small):
            w, shown, css = 0.0, str(value), "chart-value chart-suppressed"
            tooltip = _("kurang dari %(n)s (disembunyikan)") % {"n": value.below}
        elif isinstance(value, Hidden):
            w, shown, css = 0.0, HIDDEN_MARK, "chart-value chart-suppressed"
            tooltip = _("disembunyikan untuk melindungi angka kecil lain")
        else:
            w, shown, tooltip, css = 0.0, "—", "—", "chart-value"
        parts.append(
            format_html(
                '<g><title>{}: {}</title><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="{}">{}</text></g>',
                label,
                tooltip,
                label_w - 6,
                y + bar_h - 5,
                short,
                label_w,
                y,
                f"{w:.1f}",
                bar_h,
                f"{label_w + w + 4:.1f}",
                y + bar_h - 5,
                css,
                shown,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "{}</svg>",
        width,
        height,
        table.title,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


@dataclass
class Tile:
    code: str
    name: str
    latitude: Decimal | None
    longitude: Decimal | None
    share: float | None
    label: str
    href: str | None


def colour(share: float | None) -> str:
    if share is None:
        return "#f4f4f4"
    chosen = SCALE[0][1]
    for threshold, fill in SCALE:
        if share >= threshold:
            chosen = fill
    return chosen


def place_tiles(tiles: list[Tile]) -> list[tuple[Tile, int, int]]:
    """Grid cells (column, row) for each tile; provinces without coordinates go on an extra bottom row."""
    cols = int((EAST - WEST) / CELL_DEGREES)
    rows = int((NORTH - SOUTH) / CELL_DEGREES)
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[Tile, int, int]] = []
    located = sorted(
        (t for t in tiles if t.latitude is not None and t.longitude is not None), key=lambda t: t.code
    )
    for tile in located:
        want_c = (float(tile.longitude or 0) - WEST) / CELL_DEGREES
        want_r = (NORTH - float(tile.latitude or 0)) / CELL_DEGREES
        best: tuple[float, int, int] | None = None
        for c in range(cols):
            for r in range(rows):
                if (c, r) in taken:
                    continue
                d = math.hypot(c + 0.5 - want_c, r + 0.5 - want_r)
                if best is None or d < best[0]:
                    best = (d, c, r)
        if best is None:
            break
        taken.add((best[1], best[2]))
        placed.append((tile, best[1], best[2]))
    extra = [t for t in tiles if t.latitude is None or t.longitude is None]
    for index, tile in enumerate(sorted(extra, key=lambda t: t.code)):
        placed.append((tile, index % cols, rows + index // cols))
    return placed


def province_map(tiles: list[Tile], title: str) -> SafeString:
    placed = place_tiles(tiles)
    if not placed:
        return SafeString("")
    min_c = min(c for _, c, _r in placed)
    max_c = max(c for _, c, _r in placed)
    min_r = min(r for _, _c, r in placed)
    max_r = max(r for _, _c, r in placed)
    width = (max_c - min_c + 1) * TILE
    height = (max_r - min_r + 1) * TILE
    parts: list[SafeString] = []
    for tile, c, r in placed:
        x, y = (c - min_c) * TILE, (r - min_r) * TILE
        share = "—" if tile.share is None else f"{number(tile.share)}%"
        tooltip = f"{tile.name}: {tile.label}"
        label = PROVINCE_ABBREVIATIONS.get(tile.code, tile.code)
        body = format_html(
            "<title>{}</title>"
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" class="tile"></rect>'
            '<text x="{}" y="{}" text-anchor="middle" class="tile-code">{}</text>'
            '<text x="{}" y="{}" text-anchor="middle" class="tile-share">{}</text>',
            tooltip,
            x + 2,
            y + 2,
            TILE - 4,
            TILE - 4,
            colour(tile.share),
            x + TILE / 2,
            y + 22,
            label,
            x + TILE / 2,
            y + 38,
            share,
        )
        if tile.href:
            parts.append(format_html('<a href="{}" aria-label="{}">{}</a>', tile.href, tooltip, body))
        else:
            parts.append(format_html("<g>{}</g>", body))
    return format_html(
        '<svg class="tile-map" viewBox="0 0 {} {}" role="group" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        width,
        height,
        title,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def legend() -> list[tuple[str, str]]:
    labels = []
    for index, (threshold, fill) in enumerate(SCALE):
        upper = SCALE[index + 1][0] if index + 1 < len(SCALE) else None
        text = f"≥ {threshold:g}%" if upper is None else f"{threshold:g} s.d. {upper:g}%"
        labels.append((fill, text))
    labels.append(("#f4f4f4", "tanpa kasus terbuka"))
    return labels
