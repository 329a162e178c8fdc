"""Document → IR: value types, entities and fields, top-level entities, actions, keys, names."""

from __future__ import annotations

import functools
import json
import keyword
import random
import re
from pathlib import Path
from typing import Any

import pytest
from acumatica_codegen import naming
from acumatica_codegen.builder import (
    API_RESERVED,
    CLASS_RESERVED,
    CLIENT_RESERVED,
    MODEL_RESERVED,
    load_endpoint,
)
from acumatica_codegen.errors import SpecError, UserError
from acumatica_codegen.ir import Endpoint, FieldKind, Scalar, ValueType
from testkit import FIXTURES, REAL_SPEC_NAMES, WEBSHOP_23, WEBSHOP_24

WEBSHOP_24_SWAGGER2 = FIXTURES / "WebShop_24.200.001.swagger2.json"
HOSTILE = FIXTURES / "hostile.json"
OLD_CONTRACT = FIXTURES / "old_contract.json"
ALL_FIXTURES = [WEBSHOP_23, WEBSHOP_24, WEBSHOP_24_SWAGGER2, HOSTILE, OLD_CONTRACT]

INHERITED = {
    # wire name: (kind, scalar, value type)
    "id": (FieldKind.PLAIN, Scalar.GUID, None),
    "rowNumber": (FieldKind.PLAIN, Scalar.INT, None),
    "note": (FieldKind.VALUE, Scalar.STRING, "StringValue"),
    "custom": (FieldKind.CUSTOM, Scalar.ANY, None),
    "error": (FieldKind.PLAIN, Scalar.STRING, None),
    "files": (FieldKind.FILES, Scalar.ANY, None),
}


@functools.cache
def load(path: Path) -> Endpoint:
    return load_endpoint(path)


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def write(tmp_path: Path, document: Any, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# -- a small synthetic document in both formats ------------------------------------------------

WRAPPERS = {
    "StringValue": {"value": {"type": "string"}, "error": {"type": "string"}},
    "DecimalValue": {"value": {"type": "number", "format": "double"}, "error": {"type": "string"}},
    "IntValue": {"value": {"type": "integer", "format": "int32"}, "error": {"type": "string"}},
}


def schemas(ref_prefix: str, *, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    def ref(name: str) -> dict[str, str]:
        return {"$ref": ref_prefix + name}

    result: dict[str, Any] = {
        name: {"type": "object", "properties": props} for name, props in WRAPPERS.items()
    }
    result["Entity"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "rowNumber": {"type": "integer", "format": "int64"},
            "note": ref("StringValue"),
            "custom": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": ref("CustomField"),
                },
            },
            "error": {"type": "string"},
            "files": {"type": "array", "items": ref("FileLink")},
        },
    }
    result["CustomField"] = {"type": "object", "properties": {"type": {"type": "string"}}}
    result["FileLink"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    result["CustomIntField"] = {
        "allOf": [ref("CustomField"), {"type": "object", "properties": WRAPPERS["IntValue"]}]
    }
    result["Order"] = {
        "allOf": [
            ref("Entity"),
            {
                "type": "object",
                "description": "An order.",
                "properties": {
                    "OrderNbr": ref("StringValue"),
                    "Total": ref("DecimalValue"),
                    "Lines": {"type": "array", "items": ref("OrderLine")},
                    "Plain": {"type": "string", "description": "a plain string"},
                },
            },
        ]
    }
    result["OrderLine"] = {
        "allOf": [ref("Entity"), {"type": "object", "properties": {"Qty": ref("IntValue")}}]
    }
    result["Ship"] = {
        "type": "object",
        "properties": {
            "entity": ref("Order"),
            "parameters": {"type": "object", "properties": {"Count": ref("IntValue")}},
        },
    }
    result["OrderCustomAction"] = {
        "type": "object",
        "properties": {"entity": ref("Order"), "parameters": {"type": "object"}},
    }
    result.update(extra or {})
    return result


def swagger2_document(**extra: Any) -> dict[str, Any]:
    def body(name: str) -> list[dict[str, Any]]:
        return [{"in": "body", "name": "e", "schema": {"$ref": "#/definitions/" + name}}]

    return {
        "swagger": "2.0",
        "info": {"title": "Shop/1.0.0", "version": "4"},
        "basePath": "/entity/Shop/1.0.0",
        "tags": [{"name": "Order", "description": "Orders (SO301000)"}],
        "paths": {
            "/Order": {
                "put": {"tags": ["Order"], "parameters": body("Order"), "responses": {}},
                "get": {
                    "tags": ["Order"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {"type": "array", "items": {"$ref": "#/definitions/Order"}},
                        }
                    },
                },
            },
            "/Order/Ship": {"post": {"parameters": body("Ship"), "responses": {}}},
            "/Order/{actionName}": {
                "post": {"parameters": body("OrderCustomAction"), "responses": {}}
            },
        },
        "definitions": schemas("#/definitions/", extra=extra),
    }


