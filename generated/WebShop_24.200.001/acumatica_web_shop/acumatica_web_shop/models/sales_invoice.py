"""Invoices (SO303000): SalesInvoice, SalesInvoiceDetail."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from .._runtime.model import (
    Custom,
    DecimalAttribute,
    Detail,
    DetailRef,
    Fields,
    Files,
    Model,
    Plain,
    Value,
)
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

__all__ = ["SalesInvoice", "SalesInvoiceDetail"]


class SalesInvoice(Model):
    """Invoices (SO303000).

    Keys: Type, ReferenceNbr.
    """

    amount: DecimalAttribute = DecimalAttribute()
    balance: DecimalAttribute = DecimalAttribute()
    currency_id: str | None | Unset = UNSET
    customer_id: str | None | Unset = UNSET
    customer_order: str | None | Unset = UNSET
    date: datetime | None | Unset = UNSET
    description: str | None | Unset = UNSET
    details: list[SalesInvoiceDetail] | None | Unset = UNSET
    due_date: datetime | None | Unset = UNSET
    hold: bool | None | Unset = UNSET
    last_modified_date_time: datetime | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    post_period: str | None | Unset = UNSET
    reference_nbr: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    tax_total: DecimalAttribute = DecimalAttribute()
    type: str | None | Unset = UNSET
    usr_web_shop_order_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("Amount", "amount", "decimal"),
        Value("Balance", "balance", "decimal"),
        Value("CurrencyID", "currency_id", "string"),
        Value("CustomerID", "customer_id", "string"),
        Value("CustomerOrder", "customer_order", "string"),
        Value("Date", "date", "datetime"),
        Value("Description", "description", "string"),
        Detail("Details", "details", "SalesInvoiceDetail"),
        Value("DueDate", "due_date", "datetime"),
        Value("Hold", "hold", "bool"),
        Value("LastModifiedDateTime", "last_modified_date_time", "datetime"),
        Value("NoteID", "note_id", "guid"),
        Value("PostPeriod", "post_period", "string"),
        Value("ReferenceNbr", "reference_nbr", "string"),
        Value("Status", "status", "string"),
        Value("TaxTotal", "tax_total", "decimal"),
        Value("Type", "type", "string"),
        Value("UsrWebShopOrderID", "usr_web_shop_order_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as SalesInvoice.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        amount: ClassVar[FieldRef[Decimal]] = FieldRef("Amount")
        balance: ClassVar[FieldRef[Decimal]] = FieldRef("Balance")
        currency_id: ClassVar[FieldRef[str]] = FieldRef("CurrencyID")
        customer_id: ClassVar[FieldRef[str]] = FieldRef("CustomerID")
        customer_order: ClassVar[FieldRef[str]] = FieldRef("CustomerOrder")
        date: ClassVar[FieldRef[datetime]] = FieldRef("Date")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        details: ClassVar[DetailRef[SalesInvoiceDetail]] = DetailRef("Details")
        due_date: ClassVar[FieldRef[datetime]] = FieldRef("DueDate")
        hold: ClassVar[FieldRef[bool]] = FieldRef("Hold")
        last_modified_date_time: ClassVar[FieldRef[datetime]] = FieldRef("LastModifiedDateTime")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        post_period: ClassVar[FieldRef[str]] = FieldRef("PostPeriod")
        reference_nbr: ClassVar[FieldRef[str]] = FieldRef("ReferenceNbr")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        tax_total: ClassVar[FieldRef[Decimal]] = FieldRef("TaxTotal")
        type: ClassVar[FieldRef[str]] = FieldRef("Type")
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
        amount: Decimal | int | None | Unset = UNSET,
        balance: Decimal | int | None | Unset = UNSET,
        currency_id: str | None | Unset = UNSET,
        customer_id: str | None | Unset = UNSET,
        customer_order: str | None | Unset = UNSET,
        date: datetime | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        details: list[SalesInvoiceDetail] | None | Unset = UNSET,
        due_date: datetime | None | Unset = UNSET,
        hold: bool | None | Unset = UNSET,
        last_modified_date_time: datetime | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        post_period: str | None | Unset = UNSET,
        reference_nbr: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        tax_total: Decimal | int | None | Unset = UNSET,
        type: str | None | Unset = UNSET,
        usr_web_shop_order_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.amount = amount
        self.balance = balance
        self.currency_id = currency_id
        self.customer_id = customer_id
        self.customer_order = customer_order
        self.date = date
        self.description = description
        self.details = details
        self.due_date = due_date
        self.hold = hold
        self.last_modified_date_time = last_modified_date_time
        self.note_id = note_id
        self.post_period = post_period
        self.reference_nbr = reference_nbr
        self.status = status
        self.tax_total = tax_total
        self.type = type
        self.usr_web_shop_order_id = usr_web_shop_order_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class SalesInvoiceDetail(Model):
    """SalesInvoiceDetail: used in SalesInvoice.Details."""

    amount: DecimalAttribute = DecimalAttribute()
    deferral_code: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    discount_amount: DecimalAttribute = DecimalAttribute()
    inventory_id: str | None | Unset = UNSET
    line_nbr: int | None | Unset = UNSET
    order_line_nbr: int | None | Unset = UNSET
    order_nbr: str | None | Unset = UNSET
    order_type: str | None | Unset = UNSET
    qty: DecimalAttribute = DecimalAttribute()
    shipment_nbr: str | None | Unset = UNSET
    tax_category: str | None | Unset = UNSET
    unit_price: DecimalAttribute = DecimalAttribute()
    uom: str | None | Unset = UNSET
    warehouse_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("Amount", "amount", "decimal"),
        Value("DeferralCode", "deferral_code", "string"),
        Value("Description", "description", "string"),
        Value("DiscountAmount", "discount_amount", "decimal"),
        Value("InventoryID", "inventory_id", "string"),
        Value("LineNbr", "line_nbr", "int"),
        Value("OrderLineNbr", "order_line_nbr", "int"),
        Value("OrderNbr", "order_nbr", "string"),
        Value("OrderType", "order_type", "string"),
        Value("Qty", "qty", "decimal"),
        Value("ShipmentNbr", "shipment_nbr", "string"),
        Value("TaxCategory", "tax_category", "string"),
        Value("UnitPrice", "unit_price", "decimal"),
        Value("UOM", "uom", "string"),
        Value("WarehouseID", "warehouse_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as SalesInvoiceDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        amount: ClassVar[FieldRef[Decimal]] = FieldRef("Amount")
        deferral_code: ClassVar[FieldRef[str]] = FieldRef("DeferralCode")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        discount_amount: ClassVar[FieldRef[Decimal]] = FieldRef("DiscountAmount")
        inventory_id: ClassVar[FieldRef[str]] = FieldRef("InventoryID")
        line_nbr: ClassVar[FieldRef[int]] = FieldRef("LineNbr")
        order_line_nbr: ClassVar[FieldRef[int]] = FieldRef("OrderLineNbr")
        order_nbr: ClassVar[FieldRef[str]] = FieldRef("OrderNbr")
        order_type: ClassVar[FieldRef[str]] = FieldRef("OrderType")
        qty: ClassVar[FieldRef[Decimal]] = FieldRef("Qty")
        shipment_nbr: ClassVar[FieldRef[str]] = FieldRef("ShipmentNbr")
        tax_category: ClassVar[FieldRef[str]] = FieldRef("TaxCategory")
        unit_price: ClassVar[FieldRef[Decimal]] = FieldRef("UnitPrice")
        uom: ClassVar[FieldRef[str]] = FieldRef("UOM")
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
        deferral_code: str | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        discount_amount: Decimal | int | None | Unset = UNSET,
        inventory_id: str | None | Unset = UNSET,
        line_nbr: int | None | Unset = UNSET,
        order_line_nbr: int | None | Unset = UNSET,
        order_nbr: str | None | Unset = UNSET,
        order_type: str | None | Unset = UNSET,
        qty: Decimal | int | None | Unset = UNSET,
        shipment_nbr: str | None | Unset = UNSET,
        tax_category: str | None | Unset = UNSET,
        unit_price: Decimal | int | None | Unset = UNSET,
        uom: str | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.amount = amount
        self.deferral_code = deferral_code
        self.description = description
        self.discount_amount = discount_amount
        self.inventory_id = inventory_id
        self.line_nbr = line_nbr
        self.order_line_nbr = order_line_nbr
        self.order_nbr = order_nbr
        self.order_type = order_type
        self.qty = qty
        self.shipment_nbr = shipment_nbr
        self.tax_category = tax_category
        self.unit_price = unit_price
        self.uom = uom
        self.warehouse_id = warehouse_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
