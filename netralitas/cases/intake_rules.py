"""Field rules of a report that every interface applies identically (the public form, the API).

Each rule returns ``None`` or a :class:`RuleMessage`, worded once in Bahasa Indonesia through gettext:
the portal shows it in the user's language, the API renders it in both (``detail``, ``detail_en``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netralitas.core import clock
from netralitas.core.formatting import long_date

if TYPE_CHECKING:
    from netralitas.registry.models import Election

ELECTION_WINDOW_BEFORE = dt.timedelta(days=365)
ELECTION_WINDOW_AFTER = dt.timedelta(days=90)


@dataclass(frozen=True)
class RuleMessage:
    template: Promise | str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return str(self.template) % self.params if self.params else str(self.template)

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return str(self)


def normalized(text: str) -> str:
    """Whitespace runs (spaces, tabs, newlines) count as one space; surrounding whitespace not at all."""
    return " ".join(text.split())


def description_problem(text: str) -> RuleMessage | None:
    """The incident description is long enough once its whitespace is normalised (30 spaces are not a
    description of 30 characters)."""
    length = len(normalized(text))
    minimum = int(settings.PORTAL_DESCRIPTION_MIN_CHARS)
    if length < minimum:
        return RuleMessage(
            _("Uraian terlalu singkat (%(n)s karakter); tulis paling sedikit %(min)s karakter."),
            {"n": length, "min": minimum},
        )
    return None


def incident_date_problem(day: dt.date, election: Election | None) -> RuleMessage | None:
    """Not after today (in Jakarta), and near the election it concerns: from a year before its voting
    day to 90 days after. This is also what keeps a year-1 or year-9999 date out of the database."""
    if day > clock.localdate():
        return RuleMessage(_("Tanggal kejadian tidak boleh setelah hari ini."))
    if election is None:
        return None
    voting = election.voting_date
    if not (voting - ELECTION_WINDOW_BEFORE <= day <= voting + ELECTION_WINDOW_AFTER):
        return RuleMessage(
            _(
                "Tanggal ini jauh dari %(e)s (pemungutan suara %(d)s). Periksa tanggal, atau pilih "
                "pemilihan yang sesuai."
            ),
            {"e": election.name, "d": long_date(voting)},
        )
    return None
