"""Reading an endpoint document: BOM, format detection, $refs, and errors that name file + pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.errors import SpecError, UserError
from acumatica_codegen.spec import SWAGGER_2, escape_pointer, parse_document, read_document

REPO = Path(__file__).resolve().parent.parent
WEBSHOP_23 = REPO / "specs" / "WebShop_23.200.001.json"
WEBSHOP_24 = REPO / "specs" / "WebShop_24.200.001.json"
FIXTURES = REPO / "tests" / "fixtures" / "specs"
WEBSHOP_24_SWAGGER2 = FIXTURES / "WebShop_24.200.001.swagger2.json"
OLD_CONTRACT = FIXTURES / "old_contract.json"

STRING_VALUE = {
    "type": "object",
    "properties": {"value": {"type": "string"}, "error": {"type": "string"}},
}


def swagger2(definitions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A minimal Swagger 2.0 endpoint document."""
    return {
        "swagger": "2.0",
        "info": {"title": "Shop/1.0.0", "version": "4"},
        "basePath": "/entity/Shop/1.0.0",
        "paths": {},
        "definitions": {"StringValue": STRING_VALUE, **definitions},
        **extra,
    }


def write(tmp_path: Path, document: Any, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def spec_error(path: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_endpoint(path)
    return caught.value


def assert_names_place(error: SpecError, path: Path, pointer: str) -> None:
    assert isinstance(error, UserError)
    assert error.path == str(path)
    assert error.pointer == pointer
    assert str(error).startswith(f"{path}#{pointer}: " if pointer else f"{path}: ")
    assert "\n" not in str(error)


# -- reading -----------------------------------------------------------------------------------


def test_a_utf8_bom_is_ignored(tmp_path):
    raw = WEBSHOP_24.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + raw)
    assert read_document(with_bom).data == read_document(WEBSHOP_24).data
    assert load_endpoint(with_bom) == load_endpoint(WEBSHOP_24)


def test_the_old_contract_fixture_starts_with_a_bom_and_reads(tmp_path):
    raw = OLD_CONTRACT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    without_bom = tmp_path / "nobom.json"
    without_bom.write_bytes(raw[3:])
    assert read_document(OLD_CONTRACT).data == read_document(without_bom).data


def test_sha256_is_of_the_bytes_on_disk():
    import hashlib

    document = read_document(WEBSHOP_23)
    assert document.sha256 == hashlib.sha256(WEBSHOP_23.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (WEBSHOP_23, SWAGGER_2),
        (WEBSHOP_24_SWAGGER2, SWAGGER_2),
        (WEBSHOP_24, "openapi-3.0.1"),
    ],
)
def test_the_format_is_detected_from_the_document(path, expected):
    document = read_document(path)
    assert document.format == expected
    assert document.schemas_pointer == (
        "/definitions" if expected == SWAGGER_2 else "/components/schemas"
    )


def test_openapi_3_1_is_accepted():
    document = parse_document(
        json.dumps({"openapi": "3.1.0", "components": {"schemas": {}}}).encode(), "x.json"
    )
    assert document.format == "openapi-3.1.0"


@pytest.mark.parametrize(
    ("document", "pointer", "phrase"),
    [
        ({"swagger": "1.2", "definitions": {}}, "/swagger", "unsupported Swagger version"),
        ({"openapi": "2.0", "components": {"schemas": {}}}, "/openapi", "unsupported OpenAPI"),
        ({"openapi": "4.0.0", "components": {"schemas": {}}}, "/openapi", "unsupported OpenAPI"),
    ],
)
def test_unsupported_versions_are_errors(tmp_path, document, pointer, phrase):
    path = write(tmp_path, document)
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert phrase in error.problem


def test_every_operation_is_found_with_its_body_and_response_schema_in_both_formats():
    def summary(path: Path) -> set[tuple[str, str, str | None, str | None]]:
        document = read_document(path)
        prefix = "#" + document.schemas_pointer + "/"
        return {
            (op.path, op.method, op.body_ref and op.body_ref.removeprefix(prefix),
             op.response_ref and op.response_ref.removeprefix(prefix))
            for op in document.operations()
        }  # fmt: skip

    openapi = summary(WEBSHOP_24)
    assert openapi == summary(WEBSHOP_24_SWAGGER2)
    # OpenAPI 3: the body arrives through requestBody, the list response through an array schema.
    assert ("/SalesOrder", "put", "SalesOrder", "SalesOrder") in openapi
    assert ("/SalesOrder", "get", None, "SalesOrder") in openapi
    assert ("/SalesOrder/CancelSalesOrder", "post", "CancelSalesOrder", None) in openapi