def openapi3_document(**extra: Any) -> dict[str, Any]:
    def body(name: str) -> dict[str, Any]:
        return {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + name}}}
        }

    return {
        "openapi": "3.0.1",
        "info": {"title": "Shop/1.0.0", "version": "4"},
        "servers": [{"url": "https://erp.example.com/entity/Shop/1.0.0"}],
        "tags": [{"name": "Order", "description": "Orders (SO301000)"}],
        "paths": {
            "/Order": {
                "put": {"tags": ["Order"], "requestBody": body("Order"), "responses": {}},
                "get": {
                    "tags": ["Order"],
                    "responses": {"200": {"$ref": "#/components/responses/Orders"}},
                },
            },
            "/Order/Ship": {"post": {"requestBody": {"$ref": "#/components/requestBodies/Ship"}}},
            "/Order/{actionName}": {"post": {"requestBody": body("OrderCustomAction")}},
        },
        "components": {
            "schemas": schemas("#/components/schemas/", extra=extra),
            "requestBodies": {"Ship": body("Ship")},
            "responses": {
                "Orders": {
                    "description": "ok",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Order"},
                            }
                        }
                    },
                }
            },
        },
    }


def test_the_synthetic_document_builds_the_same_ir_from_both_formats(tmp_path):
    swagger = load_endpoint(write(tmp_path, swagger2_document(), "s.json"))
    openapi = load_endpoint(write(tmp_path, openapi3_document(), "o.json"))
    assert swagger == openapi
    order = swagger.entity("Order")
    assert order.top_level and order.screen_id == "SO301000" and order.has_custom_action
    assert [a.name for a in order.actions] == ["Ship"]
    assert order.actions[0].parameters[0].scalar is Scalar.INT
    assert (
        order.field("Lines").kind is FieldKind.DETAIL and order.field("Lines").entity == "OrderLine"
    )
    assert order.field("Plain").description == "a plain string"
    assert order.description == "An order."
    assert [e.name for e in swagger.entities] == ["Order", "OrderLine"]
    assert [v.name for v in swagger.custom_field_types] == ["CustomIntField"]


# -- the two formats, and key order ------------------------------------------------------------


def test_both_formats_of_one_endpoint_give_equal_irs():
    swagger = load(WEBSHOP_24_SWAGGER2)
    openapi = load(WEBSHOP_24)
    assert (swagger.source_format, openapi.source_format) == ("swagger-2.0", "openapi-3.0.1")
    assert swagger == openapi


def test_ir_equality_is_not_vacuous():
    # Guards the test above: two different endpoint versions must compare unequal.
    assert load(WEBSHOP_23) != load(WEBSHOP_24)
    assert load(WEBSHOP_23).entity("Customer") != load(WEBSHOP_24).entity("Customer")


def shuffled(node: Any, rng: random.Random) -> Any:
    """``node`` with the key order of every object shuffled (lists keep their order)."""
    if isinstance(node, dict):
        keys = list(node)
        rng.shuffle(keys)
        return {key: shuffled(node[key], rng) for key in keys}
    if isinstance(node, list):
        return [shuffled(item, rng) for item in node]
    return node


@pytest.mark.parametrize("path", [WEBSHOP_24, WEBSHOP_24_SWAGGER2, HOSTILE, OLD_CONTRACT])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_ir_does_not_depend_on_key_order(tmp_path, path, seed):
    rng = random.Random(seed)
    document = shuffled(raw(path), rng)
    if isinstance(document.get("tags"), list):
        rng.shuffle(document["tags"])
    assert list(schemas_of(document)) != list(schemas_of(raw(path)))  # the shuffle did something
    assert load_endpoint(write(tmp_path, document)) == load(path)


