"""Fixtures for the sandbox tests."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from sandbox_helpers import REPO, signed_in

PACKAGE_ROOT = REPO / "generated" / "WebShop_24.200.001" / "acumatica_web_shop"


@pytest.fixture
def client(sandbox: Any) -> Iterator[httpx.Client]:
    """A signed-in client on the module's sandbox, emptied first; signed out afterwards."""
    sandbox.reset()
    client = signed_in(sandbox.url)
    yield client
    client.post("/entity/auth/logout")
    client.close()


@pytest.fixture
def session_client(sandbox: Any) -> Iterator[httpx.Client]:
    """A signed-in client on the module's sandbox, signed out afterwards."""
    client = signed_in(sandbox.url)
    try:
        yield client
    finally:
        client.post("/entity/auth/logout")
        client.close()


def _loaded_modules() -> dict[str, ModuleType]:
    return {k: m for k, m in sys.modules.items() if k.split(".")[0] == "acumatica_web_shop"}


@pytest.fixture(scope="module")
def web_shop() -> Iterator[Any]:
    """The 24.200.001 package; another test may have imported it (or the 23.200.001 one) first."""
    if not (PACKAGE_ROOT / "acumatica_web_shop" / "__init__.py").is_file():
        pytest.skip("generated/WebShop_24.200.001 has not been generated")
    before = _loaded_modules()
    current = before.get("acumatica_web_shop")
    if current is not None and PACKAGE_ROOT in Path(current.__file__ or "").parents:
        yield current  # already the right package: share it, change nothing
        return
    for name in before:
        del sys.modules[name]
    sys.path.insert(0, str(PACKAGE_ROOT))
    try:
        package = importlib.import_module("acumatica_web_shop")
        assert package.VERSION == "24.200.001"
        yield package
    finally:
        sys.path.remove(str(PACKAGE_ROOT))
        for name in _loaded_modules():
            del sys.modules[name]
        sys.modules.update(before)
