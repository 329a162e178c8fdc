"""Shared fixtures: where the real Acumatica endpoint documents live.

The real documents are never committed. Tests read them from ``../shared/specs/acumatica`` next to
the repository, or from ``$ACUMATICA_SPECS_DIR``; the contract-5 subset from ``acumatica-26`` beside
that folder, or from ``$ACUMATICA_26_SPECS_DIR``. Absent on a user's machine: those tests skip.
Absent under CI (``CI=true``): they fail, so a broken CI set-up cannot pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL_SPECS_ENV = "ACUMATICA_SPECS_DIR"
# The contract-5 subset of Default 26.200.001 lives beside them, in ``acumatica-26``.
REAL_26_SPECS_ENV = "ACUMATICA_26_SPECS_DIR"
REAL_26_SUBSET = "Default_26.200.001.subset.json"


def _real_specs_dir() -> Path:
    return Path(os.environ.get(REAL_SPECS_ENV) or REPO.parent / "shared" / "specs" / "acumatica")


def _real_26_specs_dir() -> Path:
    return Path(os.environ.get(REAL_26_SPECS_ENV) or _real_specs_dir().parent / "acumatica-26")


def _require(path: Path, env: str = REAL_SPECS_ENV) -> Path:
    if path.exists():
        return path
    message = f"real Acumatica endpoint documents not found at {path} (set ${env})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; CI must have them")
    pytest.skip(message)


@pytest.fixture(scope="session")
def real_specs_dir() -> Path:
    """The folder of real endpoint documents (skips locally, fails under CI when absent)."""
    return _require(_real_specs_dir())


@pytest.fixture(scope="session")
def real_26_subset() -> Path:
    """The real contract-5 document (a subset of Default 26.200.001), by the same policy."""
    return _require(_real_26_specs_dir() / REAL_26_SUBSET, REAL_26_SPECS_ENV)
