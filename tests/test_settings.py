from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests of the same worker; a deployment never has it.
    dropped = {"DEBUG", "SECRET_KEY", "NETRALITAS_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_variables() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        NETRALITAS_ENV="prod",
        SECRET_KEY="x" * 20 + Fernet.generate_key().decode(),
        REPORTER_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="sbt.example.go.id",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", NETRALITAS_ENV="prod", REPORTER_ENCRYPTION_KEYS=Fernet.generate_key().decode())
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr


def test_a_malformed_boolean_names_the_variable() -> None:
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG must be one of" in result.stderr