# -- endpoint name and version -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ("Shop", "1.0.0")),
        ({"info": {"title": "Web Shop Integration", "version": "4"}}, ("Shop", "2.0.0")),
        ({"info": {"version": "4"}}, ("Shop", "2.0.0")),
        ({"info": None}, ("Shop", "2.0.0")),
    ],
)
def test_name_and_version_come_from_the_title_else_the_base_path(tmp_path, changes, expected):
    document = swagger2_document()
    document["basePath"] = "/entity/Shop/2.0.0"
    document.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        del document[key]
    endpoint = load_endpoint(write(tmp_path, document))
    assert (endpoint.name, endpoint.version) == expected


def test_openapi_name_and_version_come_from_the_server_url_when_the_title_has_none(tmp_path):
    document = openapi3_document()
    del document["info"]["title"]
    document["servers"] = [{"url": "https://erp.example.com/AcumaticaERP/entity/Shop/3.0.0/"}]
    endpoint = load_endpoint(write(tmp_path, document))
    assert (endpoint.name, endpoint.version) == ("Shop", "3.0.0")


@pytest.mark.parametrize(
    ("factory", "drop", "mentioned"),
    [
        (swagger2_document, "basePath", "#/basePath"),
        (openapi3_document, "servers", "#/servers/0/url"),
    ],
)
def test_no_name_and_version_anywhere_is_an_error(tmp_path, factory, drop, mentioned):
    document = factory()
    document["info"]["title"] = "Shop"
    del document[drop]
    path = write(tmp_path, document)
    with pytest.raises(SpecError) as caught:
        load_endpoint(path)
    assert caught.value.pointer == "/info/title"
    assert str(caught.value).startswith(f"{path}#/info/title: ")
    assert mentioned in caught.value.problem


# -- value types and custom field types --------------------------------------------------------


def test_value_wrappers_map_to_scalars_by_their_declared_type_and_name():
    document = raw(WEBSHOP_23)["definitions"]
    # The document declares DecimalValue as a double; the IR makes it a Decimal.
    assert document["DecimalValue"]["properties"]["value"] == {"format": "double", "type": "number"}
    scalars = {v.name: v.scalar for v in load(WEBSHOP_23).value_types}
    assert scalars == {
        "BooleanValue": Scalar.BOOL,
        "ByteValue": Scalar.INT,
        "DateTimeValue": Scalar.DATETIME,
        "DecimalValue": Scalar.DECIMAL,
        "DoubleValue": Scalar.FLOAT,
        "GuidValue": Scalar.GUID,
        "IntValue": Scalar.INT,
        "LongValue": Scalar.INT,
        "ShortValue": Scalar.INT,
        "StringValue": Scalar.STRING,
    }
    assert all(v.has_error for v in load(WEBSHOP_23).value_types)


def test_custom_field_types_map_like_their_wrappers():
    custom = {v.name: v.scalar for v in load(WEBSHOP_24).custom_field_types}
    assert custom["CustomDecimalField"] is Scalar.DECIMAL
    assert custom["CustomGuidField"] is Scalar.GUID
    assert custom["CustomDateTimeField"] is Scalar.DATETIME
    assert custom["CustomStringField"] is Scalar.STRING
    assert len(custom) == 10
    names = {e.name for e in load(WEBSHOP_24).entities}
    assert not names & set(custom)


def test_an_unknown_future_wrapper_is_handled_generically():
    endpoint = load(HOSTILE)
    fancy = next(v for v in endpoint.value_types if v.name == "FancyValue")
    assert fancy == ValueType(name="FancyValue", scalar=Scalar.STRING, has_error=True)
    duration = endpoint.entity("Order").field("Duration")
    assert (duration.kind, duration.value_type, duration.scalar) == (
        FieldKind.VALUE,
        "FancyValue",
        Scalar.STRING,
    )


@pytest.mark.parametrize(
    ("value_schema", "scalar"),
    [
        ({"type": "integer", "format": "int64"}, Scalar.INT),
        ({"type": "number", "format": "decimal"}, Scalar.DECIMAL),
        ({"type": "string", "format": "date"}, Scalar.DATE),
        ({"type": "object"}, Scalar.ANY),
        ({}, Scalar.ANY),
    ],
)
def test_a_new_wrapper_follows_the_document_own_type(tmp_path, value_schema, scalar):
    wrapper = {"type": "object", "properties": {"value": value_schema}}
    endpoint = load_endpoint(write(tmp_path, swagger2_document(FutureValue=wrapper)))
    assert ValueType("FutureValue", scalar, has_error=False) in endpoint.value_types


