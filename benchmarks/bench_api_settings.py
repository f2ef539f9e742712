"""Settings for the API intake benchmark's server: the product settings plus a bare insert endpoint."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_api_urls"
