"""DocContact."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from .._runtime.model import Custom, Fields, Files, Model, Plain, Value
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

__all__ = ["DocContact"]


class DocContact(Model):
    """DocContact: used in SalesOrder.BillToContact, SalesOrder.ShipToContact,
    Shipment.ShipToContact.
    """

    attention: str | None | Unset = UNSET
    business_name: str | None | Unset = UNSET
    email: str | None | Unset = UNSET
    override_contact: bool | None | Unset = UNSET
    phone_1: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("Attention", "attention", "string"),
        Value("BusinessName", "business_name", "string"),
        Value("Email", "email", "string"),
        Value("OverrideContact", "override_contact", "bool"),
        Value("Phone1", "phone_1", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as DocContact.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        attention: ClassVar[FieldRef[str]] = FieldRef("Attention")
        business_name: ClassVar[FieldRef[str]] = FieldRef("BusinessName")
        email: ClassVar[FieldRef[str]] = FieldRef("Email")
        override_contact: ClassVar[FieldRef[bool]] = FieldRef("OverrideContact")
        phone_1: ClassVar[FieldRef[str]] = FieldRef("Phone1")
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
        attention: str | None | Unset = UNSET,
        business_name: str | None | Unset = UNSET,
        email: str | None | Unset = UNSET,
        override_contact: bool | None | Unset = UNSET,
        phone_1: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.attention = attention
        self.business_name = business_name
        self.email = email
        self.override_contact = override_contact
        self.phone_1 = phone_1
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