def test_old_contracts_wrappers_without_error_and_plain_fields():
    endpoint = load(OLD_CONTRACT)
    has_error = {v.name: v.has_error for v in endpoint.value_types}
    assert has_error == {
        "BooleanValue": False,
        "DateTimeValue": False,
        "DecimalValue": False,
        "IntValue": True,
        "StringValue": True,
    }
    customer = endpoint.entity("Customer")
    plain = {f.wire_name: f.scalar for f in customer.fields if f.kind is FieldKind.PLAIN}
    assert plain["CustomerName"] is Scalar.STRING
    assert plain["BAccountID"] is Scalar.INT
    assert plain["Active"] is Scalar.BOOL
    assert customer.field("CreditLimit").kind is FieldKind.VALUE


def test_an_entity_named_like_a_wrapper_but_without_value_is_an_entity():
    endpoint = load(WEBSHOP_24)
    assert "AttributeValue" not in {v.name for v in endpoint.value_types}
    attribute = endpoint.entity("AttributeValue")
    assert attribute.field("Value").kind is FieldKind.VALUE
    assert endpoint.entity("Customer").field("Attributes").entity == "AttributeValue"


# -- entities and fields ------------------------------------------------------------------------


def test_fields_are_classified_as_value_detail_linked_custom_or_files():
    endpoint = load(WEBSHOP_24)
    sales_order = endpoint.entity("SalesOrder")
    details = sales_order.field("Details")
    assert (details.kind, details.entity, details.scalar) == (
        FieldKind.DETAIL,
        "SalesOrderDetail",
        Scalar.ANY,
    )
    contact = endpoint.entity("Customer").field("MainContact")
    assert (contact.kind, contact.entity) == (FieldKind.LINKED, "Contact")
    total = sales_order.field("OrderTotal")
    assert (total.kind, total.scalar, total.value_type) == (
        FieldKind.VALUE,
        Scalar.DECIMAL,
        "DecimalValue",
    )
    assert sales_order.field("custom").kind is FieldKind.CUSTOM
    assert sales_order.field("files").kind is FieldKind.FILES
    assert endpoint.entity("Customer").field("CustomerID").python_name == "customer_id"


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_entity_carries_the_fields_inherited_from_entity(path):
    for entity in load(path).entities:
        for wire_name, (kind, scalar, value_type) in INHERITED.items():
            field = entity.field(wire_name)
            assert (field.kind, field.scalar, field.value_type) == (kind, scalar, value_type), (
                entity.name,
                wire_name,
            )


def test_own_fields_come_first_sorted_then_the_inherited_ones():
    fields = [f.wire_name for f in load(WEBSHOP_24).entity("SalesOrder").fields]
    own, inherited = fields[: -len(INHERITED)], fields[-len(INHERITED) :]
    assert set(inherited) == set(INHERITED)
    assert own == sorted(own, key=lambda n: (n.casefold(), n))


def test_plumbing_and_invocation_schemas_are_not_entities():
    names = {e.name for e in load(WEBSHOP_24).entities}
    assert not names & {"Entity", "CustomField", "FileLink", "HttpError"}
    assert not {n for n in names if n.endswith("CustomAction")}
    assert not names & {"CancelSalesOrder", "ReleasePayment", "AdjustLoyaltyPoints"}
    assert not names & {v.name for v in load(WEBSHOP_24).value_types}


def test_every_field_entity_reference_points_to_an_entity_of_the_ir():
    for path in ALL_FIXTURES:
        endpoint = load(path)
        for entity in endpoint.entities:
            for field in entity.fields:
                if field.kind in (FieldKind.DETAIL, FieldKind.LINKED):
                    assert field.entity in endpoint.entities_by_name
                else:
                    assert field.entity is None


# -- top-level entities ------------------------------------------------------------------------


