"""What the tests share: the repository's paths, the real documents' names, running the CLI.

Imported as ``testkit`` (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from acumatica_codegen.cli import main

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
WEBSHOP_23 = SPECS / "WebShop_23.200.001.json"
WEBSHOP_24 = SPECS / "WebShop_24.200.001.json"
WEBSHOP_26 = SPECS / "WebShop_26.200.001.json"  # contract 5: selects, date-only values
FIXTURES = REPO / "tests" / "fixtures" / "specs"
# The committed example package the model and client tests import.
EXAMPLE_PROJECT = REPO / "generated" / "WebShop_24.200.001" / "acumatica_web_shop"
# The committed contract-5 example package (WebShop 26.200.001), imported in a subprocess: it has
# the same import name as the one above.
EXAMPLE_26_PROJECT = REPO / "generated" / "WebShop_26.200.001" / "acumatica_web_shop"
# The real documents, read from ../shared/specs/acumatica (never copied here): see conftest.py.
REAL_SPEC_NAMES = (
    "Default_20.200.001.json",
    "Default_22.200.001.json",
    "Default_23.200.001.json",
    "Default_24.200.001.json",
    "DeviceHub_23.200.001.json",
    "GLConsolidation_22.200.001.json",
    "ISVCB_21.200.001.json",
)


def use_example_package() -> None:
    """Make the committed ``acumatica_web_shop`` (WebShop 24.200.001) importable."""
    if str(EXAMPLE_PROJECT) not in sys.path:
        sys.path.insert(0, str(EXAMPLE_PROJECT))


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    try:
        result = main(argv)
        code = result if isinstance(result, int) else 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
