"""``[tool.acumatica-codegen]`` in ``pyproject.toml``: which endpoints to generate, and how.

```toml
[tool.acumatica-codegen]
url = "https://erp.example.com"          # optional: the instance `fetch --all` refreshes from
tenant = "Company"                        # optional

[[tool.acumatica-codegen.endpoints]]
spec = "specs/WebShop_24.200.001.json"    # required, relative to pyproject.toml
output = "generated"                      # folder that receives <package>/ (default "generated")
package = "acumatica_web_shop"            # default: acumatica_<endpoint in snake_case>
include = ["Customer", "SalesOrder"]      # optional: top-level entities to generate (and what they use)
exclude = ["Activity"]                    # optional
keys = { Customer = ["CustomerID"] }      # optional: key fields per entity, overriding the built-in table
```

Unknown keys are errors, not silently ignored: a typo must not quietly change what is generated.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UserError
from .naming import check_package_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SECTION = "tool.acumatica-codegen"
TOP_KEYS = {"url", "tenant", "branch", "endpoints"}
ENDPOINT_KEYS = {"spec", "output", "package", "include", "exclude", "keys"}


@dataclass(frozen=True)
class EndpointConfig:
    """One configured endpoint."""

    spec: Path
    output: Path
    package: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The whole ``[tool.acumatica-codegen]`` table, paths made absolute."""

    path: Path  # the pyproject.toml it came from
    endpoints: tuple[EndpointConfig, ...]
    url: str | None = None
    tenant: str | None = None
    branch: str | None = None

    @property
    def root(self) -> Path:
        return self.path.parent


def find_pyproject(start: Path | None = None) -> Path:
    """The nearest ``pyproject.toml`` at or above ``start`` (default: the working folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    raise UserError(
        f"no pyproject.toml in {here} or above; run inside your project, or give SPEC and -o OUT"
    )


def load_config(pyproject: Path | None = None) -> Config:
    """Read and check ``[tool.acumatica-codegen]`` from ``pyproject`` (default: the nearest one)."""
    path = pyproject or find_pyproject()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read: {error.strerror}") from None
    tool = document.get("tool", {})
    table = tool.get("acumatica-codegen") if isinstance(tool, dict) else None
    if table is None:
        raise UserError(
            f"{path}: no [{SECTION}] table; add one listing your endpoints (see README)"
        )
    return _parse(path, table)


def _parse(path: Path, table: Any) -> Config:
    where = f"{path}: [{SECTION}]"
    _check_table(table, TOP_KEYS, where)
    endpoints_raw = table.get("endpoints", [])
    if not isinstance(endpoints_raw, list):
        raise UserError(
            f"{where}: 'endpoints' must be an array of tables ([[{SECTION}.endpoints]])"
        )
    endpoints = tuple(
        _endpoint(path, raw, f"{path}: [[{SECTION}.endpoints]] #{index + 1}")
        for index, raw in enumerate(endpoints_raw)
    )
    return Config(
        path=path,
        endpoints=endpoints,
        url=_optional_str(table, "url", where),
        tenant=_optional_str(table, "tenant", where),
        branch=_optional_str(table, "branch", where),
    )


def _endpoint(path: Path, raw: Any, where: str) -> EndpointConfig:
    _check_table(raw, ENDPOINT_KEYS, where)
    spec = _optional_str(raw, "spec", where)
    if not spec:
        raise UserError(
            f"{where}: 'spec' is required (the endpoint document, e.g. specs/Default_24.200.001.json)"
        )
    package = _optional_str(raw, "package", where)
    if package is not None:
        check_package_name(package, f"{where}: ")
    keys_raw = raw.get("keys", {})
    if not isinstance(keys_raw, dict):
        raise UserError(f"{where}: 'keys' must be a table of entity = [key fields]")
    keys = {name: _str_tuple(value, f"{where} keys.{name}") for name, value in keys_raw.items()}
    return EndpointConfig(
        spec=(path.parent / spec).resolve(),
        output=(path.parent / (_optional_str(raw, "output", where) or "generated")).resolve(),
        package=package,
        include=_str_tuple(raw.get("include", []), f"{where} include"),
        exclude=_str_tuple(raw.get("exclude", []), f"{where} exclude"),
        keys=keys,
    )


def _check_table(table: Any, allowed: set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise UserError(f"{where}: expected a table")
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise UserError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"expected {', '.join(sorted(allowed))}"
        )


def _optional_str(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise UserError(f"{where}: '{key}' must be a string")
    return value


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{where}: expected a list of strings")
    return tuple(value)
