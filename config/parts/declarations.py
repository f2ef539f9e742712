"""Settings of the declarations app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Failed signing attempts (wrong birth date / NIK digits) allowed per NIP and per client IP within the
# window; successful signatures are not counted, so a whole office behind one NAT address can sign.
DECLARATION_FAILURES_PER_NIP = env.int("DECLARATION_FAILURES_PER_NIP", 5)
DECLARATION_FAILURES_PER_IP = env.int("DECLARATION_FAILURES_PER_IP", 50)
DECLARATION_FAILURE_WINDOW_SECONDS = env.int("DECLARATION_FAILURE_WINDOW_SECONDS", 900)
# How often the live coverage screen refreshes (htmx polling), in seconds.
DECLARATION_COVERAGE_POLL_SECONDS = env.int("DECLARATION_COVERAGE_POLL_SECONDS", 5)
# Weeks before and after a coordination meeting compared on its page.
MEETING_FIGURES_WEEKS = env.int("MEETING_FIGURES_WEEKS", 4)