def test_top_level_entities_are_those_with_paths_and_carry_screen_name_and_id():
    screens = {
        e.name: (e.screen_name, e.screen_id, e.attribute_name)
        for e in load(WEBSHOP_23).top_level_entities
    }
    assert screens == {
        "Customer": ("Customers", "AR303000", "customer"),
        "Payment": (None, "AR302000", "payment"),  # tag "(AR302000)": no screen name
        "SalesInvoice": ("Invoices", "SO303000", "sales_invoice"),
        "SalesOrder": ("Sales Orders", "SO301000", "sales_order"),
        "StockItem": ("Stock Items", "IN202500", "stock_item"),
    }
    detail = load(WEBSHOP_23).entity("SalesOrderDetail")
    assert not detail.top_level
    assert (detail.attribute_name, detail.screen_id, detail.actions, detail.keys) == (
        None,
        None,
        (),
        (),
    )


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Sales Orders (SO301000)", ("Sales Orders", "SO301000")),
        ("(AR302000)", (None, "AR302000")),
        ("  Generic Inquiry (GI000123)  ", ("Generic Inquiry", "GI000123")),
        ("Orders without a screen", ("Orders without a screen", None)),
        ("", (None, None)),
    ],
)
def test_screen_name_and_id_are_parsed_from_the_tag(tmp_path, description, expected):
    document = swagger2_document()
    document["tags"] = [{"name": "Order", "description": description}]
    order = load_endpoint(write(tmp_path, document)).entity("Order")
    assert (order.screen_name, order.screen_id) == expected


def test_a_top_level_entity_without_a_tag_has_no_screen(tmp_path):
    document = swagger2_document()
    del document["tags"]
    order = load_endpoint(write(tmp_path, document)).entity("Order")
    assert order.top_level and (order.screen_name, order.screen_id) == (None, None)


# -- actions -----------------------------------------------------------------------------------


def test_actions_have_typed_parameters():
    customer = load(WEBSHOP_24).entity("Customer")
    (action,) = customer.actions
    assert (action.name, action.python_name, action.schema_name, action.entity) == (
        "AdjustLoyaltyPoints",
        "adjust_loyalty_points",
        "AdjustLoyaltyPoints",
        "Customer",
    )
    parameters = {
        p.wire_name: (p.python_name, p.kind, p.scalar, p.value_type) for p in action.parameters
    }
    assert parameters == {
        "ExpirationDate": ("expiration_date", FieldKind.VALUE, Scalar.DATETIME, "DateTimeValue"),
        "Points": ("points", FieldKind.VALUE, Scalar.INT, "LongValue"),
        "Reason": ("reason", FieldKind.VALUE, Scalar.STRING, "StringValue"),
    }


def test_an_action_without_parameters_has_none():
    payment = load(WEBSHOP_24).entity("Payment")
    release = next(a for a in payment.actions if a.name == "ReleasePayment")
    assert release.parameters == ()


def test_custom_action_catch_alls_are_a_flag_not_actions():
    endpoint = load(WEBSHOP_24)
    assert all(e.has_custom_action for e in endpoint.top_level_entities)
    assert not [a for a in endpoint.actions if "CustomAction" in a.name or "{" in a.name]
    actions = {(a.entity, a.name) for a in endpoint.actions}
    paths = raw(WEBSHOP_24)["paths"]
    expected = {tuple(p[1:].split("/")) for p in paths if re.fullmatch(r"/\w+/\w+", p)}
    assert actions == expected


def test_an_entity_without_the_catch_all_path_has_no_custom_action(tmp_path):
    document = swagger2_document()
    del document["paths"]["/Order/{actionName}"]
    assert not load_endpoint(write(tmp_path, document)).entity("Order").has_custom_action


# -- keys --------------------------------------------------------------------------------------


def test_keys_come_from_the_table():
    keys = {e.name: e.keys for e in load(WEBSHOP_24).top_level_entities}
    assert keys["SalesOrder"] == ("OrderType", "OrderNbr")
    assert keys["Customer"] == ("CustomerID",)
    assert keys["Payment"] == ("Type", "ReferenceNbr")


def test_key_overrides_replace_the_table():
    endpoint = load_endpoint(WEBSHOP_24, key_overrides={"Customer": ["CustomerName", "Email"]})
    assert endpoint.entity("Customer").keys == ("CustomerName", "Email")
    assert endpoint.entity("SalesOrder").keys == ("OrderType", "OrderNbr")


def test_a_key_override_naming_a_missing_field_is_a_clear_error():
    with pytest.raises(UserError) as caught:
        load_endpoint(WEBSHOP_24, key_overrides={"Customer": ["CustomerID", "CustomerNo"]})
    message = str(caught.value)
    assert message.startswith(
        "keys: 'Customer' has no field 'CustomerNo' in WebShop 24.200.001 (did you mean "
    )
    assert message.endswith(f"; fix keys in [tool.acumatica-codegen] for {WEBSHOP_24}")
    with pytest.raises(UserError) as caught:
        load_endpoint(WEBSHOP_24, key_overrides={"Customer": ["Zzz"]})
    assert "(its fields: Attributes, BAccountID, " in str(caught.value)


