"""render: the generated tree, file by file, for each version of the example endpoint.

The committed ``generated/<example>/`` trees are the one snapshot of what the templates produce:
syrupy compares each rendered file with its copy there (``GeneratedTree``), so a template change
shows up as a diff of ``generated/``. Update them with ``acumatica-codegen generate`` or
``pytest tests/test_render.py --snapshot-update`` (the same bytes) and read the diff before
committing.
"""

from __future__ import annotations

import ast
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from acumatica_codegen.builder import build_ir, load_endpoint
from acumatica_codegen.errors import UserError
from acumatica_codegen.naming import GENERATED_MODULE_NAMES
from acumatica_codegen.render import (
    default_package_name,
    docstring,
    py_str,
    render_package,
    write_package,
)
from acumatica_codegen.spec import parse_document
from syrupy.data import SnapshotCollections
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from syrupy.location import PyTestLocation

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = ("WebShop_23.200.001", "WebShop_24.200.001", "WebShop_26.200.001")
FIXTURES = REPO / "tests" / "fixtures" / "specs"


def _render(example: str) -> dict[str, str]:
    spec = REPO / "specs" / f"{example}.json"
    return render_package(load_endpoint(spec), spec_name=spec.name)


_RENDERED = {example: _render(example) for example in EXAMPLES}
_PACKAGES = {
    example: default_package_name(load_endpoint(REPO / "specs" / f"{example}.json"))
    for example in EXAMPLES
}


def _snapshot_id(example: str, path: str) -> str:
    return f"{example}-{path.replace('/', '.')}"


# Test id -> the committed file that is its snapshot: generated/<example>/<package>/<path>.
_TREE_FILES = {
    _snapshot_id(example, path): REPO / "generated" / example / _PACKAGES[example] / path
    for example in EXAMPLES
    for path in _RENDERED[example]
}


class GeneratedTree(SingleFileSnapshotExtension):
    """Syrupy snapshots stored as the committed ``generated/`` tree itself, byte for byte.

    Each test's snapshot is the file ``acumatica-codegen generate`` writes for it, so there is one
    copy of the generated output. Syrupy never discovers files there, so ``--snapshot-update``
    never deletes one (a file the generator no longer writes is ``generate --check``'s to report
    and ``generate``'s to remove, as it does in any output folder).
    """

    _write_mode = WriteMode.BINARY
    file_extension = ""

    @classmethod
    def get_location(cls, *, test_location: PyTestLocation, index: object = 0) -> str:
        name = test_location.snapshot_name_parametrized
        return str(_TREE_FILES[name[name.index("[") + 1 : -1]])

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(REPO / "generated")

    @classmethod
    def discovery_dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(REPO / "generated")

    @classmethod
    def matches_test_location(
        cls, *, test_location: PyTestLocation, snapshot_location: str
    ) -> bool:
        return Path(snapshot_location) in _TREE_FILES.values()

    def discover_snapshots(self, **_: object) -> SnapshotCollections:
        return SnapshotCollections()  # nothing there is syrupy's to report unused or delete

    def delete_snapshots(self, *, snapshot_location: str, snapshot_names: set[str]) -> None:
        raise AssertionError(f"syrupy must not delete {snapshot_location}")


@pytest.mark.parametrize(
    ("example", "path"),
    [(example, path) for example in EXAMPLES for path in sorted(_RENDERED[example])],
    ids=[_snapshot_id(e, p) for e in EXAMPLES for p in sorted(_RENDERED[e])],
)
def test_generated_file_matches_snapshot(example: str, path: str, snapshot) -> None:
    assert _RENDERED[example][path].encode("utf-8") == snapshot.use_extension(GeneratedTree)


def test_snapshot_update_never_deletes_a_file_under_generated() -> None:
    # Syrupy deletes only what an extension discovers and cannot match to a test: ours
    # discovers nothing under generated/, and refuses a deletion if syrupy ever asks.
    tree = GeneratedTree()
    assert list(tree.discover_snapshots()) == []
    readme = _TREE_FILES[_snapshot_id(EXAMPLES[0], "README.md")]
    with pytest.raises(AssertionError, match="must not delete"):
        tree.delete_snapshots(snapshot_location=str(readme), snapshot_names={"README.md"})
    assert readme.is_file()


