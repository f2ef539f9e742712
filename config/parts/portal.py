"""Settings of the portal app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Evidence uploaded by the public (checked by content; the limit applies per file).
PORTAL_MAX_IMAGE_MB = env.int("PORTAL_MAX_IMAGE_MB", 10)
PORTAL_MAX_PDF_MB = env.int("PORTAL_MAX_PDF_MB", 10)
PORTAL_MAX_VIDEO_MB = env.int("PORTAL_MAX_VIDEO_MB", 50)
PORTAL_MAX_FILES = env.int("PORTAL_MAX_FILES", 5)
PORTAL_DESCRIPTION_MIN_CHARS = env.int("PORTAL_DESCRIPTION_MIN_CHARS", 30)

# Abuse protection, per client IP (django-ratelimit syntax "<count>/<s|m|h|d>").
PORTAL_SUBMIT_RATE = env.str("PORTAL_SUBMIT_RATE", "10/h")
PORTAL_STATUS_RATE = env.str("PORTAL_STATUS_RATE", "30/h")
PORTAL_STATUS_PROOF_AFTER = env.int("PORTAL_STATUS_PROOF_AFTER", 3)
# Forms sent without the proof-of-work (browsers without JavaScript) are let through at this rate.
PORTAL_UNPROVEN_RATE = env.str("PORTAL_UNPROVEN_RATE", "3/h")

# The anti-robot proof-of-work (ALTCHA, docs/adr/0015): PBKDF2-SHA256 iterations per attempt and the hex
# prefix the derived key must start with ("00": 256 attempts on average, about a second on a phone).
# The test profile makes it trivial (tests/portal/helpers.proof_of_work solves it in Python; the browser
# tests let the real widget solve it), so tests stay fast while exercising the same code.
_TEST_PROFILE = env.choice("NETRALITAS_ENV", ("dev", "test", "prod"), "dev") == "test"
PORTAL_POW_COST = env.int("PORTAL_POW_COST", 10 if _TEST_PROFILE else 5000)
PORTAL_POW_KEY_PREFIX = env.str("PORTAL_POW_KEY_PREFIX", "0" if _TEST_PROFILE else "00")
PORTAL_POW_TTL_MINUTES = env.int("PORTAL_POW_TTL_MINUTES", 60)

# Unsent drafts (and their files under MEDIA_ROOT/drafts/) are purged after this many hours.
PORTAL_DRAFT_MAX_AGE_HOURS = env.int("PORTAL_DRAFT_MAX_AGE_HOURS", 24)
# The receipt code stays (encrypted, in the session) this long, or until the PDF receipt is downloaded.
PORTAL_RECEIPT_TTL_MINUTES = env.int("PORTAL_RECEIPT_TTL_MINUTES", 30)
