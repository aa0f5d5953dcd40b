"""Helpers for the API and browser tests: a real `dossier serve` process on 127.0.0.1 with a free
port (stopped by its PID), Debian's Chromium, and screenshots."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`dossier serve` in a subprocess; stopped by its PID."""

    def __init__(self, db: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        dossier = Path(sys.executable).with_name("dossier")
        command = [str(dossier)] if dossier.exists() else [sys.executable, "-m", "dossier.cli.main"]
        self.process = subprocess.Popen(
            command + ["--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                       "--log-level", "warning"],
            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_until_listening()

    def _wait_until_listening(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dossier serve exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"dossier serve did not listen on port {self.port} within {timeout_s} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()


SCREENSHOTS = Path(os.environ.get("DOSSIER_SCREENSHOTS", "")) if os.environ.get("DOSSIER_SCREENSHOTS") else None


def screenshot(page, name: str, tmp_dir: Path, *, publish: bool = True) -> Path:
    """Save a full-page screenshot (into DOSSIER_SCREENSHOTS when set, e.g. docs/ui; pages showing
    text of the public data sets or seeds are never published: ``publish=False``)."""
    folder = SCREENSHOTS if SCREENSHOTS and publish else tmp_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
