"""Generated models in everyday code (issue 11.2, 11.8): reading a value the code relies on with
its plain type, ints where decimals go, unset fields that print plainly, copies with changes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from testkit import use_example_package

use_example_package()

from acumatica_web_shop import UNSET, MissingValue  # noqa: E402
from acumatica_web_shop.models import (  # noqa: E402
    DocContact,
    SalesOrder,
    SalesOrderDetail,
)


def test_require_returns_a_value_that_is_there() -> None:
    order = SalesOrder.from_dict({"OrderNbr": {"value": "SO001"}, "OrderTotal": {"value": 12.5}})
    assert order.require(SalesOrder.f.order_nbr) == "SO001"
    assert order.require(SalesOrder.f.order_total) == Decimal("12.5")


def test_require_of_an_unset_field_names_the_entity_the_field_and_what_to_check() -> None:
    order = SalesOrder(order_nbr="SO001")
    with pytest.raises(MissingValue, match=r"SalesOrder\.order_total \(OrderTotal\) is UNSET") as e:
        order.require(SalesOrder.f.order_total)
    assert (e.value.entity, e.value.field, e.value.wire, e.value.value) == (
        "SalesOrder",
        "order_total",
        "OrderTotal",
        UNSET,
    )
    assert "select=" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_require_of_a_field_the_server_left_empty_says_it_is_none() -> None:
    order = SalesOrder.from_dict({"Description": {"value": None}})
    with pytest.raises(MissingValue, match=r"SalesOrder\.description \(Description\) is None"):
        order.require(SalesOrder.f.description)


def test_require_of_details_and_linked_entities_gives_the_models() -> None:
    order = SalesOrder.from_dict(
        {
            "Details": [{"InventoryID": {"value": "WIDGET"}}],
            "ShipToContact": {"Email": {"value": "a@example.com"}},
        }
    )
    lines = order.require(SalesOrder.f.details)
    assert [line.require(SalesOrderDetail.f.inventory_id) for line in lines] == ["WIDGET"]
    contact = order.require(SalesOrder.f.ship_to_contact)
    assert contact.require(DocContact.f.email) == "a@example.com"


def test_require_of_a_path_through_a_linked_entity_says_to_require_each_step() -> None:
    order = SalesOrder(ship_to_contact=DocContact(email="a@example.com"))
    with pytest.raises(ValueError, match="require the linked entity first"):
        order.require(SalesOrder.f.ship_to_contact / DocContact.f.email)


def test_require_of_another_entitys_field_is_refused() -> None:
    line = SalesOrderDetail(inventory_id="WIDGET")
    with pytest.raises(ValueError, match="SalesOrderDetail has no field 'OrderNbr'"):
        line.require(SalesOrder.f.order_nbr)


def test_require_of_a_name_instead_of_a_reference_says_which_reference_to_pass() -> None:
    order = SalesOrder(order_nbr="SO001")
    for given in ("order_nbr", "OrderNbr"):
        with pytest.raises(
            TypeError, match=r"takes a field reference such as SalesOrder\.f\.order_nbr"
        ):
            order.require(given)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"SalesOrder\.require\(\) takes a field reference"):
        order.require(None)  # type: ignore[call-overload]


def test_an_int_for_a_decimal_field_is_stored_as_a_decimal() -> None:
    line = SalesOrderDetail(order_qty=2, unit_price=Decimal("9.99"))
    assert type(line.order_qty) is Decimal and line.order_qty == 2
    line.order_qty = 3
    assert type(line.order_qty) is Decimal
    assert line.to_dict()["OrderQty"] == {"value": 3}
    line.order_qty = None
    assert line.order_qty is None


def test_an_unset_field_prints_as_unset() -> None:
    order = SalesOrder()
    assert str(order.order_nbr) == "UNSET"
    assert f"order {order.order_nbr}" == "order UNSET"
    assert f"[{order.order_nbr:>7}]" == "[  UNSET]"
    assert repr(order.order_nbr) == "UNSET"


def test_replace_gives_a_changed_copy_and_leaves_the_original() -> None:
    order = SalesOrder(order_nbr="SO001", hold=True)
    copy = order.replace(hold=False, order_total=5)
    assert copy is not order and type(copy) is SalesOrder
    assert (copy.order_nbr, copy.hold, copy.order_total) == ("SO001", False, Decimal(5))
    assert order.hold is True and order.order_total is UNSET
    assert copy.to_dict()["Hold"] == {"value": False}


def test_replace_refuses_a_misspelt_field_with_a_suggestion() -> None:
    with pytest.raises(AttributeError, match="did you mean 'order_nbr'"):
        SalesOrder().replace(order_nbrr="SO001")


def test_models_are_not_dataclasses_and_say_what_they_offer_instead() -> None:
    # Documented decision (README "What you get"): plain classes, with replace() and to_dict().
    assert not dataclasses.is_dataclass(SalesOrder)
    assert SalesOrder.__replace__ is SalesOrder.replace  # copy.replace on Python 3.13+
