"""formatting.black_stable: black's layout for over-long lines, one element or statement at a time.

The promise: the result is exactly what black gives for the whole file, at a small part of the
cost. Checked against whole-file black on generated files whose long names hit black's different
layouts (split calls, parenthesised annotations, names that fit nowhere).
"""

from __future__ import annotations

import ast
import copy
import json
from typing import Any

import black
import pytest
from acumatica_codegen import formatting, render
from acumatica_codegen.builder import build_ir
from acumatica_codegen.spec import parse_document
from testkit import FIXTURES

MODE = black.Mode(line_length=100, target_versions={black.TargetVersion.PY310})
STRING_FIELD = {"$ref": "#/definitions/StringValue"}


def long_named_document(length: int) -> dict[str, Any]:
    """The hostile fixture with names of about ``length`` characters in every place they go."""
    document = copy.deepcopy(json.loads((FIXTURES / "hostile.json").read_text(encoding="utf-8")))
    definitions = document["definitions"]
    order = definitions["Order"]["allOf"][-1]["properties"]
    order["F" + "i" * (length - 1)] = STRING_FIELD
    order["D" + "e" * (length - 1)] = {"$ref": "#/definitions/DecimalValue"}
    entity = "E" + "n" * (length - 1)
    definitions[entity] = {"type": "object", "properties": {"G" + "x" * length: STRING_FIELD}}
    order["Link"] = {"$ref": f"#/definitions/{entity}"}
    order["Lines" + "s" * length] = {"type": "array", "items": {"$ref": f"#/definitions/{entity}"}}
    parameters = definitions["Return"]["properties"]["parameters"]["properties"]
    parameters["P" + "y" * (length - 1)] = STRING_FIELD
    document["tags"][1]["description"] = "Orders " + "z" * length + " (HS301000)"
    return document


def raw_files(document: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The generated files before any black: what the templates alone give."""
    endpoint = build_ir(parse_document(json.dumps(document).encode(), "long.json"))
    monkeypatch.setattr(render, "black_stable", lambda files: files)
    files = render.render_package(endpoint)
    monkeypatch.undo()
    return files


@pytest.mark.parametrize("length", [80, 95, 101, 130, 400])
def test_lines_laid_out_alone_give_what_black_gives_for_the_whole_file(length, monkeypatch):
    files = raw_files(long_named_document(length), monkeypatch)
    calls: list[str] = []
    whole = formatting._black_whole
    monkeypatch.setattr(
        formatting, "_black_whole", lambda path, text: calls.append(path) or whole(path, text)
    )
    formatted = formatting.black_stable(files)
    checked = 0
    for path, text in files.items():
        if path.endswith(".py") and "/_runtime/" not in path:
            assert formatted[path] == black.format_str(text, mode=MODE), path
            checked += any(len(line) > 100 for line in text.splitlines())
    assert checked >= 3  # files with long lines were there to check
    assert calls == []  # and none needed whole-file black


def test_a_file_without_long_lines_is_returned_untouched_without_black(monkeypatch):
    monkeypatch.setattr(formatting, "_black_format", lambda *_: pytest.fail("black was called"))
    text = "x = 1\n\n\ndef f(a: int) -> int:\n    return a\n"
    assert formatting.black_stable({"pkg/mod.py": text, "README.md": "y" * 300}) == {
        "pkg/mod.py": text,
        "README.md": "y" * 300,
    }


def test_a_name_that_fits_nowhere_is_left_on_its_line_without_asking_black():
    name = "n" * 120
    text = f"class A:\n    def __init__(self, {name}: int) -> None:\n        self.{name} = {name}\n"
    assert formatting._pieces(ast.parse(text), text.splitlines(True), [3]) == []


def test_a_statement_holding_a_multi_line_string_falls_back_to_whole_file_black():
    long = "v" * 120
    text = f'def f():\n    """Doc."""\n    x = g({long}, """a\n  b""")\n'
    assert formatting.black_stable({"m.py": text})["m.py"] == black.format_str(text, mode=MODE)
