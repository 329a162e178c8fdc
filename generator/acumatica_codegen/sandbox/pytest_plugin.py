"""The pytest plugin: a ready ``acumatica_sandbox`` fixture (entry point ``acumatica_sandbox``).

Installing acumatica-codegen registers it; configure it in ``pyproject.toml``::

    [tool.pytest.ini_options]
    acumatica_sandbox_specs = ["specs/WebShop_24.200.001.json"]   # relative to the rootdir
    acumatica_sandbox_options = ["max_sessions=2", "restart_rate=0.05", "seed=1"]

- ``acumatica_sandbox`` (a fixture) gives each test a running ``Sandbox``: one per test session,
  started on first use and ``reset()`` before each test (no records, sessions or counters left
  over). Actions finish at once (``action_polls=0``) unless the options say otherwise.
- ``acumatica_sandbox_options``: ``NAME=VALUE`` lines, NAME any keyword of ``Sandbox(...)``,
  VALUE a Python literal (``2``, ``0.05``, ``False``, ``{"admin": "123"}``) or else plain text.
- ``@pytest.mark.acumatica_sandbox(**options)`` on a test gives it a sandbox of its own with
  those options over the configured ones (e.g. ``stale_every_request=True``).
- To compute the documents or options in Python, override the session fixtures
  ``acumatica_sandbox_specs`` (a list of paths) or ``acumatica_sandbox_options`` (a dict) in a
  ``conftest.py``.

Key fields configured in ``[tool.acumatica-codegen] keys`` apply as in ``Sandbox(...)``.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .runner import Sandbox

SPECS_INI = "acumatica_sandbox_specs"
OPTIONS_INI = "acumatica_sandbox_options"
MARKER = "acumatica_sandbox"
FAST = {"action_polls": 0}  # tests should not wait for action polls


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        SPECS_INI, "endpoint documents the acumatica_sandbox fixture serves", type="linelist"
    )
    parser.addini(
        OPTIONS_INI,
        "NAME=VALUE options of the acumatica_sandbox fixture (keywords of Sandbox(...))",
        type="linelist",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): a sandbox of the test's own, with these Sandbox(...) options",
    )


def _text_options() -> frozenset[str]:
    """The options whose value is text (``build_version``), read as written."""
    from dataclasses import fields

    from .options import SandboxOptions

    return frozenset(f.name for f in fields(SandboxOptions) if str(f.type).startswith("str"))


def parse_options(lines: list[str], where: str = OPTIONS_INI) -> dict[str, Any]:
    """``["seed=1", "users={'a': 'b'}"]`` -> ``{"seed": 1, "users": {"a": "b"}}``, checked."""
    options: dict[str, Any] = {}
    text_options = _text_options()
    for line in lines:
        name, equals, raw = line.partition("=")
        name = name.strip()
        if not equals or not name:
            raise pytest.UsageError(f"{where}: expected NAME=VALUE, got {line!r}")
        if name in text_options and not raw.strip().startswith(("'", '"')):
            options[name] = raw.strip()  # build_version=25.100 is text, not the float 25.1
            continue
        try:
            options[name] = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            options[name] = raw.strip()
    check_names(options, where)
    return options


def check_names(options: dict[str, Any], where: str) -> None:
    from .runner import Sandbox

    known = [
        name
        for name, parameter in inspect.signature(Sandbox.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise pytest.UsageError(
            f"{where}: unknown option(s) {', '.join(unknown)}; Sandbox(...) takes "
            + ", ".join(known)
        )


@pytest.fixture(scope="session")
def acumatica_sandbox_specs(pytestconfig: pytest.Config) -> list[Path]:
    """The documents to serve: ``acumatica_sandbox_specs`` from the ini, rootdir-relative."""
    lines: list[str] = pytestconfig.getini(SPECS_INI)
    if not lines:
        raise pytest.UsageError(
            f"acumatica_sandbox: no endpoint document; set {SPECS_INI} in [tool.pytest.ini_options] "
            'of pyproject.toml (e.g. ["specs/Default_24.200.001.json"]), or override the '
            f"{SPECS_INI} fixture"
        )
    return [pytestconfig.rootpath / line for line in lines]


@pytest.fixture(scope="session")
def acumatica_sandbox_options(pytestconfig: pytest.Config) -> dict[str, Any]:
    """Options of the sandbox: ``acumatica_sandbox_options`` from the ini."""
    return parse_options(pytestconfig.getini(OPTIONS_INI))


@pytest.fixture(scope="session")
def _acumatica_sandbox_shared(
    acumatica_sandbox_specs: list[Path], acumatica_sandbox_options: dict[str, Any]
) -> Iterator[Sandbox]:
    options = {**FAST, **acumatica_sandbox_options}
    with _sandbox(acumatica_sandbox_specs, options, OPTIONS_INI) as running:
        yield running


@pytest.fixture
def acumatica_sandbox(
    request: pytest.FixtureRequest,
    acumatica_sandbox_specs: list[Path],
    acumatica_sandbox_options: dict[str, Any],
) -> Iterator[Sandbox]:
    """A running sandbox with nothing in it: the session's, reset; or, for a test marked
    ``@pytest.mark.acumatica_sandbox(**options)``, one of its own."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        shared: Sandbox = request.getfixturevalue("_acumatica_sandbox_shared")
        shared.reset()
        yield shared
        return
    if marker.args:
        raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keyword options only")
    check_names(marker.kwargs, f"@pytest.mark.{MARKER}")
    options = {**FAST, **acumatica_sandbox_options, **marker.kwargs}
    with _sandbox(
        acumatica_sandbox_specs, options, f"{OPTIONS_INI} / @pytest.mark.{MARKER}"
    ) as own:
        yield own


def _sandbox(specs: list[Path], options: dict[str, Any], where: str) -> Sandbox:
    """A ``Sandbox`` of these options. What it refuses (a value of the wrong type, a document
    that is not there) is a usage error that names the setting to mend."""
    from ..errors import SpecError, UserError
    from .runner import Sandbox

    try:
        return Sandbox(specs, **options)
    except SpecError as error:
        raise pytest.UsageError(f"{SPECS_INI}: {error}") from None
    except UserError as error:
        message = str(error).removeprefix("sandbox: ")
        raise pytest.UsageError(f"{where}: {message}") from None
