"""The command line: inspect, generate (with SPEC or from the config, --check), help, errors."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.cli import COMMANDS
from testkit import run_cli

REPO = Path(__file__).resolve().parent.parent
WEBSHOP_23 = REPO / "specs" / "WebShop_23.200.001.json"
WEBSHOP_24 = REPO / "specs" / "WebShop_24.200.001.json"
SCRIPT = Path(sys.executable).parent / "acumatica-codegen"


run = run_cli


def assert_one_error_line(code: int, err: str) -> str:
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


# -- help and version ----------------------------------------------------------------------------


def test_version_is_the_installed_distribution_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert (
        out.strip()
        == f"acumatica-codegen, version {importlib.metadata.version('acumatica-codegen')}"
    )


def test_help_lists_every_command(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_works_for_every_command(capsys, command):
    code, out, err = run([command, "--help"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: acumatica-codegen {command} ")


def test_an_unknown_command_is_a_usage_error(capsys):
    code, _, err = run(["genrate"], capsys)
    assert code == 2
    assert "No such command 'genrate'" in err
    assert "Traceback" not in err


# -- inspect -------------------------------------------------------------------------------------


def summary_rows(out: str) -> dict[str, str]:
    rows = {}
    for line in out.splitlines():
        label, _, value = line.partition("  ")
        rows[label.strip()] = value.strip()
    return rows


def test_inspect_prints_format_endpoint_version_and_counts(capsys):
    code, out, err = run(["inspect", str(WEBSHOP_24)], capsys)
    assert (code, err) == (0, "")
    rows = summary_rows(out)
    endpoint = load_endpoint(WEBSHOP_24)
    assert rows["format"] == "openapi-3.0.1"
    assert rows["endpoint"] == "WebShop"
    assert rows["version"] == "24.200.001"
    assert rows["contract"] == "4"
    assert rows["entities"] == "18"
    assert rows["top-level entities"] == "6"
    assert rows["actions"] == "13"
    total = sum(len(e.fields) for e in endpoint.entities)
    assert rows["fields"].startswith(f"{total} (")
    assert "9 detail" in rows["fields"] and "9 linked" in rows["fields"]
    assert rows["sha256"] == endpoint.spec_sha256


def test_inspect_says_what_an_unknown_contract_is_read_as(capsys, tmp_path):
    document = json.loads(WEBSHOP_24.read_text(encoding="utf-8"))
    document["info"]["version"] = "1.0.0"
    path = tmp_path / "WebShop_24.200.001.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(["inspect", str(path)], capsys)
    assert code == 0
    assert summary_rows(out)["contract"] == (
        "unknown (info.version is not a number): read as contract 4 or older"
    )


def test_inspect_reports_a_swagger_2_document(capsys):
    code, out, _ = run(["inspect", str(WEBSHOP_23)], capsys)
    assert code == 0
    rows = summary_rows(out)
    assert (rows["format"], rows["version"], rows["top-level entities"]) == (
        "swagger-2.0",
        "23.200.001",
        "5",
    )


def test_inspect_entities_lists_screens_and_keys(capsys):
    code, out, _ = run(["inspect", "--entities", str(WEBSHOP_23)], capsys)
    assert code == 0
    table = out.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["entity", "screen", "fields", "actions", "keys"]
    rows = {line.split()[0]: line for line in table[1:]}
    assert set(rows) == {"Customer", "Payment", "SalesInvoice", "SalesOrder", "StockItem"}
    assert "Sales Orders (SO301000)" in rows["SalesOrder"]
    assert rows["SalesOrder"].endswith("OrderType, OrderNbr")
    assert " (AR302000)" in rows["Payment"]


# -- bad input: one line, exit code 2, no traceback ---------------------------------------------

STRING_VALUE = {"type": "object", "properties": {"value": {"type": "string"}}}


def swagger2(definitions: dict) -> str:
    return json.dumps(
        {
            "swagger": "2.0",
            "info": {"title": "Shop/1.0.0"},
            "paths": {},
            "definitions": {"StringValue": STRING_VALUE, **definitions},
        }
    )


def entity_with(field: dict) -> str:
    return swagger2({"A": {"type": "object", "properties": {"F": field}}})


BAD_DOCUMENTS = {
    "not_json": ("{ this is not json", "", "not valid JSON"),
    "not_an_object": ("[]", "", "not an endpoint document"),
    "not_an_endpoint": ('{"name": "x"}', "", "not an endpoint document"),
    "dangling_ref": (
        entity_with({"$ref": "#/definitions/Nope"}),
        "#/definitions/A/properties/F/$ref",
        "points to no schema",
    ),
    "non_local_ref": (
        entity_with({"$ref": "other.json#/definitions/X"}),
        "#/definitions/A/properties/F/$ref",
        "only local $refs",
    ),
    "ref_loop": (
        swagger2({"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}),
        "#/definitions/A",
        "loops back",
    ),
    "allof_loop": (
        swagger2({"A": {"allOf": [{"$ref": "#/definitions/A"}]}}),
        "#/definitions/A/allOf/0/$ref",
        "loops back",
    ),
    "file_type": (entity_with({"type": "file"}), "#/definitions/A/properties/F/type", "'file'"),
    "no_identity": (
        swagger2({}).replace('"Shop/1.0.0"', '"Shop"'),
        "#/info/title",
        "name and version",
    ),
}


@pytest.fixture(params=sorted(BAD_DOCUMENTS))
def bad_document(request, tmp_path) -> tuple[Path, str, str]:
    text, pointer, phrase = BAD_DOCUMENTS[request.param]
    path = tmp_path / f"{request.param}.json"
    path.write_text(text, encoding="utf-8")
    return path, pointer, phrase


def test_inspect_of_a_bad_document_is_one_error_line_naming_file_and_pointer(capsys, bad_document):
    path, pointer, phrase = bad_document
    code, out, err = run(["inspect", str(path)], capsys)
    line = assert_one_error_line(code, err)
    assert line.startswith(f"error: {path}{pointer}: ")
    assert phrase in line
    assert out == ""


def test_generate_from_a_bad_document_writes_nothing(capsys, bad_document, tmp_path):
    path, pointer, _ = bad_document
    code, _, err = run(["generate", str(path), "-o", str(tmp_path / "out")], capsys)
    assert f"{path}{pointer}: " in assert_one_error_line(code, err)
    assert not (tmp_path / "out").exists()


def test_inspect_of_a_missing_file_is_an_error(capsys, tmp_path):
    code, _, err = run(["inspect", str(tmp_path / "nope.json")], capsys)
    assert "no such file" in assert_one_error_line(code, err)


@pytest.mark.parametrize("case", ["not_json", "allof_loop", "file_type"])
def test_the_installed_script_reports_bad_input_without_a_traceback(tmp_path, case):
    text, pointer, _ = BAD_DOCUMENTS[case]
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(SCRIPT), "inspect", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout == ""
    assert assert_one_error_line(done.returncode, done.stderr).startswith(
        f"error: {path}{pointer}: "
    )


def test_the_installed_script_runs_help():
    done = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Usage: acumatica-codegen" in done.stdout


# -- SIGTERM ends a command like Ctrl-C (fetch signing out is tested in test_fetch.py) -----------


def test_main_restores_the_previous_sigterm_handler_and_works_off_the_main_thread(capsys):
    before = signal.getsignal(signal.SIGTERM)
    assert run(["--help"], capsys)[0] == 0
    assert signal.getsignal(signal.SIGTERM) is before
    codes = []
    worker = threading.Thread(target=lambda: codes.append(run(["--help"], capsys)[0]))
    worker.start()
    worker.join()
    assert codes == [0]


def test_sigterm_stops_a_serving_sandbox_cleanly():
    # While it serves, uvicorn handles SIGTERM itself (a graceful shutdown, exit code 0); main's
    # handler covers the rest of the command (see test_main_restores_the_previous_sigterm...).
    process = subprocess.Popen(
        [str(SCRIPT), "sandbox", str(WEBSHOP_24), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split()[-1]
        deadline = time.monotonic() + 5
        while True:
            try:
                httpx.get(f"{url}/sandbox/stats", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0 and "Traceback" not in err, err


# -- generate SPEC -o OUT --------------------------------------------------------------------------


def test_generate_spec_writes_the_package_under_out(capsys, tmp_path):
    out_dir = tmp_path / "out"
    code, out, err = run(["generate", str(WEBSHOP_24), "-o", str(out_dir)], capsys)
    assert (code, err) == (0, "")
    project = out_dir / "acumatica_web_shop"
    assert (project / "pyproject.toml").is_file()
    assert (project / "acumatica_web_shop" / "py.typed").is_file()
    init = (project / "acumatica_web_shop" / "__init__.py").read_text(encoding="utf-8")
    assert 'ENDPOINT = "WebShop"' in init and 'VERSION = "24.200.001"' in init
    assert out.startswith("Generated acumatica_web_shop (WebShop 24.200.001)")


def test_generate_with_a_package_name(capsys, tmp_path):
    code, _, _ = run(
        ["generate", str(WEBSHOP_23), "-o", str(tmp_path), "--package", "my_shop"], capsys
    )
    assert code == 0
    assert (tmp_path / "my_shop" / "my_shop" / "__init__.py").is_file()


def test_generate_is_byte_identical_on_a_second_run(capsys, tmp_path):
    run(["generate", str(WEBSHOP_24), "-o", str(tmp_path)], capsys)
    first = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out, _ = run(["generate", str(WEBSHOP_24), "-o", str(tmp_path)], capsys)
    assert code == 0 and " 0 written, 0 removed" in out
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == first


def test_generate_spec_without_output_is_an_error(capsys):
    code, _, err = run(["generate", str(WEBSHOP_24)], capsys)
    assert "needs -o OUT" in assert_one_error_line(code, err)


def test_output_without_spec_is_an_error(capsys, tmp_path):
    code, _, err = run(["generate", "-o", str(tmp_path)], capsys)
    assert "go with SPEC" in assert_one_error_line(code, err)


def test_generate_refuses_to_overwrite_a_folder_it_did_not_generate(capsys, tmp_path):
    foreign = tmp_path / "acumatica_web_shop"
    foreign.mkdir()
    (foreign / "important.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(["generate", str(WEBSHOP_24), "-o", str(tmp_path)], capsys)
    assert "was not generated by acumatica-codegen" in assert_one_error_line(code, err)
    assert (foreign / "important.txt").read_text(encoding="utf-8") == "mine"


# -- generate from the config, and --check -------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A temporary project: pyproject.toml with one endpoint and a copy of its spec."""
    (tmp_path / "specs").mkdir()
    shutil.copy(WEBSHOP_24, tmp_path / "specs" / WEBSHOP_24.name)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.acumatica-codegen]\n\n"
        "[[tool.acumatica-codegen.endpoints]]\n"
        f'spec = "specs/{WEBSHOP_24.name}"\n'
        'output = "generated"\n'
        'include = ["SalesOrder"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_generate_without_spec_regenerates_the_configured_endpoints(capsys, project):
    code, out, err = run(["generate"], capsys)
    assert (code, err) == (0, "")
    package = project / "generated" / "acumatica_web_shop" / "acumatica_web_shop"
    assert (package / "__init__.py").is_file()
    apis = sorted(p.stem for p in (package / "api").glob("*.py"))
    assert apis == ["__init__", "sales_order"]  # include = ["SalesOrder"]
    assert "generated/acumatica_web_shop" in out


