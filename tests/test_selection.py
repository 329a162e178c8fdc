"""``include`` / ``exclude`` of top-level entities: what is kept stays whole."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.errors import UserError
from acumatica_codegen.ir import Endpoint
from acumatica_codegen.selection import select_entities

REPO = Path(__file__).resolve().parent.parent
WEBSHOP_24 = REPO / "specs" / "WebShop_24.200.001.json"


@functools.cache
def load(path: Path) -> Endpoint:
    return load_endpoint(path)


def names(endpoint: Endpoint) -> set[str]:
    return {e.name for e in endpoint.entities}


def top_level(endpoint: Endpoint) -> set[str]:
    return {e.name for e in endpoint.top_level_entities}


def assert_whole(endpoint: Endpoint) -> None:
    """Every detail or linked entity a kept entity uses is kept too."""
    kept = names(endpoint)
    for entity in endpoint.entities:
        for field in entity.fields:
            assert field.entity is None or field.entity in kept, (entity.name, field.wire_name)


def test_no_selection_keeps_everything():
    endpoint = load(WEBSHOP_24)
    assert select_entities(endpoint) == endpoint


def test_include_keeps_the_entity_and_its_detail_and_linked_entities():
    selected = select_entities(load(WEBSHOP_24), include=["SalesOrder"])
    assert top_level(selected) == {"SalesOrder"}
    assert names(selected) == {"SalesOrder", "SalesOrderDetail", "DocAddress", "DocContact"}
    assert selected.entity("SalesOrder") == load(WEBSHOP_24).entity("SalesOrder")
    assert_whole(selected)


def test_include_keeps_dependencies_of_dependencies():
    # Customer links Contact, which links Address.
    selected = select_entities(load(WEBSHOP_24), include=["Customer"])
    assert {"Customer", "Contact", "Address", "AttributeValue"} == names(selected)
    assert_whole(selected)


def test_exclude_drops_the_entity_and_what_only_it_uses():
    endpoint = load(WEBSHOP_24)
    selected = select_entities(endpoint, exclude=["Payment"])
    assert top_level(selected) == top_level(endpoint) - {"Payment"}
    dropped = names(endpoint) - names(selected)
    assert dropped == {
        "Payment",
        "PaymentApplicationHistoryDetail",
        "PaymentDetail",
        "PaymentOrderDetail",
    }
    assert_whole(selected)


def test_include_and_exclude_together():
    selected = select_entities(
        load(WEBSHOP_24), include=["SalesOrder", "Shipment"], exclude=["Shipment"]
    )
    assert top_level(selected) == {"SalesOrder"}


def test_selection_keeps_value_types_and_identity():
    endpoint = load(WEBSHOP_24)
    selected = select_entities(endpoint, include=["StockItem"])
    assert (selected.name, selected.version, selected.spec_sha256) == (
        endpoint.name,
        endpoint.version,
        endpoint.spec_sha256,
    )
    assert selected.value_types == endpoint.value_types
    assert selected.custom_field_types == endpoint.custom_field_types


@pytest.mark.parametrize("option", ["include", "exclude"])
def test_an_unknown_name_is_an_error_with_a_suggestion(option):
    with pytest.raises(UserError) as caught:
        select_entities(load(WEBSHOP_24), **{option: ["SalesOrders"]})
    message = str(caught.value)
    assert message.startswith(
        f"{option}: 'SalesOrders' is not a top-level entity of WebShop 24.200.001"
    )
    assert "did you mean SalesOrder" in message


def test_a_detail_entity_cannot_be_selected():
    with pytest.raises(UserError, match="'SalesOrderDetail' is not a top-level entity"):
        select_entities(load(WEBSHOP_24), include=["SalesOrderDetail"])


def test_a_name_nothing_resembles_gets_no_suggestion():
    with pytest.raises(UserError) as caught:
        select_entities(load(WEBSHOP_24), include=["Zzzzzz"])
    assert "did you mean" not in str(caught.value)


def test_a_top_level_entity_kept_only_as_a_dependency_loses_its_api(real_specs_dir):
    endpoint = load(real_specs_dir / "Default_24.200.001.json")
    assert endpoint.entity("Contact").top_level and endpoint.entity("Contact").actions
    selected = select_entities(endpoint, include=["Customer"])
    assert top_level(selected) == {"Customer"}
    contact = selected.entity("Contact")  # Customer.MainContact links it
    assert not contact.top_level and contact.actions == ()
    assert contact.attribute_name is None and not contact.has_custom_action and contact.keys == ()
    assert contact.fields == endpoint.entity("Contact").fields
    assert_whole(selected)


def test_selecting_each_real_default_entity_keeps_the_package_whole(real_specs_dir):
    endpoint = load(real_specs_dir / "Default_24.200.001.json")
    for entity in endpoint.top_level_entities:
        selected = select_entities(endpoint, include=[entity.name])
        assert top_level(selected) == {entity.name}
        assert_whole(selected)
