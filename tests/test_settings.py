from __future__ import annotations

import base64
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
        DOCUMENT_SIGNING_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        ALLOWED_HOSTS="sbt.example.go.id",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", NETRALITAS_ENV="prod", REPORTER_ENCRYPTION_KEYS=Fernet.generate_key().decode())
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr


def test_a_malformed_boolean_names_the_variable() -> None:
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG must be one of" in result.stderr


def _setting(name: str, **env: str) -> str:
    result = _manage("shell", "-c", f"from django.conf import settings; print(settings.{name})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_public_base_url_follows_the_port_the_server_runs_on() -> None:
    assert _setting("SITE_URL", PORT="8123", HOST="127.0.0.1", SITE_URL="") == "http://127.0.0.1:8123"
    assert _setting("SITE_URL", SITE_URL="https://sbt.example.go.id/") == "https://sbt.example.go.id"


def test_production_refuses_to_start_without_a_document_signing_key() -> None:
    result = _manage(
        "check",
        NETRALITAS_ENV="prod",
        SECRET_KEY="x" * 50,
        REPORTER_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0 and "DOCUMENT_SIGNING_KEY is required" in result.stderr


def test_make_run_hands_its_host_and_port_to_every_link() -> None:
    script = (ROOT / "bin" / "run-dev").read_text()
    assert 'export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"' in script
