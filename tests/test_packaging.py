"""Packaging: the templates travel with the toolkit, from a built wheel and from an editable install.

The wheel test builds acumatica-codegen, installs it (dependencies from the configured index) into a
fresh venv in a temporary folder, generates the WebShop client from a folder outside the repository
— so the templates can only come from inside the installed wheel — then pip-installs that generated
package into the same venv and imports it. It takes about ten seconds (marked ``slow``; it runs in
the normal suite, ``-m "not slow"`` leaves it out).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "specs" / "WebShop_24.200.001.json"
BIN = "Scripts" if sys.platform == "win32" else "bin"
TIMEOUT = 180  # seconds per subprocess: a cold pip cache must not hang the suite


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure, fail the test with its output (not a bare CalledProcessError)."""
    completed = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if completed.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {completed.returncode}\n"
            f"stdout:\n{completed.stdout[-3000:]}\nstderr:\n{completed.stderr[-3000:]}"
        )
    return completed.stdout


def pip(*args: str, cwd: Path) -> str:
    """This interpreter's pip, quiet."""
    return run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args], cwd=cwd)


def isolated_env(venv_dir: Path) -> dict[str, str]:
    """An environment that sees only `venv_dir`: no PYTHONPATH, no outer venv on PATH."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    env["PATH"] = f"{venv_dir / BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv_dir)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of acumatica-codegen built from the working tree."""
    out = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-deps", "-w", str(out), str(REPO), cwd=out)
    (built,) = out.glob("acumatica_codegen-*.whl")
    return built


def test_wheel_carries_the_templates_inside_the_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    templates = [n for n in names if n.startswith("acumatica_codegen/templates/package/")]
    assert "acumatica_codegen/cli.py" in names
    assert any(n.endswith(".jinja") for n in templates), "no templates under the package"
    assert "acumatica_codegen/runtime/_sync_client.py" in names  # the runtime, copied into packages
    # Nothing of the repository's own working material travels with the toolkit.
    assert not [n for n in names if n.split("/")[0] in {"generated", "specs", "tests", "templates"}]


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_generates_a_client_that_installs_and_imports(
    wheel: Path, tmp_path: Path
) -> None:
    venv_dir = tmp_path / "venv"
    # No pip inside the new venv (ensurepip is slow): this interpreter's pip installs into it.
    venv.EnvBuilder(with_pip=False).create(venv_dir)
    python = str(venv_dir / BIN / "python")
    pip("--python", python, "install", str(wheel), cwd=tmp_path)

    outside = tmp_path / "elsewhere"  # not the repository: templates must come from the wheel
    outside.mkdir()
    env = isolated_env(venv_dir)
    where = run(
        [python, "-c", "import acumatica_codegen.render as r; print(r.templates_dir())"],
        outside,
        env,
    )
    assert Path(where.strip()).is_relative_to(
        venv_dir
    ), f"templates found outside the venv: {where}"

    cli = str(venv_dir / BIN / "acumatica-codegen")
    run([cli, "generate", str(SPEC), "-o", str(outside / "out")], outside, env)
    project = outside / "out" / "acumatica_web_shop"
    assert (project / "pyproject.toml").is_file()
    assert (project / "acumatica_web_shop" / "_runtime" / "model.py").is_file()

    pip("--python", python, "install", str(project), cwd=outside)
    code = (
        "import acumatica_web_shop; acumatica_web_shop.Client; "
        "from acumatica_web_shop.models import SalesOrder; "
        "print(acumatica_web_shop.__file__, acumatica_web_shop.VERSION)"
    )
    location, version = run([python, "-c", code], tmp_path, env).split()
    assert Path(location).is_relative_to(venv_dir), "imported from outside the fresh venv"
    assert version == "24.200.001"


def test_editable_install_finds_the_templates_of_the_repository(tmp_path: Path) -> None:
    from acumatica_codegen import render

    if not Path(render.__file__).resolve().is_relative_to(REPO):
        pytest.skip("acumatica_codegen is not installed editable from this repository")
    assert render.templates_dir() == REPO / "templates"

    # The console script of this venv, run from a folder outside the repository.
    cli = Path(sys.executable).parent / "acumatica-codegen"
    if not cli.exists():
        pytest.skip("no acumatica-codegen console script beside this interpreter")
    run([str(cli), "generate", str(SPEC), "-o", str(tmp_path / "out")], tmp_path)
    assert (
        tmp_path / "out" / "acumatica_web_shop" / "acumatica_web_shop" / "__init__.py"
    ).is_file()
