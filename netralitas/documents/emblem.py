"""A neutral placeholder emblem per body (a shield with the body's initials), used until an administrator
uploads the real logo. Deterministic: the same code always gives the same picture."""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

_COLOURS = ("#1d4e89", "#7a1f2b", "#1f6b4a", "#5b3a87", "#8a5a00", "#2f4858")


def placeholder_svg(code: str, initials: str) -> str:
    colour = _COLOURS[int(hashlib.sha256(code.encode()).hexdigest(), 16) % len(_COLOURS)]
    letters = escape(initials[:4].upper())
    size = 30 if len(letters) <= 3 else 24
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 110" width="100" height="110">'
        f'<path d="M50 4 L94 18 L94 52 C94 80 74 98 50 106 C26 98 6 80 6 52 L6 18 Z" fill="{colour}"/>'
        '<path d="M50 12 L86 23 L86 52 C86 75 69 90 50 97 C31 90 14 75 14 52 L14 23 Z" fill="none" '
        'stroke="#f4d35e" stroke-width="3"/>'
        '<path d="M50 24 l4 9 10 1 -8 6 3 10 -9 -6 -9 6 3 -10 -8 -6 10 -1 z" fill="#f4d35e"/>'
        f'<text x="50" y="80" text-anchor="middle" font-family="DejaVu Serif, serif" font-weight="bold" '
        f'font-size="{size}" fill="#ffffff">{letters}</text></svg>'
    )