def test_generate_check_fails_on_a_stale_tree_and_passes_when_fresh(capsys, project):
    code, out, _ = run(["generate", "--check"], capsys)
    assert code == 1  # nothing generated yet: every file is missing, none "differs"
    assert "generated/acumatica_web_shop/README.md (missing)\n" in out
    assert "differ" not in out and "stale" not in out
    assert not (project / "generated").exists()  # --check writes nothing

    assert run(["generate"], capsys)[0] == 0
    files = sum(1 for p in (project / "generated").rglob("*") if p.is_file())
    assert f"generated/acumatica_web_shop: {files} missing\n" in out  # every file it then wrote
    assert f"not up to date ({files} missing); run `acumatica-codegen generate`:" in out
    code, out, _ = run(["generate", "--check"], capsys)
    assert code == 0
    assert "up to date" in out

    init = project / "generated" / "acumatica_web_shop" / "acumatica_web_shop" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    readme = project / "generated" / "acumatica_web_shop" / "README.md"
    readme.unlink()
    extra = init.parent / "models" / "left_over.py"
    extra.write_text("x = 1\n", encoding="utf-8")
    code, out, _ = run(["generate", "--check"], capsys)
    assert code == 1
    assert "generated/acumatica_web_shop/acumatica_web_shop/__init__.py (differs)" in out
    assert "generated/acumatica_web_shop/README.md (missing)" in out
    assert "models/left_over.py (no longer generated)" in out
    assert "not up to date (1 missing, 1 differs, 1 no longer generated)" in out
    assert init.read_text(encoding="utf-8").endswith("# edited by hand\n")  # still not written


