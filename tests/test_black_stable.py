"""Generated packages are black-stable on every real document, under the settings they declare.

Black runs in-process (no subprocess per package) with the settings read from the generated
project's own ``pyproject.toml``, exactly as a plain ``black --check`` inside it would. A file whose
text another document already produced (the four Default versions share most files) is not
formatted twice.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import black

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the generator depends on tomli there
    import tomli as tomllib

from acumatica_codegen.render import LINE_LENGTH
from testkit import REAL_SPEC_NAMES


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


def test_black_check_passes_in_the_packages_generated_from_every_real_document(
    real_package: Callable[[str], Path],
) -> None:
    # One test, not one per document: the four Default versions share most of their files, and
    # a text already found stable is not formatted again (a third of the work, on one worker).
    checked: set[tuple[str, bytes]] = set()
    would_reformat = []
    for name in REAL_SPEC_NAMES:
        project = real_package(name)
        mode = _declared_mode(project)
        for path in sorted(project.rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            digest = (repr(mode), hashlib.sha256(text.encode()).digest())
            if digest in checked:
                continue
            checked.add(digest)
            if black.format_str(text, mode=mode) != text:
                would_reformat.append(f"{name}: {path.relative_to(project)}")
    assert would_reformat == [], "black --check in the generated package would reformat these"
