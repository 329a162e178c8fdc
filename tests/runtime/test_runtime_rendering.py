"""The rendered runtime: one template source for both transports, black-clean, mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from runtime_render_helper import TEMPLATES, make_env, render_runtime, tiny_endpoint

from acumatica_codegen.runtime_render import runtime_files

OURS = ("__init__", "_async_client", "_sync_client", "_wire", "auth", "errors", "query")


def test_sync_and_async_come_from_one_template():
    runtime = TEMPLATES / "package" / "_runtime"
    assert (runtime / "_client.py.jinja").is_file()
    assert not list(runtime.glob("_sync*")) and not list(runtime.glob("_async*"))
    files = runtime_files(make_env(), {"package_name": "p", "endpoint": tiny_endpoint()})
    sync, async_ = files["_runtime/_sync_client.py"], files["_runtime/_async_client.py"]
    assert "class SyncBaseClient" in sync and "async def" not in sync
    assert "class AsyncBaseClient" in async_ and "async def request(" in async_
    # The same methods, in the same order, apart from the async-only ``aclose`` alias.
    methods = lambda text: re.findall(r"\n    (?:async )?def (\w+)\(", text)  # noqa: E731
    async_methods = [m.replace("__a", "__") for m in methods(async_) if m != "aclose"]
    assert async_methods == methods(sync)
    assert len(methods(sync)) > 35


def test_every_runtime_template_is_rendered_deterministically():
    env = make_env()
    context = {"package_name": "acumatica_shop", "endpoint": tiny_endpoint()}
    first = runtime_files(env, context)
    assert first == runtime_files(make_env(), context)
    names = {path.removeprefix("_runtime/").removesuffix(".py") for path in first}
    assert set(OURS) <= names
    assert list(first) == sorted(first)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    package = render_runtime(tmp_path_factory.mktemp("check"))
    return [package / "_runtime" / f"{name}.py" for name in OURS]


def test_rendered_runtime_is_black_clean(rendered):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "-q",
            "-l",
            "100",
            "-t",
            "py310",
            *map(str, rendered),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_rendered_runtime_passes_mypy_strict(rendered):
    root = rendered[0].parents[1]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--no-incremental",
            *map(str, rendered),
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stdout
