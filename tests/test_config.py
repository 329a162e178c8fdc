"""``[tool.acumatica-codegen]`` in pyproject.toml: a valid table, and every mistake a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from acumatica_codegen.config import find_pyproject, load_config
from acumatica_codegen.errors import UserError

REPO = Path(__file__).resolve().parent.parent

VALID = """
[project]
name = "my-integration"

[tool.acumatica-codegen]
url = "https://erp.example.com"
tenant = "Company"
branch = "HQ"

[[tool.acumatica-codegen.endpoints]]
spec = "specs/Default_24.200.001.json"
output = "src"
package = "acumatica_default"
include = ["Customer", "SalesOrder"]
exclude = ["Activity"]
keys = { Customer = ["CustomerID"], SalesOrder = ["OrderType", "OrderNbr"] }

[[tool.acumatica-codegen.endpoints]]
spec = "specs/Shop_1.0.0.json"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(UserError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message
    assert str(tmp_path / "pyproject.toml") in message
    return message


def endpoint_table(body: str) -> str:
    return f'[[tool.acumatica-codegen.endpoints]]\nspec = "a.json"\n{body}\n'


def test_a_valid_table_is_read_with_paths_relative_to_the_pyproject(tmp_path):
    config = load_config(write(tmp_path, VALID))
    assert config.path == tmp_path / "pyproject.toml"
    assert config.root == tmp_path
    assert (config.url, config.tenant, config.branch) == (
        "https://erp.example.com",
        "Company",
        "HQ",
    )
    first, second = config.endpoints
    assert first.spec == (tmp_path / "specs" / "Default_24.200.001.json").resolve()
    assert first.output == (tmp_path / "src").resolve()
    assert first.package == "acumatica_default"
    assert first.include == ("Customer", "SalesOrder")
    assert first.exclude == ("Activity",)
    assert first.keys == {"Customer": ("CustomerID",), "SalesOrder": ("OrderType", "OrderNbr")}


def test_endpoint_defaults(tmp_path):
    config = load_config(write(tmp_path, VALID))
    second = config.endpoints[1]
    assert second.output == (tmp_path / "generated").resolve()
    assert (second.package, second.include, second.exclude, second.keys) == (None, (), (), {})


def test_an_empty_table_has_no_endpoints(tmp_path):
    config = load_config(write(tmp_path, "[tool.acumatica-codegen]\n"))
    assert config.endpoints == ()
    assert (config.url, config.tenant, config.branch) == (None, None, None)


def test_the_project_own_config_lists_the_example_endpoints():
    config = load_config(REPO / "pyproject.toml")
    specs = [e.spec for e in config.endpoints]
    assert REPO / "specs" / "WebShop_23.200.001.json" in specs
    assert REPO / "specs" / "WebShop_24.200.001.json" in specs
    assert all(spec.is_file() for spec in specs)


def test_an_unknown_top_level_key_is_an_error_naming_it(tmp_path):
    message = error_of(tmp_path, '[tool.acumatica-codegen]\nurl = "x"\ntenat = "Company"\n')
    assert "unknown key 'tenat'" in message
    assert "tenant" in message  # the list of expected keys


def test_unknown_endpoint_keys_are_an_error_naming_them(tmp_path):
    message = error_of(tmp_path, endpoint_table('inlcude = ["Customer"]\npackages = "x"'))
    assert "unknown keys 'inlcude', 'packages'" in message
    assert "endpoints]] #1" in message


def test_the_second_endpoint_is_named_in_its_error(tmp_path):
    text = endpoint_table("") + endpoint_table("outptu = 'x'")
    assert "endpoints]] #2" in error_of(tmp_path, text)


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ("[tool.acumatica-codegen]\nurl = 42\n", "'url' must be a string"),
        ('[tool.acumatica-codegen]\ntenant = ["a"]\n', "'tenant' must be a string"),
        ('[tool.acumatica-codegen]\nendpoints = "specs/x.json"\n', "must be an array of tables"),
        ("[tool.acumatica-codegen]\nendpoints = [1]\n", "expected a table"),
        (endpoint_table("output = 3"), "'output' must be a string"),
        (endpoint_table('include = "Customer"'), "include: expected a list of strings"),
        (endpoint_table("exclude = [1, 2]"), "exclude: expected a list of strings"),
        (endpoint_table('keys = ["CustomerID"]'), "'keys' must be a table"),
        (endpoint_table('keys = { Customer = "CustomerID" }'), "keys.Customer: expected a list"),
        (endpoint_table('package = "Acumatica-Shop"'), "not a valid lower-case Python package"),
        (endpoint_table('package = "httpx"'), "package name 'httpx' is a library the generated"),
        (endpoint_table('package = "json"'), "package name 'json' is a standard-library module"),
        ('[tool]\nacumatica-codegen = "x"\n', "expected a table"),
    ],
)
def test_wrong_types_are_errors(tmp_path, body, phrase):
    assert phrase in error_of(tmp_path, body)


@pytest.mark.parametrize("body", ['output = "x"', 'spec = ""'])
def test_an_endpoint_without_spec_is_an_error(tmp_path, body):
    text = f"[[tool.acumatica-codegen.endpoints]]\n{body}\n"
    assert "'spec' is required" in error_of(tmp_path, text)


def test_a_pyproject_without_the_table_is_an_error(tmp_path):
    assert "no [tool.acumatica-codegen] table" in error_of(tmp_path, '[project]\nname = "x"\n')


def test_invalid_toml_is_an_error(tmp_path):
    assert "not valid TOML" in error_of(tmp_path, "[tool.acumatica-codegen\n")


def test_the_nearest_pyproject_is_found_from_a_subfolder(tmp_path, monkeypatch):
    write(tmp_path, VALID)
    nested = tmp_path / "src" / "deep"
    nested.mkdir(parents=True)
    assert find_pyproject(nested) == tmp_path / "pyproject.toml"
    monkeypatch.chdir(nested)
    assert load_config().path == (tmp_path / "pyproject.toml").resolve()


def test_no_pyproject_anywhere_is_an_error(tmp_path, monkeypatch):
    if any((p / "pyproject.toml").is_file() for p in tmp_path.resolve().parents):
        pytest.skip("a pyproject.toml above the temporary folder")
    with pytest.raises(UserError, match="no pyproject.toml"):
        find_pyproject(tmp_path)
