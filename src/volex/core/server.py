"""Serving the web app under gunicorn, with the background task worker and the scheduler of
periodic jobs beside it."""

from __future__ import annotations

import os
import subprocess
import sys

from gunicorn.app.base import BaseApplication


class VolexServer(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def _child(*arguments: str) -> subprocess.Popen:
    """A `volex` command as a child process that ends with the server."""
    return subprocess.Popen([sys.executable, "-m", "volex.cli", *arguments], env=os.environ.copy())


def start_task_worker() -> subprocess.Popen:
    """The django-tasks database worker."""
    return _child("db_worker", "--interval", "2")


def start_scheduler() -> subprocess.Popen:
    """The periodic jobs (`volex.core.schedule`)."""
    return _child("scheduler")


def serve(*, host: str, port: int, workers: int, with_worker: bool) -> None:
    from django.core.wsgi import get_wsgi_application

    children = [start_task_worker(), start_scheduler()] if with_worker else []
    try:
        VolexServer(
            get_wsgi_application(),
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": 4,
                "accesslog": "-",
                "timeout": 60,
            },
        ).run()
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=10)
