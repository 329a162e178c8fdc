"""Generated packages are black-stable on every real document, under the settings they declare.

Black runs in-process (no subprocess per package) with the settings read from the generated
project's own ``pyproject.toml``, exactly as a plain ``black --check`` inside it would. Each
document is its own test, so pytest-xdist spreads them over the workers; a file whose text another
document already produced in this process (the four Default versions share most files) is not
formatted twice.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any, Callable

import black
import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the generator depends on tomli there
    import tomli as tomllib

from acumatica_codegen.render import LINE_LENGTH

from testkit import REAL_SPEC_NAMES

# Digests of file texts found black-stable in this process, under one mode each.
_CHECKED: set[tuple[str, bytes]] = set()


def _declared_mode(project_dir: Path) -> black.Mode:
    """The black mode a plain ``black --check`` in the generated project would use."""
    config: dict[str, Any] = black.parse_pyproject_toml(str(project_dir / "pyproject.toml"))
    versions = {black.TargetVersion[v.upper()] for v in config.get("target_version", [])}
    return black.Mode(line_length=config.get("line_length", 88), target_versions=versions)


def test_generated_project_declares_the_formatters_line_length(
    real_package: Callable[[str], Path],
) -> None:
    project = real_package("ISVCB_21.200.001.json")
    settings = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert settings["black"]["line-length"] == LINE_LENGTH
    assert settings["ruff"]["line-length"] == LINE_LENGTH
    assert _declared_mode(project).line_length == LINE_LENGTH


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_black_check_passes_in_the_package_generated_from_each_real_document(
    name: str, real_package: Callable[[str], Path]
) -> None:
    project = real_package(name)
    mode = _declared_mode(project)
    would_reformat = []
    for path in sorted(project.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        digest = (repr(mode), hashlib.sha256(text.encode()).digest())
        if digest in _CHECKED:
            continue
        if black.format_str(text, mode=mode) != text:
            would_reformat.append(str(path.relative_to(project)))
        else:
            _CHECKED.add(digest)
    assert would_reformat == [], f"black would reformat these files generated from {name}"
