"""Settings of the integrations app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Adapters: each is disabled while its URL is empty.
IDIS_URL = env.str("IDIS_URL", "")
IDIS_TOKEN = env.str("IDIS_TOKEN", "")
SIASN_URL = env.str("SIASN_URL", "")
SIASN_TOKEN = env.str("SIASN_TOKEN", "")

# Delivery worker: HTTP timeout, retries with exponential backoff, then dead letter.
OUTBOX_HTTP_TIMEOUT = env.int("OUTBOX_HTTP_TIMEOUT", 10)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_BACKOFF_SECONDS = env.int("OUTBOX_BACKOFF_SECONDS", 30)
OUTBOX_BACKOFF_MAX_SECONDS = env.int("OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", 60)