def test_tags_give_name_to_description():
    tags = read_document(WEBSHOP_23).tags
    assert tags["SalesOrder"] == "Sales Orders (SO301000)"
    assert tags["Payment"] == "(AR302000)"


@pytest.mark.parametrize(("token", "escaped"), [("a/b", "a~1b"), ("a~b", "a~0b"), ("~/", "~0~1")])
def test_escape_pointer_follows_rfc_6901(token, escaped):
    assert escape_pointer(token) == escaped


def test_a_ref_to_a_schema_whose_name_holds_a_slash_resolves(tmp_path):
    document = swagger2({"A/B": STRING_VALUE, "Holder": {"type": "object", "properties": {}}})
    path = write(tmp_path, document)
    spec = read_document(path)
    assert spec.schema_name("#/definitions/A~1B", "/x") == "A/B"


# -- bad input: every problem names the file and the JSON pointer ------------------------------


def test_a_missing_file_is_an_error(tmp_path):
    path = tmp_path / "nope.json"
    with pytest.raises(SpecError) as caught:
        read_document(path)
    assert_names_place(caught.value, path, "")
    assert "no such file" in caught.value.problem


def test_a_folder_is_an_error(tmp_path):
    with pytest.raises(SpecError, match="is a folder"):
        read_document(tmp_path)


def test_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"swagger": "2.0", "x": "é"}'.encode("latin-1"))
    with pytest.raises(SpecError, match="not UTF-8"):
        read_document(path)


def test_not_json_is_an_error_naming_line_and_column(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text('{\n  "swagger": "2.0",\n  oops\n}', encoding="utf-8")
    error = spec_error(path)
    assert_names_place(error, path, "")
    assert "not valid JSON" in error.problem
    assert "line 3" in error.problem


@pytest.mark.parametrize("document", [[1, 2], "text", 42, None])
def test_json_that_is_not_an_object_is_not_an_endpoint_document(tmp_path, document):
    path = write(tmp_path, document)
    error = spec_error(path)
    assert_names_place(error, path, "")
    assert "not an endpoint document" in error.problem


def test_a_json_object_without_swagger_or_openapi_is_not_an_endpoint_document(tmp_path):
    path = write(tmp_path, {"name": "package.json", "version": "1.0.0"})
    error = spec_error(path)
    assert_names_place(error, path, "")
    assert "not an endpoint document" in error.problem


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({"swagger": "2.0", "paths": {}}, "/definitions"),
        ({"openapi": "3.0.1", "paths": {}}, "/components/schemas"),
        ({"openapi": "3.0.1", "components": {"schemas": []}}, "/components/schemas"),
    ],
)
def test_a_document_without_schemas_says_so(tmp_path, document, pointer):
    path = write(tmp_path, document)
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert "expected an object of schemas" in error.problem
    assert "$ref" not in error.problem


def test_a_document_without_paths_is_an_error(tmp_path):
    document = swagger2({})
    del document["paths"]
    path = write(tmp_path, document)
    assert_names_place(spec_error(path), path, "/paths")


def test_a_dangling_ref_names_the_pointer_of_the_ref(tmp_path):
    path = write(
        tmp_path,
        swagger2({"A": {"type": "object", "properties": {"F": {"$ref": "#/definitions/Nope"}}}}),
    )
    error = spec_error(path)
    assert_names_place(error, path, "/definitions/A/properties/F/$ref")
    assert "#/definitions/Nope" in error.problem


def test_a_dangling_ref_in_allof_names_the_pointer_of_the_ref(tmp_path):
    path = write(tmp_path, swagger2({"A": {"allOf": [{"$ref": "#/definitions/Entity"}]}}))
    error = spec_error(path)
    assert_names_place(error, path, "/definitions/A/allOf/0/$ref")
    assert "points to nothing" in error.problem


def test_a_dangling_ref_in_a_path_names_the_pointer_of_the_ref(tmp_path):
    paths = {"/A": {"get": {"parameters": [{"$ref": "#/parameters/nope"}], "responses": {}}}}
    path = write(tmp_path, swagger2({}, paths=paths))
    error = spec_error(path)
    assert_names_place(error, path, "/paths/~1A/get/parameters/0/$ref")


@pytest.mark.parametrize(
    ("definitions", "pointer"),
    [
        (
            {"A": {"type": "object", "properties": {"F": {"$ref": "other.json#/definitions/X"}}}},
            "/definitions/A/properties/F/$ref",
        ),
        (
            {"A": {"allOf": [{"$ref": "https://example.com/x.json#/definitions/X"}]}},
            "/definitions/A/allOf/0/$ref",
        ),
    ],
)
def test_a_non_local_ref_is_an_error(tmp_path, definitions, pointer):
    path = write(tmp_path, swagger2(definitions))
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert "only local $refs" in error.problem


