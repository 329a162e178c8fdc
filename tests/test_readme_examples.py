"""README's Python examples are code a user may copy: each ```python block passes
``mypy --strict`` against the committed example package (WebShop 24.200.001).

A block that is not meant to type-check says so on the line before its fence, with the reason:
``<!-- README example not type-checked: <why> -->``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from testkit import EXAMPLE_PROJECT, REPO

README = REPO / "README.md"
SKIP_MARKER = re.compile(r"<!-- README example not type-checked: (?P<why>.*?) -->")
FENCE = re.compile(r"^```python\n(?P<code>.*?)^```", re.M | re.S)


def python_blocks(text: str) -> list[tuple[int, str, str | None]]:
    """``(line number, code, reason it is not type-checked or None)`` of each ```python block."""
    blocks = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rpartition("\n")[2]
        skip = SKIP_MARKER.fullmatch(before.strip())
        blocks.append((line, match["code"], skip["why"] if skip else None))
    return blocks


def mypy_strict(files: dict[str, str], folder: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` over ``files`` (name → code) with the example package importable."""
    for name, code in files.items():
        (folder / name).write_text(code, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
         "--cache-dir", str(folder / ".mypy_cache"), *files],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "MYPYPATH": str(EXAMPLE_PROJECT)},
    )  # fmt: skip


def test_every_readme_python_example_passes_mypy_strict(tmp_path: Path) -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    checked = {f"readme_line_{line}.py": code for line, code, skip in blocks if skip is None}
    assert len(checked) >= 4, "README lost its examples, or the block pattern no longer finds them"
    result = mypy_strict(checked, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_readme_example_that_is_not_type_checked_says_why() -> None:
    text = "intro\n<!-- README example not type-checked: shows a mistake -->\n```python\nx: int = ''\n```\n"
    text += "```python\ny = 1\n```\n"
    assert python_blocks(text) == [(3, "x: int = ''\n", "shows a mistake"), (6, "y = 1\n", None)]


def test_the_check_fails_on_an_example_that_does_not_type(tmp_path: Path) -> None:
    # What the README's typed reads protect: an unnarrowed field is not a str, a required one is.
    wrong = (
        "from acumatica_web_shop.models import SalesOrder\n\n"
        "def number(order: SalesOrder) -> str:\n"
        "    return order.order_nbr\n"
    )
    result = mypy_strict({"wrong.py": wrong}, tmp_path)
    assert (
        'Incompatible return value type (got "str | Unset | None", expected "str")' in result.stdout
    )
    right = wrong.replace("order.order_nbr", "order.require(SalesOrder.f.order_nbr)")
    assert mypy_strict({"wrong.py": right}, tmp_path).returncode == 0
