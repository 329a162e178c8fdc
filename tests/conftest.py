"""Shared fixtures: where the real Acumatica endpoint documents live.

The real documents are never committed. Tests read them from ``../shared/specs/acumatica`` next to
the repository, or from ``$ACUMATICA_SPECS_DIR``. Absent on a user's machine: those tests skip.
Absent under CI (``CI=true``): they fail, so a broken CI set-up cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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