def test_generate_check_sees_a_changed_spec(capsys, project):
    assert run(["generate"], capsys)[0] == 0
    spec = project / "specs" / WEBSHOP_24.name
    document = json.loads(spec.read_text(encoding="utf-8"))
    document["components"]["schemas"]["SalesOrder"]["allOf"][1]["properties"]["UsrGiftNote"] = {
        "$ref": "#/components/schemas/StringValue"
    }
    spec.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(["generate", "--check"], capsys)
    assert code == 1
    assert "models/sales_order.py" in out


def test_generate_with_an_explicit_config(capsys, project, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    code, _, err = run(["generate", "--config", str(project / "pyproject.toml")], capsys)
    assert (code, err) == (0, "")
    assert (project / "generated" / "acumatica_web_shop" / "pyproject.toml").is_file()


def test_generate_without_spec_or_config_is_a_clear_error(capsys, tmp_path, monkeypatch):
    if any((p / "pyproject.toml").is_file() for p in tmp_path.resolve().parents):
        pytest.skip("a pyproject.toml above the temporary folder")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["generate"], capsys)
    line = assert_one_error_line(code, err)
    assert "no pyproject.toml" in line and "give SPEC and -o OUT" in line


def test_generate_with_a_config_listing_no_endpoints_is_an_error(capsys, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.acumatica-codegen]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["generate"], capsys)
    assert "lists no endpoints" in assert_one_error_line(code, err)


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ('include = ["SalesOrders"]', "did you mean SalesOrder"),
        ('keys = { SalesOrder = ["OrderNo"] }', "OrderNo"),
        ('inlcude = ["SalesOrder"]', "unknown key 'inlcude'"),
    ],
)
def test_a_bad_config_is_one_error_line(capsys, project, line, phrase):
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace('include = ["SalesOrder"]', line)
    pyproject.write_text(text, encoding="utf-8")
    code, _, err = run(["generate"], capsys)
    assert phrase in assert_one_error_line(code, err)


