"""RFC 3161 timestamps of capture hashes, against a test TSA on loopback (``openssl ts -reply`` with a key
and certificate made for the test)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import override_settings

from netralitas.captures import timestamps

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")

_CONFIG = """
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Netralitas Test TSA
[ ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = {dir}/serial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
ess_cert_id_alg = sha256
"""


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(url, certificate, another certificate) of a TSA answering on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tsa")
    config = folder / "tsa.cnf"
    config.write_text(_CONFIG.format(dir=folder))
    (folder / "serial").write_text("01\n")
    for name in ("tsa", "other"):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", folder / f"{name}.key", "-out", folder / f"{name}.pem",
             "-config", config, "-extensions", "ext"],
            check=True, capture_output=True,
        )  # fmt: skip

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = self.rfile.read(int(self.headers["Content-Length"]))
            answer = subprocess.run(
                ["openssl", "ts", "-reply", "-queryfile", "/dev/stdin", "-inkey", folder / "tsa.key",
                 "-signer", folder / "tsa.pem", "-config", config, "-out", "/dev/stdout"],
                input=query, capture_output=True, check=True,
            ).stdout  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", folder / "tsa.pem", folder / "other.pem"
    server.shutdown()


def test_a_token_is_granted_verified_and_tied_to_its_hash(tsa: tuple[str, Path, Path]) -> None:
    url, cert, _other = tsa
    digest = hashlib.sha256(b"<html>unggahan</html>").digest()
    with override_settings(CAPTURE_TSA_URL=url, CAPTURE_TSA_CERT=str(cert)):
        token = timestamps.request_token(digest)
        when = timestamps.verify_token(token, digest)
        assert when.tzinfo is not None
        with pytest.raises(timestamps.TimestampError, match="bukan untuk hash ini"):
            timestamps.verify_token(token, hashlib.sha256(b"diubah").digest())
        tampered = bytearray(token)
        tampered[-3] ^= 0x01
        with pytest.raises(timestamps.TimestampError):
            timestamps.verify_token(bytes(tampered), digest)


def test_a_token_from_another_authority_does_not_verify(tsa: tuple[str, Path, Path]) -> None:
    url, cert, other = tsa
    digest = hashlib.sha256(b"x").digest()
    with override_settings(CAPTURE_TSA_URL=url, CAPTURE_TSA_CERT=str(cert)):
        token = timestamps.request_token(digest)
    with (
        override_settings(CAPTURE_TSA_CERT=str(other)),
        pytest.raises(timestamps.TimestampError, match="tidak sah"),
    ):
        timestamps.verify_token(token, digest)


def test_an_unreachable_authority_is_a_clear_error() -> None:
    unreachable = override_settings(CAPTURE_TSA_URL="http://127.0.0.1:9/tsa", CAPTURE_TSA_CERT="x")
    with unreachable, pytest.raises(timestamps.TimestampError, match="tidak dapat dihubungi"):
        timestamps.request_token(hashlib.sha256(b"x").digest())
