"""Production logs are JSON lines carrying the request id; dev logs stay readable text."""

from __future__ import annotations

import base64
import json
import os

from cryptography.fernet import Fernet

from tests.test_settings import _manage

SNIPPET = (
    "import logging; from netralitas.core import requestid\n"
    "log = logging.getLogger('netralitas.test')\n"
    "with requestid.bound('req-json-1'):\n"
    "    log.warning('kasus %s diteruskan', 'K-1')\n"
    "try:\n"
    "    1 / 0\n"
    "except ZeroDivisionError:\n"
    "    log.exception('gagal')\n"
)
PROD = {
    "NETRALITAS_ENV": "prod",
    "SECRET_KEY": "x" * 20 + Fernet.generate_key().decode(),
    "REPORTER_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "DOCUMENT_SIGNING_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
}


def test_production_writes_one_json_object_per_line_with_the_request_id() -> None:
    result = _manage("shell", "-c", SNIPPET, **PROD)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    first, second = [line for line in lines if line["logger"] == "netralitas.test"]
    assert first["message"] == "kasus K-1 diteruskan"
    assert first["level"] == "WARNING" and first["request_id"] == "req-json-1"
    assert first["time"].startswith("20") and "T" in first["time"]
    assert second["request_id"] == "-" and "ZeroDivisionError" in second["exc_info"]


def test_dev_logs_stay_readable_text() -> None:
    result = _manage("shell", "-c", SNIPPET, NETRALITAS_ENV="dev", DEMO_CLOCK="0")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if "diteruskan" in line)
    assert "WARNING netralitas.test [req-json-1] kasus K-1 diteruskan" in line
    assert not line.lstrip().startswith("{")
