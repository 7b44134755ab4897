"""Production serving with gunicorn; Flask's development server is never used.

Worker processes (``--workers``) each run ``--threads`` threads under
:class:`web.worker.TelusurWorker`, which reads request heads without a thread and bounds
every read and write by ``--timeout`` seconds, so slow or idle clients cannot hold the
threads that answer searches (measurements: ``docs/serving.md``).
"""

from __future__ import annotations

from pathlib import Path

from gunicorn.app.base import BaseApplication

from search.config import SERVE_KEEPALIVE_SECONDS, SERVE_THREADS, SERVE_TIMEOUT_SECONDS, SERVE_WORKERS
from web.app import create_app


class _Server(BaseApplication):
    def __init__(self, index_dir: Path, options: dict[str, object]) -> None:
        self.index_dir = index_dir
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.index_dir, warm=True, background=True)


WORKER_CLASS = "web.worker.TelusurWorker"


def serve(index_dir: Path, *, host: str, port: int, workers: int = SERVE_WORKERS,
          threads: int = SERVE_THREADS, timeout: int = SERVE_TIMEOUT_SECONDS,
          worker_class: str = WORKER_CLASS) -> int:
    """Serve until interrupted; each worker opens the index itself and follows updates.
    ``worker_class`` is for ``bench/load_test.py --worker``, which measures gunicorn's own."""
    options = {
        "bind": f"{host}:{port}",
        "workers": max(1, workers),
        "worker_class": worker_class,
        "threads": max(1, threads),
        "timeout": max(1, timeout),
        "keepalive": SERVE_KEEPALIVE_SECONDS,
        "accesslog": "-",
    }
    _Server(index_dir.resolve(), options).run()
    return 0
