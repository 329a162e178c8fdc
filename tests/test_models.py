"""Generated models (the example package): plain values in code, wrapped values on the wire."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from testkit import use_example_package

use_example_package()

from acumatica_web_shop import UNSET, CustomField, FileLink  # noqa: E402
from acumatica_web_shop.models import (  # noqa: E402
    Contact,
    Customer,
    SalesOrder,
    SalesOrderDetail,
)


def test_unset_fields_are_not_sent_and_none_clears_a_field() -> None:
    order = SalesOrder(order_nbr="SO001", description=None)
    assert order.customer_id is UNSET
    assert order.to_dict() == {"OrderNbr": {"value": "SO001"}, "Description": {"value": None}}


def test_values_decode_to_python_types() -> None:
    order = SalesOrder.from_dict(
        {
            "OrderTotal": {"value": 1234.56},
            "Date": {"value": "2024-05-06T07:08:09.1234567+02:00"},
            "NoteID": {"value": "0f8fad5b-d9cb-469f-a165-70867728950e"},
            "Hold": {"value": False},
            "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "rowNumber": 1,
        }
    )
    assert order.order_total == Decimal("1234.56")
    assert order.date == datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert order.note_id == UUID("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert order.hold is False
    assert order.id == UUID("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert order.row_number == 1


@pytest.mark.parametrize(
    "text",
    ["2024-05-06T07:08:09Z", "2024-05-06T07:08:09.5+00:00", "2024-05-06T07:08:09", "2024-05-06"],
)
def test_acumatica_datetime_spellings_parse(text: str) -> None:
    assert isinstance(SalesOrder.from_dict({"Date": {"value": text}}).date, datetime)


def test_decimal_keeps_precision_a_float_cannot() -> None:
    order = SalesOrder(order_total=Decimal("12345678901234.5678"))
    assert order.to_dict()["OrderTotal"]["value"] == Decimal("12345678901234.5678")
    assert SalesOrder(order_total=Decimal("19.99")).to_dict()["OrderTotal"]["value"] == 19.99


def test_a_value_that_does_not_parse_is_a_decode_error_naming_its_field() -> None:
    from acumatica_web_shop import DecodeError

    wire = {"OrderTotal": {"value": "not a number"}, "Date": {"value": "someday"}}
    with pytest.raises(DecodeError, match="SalesOrder.OrderTotal: 'not a number' is not a number"):
        SalesOrder.from_dict(wire)


def test_a_value_that_does_not_parse_is_kept_as_it_came_when_lenient() -> None:
    wire = {"OrderTotal": {"value": "not a number"}, "Date": {"value": "someday"}}
    order = SalesOrder.from_dict(wire, lenient=True)
    assert order.order_total == "not a number"
    assert order.decode_errors == {
        "OrderTotal": "'not a number' is not a number",
        "Date": "'someday' is not a date",
    }
    assert order.to_dict() == wire


def test_detail_lines_and_linked_entities_are_models() -> None:
    customer = Customer.from_dict(
        {
            "MainContact": {
                "Email": {"value": "a@example.com"},
                "Address": {"City": {"value": "Oslo"}},
            }
        }
    )
    assert isinstance(customer.main_contact, Contact)
    assert customer.main_contact.address is not UNSET
    order = SalesOrder.from_dict(
        {"Details": [{"InventoryID": {"value": "A"}}, {"InventoryID": {"value": "B"}}]}
    )
    assert [line.inventory_id for line in order.details or []] == ["A", "B"]
    assert all(isinstance(line, SalesOrderDetail) for line in order.details or [])


def test_detail_line_marked_deleted_is_sent_with_delete_true() -> None:
    line = SalesOrderDetail(id=UUID(int=1)).mark_deleted()
    order = SalesOrder(order_nbr="SO001", details=[line])
    assert order.to_dict()["Details"] == [{"id": str(UUID(int=1)), "delete": True}]


def test_custom_fields_are_typed_by_their_discriminator() -> None:
    wire = {
        "custom": {
            "Document": {
                "UsrAmount": {"type": "CustomDecimalField", "value": 3.75},
                "UsrFlag": {"type": "CustomBooleanField", "value": True},
                "UsrWhen": {"type": "CustomDateTimeField", "value": "2024-01-02T03:04:05+00:00"},
                "UsrFuture": {"type": "CustomFancyField", "value": [1, 2]},
            }
        }
    }
    order = SalesOrder.from_dict(wire)
    assert order.custom is not UNSET
    document = order.custom["Document"]
    assert document["UsrAmount"] == CustomField("CustomDecimalField", Decimal("3.75"))
    assert document["UsrFlag"].value is True
    assert isinstance(document["UsrWhen"].value, datetime)
    assert document["UsrFuture"].value == [1, 2]
    assert order.to_dict() == wire


def test_files_are_file_links() -> None:
    wire = {"files": [{"id": "x", "filename": "a.pdf", "href": "/files/a.pdf", "comment": "c"}]}
    order = SalesOrder.from_dict(wire)
    assert order.files is not UNSET and isinstance(order.files[0], FileLink)
    assert order.files[0].filename == "a.pdf"
    assert order.to_dict() == wire


def test_errors_from_a_422_are_readable_with_their_paths() -> None:
    wire = {
        "error": "Inserting 'Sales Order' record raised at least one error.",
        "CustomerID": {"value": "NOPE", "error": "'Customer' cannot be found in the system."},
        "Details": [
            {"InventoryID": {"value": "OK"}},
            {"InventoryID": {"value": "BAD", "error": "'Inventory ID' cannot be found."}},
        ],
    }
    order = SalesOrder.from_dict(wire)
    assert order.error == wire["error"]
    assert order.field_errors == {"CustomerID": "'Customer' cannot be found in the system."}
    assert dict(order.iter_errors()) == {
        "": wire["error"],
        "CustomerID": "'Customer' cannot be found in the system.",
        "Details[1].InventoryID": "'Inventory ID' cannot be found.",
    }
    assert order.to_dict() == wire


def test_unknown_keys_and_odd_wrappers_survive_a_round_trip() -> None:
    wire = {
        "_links": {"self": "/x", "files:put": "/x/files/{filename}"},
        "BrandNewField": {"value": 5},
        "OrderNbr": {"error": "only an error, no value"},
        "Description": "a plain string where a wrapper was declared",
        "Details": None,
    }
    assert SalesOrder.from_dict(wire).to_dict() == wire


def test_equality_and_repr_show_only_what_is_set() -> None:
    assert SalesOrder(order_nbr="1") == SalesOrder.from_dict({"OrderNbr": {"value": "1"}})
    assert SalesOrder(order_nbr="1") != SalesOrder(order_nbr="2")
    assert repr(SalesOrder(order_nbr="1")) == "SalesOrder(order_nbr='1')"


def test_field_references_render_odata() -> None:
    status = SalesOrder.f.status == "Open"
    total = SalesOrder.f.order_total > Decimal("100")
    assert str(status) == "Status eq 'Open'"
    assert str(status & total) == "Status eq 'Open' and OrderTotal gt 100"
    assert str(SalesOrder.f.details) == "Details"


def test_a_misspelt_field_fails_on_assignment_as_in_the_constructor() -> None:
    order = SalesOrder(order_type="SO")
    order.order_nbr = "000001"
    with pytest.raises(
        AttributeError, match="SalesOrder has no field 'order_typ'; did you mean 'order_type'"
    ):
        order.order_typ = "IN"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        SalesOrder(order_typ="IN")  # type: ignore[call-arg]
    assert order.to_dict() == {"OrderType": {"value": "SO"}, "OrderNbr": {"value": "000001"}}


def test_a_subclass_may_add_properties_and_class_attributes() -> None:
    class PricedOrder(SalesOrder):
        margin: Decimal = Decimal(0)

        @property
        def label(self) -> str:
            return f"{self.order_type}/{self.order_nbr}"

        @label.setter
        def label(self, text: str) -> None:
            self.order_type, self.order_nbr = text.split("/")

    order = PricedOrder()
    order.label = "SO/000001"
    order.margin = Decimal("0.2")
    assert order.to_dict() == {"OrderType": {"value": "SO"}, "OrderNbr": {"value": "000001"}}
    with pytest.raises(AttributeError, match="did you mean 'order_nbr'"):
        order.order_nbrr = "1"  # type: ignore[attr-defined]
