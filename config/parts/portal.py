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
PORTAL_STATUS_CAPTCHA_AFTER = env.int("PORTAL_STATUS_CAPTCHA_AFTER", 3)

# Unsent drafts (and their files under MEDIA_ROOT/drafts/) are purged after this many hours.
PORTAL_DRAFT_MAX_AGE_HOURS = env.int("PORTAL_DRAFT_MAX_AGE_HOURS", 24)
# The receipt code stays (encrypted, in the session) this long, or until the PDF receipt is downloaded.
PORTAL_RECEIPT_TTL_MINUTES = env.int("PORTAL_RECEIPT_TTL_MINUTES", 30)
