"""AttributeValue."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from .._runtime.model import Custom, Fields, Files, Model, Plain, Value
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

__all__ = ["AttributeValue"]


class AttributeValue(Model):
    """AttributeValue: used in Customer.Attributes, StockItem.Attributes."""

    attribute_description: str | None | Unset = UNSET
    attribute_id: str | None | Unset = UNSET
    ref_note_id: UUID | None | Unset = UNSET
    required: bool | None | Unset = UNSET
    value: str | None | Unset = UNSET
    value_description: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("AttributeDescription", "attribute_description", "string"),
        Value("AttributeID", "attribute_id", "string"),
        Value("RefNoteID", "ref_note_id", "guid"),
        Value("Required", "required", "bool"),
        Value("Value", "value", "string"),
        Value("ValueDescription", "value_description", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as AttributeValue.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        attribute_description: ClassVar[FieldRef[str]] = FieldRef("AttributeDescription")
        attribute_id: ClassVar[FieldRef[str]] = FieldRef("AttributeID")
        ref_note_id: ClassVar[FieldRef[UUID]] = FieldRef("RefNoteID")
        required: ClassVar[FieldRef[bool]] = FieldRef("Required")
        value: ClassVar[FieldRef[str]] = FieldRef("Value")
        value_description: ClassVar[FieldRef[str]] = FieldRef("ValueDescription")
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
        attribute_description: str | None | Unset = UNSET,
        attribute_id: str | None | Unset = UNSET,
        ref_note_id: UUID | None | Unset = UNSET,
        required: bool | None | Unset = UNSET,
        value: str | None | Unset = UNSET,
        value_description: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.attribute_description = attribute_description
        self.attribute_id = attribute_id
        self.ref_note_id = ref_note_id
        self.required = required
        self.value = value
        self.value_description = value_description
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
