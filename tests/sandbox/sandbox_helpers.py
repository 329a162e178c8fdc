"""Helpers for driving a live sandbox over HTTP (imported by the sandbox tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
WEBSHOP_24 = REPO / "specs" / "WebShop_24.200.001.json"  # OpenAPI 3.0
WEBSHOP_23 = REPO / "specs" / "WebShop_23.200.001.json"  # Swagger 2.0
BASE_24 = "/entity/WebShop/24.200.001"


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