@pytest.mark.parametrize(
    ("definitions", "pointer"),
    [
        ({"A": {"$ref": "#/definitions/A"}}, "/definitions/A"),
        ({"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}, "/definitions/A"),
        (
            {"A": {"type": "object", "properties": {"F": {"$ref": "#/definitions/L"}}},
             "L": {"$ref": "#/definitions/L"}},
            "/definitions/L",
        ),
    ],
)  # fmt: skip
def test_a_ref_loop_is_an_error(tmp_path, definitions, pointer):
    path = write(tmp_path, swagger2(definitions))
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert "loops back" in error.problem


@pytest.mark.parametrize(
    ("definitions", "pointer"),
    [
        ({"A": {"allOf": [{"$ref": "#/definitions/A"}]}}, "/definitions/A/allOf/0/$ref"),
        (
            {"A": {"allOf": [{"$ref": "#/definitions/B"}]},
             "B": {"allOf": [{"$ref": "#/definitions/A"}], "properties": {}}},
            "/definitions/B/allOf/0/$ref",
        ),
    ],
)  # fmt: skip
def test_an_allof_loop_is_an_error_not_a_recursion_error(tmp_path, definitions, pointer):
    path = write(tmp_path, swagger2(definitions))
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert "loops back" in error.problem


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        ({"type": "file"}, "/definitions/A/properties/F/type"),
        ({"type": "null"}, "/definitions/A/properties/F/type"),
    ],
)
def test_a_property_type_that_cannot_be_mapped_is_an_error(tmp_path, schema, pointer):
    path = write(tmp_path, swagger2({"A": {"type": "object", "properties": {"F": schema}}}))
    error = spec_error(path)
    assert_names_place(error, path, pointer)
    assert repr(schema["type"]) in error.problem


def test_a_wrapper_value_type_that_cannot_be_mapped_is_an_error(tmp_path):
    wrapper = {"type": "object", "properties": {"value": {"type": "file"}}}
    path = write(tmp_path, swagger2({"FileValue": wrapper}))
    assert_names_place(spec_error(path), path, "/definitions/FileValue/properties/value/type")


def test_an_action_path_without_a_schema_body_is_an_error(tmp_path):
    paths = {
        "/A": {
            "put": {
                "parameters": [{"in": "body", "name": "e", "schema": {"$ref": "#/definitions/A"}}]
            }
        },
        "/A/Go": {"post": {"responses": {}}},
    }
    path = write(tmp_path, swagger2({"A": {"type": "object", "properties": {}}}, paths=paths))
    error = spec_error(path)
    assert_names_place(error, path, "/paths/~1A~1Go/post")
    assert "action request body" in error.problem


# -- malformed structure: a SpecError at the right place, never another exception ---------------


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    node = document
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "pointer"),
    [
        (("paths", "/Customer", "put", "tags"), 1, "/paths/~1Customer/put/tags"),
        (("paths", "/Customer", "put", "parameters"), True, "/paths/~1Customer/put/parameters"),
        (("definitions", "Customer", "allOf"), True, "/definitions/Customer/allOf"),
        (
            ("definitions", "Customer", "allOf", 1, "properties"),
            [],
            "/definitions/Customer/allOf/1/properties",
        ),
        (
            ("definitions", "ChangeCustomerClass", "properties", "parameters"),
            [],
            "/definitions/ChangeCustomerClass/properties/parameters",
        ),
        (
            ("definitions", "StringValue", "properties", "value", "format"),
            [1],
            "/definitions/StringValue/properties/value/format",
        ),
        (("definitions", "Customer", "allOf", 1, "description"), 5, None),  # text only
        (("tags",), {"name": "Customer"}, "/tags"),
        (("tags", 0), "Customer", "/tags/0"),
        (("tags", 0, "name"), 7, "/tags/0/name"),
        (("paths", "/Customer", "put", "tags", 0), 1, "/paths/~1Customer/put/tags"),
        (
            ("paths", "/Customer", "put", "parameters", 0),
            "body",
            "/paths/~1Customer/put/parameters/0",
        ),
        (
            ("paths", "/Customer", "put", "parameters", 4, "schema"),
            "Customer",
            "/paths/~1Customer/put/parameters/4/schema",
        ),
        (("paths", "/Customer", "get", "responses"), [], "/paths/~1Customer/get/responses"),
        (
            ("paths", "/Customer", "get", "responses", "200"),
            5,
            "/paths/~1Customer/get/responses/200",
        ),
        (
            ("paths", "/Customer", "get", "responses", "200", "schema"),
            "array",
            "/paths/~1Customer/get/responses/200/schema",
        ),
        (
            ("definitions", "Customer", "allOf", 1, "properties", "Contacts", "items"),
            "CustomerContact",
            "/definitions/Customer/allOf/1/properties/Contacts/items",
        ),
        (
            ("definitions", "Customer", "allOf", 1, "properties", "Active"),
            "boolean",
            "/definitions/Customer/allOf/1/properties/Active",
        ),
    ],
)
def test_malformed_structure_is_a_spec_error_at_its_pointer(tmp_path, path, value, pointer):
    document = json.loads(OLD_CONTRACT.read_text(encoding="utf-8-sig"))
    _set(document, path, value)
    written = write(tmp_path, document)
    if pointer is None:  # tolerated: the document still maps
        load_endpoint(written)
        return
    assert_names_place(spec_error(written), written, pointer)


