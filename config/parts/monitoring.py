"""Settings of the monitoring app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Public counts from 1 to this value minus one are published as "<N" (ADR 0009).
MONITORING_SUPPRESS_BELOW = env.int("MONITORING_SUPPRESS_BELOW", 5)
# An agency is ranked in the PPK compliance index only with at least this many cases due.
MONITORING_COMPLIANCE_MIN_CASES = env.int("MONITORING_COMPLIANCE_MIN_CASES", 5)
# The public aggregates are the same for every visitor and cost seconds at national scale: they are
# computed at most once per this many seconds (0 turns the cache off; the test profile does).
MONITORING_PUBLIC_CACHE_SECONDS = env.int(
    "MONITORING_PUBLIC_CACHE_SECONDS", 0 if env.optional("NETRALITAS_ENV") == "test" else 300
)
