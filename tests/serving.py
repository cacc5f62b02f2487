"""Serving an app over real HTTP for tests: uvicorn in a background thread on a free local port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from api.http_guard import bounded_http_protocol


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run ``app`` in a background uvicorn thread on 127.0.0.1; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", http=bounded_http_protocol(16 * 1024)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def serve_process(data_dir: Any, *args: str, env: dict[str, str] | None = None,
                  timeout_s: float = 180) -> Iterator[tuple[str, Any]]:
    """Run ``ecokg serve`` as its own process (confined as it would be) on a free port.

    Yields the base URL and the process; the log is in ``data_dir/serve.log``.
    """
    import os
    import subprocess
    import sys

    import httpx

    port = free_port()
    environment = {**os.environ, "ECOKG_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **(env or {})}
    log = open(f"{data_dir}/serve.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve",
                                "--port", str(port), *args], env=environment, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"ecokg serve exited: {open(f'{data_dir}/serve.log').read()}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("ecokg serve did not answer")
            time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
