"""DocAddress."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from .._runtime.model import Custom, Fields, Files, Model, Plain, Value
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

__all__ = ["DocAddress"]


class DocAddress(Model):
    """DocAddress: used in SalesOrder.BillToAddress, SalesOrder.ShipToAddress,
    Shipment.ShipToAddress.
    """

    address_line_1: str | None | Unset = UNSET
    address_line_2: str | None | Unset = UNSET
    city: str | None | Unset = UNSET
    country: str | None | Unset = UNSET
    override_address: bool | None | Unset = UNSET
    postal_code: str | None | Unset = UNSET
    state: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("AddressLine1", "address_line_1", "string"),
        Value("AddressLine2", "address_line_2", "string"),
        Value("City", "city", "string"),
        Value("Country", "country", "string"),
        Value("OverrideAddress", "override_address", "bool"),
        Value("PostalCode", "postal_code", "string"),
        Value("State", "state", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as DocAddress.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        address_line_1: ClassVar[FieldRef[str]] = FieldRef("AddressLine1")
        address_line_2: ClassVar[FieldRef[str]] = FieldRef("AddressLine2")
        city: ClassVar[FieldRef[str]] = FieldRef("City")
        country: ClassVar[FieldRef[str]] = FieldRef("Country")
        override_address: ClassVar[FieldRef[bool]] = FieldRef("OverrideAddress")
        postal_code: ClassVar[FieldRef[str]] = FieldRef("PostalCode")
        state: ClassVar[FieldRef[str]] = FieldRef("State")
        links: ClassVar[FieldRef[Any]] = FieldRef("_links")
        custom: ClassVar[FieldRef[Any]] = FieldRef("custom")
        error: ClassVar[FieldRef[str]] = FieldRef("error")
        files: ClassVar[FieldRef[Any]] = FieldRef("files")
        id: ClassVar[FieldRef[UUID]] = FieldRef("id")
        note: ClassVar[FieldRef[str]] = FieldRef("note")
        row_number: ClassVar[FieldRef[int]] = FieldRef("rowNumber")

    def __init__(
        self,
        *,
        address_line_1: str | None | Unset = UNSET,
        address_line_2: str | None | Unset = UNSET,
        city: str | None | Unset = UNSET,
        country: str | None | Unset = UNSET,
        override_address: bool | None | Unset = UNSET,
        postal_code: str | None | Unset = UNSET,
        state: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.address_line_1 = address_line_1
        self.address_line_2 = address_line_2
        self.city = city
        self.country = country
        self.override_address = override_address
        self.postal_code = postal_code
        self.state = state
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
