"""Settings of the transfers app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

import datetime as dt

from django.core.exceptions import ImproperlyConfigured

from netralitas.core.env import Env

env = Env()

# Default end of the Pasal 71(2) window (end of the regional heads' term) used when a rule row is
# derived from an election; each rule row keeps its own date and an admin may change it.
try:
    TRANSFER_WINDOW_END_DEFAULT = dt.date.fromisoformat(env.str("TRANSFER_WINDOW_END_DEFAULT", "2025-02-20"))
except ValueError as exc:
    raise ImproperlyConfigured("TRANSFER_WINDOW_END_DEFAULT must be a date as YYYY-MM-DD.") from exc
# Months before the candidates-set date at which the window opens (UU 10/2016 Pasal 71(2)).
TRANSFER_WINDOW_MONTHS_BEFORE = env.int("TRANSFER_WINDOW_MONTHS_BEFORE", 6)