def test_a_key_override_naming_a_missing_entity_is_a_clear_error():
    with pytest.raises(UserError) as caught:
        load_endpoint(WEBSHOP_24, key_overrides={"Custmer": ["CustomerID"]})
    assert str(caught.value) == (
        "keys: no entity named 'Custmer' in WebShop 24.200.001 (did you mean Customer? top-level "
        "entities: Customer, Payment, SalesInvoice, SalesOrder, Shipment, StockItem); "
        f"fix keys in [tool.acumatica-codegen] for {WEBSHOP_24}"
    )
    with pytest.raises(UserError) as caught:
        load_endpoint(WEBSHOP_24, key_overrides={"Nope": ["X"]})
    assert str(caught.value).startswith(
        "keys: no entity named 'Nope' in WebShop 24.200.001 (top-level entities: Customer, "
    )
    assert "is no such entity" not in str(caught.value)


# -- hostile names -----------------------------------------------------------------------------


def assert_usable(name: str | None, reserved: frozenset[str] = frozenset()) -> None:
    assert name is not None and name.isidentifier(), name
    assert not keyword.iskeyword(name), name
    assert name not in reserved, name


def test_hostile_names_become_unique_valid_identifiers():
    endpoint = load(HOSTILE)
    class_names = [e.class_name for e in endpoint.entities]
    assert len(set(class_names)) == len(class_names)
    attributes = [e.attribute_name for e in endpoint.top_level_entities]
    assert len(set(attributes)) == len(attributes)
    for entity in endpoint.entities:
        assert_usable(entity.class_name, CLASS_RESERVED)
        assert_usable(entity.module_name)
        names = [f.python_name for f in entity.fields]
        assert len(set(names)) == len(names), entity.name
        for name in names:
            assert_usable(name, MODEL_RESERVED - {"delete"})
        method_names = [a.python_name for a in entity.actions]
        assert len(set(method_names)) == len(method_names)
        for action in entity.actions:
            assert_usable(action.python_name, API_RESERVED)
            parameter_names = [p.python_name for p in action.parameters]
            assert len(set(parameter_names)) == len(parameter_names)
            for name in parameter_names:
                assert_usable(name, frozenset({"entity", "self", "timeout"}))
    for entity in endpoint.top_level_entities:
        assert_usable(entity.attribute_name, CLIENT_RESERVED)


def test_hostile_fields_are_all_kept_with_the_expected_names():
    order = load(HOSTILE).entity("Order")
    wire_names = {f.wire_name for f in order.fields}
    document = raw(HOSTILE)["definitions"]["Order"]
    declared = {name for part in document["allOf"] for name in part.get("properties", {})}
    assert wire_names == declared | set(INHERITED)
    names = {f.wire_name: f.python_name for f in order.fields}
    assert names["Class"] == "class_"
    assert names["From"] == "from_"
    assert names["Import"] == "import_"
    assert names["str"] == "str_"
    assert names["ShipVia"] == "ship_via" and names["Ship_Via"] != "ship_via"
    assert names["OrderNbr"] == "order_nbr" and names["OrderNBR"] != "order_nbr"
    assert names["Order-Nbr"] not in ("order_nbr", names["OrderNBR"])
    assert names["Order"] == "order"  # named like its own entity
    assert names["2ndLine"] == "n2nd_line"
    assert names["Field With Space"] == "field_with_space"
    assert names["Ünïcode"] == "unicode"
    assert names["id"] == "id" and names["ID"] != "id"
    assert names["ToDict"] != "to_dict" and names["FromDict"] != "from_dict"


def test_hostile_entities_and_actions_named_like_keywords_or_the_runtime():
    endpoint = load(HOSTILE)
    assert endpoint.entity("Class").class_name == "Class"
    assert endpoint.entity("Class").attribute_name == "class_"
    assert endpoint.entity("Model").class_name == "Model_"
    assert endpoint.entity("Class").field("Class").python_name == "class_"
    actions = {a.name: a for a in endpoint.actions}
    assert actions["Return"].python_name == "return_"
    assert actions["Global"].python_name == "global_"
    parameters = {p.wire_name: p.python_name for p in actions["Return"].parameters}
    assert parameters == {
        "Self": "self_",
        "Entity": "entity_",
        "From": "from_",
        "Async": "async_",
        "Reason-Code": "reason_code",
    }


