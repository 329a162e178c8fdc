"""Stock Items (IN202500): StockItem, StockItemWarehouseDetail."""

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
    Model,
    Plain,
    Value,
)
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

if TYPE_CHECKING:
    from .attribute_value import AttributeValue

__all__ = ["StockItem", "StockItemWarehouseDetail"]


class StockItem(Model):
    """Stock Items (IN202500).

    Keys: InventoryID.
    """

    attributes: list[AttributeValue] | None | Unset = UNSET
    base_uom: str | None | Unset = UNSET
    default_price: DecimalAttribute = DecimalAttribute()
    default_warehouse_id: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    dimension_volume: DecimalAttribute = DecimalAttribute()
    dimension_weight: DecimalAttribute = DecimalAttribute()
    export_to_external: bool | None | Unset = UNSET
    inventory_id: str | None | Unset = UNSET
    is_a_kit: bool | None | Unset = UNSET
    item_class: str | None | Unset = UNSET
    item_status: str | None | Unset = UNSET
    item_type: str | None | Unset = UNSET
    last_modified: datetime | None | Unset = UNSET
    msrp: DecimalAttribute = DecimalAttribute()
    note_id: UUID | None | Unset = UNSET
    sales_uom: str | None | Unset = UNSET
    tax_category: str | None | Unset = UNSET
    usr_age_restriction: int | None | Unset = UNSET
    usr_average_rating: DecimalAttribute = DecimalAttribute()
    usr_web_shop_product_id: int | None | Unset = UNSET
    usr_web_shop_visible: bool | None | Unset = UNSET
    volume_uom: str | None | Unset = UNSET
    warehouse_details: list[StockItemWarehouseDetail] | None | Unset = UNSET
    weight_uom: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Detail("Attributes", "attributes", "AttributeValue"),
        Value("BaseUOM", "base_uom", "string"),
        Value("DefaultPrice", "default_price", "decimal"),
        Value("DefaultWarehouseID", "default_warehouse_id", "string"),
        Value("Description", "description", "string"),
        Value("DimensionVolume", "dimension_volume", "decimal"),
        Value("DimensionWeight", "dimension_weight", "decimal"),
        Value("ExportToExternal", "export_to_external", "bool"),
        Value("InventoryID", "inventory_id", "string"),
        Value("IsAKit", "is_a_kit", "bool"),
        Value("ItemClass", "item_class", "string"),
        Value("ItemStatus", "item_status", "string"),
        Value("ItemType", "item_type", "string"),
        Value("LastModified", "last_modified", "datetime"),
        Value("MSRP", "msrp", "decimal"),
        Value("NoteID", "note_id", "guid"),
        Value("SalesUOM", "sales_uom", "string"),
        Value("TaxCategory", "tax_category", "string"),
        Value("UsrAgeRestriction", "usr_age_restriction", "int"),
        Value("UsrAverageRating", "usr_average_rating", "decimal"),
        Value("UsrWebShopProductID", "usr_web_shop_product_id", "int"),
        Value("UsrWebShopVisible", "usr_web_shop_visible", "bool"),
        Value("VolumeUOM", "volume_uom", "string"),
        Detail("WarehouseDetails", "warehouse_details", "StockItemWarehouseDetail"),
        Value("WeightUOM", "weight_uom", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as StockItem.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        attributes: ClassVar[DetailRef[AttributeValue]] = DetailRef("Attributes")
        base_uom: ClassVar[FieldRef[str]] = FieldRef("BaseUOM")
        default_price: ClassVar[FieldRef[Decimal]] = FieldRef("DefaultPrice")
        default_warehouse_id: ClassVar[FieldRef[str]] = FieldRef("DefaultWarehouseID")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        dimension_volume: ClassVar[FieldRef[Decimal]] = FieldRef("DimensionVolume")
        dimension_weight: ClassVar[FieldRef[Decimal]] = FieldRef("DimensionWeight")
        export_to_external: ClassVar[FieldRef[bool]] = FieldRef("ExportToExternal")
        inventory_id: ClassVar[FieldRef[str]] = FieldRef("InventoryID")
        is_a_kit: ClassVar[FieldRef[bool]] = FieldRef("IsAKit")
        item_class: ClassVar[FieldRef[str]] = FieldRef("ItemClass")
        item_status: ClassVar[FieldRef[str]] = FieldRef("ItemStatus")
        item_type: ClassVar[FieldRef[str]] = FieldRef("ItemType")
        last_modified: ClassVar[FieldRef[datetime]] = FieldRef("LastModified")
        msrp: ClassVar[FieldRef[Decimal]] = FieldRef("MSRP")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        sales_uom: ClassVar[FieldRef[str]] = FieldRef("SalesUOM")
        tax_category: ClassVar[FieldRef[str]] = FieldRef("TaxCategory")
        usr_age_restriction: ClassVar[FieldRef[int]] = FieldRef("UsrAgeRestriction")
        usr_average_rating: ClassVar[FieldRef[Decimal]] = FieldRef("UsrAverageRating")
        usr_web_shop_product_id: ClassVar[FieldRef[int]] = FieldRef("UsrWebShopProductID")
        usr_web_shop_visible: ClassVar[FieldRef[bool]] = FieldRef("UsrWebShopVisible")
        volume_uom: ClassVar[FieldRef[str]] = FieldRef("VolumeUOM")
        warehouse_details: ClassVar[DetailRef[StockItemWarehouseDetail]] = DetailRef(
            "WarehouseDetails"
        )
        weight_uom: ClassVar[FieldRef[str]] = FieldRef("WeightUOM")
        custom: ClassVar[FieldRef[Any]] = FieldRef("custom")
        error: ClassVar[FieldRef[str]] = FieldRef("error")
        files: ClassVar[FieldRef[Any]] = FieldRef("files")
        id: ClassVar[FieldRef[UUID]] = FieldRef("id")
        note: ClassVar[FieldRef[str]] = FieldRef("note")
        row_number: ClassVar[FieldRef[int]] = FieldRef("rowNumber")

    def __init__(
        self,
        *,
        attributes: list[AttributeValue] | None | Unset = UNSET,
        base_uom: str | None | Unset = UNSET,
        default_price: Decimal | int | None | Unset = UNSET,
        default_warehouse_id: str | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        dimension_volume: Decimal | int | None | Unset = UNSET,
        dimension_weight: Decimal | int | None | Unset = UNSET,
        export_to_external: bool | None | Unset = UNSET,
        inventory_id: str | None | Unset = UNSET,
        is_a_kit: bool | None | Unset = UNSET,
        item_class: str | None | Unset = UNSET,
        item_status: str | None | Unset = UNSET,
        item_type: str | None | Unset = UNSET,
        last_modified: datetime | None | Unset = UNSET,
        msrp: Decimal | int | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        sales_uom: str | None | Unset = UNSET,
        tax_category: str | None | Unset = UNSET,
        usr_age_restriction: int | None | Unset = UNSET,
        usr_average_rating: Decimal | int | None | Unset = UNSET,
        usr_web_shop_product_id: int | None | Unset = UNSET,
        usr_web_shop_visible: bool | None | Unset = UNSET,
        volume_uom: str | None | Unset = UNSET,
        warehouse_details: list[StockItemWarehouseDetail] | None | Unset = UNSET,
        weight_uom: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.attributes = attributes
        self.base_uom = base_uom
        self.default_price = default_price
        self.default_warehouse_id = default_warehouse_id
        self.description = description
        self.dimension_volume = dimension_volume
        self.dimension_weight = dimension_weight
        self.export_to_external = export_to_external
        self.inventory_id = inventory_id
        self.is_a_kit = is_a_kit
        self.item_class = item_class
        self.item_status = item_status
        self.item_type = item_type
        self.last_modified = last_modified
        self.msrp = msrp
        self.note_id = note_id
        self.sales_uom = sales_uom
        self.tax_category = tax_category
        self.usr_age_restriction = usr_age_restriction
        self.usr_average_rating = usr_average_rating
        self.usr_web_shop_product_id = usr_web_shop_product_id
        self.usr_web_shop_visible = usr_web_shop_visible
        self.volume_uom = volume_uom
        self.warehouse_details = warehouse_details
        self.weight_uom = weight_uom
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class StockItemWarehouseDetail(Model):
    """StockItemWarehouseDetail: used in StockItem.WarehouseDetails."""

    default_issue_location_id: str | None | Unset = UNSET
    default_receipt_location_id: str | None | Unset = UNSET
    is_default: bool | None | Unset = UNSET
    qty_on_hand: DecimalAttribute = DecimalAttribute()
    replenishment_warehouse_id: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    usr_web_shop_safety_stock: float | None | Unset = UNSET
    warehouse_id: str | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("DefaultIssueLocationID", "default_issue_location_id", "string"),
        Value("DefaultReceiptLocationID", "default_receipt_location_id", "string"),
        Value("IsDefault", "is_default", "bool"),
        Value("QtyOnHand", "qty_on_hand", "decimal"),
        Value("ReplenishmentWarehouseID", "replenishment_warehouse_id", "string"),
        Value("Status", "status", "string"),
        Value("UsrWebShopSafetyStock", "usr_web_shop_safety_stock", "float"),
        Value("WarehouseID", "warehouse_id", "string"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as StockItemWarehouseDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        default_issue_location_id: ClassVar[FieldRef[str]] = FieldRef("DefaultIssueLocationID")
        default_receipt_location_id: ClassVar[FieldRef[str]] = FieldRef("DefaultReceiptLocationID")
        is_default: ClassVar[FieldRef[bool]] = FieldRef("IsDefault")
        qty_on_hand: ClassVar[FieldRef[Decimal]] = FieldRef("QtyOnHand")
        replenishment_warehouse_id: ClassVar[FieldRef[str]] = FieldRef("ReplenishmentWarehouseID")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        usr_web_shop_safety_stock: ClassVar[FieldRef[float]] = FieldRef("UsrWebShopSafetyStock")
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
        default_issue_location_id: str | None | Unset = UNSET,
        default_receipt_location_id: str | None | Unset = UNSET,
        is_default: bool | None | Unset = UNSET,
        qty_on_hand: Decimal | int | None | Unset = UNSET,
        replenishment_warehouse_id: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        usr_web_shop_safety_stock: float | None | Unset = UNSET,
        warehouse_id: str | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.default_issue_location_id = default_issue_location_id
        self.default_receipt_location_id = default_receipt_location_id
        self.is_default = is_default
        self.qty_on_hand = qty_on_hand
        self.replenishment_warehouse_id = replenishment_warehouse_id
        self.status = status
        self.usr_web_shop_safety_stock = usr_web_shop_safety_stock
        self.warehouse_id = warehouse_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
