"""Settings of the api app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Each process adds its request count to the shared (database) rate counter every N requests; the limit
# may be overshot by at most N-1 requests per process and minute. 1 = exact, one cache write per request.
API_RATE_LIMIT_SYNC_EVERY = env.int(
    "API_RATE_LIMIT_SYNC_EVERY", 1 if env.str("NETRALITAS_ENV", "dev") == "test" else 20
)
