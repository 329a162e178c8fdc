"""The pytest plugin, from the user's side: README's example test runs as written (pytester, in a
child process with the plugin loaded from its entry point) and is mypy --strict clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from acumatica_codegen.sandbox.pytest_plugin import parse_options
from sandbox_helpers import REPO, WEBSHOP_24

PACKAGE_ROOT = REPO / "generated" / "WebShop_24.200.001" / "acumatica_web_shop"
README = REPO / "README.md"


def readme_block(first_line: str) -> str:
    """The README code block whose first line is ``first_line`` (e.g. "# tests/test_orders.py")."""
    for block in re.findall(
        r"```(?:python|toml)\n(.*?)```", README.read_text(encoding="utf-8"), re.S
    ):
        if block.startswith(first_line + "\n"):
            return str(block)
    raise AssertionError(f"README has no code block starting with {first_line!r}")


@pytest.fixture
def user_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A user's project: README's pyproject.toml and test, the spec, the generated package."""
    if not (PACKAGE_ROOT / "acumatica_web_shop" / "__init__.py").is_file():
        pytest.skip("generated/WebShop_24.200.001 has not been generated")
    (pytester.path / "specs").mkdir()
    shutil.copy(WEBSHOP_24, pytester.path / "specs" / WEBSHOP_24.name)
    (pytester.path / "pyproject.toml").write_text(readme_block("# pyproject.toml"), "utf-8")
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "test_orders.py").write_text(
        readme_block("# tests/test_orders.py"), "utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(PACKAGE_ROOT))
    return pytester


def test_the_readme_example_test_passes_with_the_plugin(user_project: pytest.Pytester) -> None:
    result = user_project.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=3)


def test_the_readme_example_test_is_mypy_strict_clean(user_project: pytest.Pytester) -> None:
    test_file = user_project.path / "tests" / "test_orders.py"
    env = {**os.environ, "MYPYPATH": str(PACKAGE_ROOT)}
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(test_file)],
        capture_output=True, text=True, env=env, cwd=user_project.path, timeout=600,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_marker_gives_a_test_its_own_sandbox_and_ini_options_apply(
    pytester: pytest.Pytester,
) -> None:
    shutil.copy(WEBSHOP_24, pytester.path / WEBSHOP_24.name)
    pytester.makeini(f"""
        [pytest]
        acumatica_sandbox_specs = {WEBSHOP_24.name}
        acumatica_sandbox_options =
            max_sessions=3
            users={{"bot": "pw"}}
        """)
    pytester.makepyfile("""
        import pytest

        def test_shared(acumatica_sandbox):
            options = acumatica_sandbox.options
            assert (options.max_sessions, options.users, options.action_polls) == (3, {"bot": "pw"}, 0)
            acumatica_sandbox.seed("Customer", {"CustomerID": {"value": "C1"}})

        def test_shared_again_is_reset(acumatica_sandbox):
            assert acumatica_sandbox.records("Customer") == []

        @pytest.mark.acumatica_sandbox(stale_every_request=True, action_polls=2)
        def test_own(acumatica_sandbox):
            options = acumatica_sandbox.options
            assert options.stale_every_request and options.action_polls == 2
            assert options.max_sessions == 3
        """)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_missing_specs_and_unknown_options_are_clear_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(acumatica_sandbox):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(
        ["*acumatica_sandbox: no endpoint document; set acumatica_sandbox_specs*"]
    )
    with pytest.raises(pytest.UsageError, match="unknown option.s. max_session; Sandbox"):
        parse_options(["max_session=2"])
    with pytest.raises(pytest.UsageError, match="expected NAME=VALUE, got 'seed'"):
        parse_options(["seed"])
    assert parse_options(["seed=3", "tenants=['A', 'B']", "build_version=24.200.0100"]) == {
        "seed": 3,
        "tenants": ["A", "B"],
        "build_version": "24.200.0100",
    }


def test_a_version_option_is_read_as_written_not_as_a_number() -> None:
    assert parse_options(["build_version=25.100", "seed=2"]) == {
        "build_version": "25.100",
        "seed": 2,
    }
    assert parse_options(["build_version='25.200.0001'"]) == {"build_version": "25.200.0001"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            '"max_sessions=two"',
            "acumatica_sandbox_options: max_sessions must be a whole number, not 'two'",
        ),
        ("\"fail_rate='0.1'\"", "acumatica_sandbox_options: fail_rate must be a number, not '0.1'"),
        ('"seed=1.5"', "acumatica_sandbox_options: seed must be a whole number, not 1.5"),
    ],
)
def test_an_option_value_of_the_wrong_type_names_the_setting_and_the_value(
    pytester: pytest.Pytester, options: str, message: str
) -> None:
    shutil.copy(WEBSHOP_24, pytester.path / WEBSHOP_24.name)
    pytester.makepyprojecttoml(f"""
        [tool.pytest.ini_options]
        acumatica_sandbox_specs = ["{WEBSHOP_24.name}"]
        acumatica_sandbox_options = [{options}]
        """)
    pytester.makepyfile("def test_x(acumatica_sandbox):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    assert f"UsageError: {message}" in result.stdout.str()
    assert "TypeError" not in result.stdout.str()


def test_a_missing_document_names_the_specs_setting(pytester: pytest.Pytester) -> None:
    pytester.makeini("""
        [pytest]
        acumatica_sandbox_specs = specs/Nope.json
        """)
    pytester.makepyfile("def test_x(acumatica_sandbox):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*UsageError: acumatica_sandbox_specs: *Nope.json: no such file*"])


def test_acumatica_codegen_is_a_typed_package() -> None:
    import acumatica_codegen

    assert (Path(acumatica_codegen.__file__).parent / "py.typed").is_file()
