"""Key fields configured in ``[tool.acumatica-codegen] keys``, for the documents a sandbox serves.

The generated client addresses records by the keys the project configures; the sandbox must find
records by the same keys, so ``Sandbox(...)``, ``Sandbox.fixture(...)``, the pytest plugin and the
``sandbox`` command read them too:

- ``config=True`` (the default): the nearest ``pyproject.toml`` at or above the working folder, when
  it has a ``[tool.acumatica-codegen]`` table (none: no configured keys);
- ``config=PATH``: that ``pyproject.toml`` (it must exist and have the table);
- ``config=False``: none.

Only the endpoints whose ``spec`` is one of the served documents count (same file); explicit
``key_overrides`` win over configured keys for the same entity.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..config import find_pyproject, load_config
from ..errors import UserError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def configured_keys(specs: Iterable[Path], config: str | Path | bool) -> dict[str, tuple[str, ...]]:
    """Entity -> key fields from the project's configuration for the served ``specs``."""
    if config is False:
        return {}
    if config is True:
        try:
            pyproject = find_pyproject()
        except UserError:
            return {}
        if not _has_table(pyproject):  # a project that only depends on acumatica-codegen
            return {}
    else:
        pyproject = Path(config)
        if pyproject.is_dir():
            pyproject = pyproject / "pyproject.toml"
        if not pyproject.is_file():
            raise UserError(f"sandbox: config={str(config)!r}: no such pyproject.toml")
    wanted = {spec.resolve() for spec in specs}
    keys: dict[str, tuple[str, ...]] = {}
    for endpoint in load_config(pyproject).endpoints:
        if endpoint.spec.resolve() in wanted:
            keys.update(endpoint.keys)
    return keys


def merged_keys(
    specs: Sequence[Path],
    config: str | Path | bool,
    key_overrides: Mapping[str, Sequence[str]] | None,
) -> dict[str, tuple[str, ...]] | None:
    """Configured keys with ``key_overrides`` over them; None when there are none at all."""
    keys = configured_keys(specs, config)
    keys.update({name: tuple(fields) for name, fields in (key_overrides or {}).items()})
    return keys or None


def _has_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` has a ``[tool.acumatica-codegen]`` table (unreadable: let
    ``load_config`` say what is wrong)."""
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    tool = document.get("tool")
    return isinstance(tool, dict) and "acumatica-codegen" in tool
