"""Fixtures for the runtime tests: the runtime rendered once per session into a temp package."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
try:
    import acumatica_codegen  # noqa: F401
except ImportError:  # not installed into the venv yet: use the source tree
    sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_helper import import_runtime  # noqa: E402


@pytest.fixture(scope="session")
def runtime_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("runtime")


@pytest.fixture(scope="session")
def pkg(runtime_root: Path) -> ModuleType:
    """The rendered package ``acumatica_shop`` with its ``_runtime`` imported."""
    return import_runtime(runtime_root)
