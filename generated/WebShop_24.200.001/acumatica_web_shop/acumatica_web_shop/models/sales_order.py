"""Sales Orders (SO301000): SalesOrder, SalesOrderDetail."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, TYPE_CHECKING
from uuid import UUID

from .._runtime.model import (
    Custom,
    DecimalAttribute,
    Detail,
    DetailRef,
    Fields,
    Files,
    Linked,
    LinkedRef,
    Model,
    Plain,
    Value,
)
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

if TYPE_CHECKING:
    from .doc_address import DocAddress
    from .doc_contact import DocContact

__all__ = ["SalesOrder", "SalesOrderDetail"]


class SalesOrder(Model):
    """Sales Orders (SO301000).

    Keys: OrderType, OrderNbr.
    """

    bill_to_address: DocAddress | None | Unset = UNSET
    bill_to_contact: DocContact | None | Unset = UNSET
    currency_id: str | None | Unset = UNSET
    customer_id: str | None | Unset = UNSET
    customer_order: str | None | Unset = UNSET
    date: datetime | None | Unset = UNSET
    description: str | None | Unset = UNSET
    details: list[SalesOrderDetail] | None | Unset = UNSET
    disable_automatic_tax_calculation: bool | None | Unset = UNSET
    external_ref: str | None | Unset = UNSET
    hold: bool | None | Unset = UNSET
    last_modified: datetime | None | Unset = UNSET
    location_id: str | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    ordered_qty: DecimalAttribute = DecimalAttribute()
    order_nbr: str | None | Unset = UNSET
    order_total: DecimalAttribute = DecimalAttribute()
    order_type: str | None | Unset = UNSET
    requested_on: datetime | None | Unset = UNSET
    ship_to_address: DocAddress | None | Unset = UNSET
    ship_to_contact: DocContact | None | Unset = UNSET
    ship_via: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    tax_total: DecimalAttribute = DecimalAttribute()
    usr_web_shop_channel: str | None | Unset = UNSET
    usr_web_shop_order_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Linked("BillToAddress", "bill_to_address", "DocAddress"),
        Linked("BillToContact", "bill_to_contact", "DocContact"),
        Value("CurrencyID", "currency_id", "string"),
        Value("CustomerID", "customer_id", "string"),
        Value("CustomerOrder", "customer_order", "string"),
        Value("Date", "date", "datetime"),
        Value("Description", "description", "string"),
        Detail("Details", "details", "SalesOrderDetail"),
        Value("DisableAutomaticTaxCalculation", "disable_automatic_tax_calculation", "bool"),
        Value("ExternalRef", "external_ref", "string"),
        Value("Hold", "hold", "bool"),
        Value("LastModified", "last_modified", "datetime"),
        Value("LocationID", "location_id", "string"),
        Value("NoteID", "note_id", "guid"),
        Value("OrderedQty", "ordered_qty", "decimal"),
        Value("OrderNbr", "order_nbr", "string"),
        Value("OrderTotal", "order_total", "decimal"),
        Value("OrderType", "order_type", "string"),
        Value("RequestedOn", "requested_on", "datetime"),
        Linked("ShipToAddress", "ship_to_address", "DocAddress"),
        Linked("ShipToContact", "ship_to_contact", "DocContact"),
        Value("ShipVia", "ship_via", "string"),
        Value("Status", "status", "string"),
        Value("TaxTotal", "tax_total", "decimal"),
        Value("UsrWebShopChannel", "usr_web_shop_channel", "string"),
        Value("UsrWebShopOrderID", "usr_web_shop_order_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as SalesOrder.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        bill_to_address: ClassVar[LinkedRef[DocAddress]] = LinkedRef("BillToAddress")
        bill_to_contact: ClassVar[LinkedRef[DocContact]] = LinkedRef("BillToContact")
        currency_id: ClassVar[FieldRef[str]] = FieldRef("CurrencyID")
        customer_id: ClassVar[FieldRef[str]] = FieldRef("CustomerID")
        customer_order: ClassVar[FieldRef[str]] = FieldRef("CustomerOrder")
        date: ClassVar[FieldRef[datetime]] = FieldRef("Date")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        details: ClassVar[DetailRef[SalesOrderDetail]] = DetailRef("Details")
        disable_automatic_tax_calculation: ClassVar[FieldRef[bool]] = FieldRef(
            "DisableAutomaticTaxCalculation"
        )
        external_ref: ClassVar[FieldRef[str]] = FieldRef("ExternalRef")
        hold: ClassVar[FieldRef[bool]] = FieldRef("Hold")
        last_modified: ClassVar[FieldRef[datetime]] = FieldRef("LastModified")
        location_id: ClassVar[FieldRef[str]] = FieldRef("LocationID")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        ordered_qty: ClassVar[FieldRef[Decimal]] = FieldRef("OrderedQty")
        order_nbr: ClassVar[FieldRef[str]] = FieldRef("OrderNbr")
        order_total: ClassVar[FieldRef[Decimal]] = FieldRef("OrderTotal")
        order_type: ClassVar[FieldRef[str]] = FieldRef("OrderType")
        requested_on: ClassVar[FieldRef[datetime]] = FieldRef("RequestedOn")
        ship_to_address: ClassVar[LinkedRef[DocAddress]] = LinkedRef("ShipToAddress")
        ship_to_contact: ClassVar[LinkedRef[DocContact]] = LinkedRef("ShipToContact")
        ship_via: ClassVar[FieldRef[str]] = FieldRef("ShipVia")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        tax_total: ClassVar[FieldRef[Decimal]] = FieldRef("TaxTotal")
        usr_web_shop_channel: ClassVar[FieldRef[str]] = FieldRef("UsrWebShopChannel")
        usr_web_shop_order_id: ClassVar[FieldRef[str]] = FieldRef("UsrWebShopOrderID")
        custom: ClassVar[FieldRef[Any]] = FieldRef("custom")
        error: ClassVar[FieldRef[str]] = FieldRef("error")
        files: ClassVar[FieldRef[Any]] = FieldRef("files")
        id: ClassVar[FieldRef[UUID]] = FieldRef("id")
        note: ClassVar[FieldRef[str]] = FieldRef("note")
        row_number: ClassVar[FieldRef[int]] = FieldRef("rowNumber")

    def __init__(
        self,
        *,
        bill_to_address: DocAddress | None | Unset = UNSET,
        bill_to_contact: DocContact | None | Unset = UNSET,
        currency_id: str | None | Unset = UNSET,
        customer_id: str | None | Unset = UNSET,
        customer_order: str | None | Unset = UNSET,
        date: datetime | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        details: list[SalesOrderDetail] | None | Unset = UNSET,
        disable_automatic_tax_calculation: bool | None | Unset = UNSET,
        external_ref: str | None | Unset = UNSET,
        hold: bool | None | Unset = UNSET,
        last_modified: datetime | None | Unset = UNSET,
        location_id: str | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        ordered_qty: Decimal | int | None | Unset = UNSET,
        order_nbr: str | None | Unset = UNSET,
        order_total: Decimal | int | None | Unset = UNSET,
        order_type: str | None | Unset = UNSET,
        requested_on: datetime | None | Unset = UNSET,
        ship_to_address: DocAddress | None | Unset = UNSET,
        ship_to_contact: DocContact | None | Unset = UNSET,
        ship_via: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        tax_total: Decimal | int | None | Unset = UNSET,
        usr_web_shop_channel: str | None | Unset = UNSET,
        usr_web_shop_order_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.bill_to_address = bill_to_address
        self.bill_to_contact = bill_to_contact
        self.currency_id = currency_id
        self.customer_id = customer_id
        self.customer_order = customer_order
        self.date = date
        self.description = description
        self.details = details
        self.disable_automatic_tax_calculation = disable_automatic_tax_calculation
        self.external_ref = external_ref
        self.hold = hold
        self.last_modified = last_modified
        self.location_id = location_id
        self.note_id = note_id
        self.ordered_qty = ordered_qty
        self.order_nbr = order_nbr
        self.order_total = order_total
        self.order_type = order_type
        self.requested_on = requested_on
        self.ship_to_address = ship_to_address
        self.ship_to_contact = ship_to_contact
        self.ship_via = ship_via
        self.status = status
        self.tax_total = tax_total
        self.usr_web_shop_channel = usr_web_shop_channel
        self.usr_web_shop_order_id = usr_web_shop_order_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class SalesOrderDetail(Model):
    """SalesOrderDetail: used in SalesOrder.Details."""

    amount: DecimalAttribute = DecimalAttribute()
    description: str | None | Unset = UNSET
    discount_amount: DecimalAttribute = DecimalAttribute()
    discount_code: str | None | Unset = UNSET
    discount_percent: DecimalAttribute = DecimalAttribute()
    extended_price: DecimalAttribute = DecimalAttribute()
    free_item: bool | None | Unset = UNSET
    inventory_id: str | None | Unset = UNSET
    line_nbr: int | None | Unset = UNSET
    line_type: str | None | Unset = UNSET
    operation: str | None | Unset = UNSET
    order_qty: DecimalAttribute = DecimalAttribute()
    requested_on: datetime | None | Unset = UNSET
    ship_on: datetime | None | Unset = UNSET
    tax_category: str | None | Unset = UNSET
    unit_price: DecimalAttribute = DecimalAttribute()
    uom: str | None | Unset = UNSET
    usr_gift_message: str | None | Unset = UNSET
    usr_gift_wrap: bool | None | Unset = UNSET
    warehouse_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("Amount", "amount", "decimal"),
        Value("Description", "description", "string"),
        Value("DiscountAmount", "discount_amount", "decimal"),
        Value("DiscountCode", "discount_code", "string"),
        Value("DiscountPercent", "discount_percent", "decimal"),
        Value("ExtendedPrice", "extended_price", "decimal"),
        Value("FreeItem", "free_item", "bool"),
        Value("InventoryID", "inventory_id", "string"),
        Value("LineNbr", "line_nbr", "int"),
        Value("LineType", "line_type", "string"),
        Value("Operation", "operation", "string"),
        Value("OrderQty", "order_qty", "decimal"),
        Value("RequestedOn", "requested_on", "datetime"),
        Value("ShipOn", "ship_on", "datetime"),
        Value("TaxCategory", "tax_category", "string"),
        Value("UnitPrice", "unit_price", "decimal"),
        Value("UOM", "uom", "string"),
        Value("UsrGiftMessage", "usr_gift_message", "string"),
        Value("UsrGiftWrap", "usr_gift_wrap", "bool"),
        Value("WarehouseID", "warehouse_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as SalesOrderDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        amount: ClassVar[FieldRef[Decimal]] = FieldRef("Amount")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        discount_amount: ClassVar[FieldRef[Decimal]] = FieldRef("DiscountAmount")
        discount_code: ClassVar[FieldRef[str]] = FieldRef("DiscountCode")
        discount_percent: ClassVar[FieldRef[Decimal]] = FieldRef("DiscountPercent")
        extended_price: ClassVar[FieldRef[Decimal]] = FieldRef("ExtendedPrice")
        free_item: ClassVar[FieldRef[bool]] = FieldRef("FreeItem")
        inventory_id: ClassVar[FieldRef[str]] = FieldRef("InventoryID")
        line_nbr: ClassVar[FieldRef[int]] = FieldRef("LineNbr")
        line_type: ClassVar[FieldRef[str]] = FieldRef("LineType")
        operation: ClassVar[FieldRef[str]] = FieldRef("Operation")
        order_qty: ClassVar[FieldRef[Decimal]] = FieldRef("OrderQty")
        requested_on: ClassVar[FieldRef[datetime]] = FieldRef("RequestedOn")
        ship_on: ClassVar[FieldRef[datetime]] = FieldRef("ShipOn")
        tax_category: ClassVar[FieldRef[str]] = FieldRef("TaxCategory")
        unit_price: ClassVar[FieldRef[Decimal]] = FieldRef("UnitPrice")
        uom: ClassVar[FieldRef[str]] = FieldRef("UOM")
        usr_gift_message: ClassVar[FieldRef[str]] = FieldRef("UsrGiftMessage")
        usr_gift_wrap: ClassVar[FieldRef[bool]] = FieldRef("UsrGiftWrap")
        warehouse_id: ClassVar[FieldRef[str]] = FieldRef("WarehouseID")
        custom: ClassVar[FieldRef[Any]] = FieldRef("custom")
        error: ClassVar[FieldRef[str]] = FieldRef("error")
        files: ClassVar[FieldRef[Any]] = FieldRef("files")
        id: ClassVar[FieldRef[UUID]] = FieldRef("id")
        note: ClassVar[FieldRef[str]] = FieldRef("note")
        row_number: ClassVar[FieldRef[int]] = FieldRef("rowNumber")

    def __init__(
        self,
        *,
        amount: Decimal | int | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        discount_amount: Decimal | int | None | Unset = UNSET,
        discount_code: str | None | Unset = UNSET,
        discount_percent: Decimal | int | None | Unset = UNSET,
        extended_price: Decimal | int | None | Unset = UNSET,
        free_item: bool | None | Unset = UNSET,
        inventory_id: str | None | Unset = UNSET,
        line_nbr: int | None | Unset = UNSET,
        line_type: str | None | Unset = UNSET,
        operation: str | None | Unset = UNSET,
        order_qty: Decimal | int | None | Unset = UNSET,
        requested_on: datetime | None | Unset = UNSET,
        ship_on: datetime | None | Unset = UNSET,
        tax_category: str | None | Unset = UNSET,
        unit_price: Decimal | int | None | Unset = UNSET,
        uom: str | None | Unset = UNSET,
        usr_gift_message: str | None | Unset = UNSET,
        usr_gift_wrap: bool | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.amount = amount
        self.description = description
        self.discount_amount = discount_amount
        self.discount_code = discount_code
        self.discount_percent = discount_percent
        self.extended_price = extended_price
        self.free_item = free_item
        self.inventory_id = inventory_id
        self.line_nbr = line_nbr
        self.line_type = line_type
        self.operation = operation
        self.order_qty = order_qty
        self.requested_on = requested_on
        self.ship_on = ship_on
        self.tax_category = tax_category
        self.unit_price = unit_price
        self.uom = uom
        self.usr_gift_message = usr_gift_message
        self.usr_gift_wrap = usr_gift_wrap
        self.warehouse_id = warehouse_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
