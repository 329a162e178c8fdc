"""Shared fixtures: where the real Acumatica endpoint documents live.

The real documents are never committed. Tests read them from ``../shared/specs/acumatica`` next to
the repository, or from ``$ACUMATICA_SPECS_DIR``; the contract-5 subset from ``acumatica-26`` beside
that folder, or from ``$ACUMATICA_26_SPECS_DIR``. Absent on a user's machine: those tests skip.
Absent under CI (``CI=true``): they fail, so a broken CI set-up cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL_SPECS_ENV = "ACUMATICA_SPECS_DIR"
# The contract-5 subset of Default 26.200.001 lives beside them, in ``acumatica-26``.
REAL_26_SPECS_ENV = "ACUMATICA_26_SPECS_DIR"
REAL_26_SUBSET = "Default_26.200.001.subset.json"
# A user's project with tests of its own (tests/test_user_project.py runs them in it, not here).
collect_ignore = ["fixtures/user_project"]


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


@pytest.fixture(scope="session")
def real_package(
    real_specs_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Path]:
    """``real_package("Default_24.200.001.json")``: the project folder of the package generated
    from that real document, generated once per test session (per xdist worker) and shared."""
    from acumatica_codegen.render import write_package
    from real_corpus import real_endpoint

    projects: dict[str, Path] = {}

    def generate(name: str) -> Path:
        if name not in projects:
            out = tmp_path_factory.mktemp(Path(name).stem)
            endpoint = real_endpoint(real_specs_dir / name)
            projects[name] = write_package(endpoint, out, spec_name=name).project_dir
        return projects[name]

    return generate