@pytest.mark.parametrize("name", ["Entity", "FileLink", "HttpError", "CustomField", "Customer"])
@pytest.mark.parametrize("value", [5, [], ["Customer"], "object", None, True])
def test_a_schema_that_is_not_an_object_is_a_spec_error_at_its_pointer(tmp_path, name, value):
    document = json.loads(OLD_CONTRACT.read_text(encoding="utf-8-sig"))
    document["definitions"][name] = value
    written = write(tmp_path, document)
    error = spec_error(written)
    assert_names_place(error, written, f"/definitions/{name}")
    assert error.problem.startswith("expected a schema object (a JSON object), found ")


def test_an_openapi_schema_that_is_a_number_is_a_spec_error_even_when_nothing_uses_it(tmp_path):
    document = {
        "openapi": "3.0.1",
        "info": {"title": "Shop/1.0.0", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Entity": 5}},
    }
    written = write(tmp_path, document)
    error = spec_error(written)
    assert_names_place(error, written, "/components/schemas/Entity")
    assert "found a number (5)" in error.problem


def test_a_schema_ref_to_something_that_is_not_an_object_names_the_target(tmp_path):
    document = swagger2({"A": {"$ref": "#/info/title"}})
    written = write(tmp_path, document)
    error = spec_error(written)
    assert_names_place(error, written, "/info/title")
    assert "found a string ('Shop/1.0.0')" in error.problem


def test_an_openapi_request_body_or_content_that_is_not_an_object_is_a_spec_error(tmp_path):
    document = json.loads(WEBSHOP_24.read_text(encoding="utf-8-sig"))
    document["paths"]["/Customer"]["put"]["requestBody"] = {"content": ["application/json"]}
    written = write(tmp_path, document)
    assert_names_place(spec_error(written), written, "/paths/~1Customer/put/requestBody/content")
    document["paths"]["/Customer"]["put"]["requestBody"] = {"content": {"application/json": 1}}
    written = write(tmp_path, document)
    assert_names_place(
        spec_error(written), written, "/paths/~1Customer/put/requestBody/content/application~1json"
    )


def _node_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        children = node.items()
    elif isinstance(node, list):
        children = enumerate(node)
    else:
        return [path]
    return [path] + [p for key, child in children for p in _node_paths(child, path + (key,))]


@pytest.mark.parametrize("source", [OLD_CONTRACT, FIXTURES / "hostile.json"], ids=lambda p: p.name)
def test_any_corrupted_node_gives_a_spec_error_or_an_ir_never_a_crash(source):
    import random

    original = source.read_text(encoding="utf-8-sig")
    paths = [p for p in _node_paths(json.loads(original)) if p]
    replacements = [None, 1, True, "x", [], {}, [1], {"$ref": 5}, {"$ref": "#/x"}, {"type": "file"}]
    rng = random.Random(20261126)
    for _ in range(250):
        document = json.loads(original)
        path, value = rng.choice(paths), rng.choice(replacements)
        _set(document, path, value)
        try:
            load_endpoint_from_bytes(json.dumps(document).encode())
        except SpecError:
            pass
        except UserError:  # e.g. a key override; not expected here, but a clean error
            pass
        except Exception as error:  # pragma: no cover - the failure message
            pytest.fail(f"{path} = {value!r}: {type(error).__name__}: {error}")


def load_endpoint_from_bytes(raw: bytes):
    from acumatica_codegen.builder import build_ir

    return build_ir(parse_document(raw, "corrupt.json"))