def test_committed_generated_tree_is_up_to_date() -> None:
    # What ``generate --check`` runs: the same files as the snapshots above, plus files that the
    # generator wrote once and no longer renders.
    for example in EXAMPLES:
        endpoint = load_endpoint(REPO / "specs" / f"{example}.json")
        result = write_package(
            endpoint, REPO / "generated" / example, spec_name=f"{example}.json", check=True
        )
        assert result.changed == [], f"run `acumatica-codegen generate`: {result.changed}"


def test_rendering_twice_is_byte_identical() -> None:
    assert _render(EXAMPLES[1]) == _RENDERED[EXAMPLES[1]]


def _shuffled(node: object, rng: random.Random) -> object:
    if isinstance(node, dict):
        items = list(node.items())
        rng.shuffle(items)
        return {key: _shuffled(value, rng) for key, value in items}
    if isinstance(node, list):
        return [_shuffled(item, rng) for item in node]
    return node


def test_output_does_not_depend_on_key_order_in_the_document() -> None:
    spec = REPO / "specs" / f"{EXAMPLES[1]}.json"
    data = json.loads(spec.read_text(encoding="utf-8-sig"))
    shuffled = json.dumps(_shuffled(data, random.Random(7))).encode()
    endpoint = build_ir(parse_document(shuffled, spec.name))
    files = render_package(endpoint, spec_name=spec.name)
    original = _RENDERED[EXAMPLES[1]]
    # Only the document's checksum differs: the bytes changed, the endpoint did not.
    sha, original_sha = endpoint.spec_sha256, load_endpoint(spec).spec_sha256
    assert {p: t.replace(sha, "<sha>") for p, t in files.items()} == {
        p: t.replace(original_sha, "<sha>") for p, t in original.items()
    }


def test_no_timestamps_or_absolute_paths_in_generated_files() -> None:
    for files in _RENDERED.values():
        for path, text in files.items():
            assert str(REPO) not in text, path
            assert "/tmp/" not in text, path
            assert "2026-" not in text and "2025-" not in text, path


def test_black_leaves_generated_trees_unchanged(tmp_path: Path) -> None:
    for example, files in _RENDERED.items():
        for path, text in files.items():
            target = tmp_path / example / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    hostile = load_endpoint(FIXTURES / "hostile.json")
    write_package(hostile, tmp_path / "hostile")
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "-l", "100", "-t", "py310", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_package_name_defaults_to_endpoint_in_snake_case_without_version() -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    assert default_package_name(endpoint) == "acumatica_web_shop"
    files = _RENDERED[EXAMPLES[1]]
    assert 'VERSION = "24.200.001"' in files["acumatica_web_shop/__init__.py"]
    assert 'version = "24.200.001"' in files["pyproject.toml"]


def test_upgrade_regenerates_the_same_file_names_for_kept_entities() -> None:
    old, new = (set(_RENDERED[e]) for e in EXAMPLES[:2])
    assert "acumatica_web_shop/models/sales_order.py" in old & new
    assert "acumatica_web_shop/api/shipment.py" in new - old


def test_invalid_package_name_is_a_user_error() -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    with pytest.raises(UserError, match="not a valid"):
        render_package(endpoint, "Not-A-Package")


def test_write_refuses_to_clean_a_folder_it_did_not_generate(tmp_path: Path) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    foreign = tmp_path / "acumatica_web_shop"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("mine")
    with pytest.raises(UserError, match="not generated by acumatica-codegen"):
        write_package(endpoint, tmp_path)
    assert (foreign / "precious.txt").read_text() == "mine"


def test_symlinked_output_folder_and_files_are_written_through(tmp_path: Path) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    project = write_package(endpoint, tmp_path / "out").project_dir
    assert (elsewhere / "acumatica_web_shop" / "pyproject.toml").is_file()
    readme = project / "README.md"
    kept = tmp_path / "README.kept.md"
    readme.rename(kept)
    readme.symlink_to(kept)
    kept.write_text("stale")
    write_package(endpoint, tmp_path / "out")
    assert (tmp_path / "out").is_symlink() and readme.is_symlink()
    assert kept.read_text() == _RENDERED[EXAMPLES[0]]["README.md"]


