"""The generator against hostile documents (issue 13, generator side).

Whatever the document holds, ``generate`` ends in one of two ways: one line on stderr naming the
file (and the JSON pointer) with exit code 2, or a package that imports and works. Never a
traceback, never code run from the document, never a write outside the output folder, never a
half-written package that the next run refuses.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import black
import pytest
from acumatica_codegen import jsontext, render
from acumatica_codegen.builder import MAX_ALLOF_DEPTH, load_endpoint
from acumatica_codegen.errors import UserError
from acumatica_codegen.render import MARKER, STAGING_PREFIX, write_package
from testkit import FIXTURES, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

HOSTILE = json.loads((FIXTURES / "hostile.json").read_text(encoding="utf-8"))
STRING_FIELD = {"$ref": "#/definitions/StringValue"}


def hostile(change: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """A copy of the hostile fixture (Hostile/1.0.0: Class, Order, OrderLine, Model), changed."""
    document = copy.deepcopy(HOSTILE)
    if change is not None:
        change(document)
    return document


def order_properties(document: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = document["definitions"]["Order"]["allOf"][-1]["properties"]
    return properties


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def generate(spec: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_cli(["generate", str(spec), "-o", str(out)], capsys)


def assert_one_line_error(code: int, err: str, *phrases: str) -> None:
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for phrase in phrases:
        assert phrase in err, err


def import_every_module(project: Path, package: str, code: str = "") -> str:
    """Import the package and every module in it in a fresh interpreter; its stdout."""
    script = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(project)!r})\n"
        f"import {package}, {package}.models as m, {package}.api as a\n"
        "for mod in (m, a):\n"
        "    for info in pkgutil.iter_modules(mod.__path__):\n"
        "        importlib.import_module(f'{mod.__name__}.{info.name}')\n"
        f"{package}.Client\n" + code
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=project.parent
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


# -- nesting: one line, not a RecursionError ------------------------------------------------------


def nested_text(depth: int) -> str:
    """The hostile fixture with a property schema nested ``depth`` objects deep."""
    text = json.dumps(hostile())
    deep = '{"x":' * depth + "1" + "}" * depth
    anchor = '"Class": {"allOf": ['
    assert anchor in text
    return text.replace(anchor, f'"Deep": {{"properties": {{"F": {deep}}}}}, {anchor}', 1)


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_a_document_nested_too_deep_is_one_line_naming_the_place(tmp_path, capsys, depth):
    spec = tmp_path / "deep.json"
    spec.write_text(nested_text(depth), encoding="utf-8")
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(
        code, err, f"{spec}#/definitions/Deep/properties/F/x/x: nested {depth + 4} levels deep"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["inspect", "diff", "sandbox"])
def test_every_command_that_reads_a_document_gives_the_same_one_line(tmp_path, capsys, command):
    spec = tmp_path / "deep.json"
    spec.write_text(nested_text(5_000), encoding="utf-8")
    argv = {
        "inspect": ["inspect", str(spec)],
        "diff": ["diff", str(FIXTURES / "hostile.json"), str(spec)],
        "sandbox": ["sandbox", str(spec), "--port", "0"],
    }[command]
    code, _, err = run_cli(argv, capsys)
    assert_one_line_error(code, err, f"{spec}#/definitions/Deep/properties/F/x/x: nested 5004")


def test_an_integer_too_long_to_convert_is_one_line_naming_the_place(tmp_path, capsys):
    # Python refuses to convert more than 4,300 digits (a bare ValueError from json.loads)
    text = json.dumps(hostile()).replace('"version": "4"', '"version": ' + "9" * 5000, 1)
    spec = tmp_path / "number.json"
    spec.write_text(text, encoding="utf-8")
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(
        code, err, f"{spec}#/info/version: a number of 5000 digits", "at line 1, column"
    )


def test_digits_inside_strings_are_not_taken_for_a_long_number():
    text = '{"a": "' + "1" * 5000 + '", "b": [1, ' + "2" * 4400 + "]}"
    with pytest.raises(jsontext.JsonTextError) as caught:
        jsontext.loads(text)
    assert caught.value.pointer == "/b/1"
    assert "a number of 4400 digits" in str(caught.value)


def test_the_deepest_point_of_json_text_is_found_without_recursion():
    found = jsontext.deepest_point('{"a": [1, {"b/c": [[]]}],\n "d": {}}')
    assert (found.depth, found.pointer, found.line, found.column) == (5, "/a/1/b~1c/0", 1, 20)
    deep = '{"k": ' + "[" * 200_000 + "]" * 200_000 + "}"
    with pytest.raises(jsontext.TooDeep) as caught:
        jsontext.loads(deep)
    assert caught.value.depth == 200_001
    assert caught.value.pointer == "/k/0/0/0/0/0"


def test_an_allof_chain_of_2000_is_one_line_naming_the_place(tmp_path, capsys):
    def chain(document: dict[str, Any]) -> None:
        definitions = document["definitions"]
        definitions["Link0000"] = {"type": "object", "properties": {"F0": STRING_FIELD}}
        for index in range(1, 2000):
            definitions[f"Link{index:04d}"] = {
                "allOf": [
                    {"$ref": f"#/definitions/Link{index - 1:04d}"},
                    {"type": "object", "properties": {f"F{index}": STRING_FIELD}},
                ]
            }

    spec = write_json(tmp_path / "chain.json", hostile(chain))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(
        code,
        err,
        f"{spec}#/definitions/Link",
        f"allOf inherits more than {MAX_ALLOF_DEPTH} levels deep",
    )


def test_an_allof_chain_within_the_bound_still_generates(tmp_path, capsys):
    def chain(document: dict[str, Any]) -> None:
        definitions = document["definitions"]
        definitions["Link00"] = {"type": "object", "properties": {"F0": STRING_FIELD}}
        for index in range(1, MAX_ALLOF_DEPTH):
            definitions[f"Link{index:02d}"] = {
                "allOf": [
                    {"$ref": f"#/definitions/Link{index - 1:02d}"},
                    {"type": "object", "properties": {f"F{index}": STRING_FIELD}},
                ]
            }

    spec = write_json(tmp_path / "chain.json", hostile(chain))
    endpoint = load_endpoint(spec)
    deepest = endpoint.entity(f"Link{MAX_ALLOF_DEPTH - 1:02d}")
    assert {f"F{i}" for i in range(MAX_ALLOF_DEPTH)} <= set(deepest.fields_by_wire_name)


def test_a_long_ref_chain_is_followed_without_recursion(tmp_path):
    def chain(document: dict[str, Any]) -> None:
        document["parameters"] = {f"P{i}": {"$ref": f"#/parameters/P{i + 1}"} for i in range(3000)}
        document["parameters"]["P3000"] = {
            "in": "query", "name": "$top", "type": "integer"
        }  # fmt: skip
        document["paths"]["/Order"]["get"]["parameters"].append({"$ref": "#/parameters/P0"})

    spec = write_json(tmp_path / "refs.json", hostile(chain))
    assert load_endpoint(spec).entity("Order").top_level


# -- text that UTF-8 cannot hold --------------------------------------------------------------


def test_a_lone_surrogate_gives_a_package_that_imports_and_shows_it_as_text(tmp_path, capsys):
    def surrogates(document: dict[str, Any]) -> None:
        document["info"]["description"] = "info \ud800"
        document["tags"][0]["description"] = "Classes \udc80 (HS201000)"
        document["definitions"]["Order"]["allOf"][-1]["description"] = "An order \ud83d alone"
        order_properties(document)["Sur\ud800rogate"] = {
            "$ref": "#/definitions/StringValue",
            "description": "half a pair \udfff",
        }
        action = copy.deepcopy(document["paths"]["/Order/Return"])
        action["post"]["parameters"][0]["schema"]["$ref"] = "#/definitions/Do\ud800It"
        document["paths"]["/Order/Do\ud800It"] = action
        document["definitions"]["Do\ud800It"] = copy.deepcopy(document["definitions"]["Return"])
        document["definitions"]["Part\udc00"] = {
            "type": "object",
            "properties": {"A\udc01": STRING_FIELD},
        }
        order_properties(document)["Part"] = {"$ref": "#/definitions/Part\udc00"}

    spec = tmp_path / "surrogates.json"
    spec.write_text(json.dumps(hostile(surrogates)), encoding="utf-8")  # \\udXXX escapes: valid
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    project = tmp_path / "out" / "acumatica_hostile"
    for path in project.rglob("*"):
        if path.is_file():
            path.read_bytes().decode("utf-8")  # every file is UTF-8
    tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    shown = import_every_module(
        project,
        "acumatica_hostile",
        "from acumatica_hostile.models import Order\n"
        "print(ascii(Order.__doc__))\n"
        "print(ascii([wire for wire in Order._fields_.by_wire if 'rogate' in wire]))\n"
        "print(Order.from_dict({'Sur\\ud800rogate': {'value': 'kept'}}).surrogate)\n"
        "from acumatica_hostile.api.order import OrderApi\n"
        "from acumatica_hostile.models import Part\n"
        "print(callable(OrderApi.do_it), ascii(Part.__name__))\n",
    )
    docstring, wire_names, value, named = shown.splitlines()
    assert value == "kept"
    assert named == "True 'Part'"  # names made of the rest: an action method, a model class
    assert "An order \\\\ud83d alone" in docstring  # the six characters, not a surrogate
    assert wire_names == "['Sur\\ud800rogate']"  # the exact name the server knows
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "Classes \\\\udc80 (HS201000)" in readme  # Markdown source: shows as \udc80


# -- a failure half-way ------------------------------------------------------------------------


def fail_writes_after(monkeypatch: pytest.MonkeyPatch, count: int, error: BaseException) -> None:
    """Make the ``count``-th and later ``Path.write_bytes`` calls raise ``error``."""
    real = Path.write_bytes
    calls = {"n": 0}

    def write_bytes(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] >= count:
            raise error
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_failure_half_way_through_a_new_package_leaves_nothing(tmp_path, monkeypatch):
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    disk_full = OSError(errno.ENOSPC, "No space left on device")
    fail_writes_after(monkeypatch, 6, disk_full)
    with pytest.raises(UserError) as caught:
        write_package(endpoint, tmp_path / "out")
    project = tmp_path / "out" / "acumatica_hostile"
    assert str(caught.value) == (
        f"cannot write the package to {project}: No space left on device; "
        "choose an output folder you can write to"
    )
    assert not project.exists()
    monkeypatch.undo()
    result = write_package(endpoint, tmp_path / "out")
    assert result.removed == [] and len(result.written) == len(result.missing)


def test_ctrl_c_while_writing_a_new_package_leaves_nothing(tmp_path, monkeypatch):
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    fail_writes_after(monkeypatch, 3, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_package(endpoint, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_through_an_update_leaves_the_old_package(tmp_path, monkeypatch):
    spec = write_json(tmp_path / "v1.json", hostile())
    project = write_package(load_endpoint(spec), tmp_path / "out").project_dir
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}

    def add_field(document: dict[str, Any]) -> None:
        order_properties(document)["Added"] = STRING_FIELD
        document["definitions"]["Class"]["allOf"][-1]["properties"]["Added"] = STRING_FIELD

    newer = load_endpoint(write_json(tmp_path / "v2.json", hostile(add_field)))
    fail_writes_after(monkeypatch, 2, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(UserError, match="Input/output error"):
        write_package(newer, tmp_path / "out")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    monkeypatch.undo()
    assert write_package(newer, tmp_path / "out").written
    assert write_package(newer, tmp_path / "out", check=True).changed == []


def test_a_package_interrupted_while_moving_into_place_is_finished_by_the_next_run(
    tmp_path, monkeypatch
):
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    real_replace = os.replace
    moved: list[str] = []

    def replace(source: Any, target: Any) -> None:
        if len(moved) == 3:
            raise OSError(errno.EIO, "Input/output error", str(target))
        moved.append(Path(target).name)
        real_replace(source, target)

    monkeypatch.setattr(render.os, "replace", replace)
    with pytest.raises(UserError):
        write_package(endpoint, tmp_path / "out")
    monkeypatch.undo()
    assert moved[0] == "pyproject.toml"  # the marker first: the folder is known as ours
    assert not (tmp_path / "out" / "acumatica_hostile").exists()  # created by the run: removed
    write_package(endpoint, tmp_path / "out")
    assert write_package(endpoint, tmp_path / "out", check=True).changed == []


def test_an_existing_package_interrupted_while_moving_is_not_refused_next_time(
    tmp_path, monkeypatch
):
    spec = write_json(tmp_path / "v1.json", hostile())
    write_package(load_endpoint(spec), tmp_path / "out")

    def rename_entities(document: dict[str, Any]) -> None:
        document["info"]["description"] = "a new description"
        order_properties(document)["Added"] = STRING_FIELD

    newer = load_endpoint(write_json(tmp_path / "v2.json", hostile(rename_entities)))
    real_replace = os.replace
    calls = {"n": 0}

    def replace(source: Any, target: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.EIO, "Input/output error", str(target))
        real_replace(source, target)

    monkeypatch.setattr(render.os, "replace", replace)
    with pytest.raises(UserError):
        write_package(newer, tmp_path / "out")
    monkeypatch.undo()
    write_package(newer, tmp_path / "out")  # not "was not generated by acumatica-codegen"
    assert write_package(newer, tmp_path / "out", check=True).changed == []


def test_a_staging_folder_left_by_a_killed_run_is_removed_and_never_reported(tmp_path):
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    project = write_package(endpoint, tmp_path).project_dir
    stale = project / f"{STAGING_PREFIX}killed" / "acumatica_hostile"
    stale.mkdir(parents=True)
    (stale / "half.py").write_text("x = ")
    assert write_package(endpoint, tmp_path, check=True).changed == []
    (project / "README.md").write_text("edited")
    write_package(endpoint, tmp_path)
    assert [p.name for p in project.iterdir() if p.name.startswith(STAGING_PREFIX)] == []
    assert MARKER in (project / "pyproject.toml").read_text(encoding="utf-8")


def test_a_new_package_killed_before_its_marker_moved_is_not_refused_next_time(tmp_path):
    # SIGKILL (or a power cut) after the staging folder was made, before pyproject.toml moved:
    # the project folder holds the staging folder alone, and no ``except`` removed it.
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    project = tmp_path / "acumatica_hostile"
    (project / f"{STAGING_PREFIX}killed" / "acumatica_hostile").mkdir(parents=True)
    assert write_package(endpoint, tmp_path).project_dir == project
    assert [p.name for p in project.iterdir() if p.name.startswith(STAGING_PREFIX)] == []
    assert MARKER in (project / "pyproject.toml").read_text(encoding="utf-8")


def test_a_folder_with_a_staging_name_and_files_of_its_own_is_still_refused(tmp_path):
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    project = tmp_path / "acumatica_hostile"
    (project / f"{STAGING_PREFIX}killed").mkdir(parents=True)
    (project / "notes.txt").write_text("mine")
    with pytest.raises(UserError, match="was not generated by acumatica-codegen"):
        write_package(endpoint, tmp_path)
    assert (project / "notes.txt").read_text() == "mine"


# -- the cases that already held ---------------------------------------------------------------


def test_keywords_builtins_and_dunder_names_give_a_working_package(tmp_path, capsys):
    names = ["__init__", "__class__", "__dict__", "__slots__", "async", "await", "None", "self"]

    def dunders(document: dict[str, Any]) -> None:
        properties = order_properties(document)
        for name in names:
            properties[name] = STRING_FIELD
        document["definitions"]["__init__"] = {"type": "object", "properties": {"A": STRING_FIELD}}
        properties["Init"] = {"$ref": "#/definitions/__init__"}

    spec = write_json(tmp_path / "dunders.json", hostile(dunders))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    values = ", ".join(f"{name!r}: {{'value': {name!r}}}" for name in names)
    shown = import_every_module(
        tmp_path / "out" / "acumatica_hostile",
        "acumatica_hostile",
        "from acumatica_hostile.models import Order\n"
        f"order = Order.from_dict({{{values}}})\n"
        "print(sorted(order.to_dict()))\n",
    )
    assert shown.strip() == repr(sorted(names))


def test_names_of_10000_characters_give_a_working_black_clean_package(tmp_path, capsys):
    long_field = "Very" * 2500

    def long_names(document: dict[str, Any]) -> None:
        order_properties(document)[long_field] = STRING_FIELD
        document["definitions"]["Order"]["allOf"][-1]["description"] = "Long " * 2000
        document["tags"][1]["description"] = "Orders " + "z" * 10_000 + " (HS301000)"

    spec = write_json(tmp_path / "long.json", hostile(long_names))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    project = tmp_path / "out" / "acumatica_hostile"
    import_every_module(project, "acumatica_hostile")
    mode = black.Mode(line_length=100, target_versions={black.TargetVersion.PY310})
    for path in project.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert black.format_str(text, mode=mode) == text, path


def test_an_entity_name_too_long_for_a_file_name_is_one_line_saying_so(tmp_path, capsys):
    long_entity = "Entity" + "X" * 9994

    def long_entity_name(document: dict[str, Any]) -> None:
        document["definitions"][long_entity] = {"type": "object", "properties": {"A": STRING_FIELD}}
        order_properties(document)["Linked"] = {"$ref": f"#/definitions/{long_entity}"}

    spec = write_json(tmp_path / "long.json", hostile(long_entity_name))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(
        code, err, "too long for a file name", "entity_xxxxxxxx", "10004 characters"
    )
    assert not (tmp_path / "out" / "acumatica_hostile").exists()


def test_names_that_differ_only_in_case_get_distinct_files_and_attributes(tmp_path, capsys):
    def case_twins(document: dict[str, Any]) -> None:
        properties = order_properties(document)
        for name in ("Total", "TOTAL", "total"):
            properties[name] = STRING_FIELD
        for name in ("Part", "PART"):
            document["definitions"][name] = {"type": "object", "properties": {"A": STRING_FIELD}}
            properties[f"Link{name}"] = {"$ref": f"#/definitions/{name}"}

    spec = write_json(tmp_path / "case.json", hostile(case_twins))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    project = tmp_path / "out" / "acumatica_hostile"
    files = [p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()]
    assert len({f.casefold() for f in files}) == len(files)  # safe on macOS and Windows too
    fields = load_endpoint(spec).entity("Order").fields_by_wire_name
    python_names = {fields[name].python_name for name in ("Total", "TOTAL", "total")}
    assert len(python_names) == 3


@pytest.mark.parametrize(
    "definitions",
    [
        {"Loop": {"$ref": "#/definitions/Loop"}},
        {"Loop": {"allOf": [{"$ref": "#/definitions/Loop2"}]},
         "Loop2": {"allOf": [{"$ref": "#/definitions/Loop"}], "properties": {}}},
    ],
    ids=["ref", "allOf"],
)  # fmt: skip
def test_a_ref_cycle_is_one_line(tmp_path, capsys, definitions):
    spec = write_json(
        tmp_path / "cycle.json", hostile(lambda d: d["definitions"].update(definitions))
    )
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(code, err, f"{spec}#/definitions/Loop", "loops back")


@pytest.mark.parametrize(
    "ref",
    [
        "file:///etc/passwd",
        "../secrets.json#/definitions/X",
        "/etc/hostname",
        "https://attacker.example/x.json#/definitions/X",
        "//attacker.example/x.json",
    ],
)
def test_remote_and_file_system_refs_are_one_line_and_never_read(tmp_path, capsys, ref):
    def outside(document: dict[str, Any]) -> None:
        order_properties(document)["Outside"] = {"$ref": ref}

    spec = write_json(tmp_path / "refs.json", hostile(outside))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert_one_line_error(code, err, "/properties/Outside/$ref", "only local $refs")


def test_code_in_names_and_descriptions_never_runs(tmp_path, capsys):
    payload = "\"\"\"; import pathlib; pathlib.Path('PWNED').touch() #'''{{ 7*7 }}{% raw %}"

    def code_everywhere(document: dict[str, Any]) -> None:
        document["info"]["description"] = payload
        document["tags"][1]["description"] = payload + " (HS301000)"
        document["definitions"]["Order"]["allOf"][-1]["description"] = payload
        order_properties(document)[payload] = {"$ref": "#/definitions/StringValue"}
        order_properties(document)["Total"] = {
            "$ref": "#/definitions/StringValue",
            "description": payload,
        }

    spec = write_json(tmp_path / "code.json", hostile(code_everywhere))
    code, _, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    project = tmp_path / "out" / "acumatica_hostile"
    import_every_module(project, "acumatica_hostile")
    assert not list(tmp_path.rglob("PWNED"))
    assert "49" not in (project / "README.md").read_text(encoding="utf-8")


def test_no_name_in_the_document_writes_outside_the_output_folder(tmp_path, capsys):
    escapes = ["../../escaped", "/etc/escaped", "..\\..\\escaped", "~/escaped", "..", "."]

    def path_names(document: dict[str, Any]) -> None:
        properties = order_properties(document)
        for index, name in enumerate(escapes):
            document["definitions"][name] = {"type": "object", "properties": {"A": STRING_FIELD}}
            pointer = name.replace("~", "~0").replace("/", "~1")
            properties[f"Link{index}"] = {"$ref": f"#/definitions/{pointer}"}
            properties[name] = STRING_FIELD

    spec = write_json(tmp_path / "escape.json", hostile(path_names))
    home = Path.home()
    out = tmp_path / "deep" / "er" / "out"
    code, _, err = generate(spec, out, capsys)
    assert code == 0, err
    outside = [
        p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(out) and p != spec
    ]
    assert outside == []
    assert not (home / "escaped").exists()
    import_every_module(out / "acumatica_hostile", "acumatica_hostile")