def test_an_action_named_like_the_typed_key_methods_gets_another_method_name():
    # get_by_keys/delete_by_keys are defined by the generated API module, not the runtime base.
    names = naming.assign_names(["GetByKeys", "DeleteByKeys"], reserved=API_RESERVED)
    assert names == {"GetByKeys": "get_by_keys_", "DeleteByKeys": "delete_by_keys_"}


@pytest.mark.parametrize(
    "name",
    ["Value", "Detail", "Fields", "Files", "Custom", "Plain", "Linked", "FieldRef",
     "CustomFields", "UNSET", "Unset", "Any", "ClassVar", "TYPE_CHECKING", "Decimal", "UUID",
     "EntityApi", "AsyncEntityApi", "AsyncEntity", "FieldSpec"],
)  # fmt: skip
def test_an_entity_named_like_a_name_the_generated_modules_import_gets_another_class_name(
    tmp_path, name
):
    entity = {"type": "object", "properties": {"Qty": {"$ref": "#/definitions/IntValue"}}}
    document = swagger2_document(**{name: entity})
    document["definitions"]["Order"]["allOf"][1]["properties"]["Link"] = {
        "$ref": "#/definitions/" + name
    }
    endpoint = load_endpoint(write(tmp_path, document))
    assert endpoint.entity(name).class_name == name + "_"
    assert endpoint.entity("Order").field("Link").entity == name  # the wire name is unchanged
    assert CLASS_RESERVED >= naming.GENERATED_MODULE_NAMES | MODEL_RESERVED


# -- the real corpus -----------------------------------------------------------------------------


@functools.cache
def _real(path: Path) -> tuple[dict[str, Any], Endpoint]:
    return raw(path), load_endpoint(path)


@pytest.fixture
def real(real_specs_dir: Path):
    """The raw document and the IR of one real document, each read once per session."""
    return lambda name: _real(real_specs_dir / name)


def schemas_of(document: dict[str, Any]) -> dict[str, Any]:
    return document.get("definitions") or document["components"]["schemas"]


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_real_document_builds_with_its_top_level_entities_and_actions(real, name):
    document, endpoint = real(name)
    assert f"{endpoint.name}_{endpoint.version}.json" == name
    paths = document["paths"]
    entity_paths = {p[1:] for p in paths if re.fullmatch(r"/[^/{}$]+", p)}
    assert {e.name for e in endpoint.top_level_entities} == entity_paths
    action_paths = {
        tuple(p[1:].split("/"))
        for p in paths
        if re.fullmatch(r"/[^/{}$]+/[^/{}$]+", p) and "post" in paths[p]
    }
    assert {(a.entity, a.name) for a in endpoint.actions} == action_paths
    catch_alls = {p[1:].split("/")[0] for p in paths if p.endswith("/{actionName}")}
    assert {e.name for e in endpoint.top_level_entities if e.has_custom_action} == catch_alls
    assert not [e.name for e in endpoint.entities if e.name.endswith("CustomAction")]


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_real_action_parameters_match_the_invocation_schemas(real, name):
    document, endpoint = real(name)
    definitions = schemas_of(document)
    for action in endpoint.actions:
        declared = definitions[action.schema_name]["properties"].get("parameters", {})
        expected = {
            wire: schema.get("$ref", "").rsplit("/", 1)[-1] or None
            for wire, schema in declared.get("properties", {}).items()
        }
        assert {p.wire_name: p.value_type for p in action.parameters} == expected, action.name


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_real_entities_carry_inherited_fields_and_screen_ids(real, name):
    document, endpoint = real(name)
    tags = {t["name"]: t.get("description", "") for t in document.get("tags", [])}
    for entity in endpoint.entities:
        assert set(INHERITED) <= set(entity.fields_by_wire_name), entity.name
        names = [f.python_name for f in entity.fields]
        assert len(set(names)) == len(names), entity.name
    for entity in endpoint.top_level_entities:
        match = re.search(r"\((\w+)\)\s*$", tags.get(entity.name, ""))
        assert entity.screen_id == (match.group(1) if match else None), entity.name