def test_a_configured_spec_that_does_not_exist_is_an_error(capsys, project):
    (project / "specs" / WEBSHOP_24.name).unlink()
    code, _, err = run(["generate"], capsys)
    line = assert_one_error_line(code, err)
    assert WEBSHOP_24.name in line and "no such file" in line


@pytest.mark.parametrize("package", ["import", "class", "", "Bad-Name"])
def test_generate_refuses_a_package_name_that_cannot_be_imported(capsys, tmp_path, package):
    code, _, err = run(
        ["generate", str(WEBSHOP_23), "-o", str(tmp_path), "--package", package], capsys
    )
    assert "not a valid lower-case Python package name" in assert_one_error_line(code, err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("package", "phrase"),
    [
        ("httpx", "a library the generated package imports"),
        ("sniffio", "a library the generated package imports"),
        ("sys", "a standard-library module"),
        ("json", "a standard-library module"),
        ("acumatica_codegen", "the generator's own package"),
    ],
)
def test_generate_refuses_a_package_name_that_would_hide_a_module(
    capsys, tmp_path, package, phrase
):
    code, _, err = run(
        ["generate", str(WEBSHOP_23), "-o", str(tmp_path), "--package", package], capsys
    )
    line = assert_one_error_line(code, err)
    assert f"--package: package name {package!r} is {phrase}" in line
    assert "choose another name" in line
    assert list(tmp_path.iterdir()) == []


