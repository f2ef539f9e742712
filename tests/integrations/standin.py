"""A stand-in receiver on 127.0.0.1: records requests, dedupes by event id, fails or stalls on demand."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class StandIn:
    """``fail_status`` answers every request with that status; ``fail_events`` only those event ids."""

    fail_status: int | None = None
    fail_events: set[str] = field(default_factory=set)
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)
    accepted: dict[str, Received] = field(default_factory=dict)
    duplicates: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> StandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                received = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                if standin.delay:
                    time.sleep(standin.delay)
                event_id = received.headers.get("x-netralitas-event-id", "")
                with standin.lock:
                    standin.requests.append(received)
                    failing = standin.fail_status is not None or event_id in standin.fail_events
                    if not failing:
                        if event_id in standin.accepted:
                            standin.duplicates += 1
                        else:
                            standin.accepted[event_id] = received
                status = (standin.fail_status or 500) if failing else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": %s}' % (b"false" if failing else b"true"))

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
