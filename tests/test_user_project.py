"""Done means for issue 11: a small user project (tests/fixtures/user_project/) on the generated
example package, WebShop 24.200.001 and 26.200.001 (contract 5) alike. Its own code and tests,
plus README's example test, pass under pytest with the acumatica_sandbox plugin (loaded from its
entry point, in a child process) and under mypy --strict."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import EXAMPLE_26_PROJECT, EXAMPLE_PROJECT, REPO, WEBSHOP_24, WEBSHOP_26

USER_PROJECT = REPO / "tests" / "fixtures" / "user_project"
VERSIONS = {
    "24.200.001": (WEBSHOP_24, EXAMPLE_PROJECT),
    "26.200.001": (WEBSHOP_26, EXAMPLE_26_PROJECT),
}


def readme_example_test() -> str:
    """README's complete example test ("# tests/test_orders.py")."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        if block.startswith("# tests/test_orders.py\n"):
            return str(block)
    raise AssertionError("README has no example test starting with '# tests/test_orders.py'")


@pytest.fixture(params=sorted(VERSIONS))
def project(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    """(the user project on one endpoint version, the generated package's project folder)."""
    spec, package_root = VERSIONS[request.param]
    project = tmp_path / "shop"
    shutil.copytree(USER_PROJECT, project)
    (project / "specs").mkdir()
    shutil.copy(spec, project / "specs" / "WebShop.json")
    (project / "tests" / "test_orders.py").write_text(readme_example_test(), encoding="utf-8")
    return project, package_root


def test_the_user_project_passes_its_tests_with_the_sandbox_plugin(
    project: tuple[Path, Path],
) -> None:
    folder, package_root = project
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-W", "error::DeprecationWarning", "tests"],
        capture_output=True, text=True, cwd=folder, timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(package_root), str(folder)])},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"\b7 passed\b", run.stdout), run.stdout[-2000:]


def test_the_user_project_is_mypy_strict_clean(project: tuple[Path, Path]) -> None:
    folder, package_root = project
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--python-version", "3.10", "--cache-dir",
         str(folder / ".mypy_cache"), "shop_sync", "tests"],
        capture_output=True, text=True, cwd=folder, timeout=600,
        env={**os.environ, "MYPYPATH": os.pathsep.join([str(package_root), str(folder)])},
    )  # fmt: skip
    assert "strict = true" in (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert run.returncode == 0, run.stdout + run.stderr