def test_generate_into_a_file_is_one_error_line(capsys, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    code, _, err = run(["generate", str(WEBSHOP_23), "-o", str(blocker)], capsys)
    assert "cannot write the package" in assert_one_error_line(code, err)


def test_generate_spec_with_config_is_refused(capsys, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.acumatica-codegen]\n")
    code, _, err = run(
        ["generate", str(WEBSHOP_23), "-o", str(tmp_path), "--config", str(config)], capsys
    )
    assert "--config goes without SPEC" in assert_one_error_line(code, err)


def _project(tmp_path: Path, body: str) -> Path:
    (tmp_path / "specs").mkdir()
    for spec in (WEBSHOP_23, WEBSHOP_24):
        (tmp_path / "specs" / spec.name).write_bytes(spec.read_bytes())
    config = tmp_path / "pyproject.toml"
    config.write_text(body)
    return config


def test_two_config_entries_writing_one_package_folder_are_refused(capsys, tmp_path):
    config = _project(
        tmp_path,
        "[[tool.acumatica-codegen.endpoints]]\nspec = 'specs/WebShop_23.200.001.json'\n"
        "[[tool.acumatica-codegen.endpoints]]\nspec = 'specs/WebShop_24.200.001.json'\n",
    )
    code, _, err = run(["generate", "--config", str(config)], capsys)
    assert "both generate acumatica_web_shop" in assert_one_error_line(code, err)
    assert not (tmp_path / "generated").exists()


def test_include_and_exclude_that_leave_nothing_are_refused(capsys, tmp_path):
    config = _project(
        tmp_path,
        "[[tool.acumatica-codegen.endpoints]]\nspec = 'specs/WebShop_23.200.001.json'\n"
        "include = ['Customer']\nexclude = ['Customer']\n",
    )
    code, _, err = run(["generate", "--config", str(config)], capsys)
    assert "leave no top-level entity" in assert_one_error_line(code, err)


def test_a_tool_table_that_is_not_a_table_is_one_error_line(capsys, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('tool = "x"\n')
    code, _, err = run(["generate", "--config", str(config)], capsys)
    assert "[tool.acumatica-codegen]" in assert_one_error_line(code, err)


@pytest.mark.parametrize(
    "argv", [["generate", "--bogus"], ["no-such-command"], ["diff", "only-one.json"]]
)
def test_a_usage_mistake_is_one_error_line_pointing_at_help(capsys, argv):
    code, _, err = run(argv, capsys)
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--help" in lines[0]


def test_generate_check_with_a_spec_names_the_command_that_fixes_it(capsys, tmp_path):
    from testkit import WEBSHOP_24

    out_dir = tmp_path / "out"
    code, out, _ = run(["generate", str(WEBSHOP_24), "-o", str(out_dir), "--check"], capsys)
    assert code == 1
    assert f"run `acumatica-codegen generate {WEBSHOP_24} -o {out_dir}`:" in out
