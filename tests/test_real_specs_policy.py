"""The real documents' policy: absent on a user's machine → skip; absent under CI → fail."""

from __future__ import annotations

import os
import subprocess
import sys

from testkit import REPO

TEST = "tests/test_corpus.py::test_small_real_endpoint_passes_mypy_strict"


def _run(ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACUMATICA_SPECS_DIR": "/nonexistent/specs", "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", TEST],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )


def test_missing_real_documents_skip_on_a_users_machine() -> None:
    run = _run(ci="")
    assert run.returncode == 0, run.stdout
    assert "3 skipped" in run.stdout


def test_missing_real_documents_fail_under_ci() -> None:
    run = _run(ci="true")
    assert run.returncode != 0
    assert "CI must have them" in run.stdout
