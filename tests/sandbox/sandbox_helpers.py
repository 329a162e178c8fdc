"""Helpers for driving a live sandbox over HTTP (imported by the sandbox tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
WEBSHOP_24 = REPO / "specs" / "WebShop_24.200.001.json"  # OpenAPI 3.0
WEBSHOP_23 = REPO / "specs" / "WebShop_23.200.001.json"  # Swagger 2.0
BASE_24 = "/entity/WebShop/24.200.001"
RUN_CLI = "import sys; from acumatica_codegen.cli import main; main(sys.argv[1:])"


def value(wrapper: Any) -> Any:
    """The ``value`` of a ``{"value": ...}`` wrapper (None for ``{}``)."""
    return wrapper.get("value") if isinstance(wrapper, dict) else None


def wrap(**fields: Any) -> dict[str, Any]:
    """``wrap(CustomerID="C1")`` → ``{"CustomerID": {"value": "C1"}}``."""
    return {name: {"value": v} for name, v in fields.items()}


def signed_in(url: str, name: str = "admin", password: str = "123", **extra: Any) -> httpx.Client:
    """A client with a live cookie session (the caller logs it out)."""
    client = httpx.Client(base_url=url, timeout=10)
    response = client.post("/entity/auth/login", json={"name": name, "password": password, **extra})
    assert response.status_code == 204, response.text
    return client


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "generator"), env.get("PYTHONPATH")])
    )
    return env


@contextmanager
def cli_sandbox(*args: str) -> Iterator[str]:
    """``acumatica-codegen sandbox ARGS`` in a child process; yields its first stdout line.

    On leaving: Ctrl-C (SIGINT), then a check that nothing printed a traceback.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "sandbox", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
    )  # fmt: skip
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - only when shutdown hangs
            process.kill()
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")
