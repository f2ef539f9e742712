"""gunicorn settings for an app node: ``gunicorn config.wsgi -c config/gunicorn.py`` (docs/deploy.md).

With PROMETHEUS_MULTIPROC_DIR set, every worker writes its metric samples to files in that directory and
``/metrics`` adds them up: the directory is emptied when the arbiter starts (old workers' files would count
twice) and an exited worker's live gauges are dropped. Bind address, workers and threads come from the
command line or GUNICORN_CMD_ARGS as usual.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

# The access log as one JSON object per line, with the request id the app echoed (X-Request-ID).
access_log_format = (
    '{"time":"%(t)s","remote":"%(h)s","method":"%(m)s","path":"%(U)s","status":%(s)s,'
    '"bytes":"%(B)s","duration_ms":%(M)s,"request_id":"%({x-request-id}o)s"}'
)


def on_starting(server: Any) -> None:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