def test_real_default_24_sales_order_details_screen_keys_and_action_parameters(real):
    document, endpoint = real("Default_24.200.001.json")
    assert endpoint.source_format == "openapi-3.0.1"
    sales_order = endpoint.entity("SalesOrder")
    assert (sales_order.screen_name, sales_order.screen_id) == ("Sales Orders", "SO301000")
    assert sales_order.keys == ("OrderType", "OrderNbr")
    details = sales_order.field("Details")
    assert (details.kind, details.entity) == (FieldKind.DETAIL, "SalesOrderDetail")
    assert not endpoint.entity("SalesOrderDetail").top_level
    shipment = next(a for a in sales_order.actions if a.name == "SalesOrderCreateShipment")
    parameters = {p.wire_name: (p.kind, p.scalar, p.value_type) for p in shipment.parameters}
    assert parameters == {
        "ShipmentDate": (FieldKind.VALUE, Scalar.DATETIME, "DateTimeValue"),
        "WarehouseID": (FieldKind.VALUE, Scalar.STRING, "StringValue"),
    }
    assert len(endpoint.top_level_entities) == 119
    assert len(schemas_of(document)) == 730


@pytest.mark.parametrize("name", [n for n in REAL_SPEC_NAMES if n.startswith("Default_")])
def test_every_table_key_of_a_real_default_entity_is_one_of_its_fields(real, name):
    _, endpoint = real(name)
    keyed = [e for e in endpoint.top_level_entities if e.keys]
    assert len(keyed) > 40
    for entity in keyed:
        assert set(entity.keys) <= set(entity.fields_by_wire_name)


def test_an_entity_description_is_its_own_never_its_base_class(tmp_path):
    document = swagger2_document()
    document["definitions"]["Entity"]["description"] = "The base of every entity."
    endpoint = load_endpoint(write(tmp_path, document))
    assert endpoint.entity("Order").description == "An order."
    assert endpoint.entity("OrderLine").description is None


def test_hostile_entity_descriptions_reach_the_ir_unchanged():
    endpoint = load(HOSTILE)
    parts = raw(HOSTILE)["definitions"]["Order"]["allOf"]
    (declared,) = [p["description"] for p in parts if "description" in p]
    assert endpoint.entity("Order").description == declared


def test_openapi_31_nullable_type_lists_map_to_their_scalar(tmp_path: Path) -> None:
    document = raw(WEBSHOP_24)
    document["openapi"] = "3.1.0"
    wrapper = document["components"]["schemas"]["StringValue"]
    wrapper["properties"]["value"]["type"] = ["string", "null"]
    endpoint = load(write(tmp_path, document))
    assert endpoint.entity("Customer").field("CustomerID").scalar.value == "string"


def test_two_paths_sharing_one_entity_schema_is_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    document = raw(WEBSHOP_24)
    document["paths"]["/CustomerCopy"] = document["paths"]["/Customer"]
    with pytest.raises(SpecError, match="share one entity schema"):
        load(write(tmp_path, document))


def test_a_key_override_on_a_detail_entity_or_a_non_scalar_field_is_a_clear_error():
    with pytest.raises(UserError, match="not a top-level entity"):
        load_endpoint(WEBSHOP_24, key_overrides={"SalesOrderDetail": ["LineNbr"]})
    with pytest.raises(UserError, match="not a simple value"):
        load_endpoint(WEBSHOP_24, key_overrides={"SalesOrder": ["Details"]})


@pytest.mark.parametrize(
    "title",
    ['Shop"""; import os; """/24.200.001', "Shop\x00/1.0", "Shop\nX/1.0", "Default/24.200.001'"],
)
def test_an_endpoint_name_or_version_that_could_break_generated_code_is_rejected(
    tmp_path: Path, title: str
) -> None:
    document = raw(WEBSHOP_23)
    document["info"]["title"] = title
    document["basePath"] = "/"
    with pytest.raises(SpecError, match="not a plain"):
        load(write(tmp_path, document))


def test_top_level_entities_whose_names_snake_case_alike_get_distinct_client_attributes(
    tmp_path: Path,
) -> None:
    document = raw(WEBSHOP_23)
    paths = document["paths"]
    for path in [p for p in paths if p == "/Customer" or p.startswith("/Customer/")]:
        paths[path.replace("/Customer", "/Customer_", 1)] = json.loads(json.dumps(paths[path]))
    schemas = document["definitions"]
    schemas["Customer_"] = schemas["Customer"]
    for item in [v for k, v in paths.items() if k.startswith("/Customer_")]:
        for operation in item.values():
            text = json.dumps(operation).replace('definitions/Customer"', 'definitions/Customer_"')
            operation.clear()
            operation.update(json.loads(text))
    endpoint = load(write(tmp_path, document))
    names = [e.attribute_name for e in endpoint.top_level_entities]
    assert len(names) == len(set(names)) == 6
    assert "customer" in names
