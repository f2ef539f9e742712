"""Settings of the workspace app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()

# Staff must confirm a TOTP device and enter a code after the password (the Django admin too).
WORKSPACE_REQUIRE_2FA = env.bool("WORKSPACE_REQUIRE_2FA", default=env.str("NETRALITAS_ENV", "dev") == "prod")
# Registering the first TOTP device needs a one-time token issued by an administrator
# (`manage.py issue_enrolment_token <username>`), so a password alone cannot register a second factor.
WORKSPACE_ENROLMENT_TOKEN = env.bool(
    "WORKSPACE_ENROLMENT_TOKEN", default=env.str("NETRALITAS_ENV", "dev") == "prod"
)
# Lockout: this many failed logins per username + client address within the window lock that pair
# for the same period.
WORKSPACE_LOCKOUT_ATTEMPTS = env.int("WORKSPACE_LOCKOUT_ATTEMPTS", 5)
WORKSPACE_LOCKOUT_SECONDS = env.int("WORKSPACE_LOCKOUT_SECONDS", 15 * 60)
# Rows per page in the queue.
WORKSPACE_PAGE_SIZE = env.int("WORKSPACE_PAGE_SIZE", 25)
# Working days before a deadline that put a case in the daily digest.
WORKSPACE_DIGEST_WORKING_DAYS = env.int("WORKSPACE_DIGEST_WORKING_DAYS", 2)
