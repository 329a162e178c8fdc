"""Document → IR for contract 5 and newer platform builds: the contract version, single-``$ref``
``anyOf``/``oneOf``/``allOf``, date-only and select values, ``_links`` and ``_workflowActions``."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.ir import FieldKind, Scalar, ValueType
from test_builder import openapi3_document, swagger2_document, write
from testkit import REAL_SPEC_NAMES

SELECT_ITEMS = {
    "StringSelectInnerValue": {
        "required": ["id"],
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "description": {"type": "string", "nullable": True},
        },
    },
    "IntSelectInnerValue": {
        "required": ["id"],
        "type": "object",
        "properties": {
            "id": {"type": "integer", "format": "int32"},
            "description": {"type": "string", "nullable": True},
        },
    },
}


def contract5_schemas(prefix: str) -> dict[str, Any]:
    """The contract-5 value and custom field types, as Default 26.200.001 declares them."""

    def ref(name: str) -> dict[str, str]:
        return {"$ref": prefix + name}

    error = {"type": "string"}
    return {
        **SELECT_ITEMS,
        "DateOnlyValue": {
            "type": "object",
            "properties": {
                "value": {"type": "string", "format": "date", "nullable": True},
                "error": error,
            },
        },
        "StringSingleSelectValue": {
            "type": "object",
            "properties": {"value": ref("StringSelectInnerValue"), "error": error},
        },
        "IntSingleSelectValue": {
            "type": "object",
            "properties": {"value": ref("IntSelectInnerValue"), "error": error},
        },
        "StringMultiSelectValue": {
            "type": "object",
            "properties": {
                "value": {
                    "type": "array",
                    "items": ref("StringSelectInnerValue"),
                    "nullable": True,
                },
                "error": error,
            },
        },
        "CustomStringSingleSelectField": {
            "allOf": [
                ref("CustomField"),
                {"type": "object", "properties": {"value": ref("StringSelectInnerValue")}},
            ]
        },
        "CustomIntSingleSelectField": {
            "allOf": [
                ref("CustomField"),
                {"type": "object", "properties": {"value": ref("IntSelectInnerValue")}},
            ]
        },
        "CustomStringMultiSelectField": {
            "allOf": [
                ref("CustomField"),
                {
                    "type": "object",
                    "properties": {
                        "value": {"type": "array", "items": ref("StringSelectInnerValue")}
                    },
                },
            ]
        },
    }


CONTRACT5_FIELDS = {
    "Status": "StringSingleSelectValue",
    "Priority": "IntSingleSelectValue",
    "Tags": "StringMultiSelectValue",
    "RequestedOn": "DateOnlyValue",
}


def contract5_document(fmt: str, *, field_schema: Any = None) -> dict[str, Any]:
    """The synthetic Shop document with contract-5 fields on ``Order`` and ``info.version`` 5."""
    make = swagger2_document if fmt == "swagger" else openapi3_document
    prefix = "#/definitions/" if fmt == "swagger" else "#/components/schemas/"
    document = make(**contract5_schemas(prefix))
    document["info"]["version"] = "5"
    schemas = document["definitions"] if fmt == "swagger" else document["components"]["schemas"]
    order_properties = schemas["Order"]["allOf"][1]["properties"]
    for name, wrapper in CONTRACT5_FIELDS.items():
        order_properties[name] = (
            field_schema(prefix + wrapper) if field_schema else {"$ref": prefix + wrapper}
        )
    schemas["Entity"]["properties"]["_links"] = {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "uri"},
    }
    order_properties["_workflowActions"] = {
        "type": "object",
        "additionalProperties": {"$ref": prefix + "OrderCustomAction"},
    }
    return document


@pytest.fixture(params=["swagger", "openapi"])
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- the contract version ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("info_version", "expected"),
    [("5", 5), ("4", 4), (" 3 ", 3), (5, 5), ("1.0.0", None), ("v5", None), (None, None)],
)
def test_contract_version_comes_from_info_version_and_is_none_when_not_a_number(
    tmp_path: Path, info_version: Any, expected: int | None
) -> None:
    document = swagger2_document()
    if info_version is None:
        del document["info"]["version"]
    else:
        document["info"]["version"] = info_version
    endpoint = load_endpoint(write(tmp_path, document))
    assert endpoint.contract_version == expected
    assert endpoint.is_contract_5 is (expected is not None and expected >= 5)


def test_a_contract5_document_gives_equal_irs_in_both_formats(tmp_path: Path) -> None:
    swagger = load_endpoint(write(tmp_path, contract5_document("swagger"), "s.json"))
    openapi = load_endpoint(write(tmp_path, contract5_document("openapi"), "o.json"))
    assert swagger == openapi
    assert swagger.contract_version == 5


# -- value kinds -----------------------------------------------------------------------------------


def test_contract5_value_types_are_date_only_and_selects(tmp_path: Path, fmt: str) -> None:
    endpoint = load_endpoint(write(tmp_path, contract5_document(fmt)))
    value_types = {v.name: v.scalar for v in endpoint.value_types}
    assert value_types["DateOnlyValue"] is Scalar.DATE
    assert value_types["StringSingleSelectValue"] is Scalar.STRING_SELECT
    assert value_types["IntSingleSelectValue"] is Scalar.INT_SELECT
    assert value_types["StringMultiSelectValue"] is Scalar.STRING_MULTI_SELECT
    order = endpoint.entity("Order")
    assert order.field("Status").scalar is Scalar.STRING_SELECT
    assert order.field("Status").value_type == "StringSingleSelectValue"
    assert order.field("RequestedOn").scalar is Scalar.DATE


def test_custom_select_field_types_carry_select_values(tmp_path: Path, fmt: str) -> None:
    endpoint = load_endpoint(write(tmp_path, contract5_document(fmt)))
    assert {
        ValueType("CustomStringSingleSelectField", Scalar.STRING_SELECT, has_error=False),
        ValueType("CustomIntSingleSelectField", Scalar.INT_SELECT, has_error=False),
        ValueType("CustomStringMultiSelectField", Scalar.STRING_MULTI_SELECT, has_error=False),
    } <= set(endpoint.custom_field_types)


def test_select_items_are_not_entities(tmp_path: Path, fmt: str) -> None:
    endpoint = load_endpoint(write(tmp_path, contract5_document(fmt)))
    names = {e.name for e in endpoint.entities}
    assert not names & set(SELECT_ITEMS)


def test_an_id_description_schema_no_select_refers_to_stays_an_entity(tmp_path: Path) -> None:
    document = swagger2_document(Label=copy.deepcopy(SELECT_ITEMS["StringSelectInnerValue"]))
    assert "Label" in {e.name for e in load_endpoint(write(tmp_path, document)).entities}


def test_a_list_of_integer_select_ids_stays_any_as_before(tmp_path: Path) -> None:
    wrapper = {
        "type": "object",
        "properties": {
            "value": {"type": "array", "items": {"$ref": "#/definitions/IntSelectInnerValue"}}
        },
    }
    document = swagger2_document(IntMultiSelectValue=wrapper, **SELECT_ITEMS)
    endpoint = load_endpoint(write(tmp_path, document))
    assert ValueType("IntMultiSelectValue", Scalar.ANY, has_error=False) in endpoint.value_types


# -- single-reference anyOf / oneOf / allOf ----------------------------------------------------------


@pytest.mark.parametrize("combiner", ["anyOf", "oneOf", "allOf"])
@pytest.mark.parametrize("nullable", [True, False])
def test_a_single_ref_combiner_is_that_ref_everywhere(
    tmp_path: Path, fmt: str, combiner: str, nullable: bool
) -> None:
    def wrapped(ref: str) -> dict[str, Any]:
        return {combiner: [{"$ref": ref}], **({"nullable": True} if nullable else {})}

    document = contract5_document(fmt, field_schema=wrapped)
    schemas = document["definitions"] if fmt == "swagger" else document["components"]["schemas"]
    entity = schemas["Entity"]["properties"]
    entity["note"] = wrapped(entity["note"]["$ref"])
    order = schemas["Order"]["allOf"][1]["properties"]
    order["Lines"]["items"] = wrapped(order["Lines"]["items"]["$ref"])
    schemas["StringSingleSelectValue"]["properties"]["value"] = wrapped(
        schemas["StringSingleSelectValue"]["properties"]["value"]["$ref"]
    )
    plain = load_endpoint(write(tmp_path, contract5_document(fmt), "plain.json"))
    combined = load_endpoint(write(tmp_path, document, "combined.json"))
    assert combined == plain
    assert combined.entity("Order").field("note").value_type == "StringValue"


def test_a_combiner_of_several_refs_keeps_working_as_before(tmp_path: Path) -> None:
    document = swagger2_document()
    properties = document["definitions"]["Order"]["allOf"][1]["properties"]
    properties["Either"] = {
        "anyOf": [{"$ref": "#/definitions/StringValue"}, {"$ref": "#/definitions/IntValue"}]
    }
    field = load_endpoint(write(tmp_path, document)).entity("Order").field("Either")
    assert (field.kind, field.scalar) == (FieldKind.PLAIN, Scalar.ANY)


# -- _links and _workflowActions ---------------------------------------------------------------------


def test_links_are_a_map_of_uri_strings(tmp_path: Path, fmt: str) -> None:
    links = load_endpoint(write(tmp_path, contract5_document(fmt))).entity("Order").field("_links")
    assert (links.kind, links.scalar, links.python_name) == (FieldKind.MAP, Scalar.STRING, "links")


def test_workflow_actions_are_a_map_of_the_entity_custom_action(tmp_path: Path, fmt: str) -> None:
    endpoint = load_endpoint(write(tmp_path, contract5_document(fmt)))
    actions = endpoint.entity("Order").field("_workflowActions")
    assert (actions.kind, actions.entity) == (FieldKind.MAP, "OrderCustomAction")
    custom_action = endpoint.entity("OrderCustomAction")  # a model now, beside Order
    assert not custom_action.top_level and custom_action.module_name == "order"
    assert custom_action.field("entity").entity == "Order"


def test_a_custom_action_no_map_names_stays_out_of_the_models(tmp_path: Path) -> None:
    assert "OrderCustomAction" not in {
        e.name for e in load_endpoint(write(tmp_path, openapi3_document())).entities
    }


def test_map_items_of_a_schema_that_is_no_entity_stay_json(tmp_path: Path) -> None:
    document = swagger2_document()
    properties = document["definitions"]["Order"]["allOf"][1]["properties"]
    properties["Totals"] = {
        "type": "object",
        "additionalProperties": {"$ref": "#/definitions/DecimalValue"},
    }
    totals = load_endpoint(write(tmp_path, document)).entity("Order").field("Totals")
    assert (totals.kind, totals.entity, totals.value_type) == (FieldKind.MAP, None, "DecimalValue")


# -- the real documents ---------------------------------------------------------------------------


def test_real_default_26_subset_is_contract5_with_selects_and_date_only(
    real_26_subset: Path,
) -> None:
    endpoint = load_endpoint(real_26_subset)
    assert (endpoint.name, endpoint.version, endpoint.contract_version) == (
        "Default",
        "26.200.001",
        5,
    )
    customer = endpoint.entity("Customer")
    assert customer.field("Status").scalar is Scalar.STRING_SELECT
    assert customer.field("note").value_type == "StringValue"
    assert customer.field("_links").kind is FieldKind.MAP
    assert customer.field("_workflowActions").entity == "CustomerCustomAction"
    assert endpoint.entity("Contact").field("MaritalStatus").scalar is Scalar.STRING_SELECT
    scalars = {v.name: v.scalar for v in (*endpoint.value_types, *endpoint.custom_field_types)}
    assert scalars["DateOnlyValue"] is Scalar.DATE
    assert scalars["CustomStringMultiSelectField"] is Scalar.STRING_MULTI_SELECT
    assert scalars["CustomIntSingleSelectField"] is Scalar.INT_SELECT
    assert not {"StringSelectInnerValue", "IntSelectInnerValue"} & {
        e.name for e in endpoint.entities
    }


CONTRACT5_ONLY = {
    Scalar.DATE,
    Scalar.STRING_SELECT,
    Scalar.INT_SELECT,
    Scalar.STRING_MULTI_SELECT,
}


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_real_contract4_documents_use_none_of_the_contract5_kinds(
    real_specs_dir: Path, name: str
) -> None:
    endpoint = load_endpoint(real_specs_dir / name)
    assert endpoint.contract_version == 4 and not endpoint.is_contract_5
    fields = [f for e in endpoint.entities for f in e.fields]
    assert not [f for f in fields if f.kind is FieldKind.MAP or f.scalar in CONTRACT5_ONLY]
    assert not [v for v in endpoint.value_types if v.scalar in CONTRACT5_ONLY]
