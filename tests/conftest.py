"""Shared fixtures: where the real Acumatica endpoint documents live.

The real documents are never committed. Tests read them from ``../shared/specs/acumatica`` next to
the repository, or from ``$ACUMATICA_SPECS_DIR``. Absent on a user's machine: those tests skip.
Absent under CI (``CI=true``): they fail, so a broken CI set-up cannot pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL_SPECS_ENV = "ACUMATICA_SPECS_DIR"


def _real_specs_dir() -> Path:
    return Path(os.environ.get(REAL_SPECS_ENV) or REPO.parent / "shared" / "specs" / "acumatica")


def _require(path: Path) -> Path:
    if path.exists():
        return path
    message = f"real Acumatica endpoint documents not found at {path} (set ${REAL_SPECS_ENV})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; CI must have them")
    pytest.skip(message)


@pytest.fixture(scope="session")
def real_specs_dir() -> Path:
    """The folder of real endpoint documents (skips locally, fails under CI when absent)."""
    return _require(_real_specs_dir())

