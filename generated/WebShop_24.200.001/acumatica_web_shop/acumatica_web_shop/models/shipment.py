"""Shipments (SO302000): Shipment, ShipmentDetail."""

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

__all__ = ["Shipment", "ShipmentDetail"]


class Shipment(Model):
    """Shipments (SO302000).

    Keys: ShipmentNbr.
    """

    control_qty: DecimalAttribute = DecimalAttribute()
    customer_id: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    details: list[ShipmentDetail] | None | Unset = UNSET
    hold: bool | None | Unset = UNSET
    last_modified_date_time: datetime | None | Unset = UNSET
    location_id: str | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    shipment_date: datetime | None | Unset = UNSET
    shipment_nbr: str | None | Unset = UNSET
    shipped_qty: DecimalAttribute = DecimalAttribute()
    shipped_weight: DecimalAttribute = DecimalAttribute()
    ship_to_address: DocAddress | None | Unset = UNSET
    ship_to_contact: DocContact | None | Unset = UNSET
    ship_via: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    type: str | None | Unset = UNSET
    usr_tracking_nbr: str | None | Unset = UNSET
    warehouse_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("ControlQty", "control_qty", "decimal"),
        Value("CustomerID", "customer_id", "string"),
        Value("Description", "description", "string"),
        Detail("Details", "details", "ShipmentDetail"),
        Value("Hold", "hold", "bool"),
        Value("LastModifiedDateTime", "last_modified_date_time", "datetime"),
        Value("LocationID", "location_id", "string"),
        Value("NoteID", "note_id", "guid"),
        Value("ShipmentDate", "shipment_date", "datetime"),
        Value("ShipmentNbr", "shipment_nbr", "string"),
        Value("ShippedQty", "shipped_qty", "decimal"),
        Value("ShippedWeight", "shipped_weight", "decimal"),
        Linked("ShipToAddress", "ship_to_address", "DocAddress"),
        Linked("ShipToContact", "ship_to_contact", "DocContact"),
        Value("ShipVia", "ship_via", "string"),
        Value("Status", "status", "string"),
        Value("Type", "type", "string"),
        Value("UsrTrackingNbr", "usr_tracking_nbr", "string"),
        Value("WarehouseID", "warehouse_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as Shipment.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        control_qty: ClassVar[FieldRef[Decimal]] = FieldRef("ControlQty")
        customer_id: ClassVar[FieldRef[str]] = FieldRef("CustomerID")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        details: ClassVar[DetailRef[ShipmentDetail]] = DetailRef("Details")
        hold: ClassVar[FieldRef[bool]] = FieldRef("Hold")
        last_modified_date_time: ClassVar[FieldRef[datetime]] = FieldRef("LastModifiedDateTime")
        location_id: ClassVar[FieldRef[str]] = FieldRef("LocationID")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        shipment_date: ClassVar[FieldRef[datetime]] = FieldRef("ShipmentDate")
        shipment_nbr: ClassVar[FieldRef[str]] = FieldRef("ShipmentNbr")
        shipped_qty: ClassVar[FieldRef[Decimal]] = FieldRef("ShippedQty")
        shipped_weight: ClassVar[FieldRef[Decimal]] = FieldRef("ShippedWeight")
        ship_to_address: ClassVar[LinkedRef[DocAddress]] = LinkedRef("ShipToAddress")
        ship_to_contact: ClassVar[LinkedRef[DocContact]] = LinkedRef("ShipToContact")
        ship_via: ClassVar[FieldRef[str]] = FieldRef("ShipVia")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        type: ClassVar[FieldRef[str]] = FieldRef("Type")
        usr_tracking_nbr: ClassVar[FieldRef[str]] = FieldRef("UsrTrackingNbr")
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
        control_qty: Decimal | int | None | Unset = UNSET,
        customer_id: str | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        details: list[ShipmentDetail] | None | Unset = UNSET,
        hold: bool | None | Unset = UNSET,
        last_modified_date_time: datetime | None | Unset = UNSET,
        location_id: str | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        shipment_date: datetime | None | Unset = UNSET,
        shipment_nbr: str | None | Unset = UNSET,
        shipped_qty: Decimal | int | None | Unset = UNSET,
        shipped_weight: Decimal | int | None | Unset = UNSET,
        ship_to_address: DocAddress | None | Unset = UNSET,
        ship_to_contact: DocContact | None | Unset = UNSET,
        ship_via: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        type: str | None | Unset = UNSET,
        usr_tracking_nbr: str | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.control_qty = control_qty
        self.customer_id = customer_id
        self.description = description
        self.details = details
        self.hold = hold
        self.last_modified_date_time = last_modified_date_time
        self.location_id = location_id
        self.note_id = note_id
        self.shipment_date = shipment_date
        self.shipment_nbr = shipment_nbr
        self.shipped_qty = shipped_qty
        self.shipped_weight = shipped_weight
        self.ship_to_address = ship_to_address
        self.ship_to_contact = ship_to_contact
        self.ship_via = ship_via
        self.status = status
        self.type = type
        self.usr_tracking_nbr = usr_tracking_nbr
        self.warehouse_id = warehouse_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class ShipmentDetail(Model):
    """ShipmentDetail: used in Shipment.Details."""

    description: str | None | Unset = UNSET
    inventory_id: str | None | Unset = UNSET
    line_nbr: int | None | Unset = UNSET
    location_id: str | None | Unset = UNSET
    lot_serial_nbr: str | None | Unset = UNSET
    order_line_nbr: int | None | Unset = UNSET
    order_nbr: str | None | Unset = UNSET
    order_type: str | None | Unset = UNSET
    shipped_qty: DecimalAttribute = DecimalAttribute()
    uom: str | None | Unset = UNSET
    warehouse_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("Description", "description", "string"),
        Value("InventoryID", "inventory_id", "string"),
        Value("LineNbr", "line_nbr", "int"),
        Value("LocationID", "location_id", "string"),
        Value("LotSerialNbr", "lot_serial_nbr", "string"),
        Value("OrderLineNbr", "order_line_nbr", "int"),
        Value("OrderNbr", "order_nbr", "string"),
        Value("OrderType", "order_type", "string"),
        Value("ShippedQty", "shipped_qty", "decimal"),
        Value("UOM", "uom", "string"),
        Value("WarehouseID", "warehouse_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as ShipmentDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        inventory_id: ClassVar[FieldRef[str]] = FieldRef("InventoryID")
        line_nbr: ClassVar[FieldRef[int]] = FieldRef("LineNbr")
        location_id: ClassVar[FieldRef[str]] = FieldRef("LocationID")
        lot_serial_nbr: ClassVar[FieldRef[str]] = FieldRef("LotSerialNbr")
        order_line_nbr: ClassVar[FieldRef[int]] = FieldRef("OrderLineNbr")
        order_nbr: ClassVar[FieldRef[str]] = FieldRef("OrderNbr")
        order_type: ClassVar[FieldRef[str]] = FieldRef("OrderType")
        shipped_qty: ClassVar[FieldRef[Decimal]] = FieldRef("ShippedQty")
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
        description: str | None | Unset = UNSET,
        inventory_id: str | None | Unset = UNSET,
        line_nbr: int | None | Unset = UNSET,
        location_id: str | None | Unset = UNSET,
        lot_serial_nbr: str | None | Unset = UNSET,
        order_line_nbr: int | None | Unset = UNSET,
        order_nbr: str | None | Unset = UNSET,
        order_type: str | None | Unset = UNSET,
        shipped_qty: Decimal | int | None | Unset = UNSET,
        uom: str | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.description = description
        self.inventory_id = inventory_id
        self.line_nbr = line_nbr
        self.location_id = location_id
        self.lot_serial_nbr = lot_serial_nbr
        self.order_line_nbr = order_line_nbr
        self.order_nbr = order_nbr
        self.order_type = order_type
        self.shipped_qty = shipped_qty
        self.uom = uom
        self.warehouse_id = warehouse_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
