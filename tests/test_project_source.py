"""The project's own Python (generator, scripts, benchmarks, tests) is ruff- and black-clean, as
its runtime is (tests/runtime/test_runtime_source.py). Lint here is not style for its own sake:
bugbear finds tests that cannot fail (an ``assert "a" "b" in s`` split over two lines asserts
only a non-empty string), and pyflakes names that are not defined."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("generator", "scripts", "benchmarks", "tests")  # generated/ is excluded by pyproject


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO)


def test_project_source_is_ruff_clean():
    result = _tool("ruff", "check", "--no-cache", "--output-format", "concise", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_source_is_black_clean():
    result = _tool("black", "--check", "-q", "-l", "100", "-t", "py310", *SOURCES)
    assert result.returncode == 0, result.stderr