@pytest.mark.parametrize("kind", ["device", "directory"])
def test_write_refuses_a_device_or_folder_where_a_file_goes(tmp_path: Path, kind: str) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    project = write_package(endpoint, tmp_path).project_dir
    readme = project / "README.md"
    readme.unlink()
    if kind == "device":
        readme.symlink_to("/dev/null")
    else:
        readme.mkdir()
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*.py")}
    for path in before:
        path.write_text("# edited\n")
    with pytest.raises(UserError) as raised:
        write_package(endpoint, tmp_path)
    said = (
        "a character device (through the link to /dev/null)" if kind == "device" else "a directory"
    )
    assert str(raised.value) == (
        f"{readme} is {said}, not a regular file; refusing to replace it: "
        "remove it, or choose another output folder"
    )
    assert all(path.read_text() == "# edited\n" for path in before)  # nothing written
    assert kind != "device" or readme.is_symlink()


def test_regeneration_removes_files_that_no_longer_belong(tmp_path: Path) -> None:
    new = load_endpoint(REPO / "specs" / f"{EXAMPLES[1]}.json")
    old = load_endpoint(REPO / "specs" / f"{EXAMPLES[0]}.json")
    write_package(new, tmp_path)
    assert (tmp_path / "acumatica_web_shop/acumatica_web_shop/api/shipment.py").exists()
    result = write_package(old, tmp_path)
    assert "acumatica_web_shop/api/shipment.py" in result.removed
    assert not (tmp_path / "acumatica_web_shop/acumatica_web_shop/api/shipment.py").exists()
    assert write_package(old, tmp_path, check=True).changed == []


@pytest.mark.parametrize(
    "text",
    [
        'say "hi"',
        "it's",
        "both ' and \"",
        "back\\slash",
        "new\nline",
        "tab\t",
        "ü 日本 🎉",
        "\x00\x1f",
    ],
)
def test_py_str_is_an_exact_python_literal(text: str) -> None:
    assert eval(py_str(text)) == text  # noqa: S307 - the point is to evaluate our own literal


@pytest.mark.parametrize(
    "text",
    [
        'ends with a quote"',
        'has """ triple',
        "trailing backslash\\",
        "line\nbreaks\n\nparagraph",
        "x" * 300,
    ],
)
def test_docstring_cannot_escape_its_quotes(text: str) -> None:
    source = f"def f():\n    {docstring(text, 4)}\n"
    namespace: dict[str, object] = {}
    exec(compile(source, "<docstring>", "exec"), namespace)  # noqa: S102
    assert callable(namespace["f"])


def test_hostile_names_and_descriptions_cannot_inject_code(tmp_path: Path) -> None:
    endpoint = load_endpoint(FIXTURES / "hostile.json")
    result = write_package(endpoint, tmp_path)
    package = result.project_dir.name
    marker = tmp_path / "injected"
    # Importing every module must run nothing but definitions: no file appears, no error.
    code = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(result.project_dir)!r})\n"
        f"import {package}, {package}.models as m, {package}.api as a\n"
        "for mod in (m, a):\n"
        "    for info in pkgutil.iter_modules(mod.__path__):\n"
        "        importlib.import_module(f'{mod.__name__}.{info.name}')\n"
        f"{package}.Client\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"
    assert not marker.exists()
    for path in result.project_dir.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_check_tells_missing_files_from_files_that_differ(tmp_path: Path) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[1]}.json")
    fresh = write_package(endpoint, tmp_path, check=True)
    assert fresh.missing == fresh.written and fresh.missing
    assert {fresh.state(path) for path in fresh.changed} == {"missing"}
    project = write_package(endpoint, tmp_path).project_dir
    (project / "README.md").unlink()
    (project / "pyproject.toml").write_text("# edited\n" + (project / "pyproject.toml").read_text())
    result = write_package(endpoint, tmp_path, check=True)
    assert result.missing == ["README.md"]
    assert {path: result.state(path) for path in result.changed} == {
        "README.md": "missing",
        "pyproject.toml": "differs",
    }


def test_regeneration_leaves_caches_and_tool_folders_alone(tmp_path: Path) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[1]}.json")
    project = write_package(endpoint, tmp_path).project_dir
    for tool_file in (".mypy_cache/x.json", ".venv/bin/python", "pkg.egg-info/PKG-INFO"):
        (project / tool_file).parent.mkdir(parents=True, exist_ok=True)
        (project / tool_file).write_text("keep me")
    assert write_package(endpoint, tmp_path, check=True).changed == []
    write_package(endpoint, tmp_path)
    assert (project / ".mypy_cache/x.json").read_text() == "keep me"
    assert (project / ".venv/bin/python").exists()


