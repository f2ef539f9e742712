"""Settings for the declaration benchmark's server: the product settings plus a bare insert endpoint."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.decl_urls"
