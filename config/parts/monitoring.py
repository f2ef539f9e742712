"""Settings of the monitoring app (imported at the end of config/settings.py). Read the environment through
`env`; document every new variable in the README's configuration table."""

from netralitas.core.env import Env

env = Env()