def test_regeneration_leaves_files_of_other_kinds_alone(tmp_path: Path) -> None:
    endpoint = load_endpoint(REPO / "specs" / f"{EXAMPLES[1]}.json")
    project = write_package(endpoint, tmp_path).project_dir
    (project / "NOTES.txt").write_text("my notes")
    (project / "acumatica_web_shop" / "models" / "stale_module.py").write_text("x = 1\n")
    result = write_package(endpoint, tmp_path)
    assert result.removed == ["acumatica_web_shop/models/stale_module.py"]
    assert (project / "NOTES.txt").read_text() == "my notes"


def _module_bindings(source: str) -> list[str]:
    """Every name a module binds at its top level (``if TYPE_CHECKING:`` blocks included)."""
    names: list[str] = []
    statements = list(ast.parse(source).body)
    while statements:
        node = statements.pop(0)
        if isinstance(node, ast.If):
            statements[:0] = node.body + node.orelse
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


@pytest.mark.parametrize(
    "spec",
    [REPO / "specs" / f"{e}.json" for e in EXAMPLES]
    + [FIXTURES / "hostile.json", FIXTURES / "old_contract.json"],
    ids=lambda p: p.stem,
)
def test_entity_classes_never_take_a_name_the_models_and_api_modules_import(spec: Path) -> None:
    """The builder keeps entity class names out of ``GENERATED_MODULE_NAMES``; every name the
    templates bind beside the entity classes must therefore be in it (a new import is caught here).
    """
    endpoint = load_endpoint(spec)
    classes = {e.class_name for e in endpoint.entities}
    api_classes = {f"{flavor}{name}Api" for name in classes for flavor in ("", "Async")}
    for path, text in render_package(endpoint).items():
        if not re.search(r"/(models|api)/[^/]+\.py$", path):
            continue
        names = _module_bindings(text)
        assert len(names) == len(set(names)), f"{path} binds a name twice: {sorted(names)}"
        assert set(names) - classes - api_classes <= GENERATED_MODULE_NAMES, path


def test_generated_readme_lists_keys_and_says_when_a_record_is_reached_by_id_only() -> None:
    from dataclasses import replace

    from testkit import WEBSHOP_24

    endpoint = load_endpoint(WEBSHOP_24)
    keyless = [replace(e, keys=()) if e.name == "Payment" else e for e in endpoint.entities]
    readme = render_package(replace(endpoint, entities=tuple(keyless)))["README.md"]
    rows = {
        line.split("|")[2].strip(): line for line in readme.splitlines() if "| `client." in line
    }
    assert "| OrderType, OrderNbr |" in rows["`SalesOrder`"]
    assert "| — (by id only) |" in rows["`Payment`"]


def test_only_entities_with_keys_get_typed_get_by_keys_and_no_type_ignore_is_needed() -> None:
    from dataclasses import replace

    from testkit import WEBSHOP_24

    endpoint = load_endpoint(WEBSHOP_24)
    keyless = [replace(e, keys=()) if e.name == "Payment" else e for e in endpoint.entities]
    files = render_package(replace(endpoint, entities=tuple(keyless)))
    payment = files["acumatica_web_shop/api/payment.py"]
    order = files["acumatica_web_shop/api/sales_order.py"]
    assert "get_by_keys" not in payment and "delete_by_keys" not in payment
    assert (
        "def get_by_keys(\n        self,\n        order_type: str,\n        order_nbr: str,"
        in order
    )
    assert "self._get_by_keys(\n            (order_type, order_nbr)," in order
    api_modules = [text for path, text in files.items() if "/api/" in path]
    assert api_modules and all("type: ignore" not in text for text in api_modules)


def test_a_list_literal_too_long_for_one_line_is_laid_out_one_item_per_line_like_black() -> None:
    import black
    from acumatica_codegen.render import call

    # Default 24's Contact family: the items fit on one indented line, but black explodes a list.
    names = [
        "Contact",
        "ContactDuplicateDetail",
        "ContactNotification",
        "ContactRoles",
        "ContactUserInfo",
    ]
    text = call("", [f'"{n}"' for n in names], 0, prefix="__all__ = ", suffix="", brackets="[]")
    mode = black.Mode(line_length=100)
    assert text.count("\n") == len(names) + 1
    assert black.format_str(text + "\n", mode=mode) == text + "\n"
