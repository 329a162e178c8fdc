"""Fixtures for the sandbox tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sandbox_helpers import signed_in


@pytest.fixture
def session_client(sandbox: Any) -> Iterator[httpx.Client]:
    """A signed-in client on the module's sandbox, signed out afterwards."""
    client = signed_in(sandbox.url)
    try:
        yield client
    finally:
        client.post("/entity/auth/logout")
        client.close()
