"""Contact."""

from __future__ import annotations

from typing import Any, ClassVar, TYPE_CHECKING
from uuid import UUID

from .._runtime.model import Custom, Fields, Files, Linked, LinkedRef, Model, Plain, Value
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, UNSET, Unset

if TYPE_CHECKING:
    from .address import Address

__all__ = ["Contact"]


class Contact(Model):
    """Contact: used in Customer.BillingContact, Customer.MainContact."""

    address: Address | None | Unset = UNSET
    attention: str | None | Unset = UNSET
    company_name: str | None | Unset = UNSET
    contact_id: int | None | Unset = UNSET
    display_name: str | None | Unset = UNSET
    email: str | None | Unset = UNSET
    fax: str | None | Unset = UNSET
    first_name: str | None | Unset = UNSET
    job_title: str | None | Unset = UNSET
    last_name: str | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    phone_1: str | None | Unset = UNSET
    phone_1_type: str | None | Unset = UNSET
    phone_2: str | None | Unset = UNSET
    phone_2_type: str | None | Unset = UNSET
    web_site: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Linked("Address", "address", "Address"),
        Value("Attention", "attention", "string"),
        Value("CompanyName", "company_name", "string"),
        Value("ContactID", "contact_id", "int"),
        Value("DisplayName", "display_name", "string"),
        Value("Email", "email", "string"),
        Value("Fax", "fax", "string"),
        Value("FirstName", "first_name", "string"),
        Value("JobTitle", "job_title", "string"),
        Value("LastName", "last_name", "string"),
        Value("NoteID", "note_id", "guid"),
        Value("Phone1", "phone_1", "string"),
        Value("Phone1Type", "phone_1_type", "string"),
        Value("Phone2", "phone_2", "string"),
        Value("Phone2Type", "phone_2_type", "string"),
        Value("WebSite", "web_site", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as Contact.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        address: ClassVar[LinkedRef[Address]] = LinkedRef("Address")
        attention: ClassVar[FieldRef[str]] = FieldRef("Attention")
        company_name: ClassVar[FieldRef[str]] = FieldRef("CompanyName")
        contact_id: ClassVar[FieldRef[int]] = FieldRef("ContactID")
        display_name: ClassVar[FieldRef[str]] = FieldRef("DisplayName")
        email: ClassVar[FieldRef[str]] = FieldRef("Email")
        fax: ClassVar[FieldRef[str]] = FieldRef("Fax")
        first_name: ClassVar[FieldRef[str]] = FieldRef("FirstName")
        job_title: ClassVar[FieldRef[str]] = FieldRef("JobTitle")
        last_name: ClassVar[FieldRef[str]] = FieldRef("LastName")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        phone_1: ClassVar[FieldRef[str]] = FieldRef("Phone1")
        phone_1_type: ClassVar[FieldRef[str]] = FieldRef("Phone1Type")
        phone_2: ClassVar[FieldRef[str]] = FieldRef("Phone2")
        phone_2_type: ClassVar[FieldRef[str]] = FieldRef("Phone2Type")
        web_site: ClassVar[FieldRef[str]] = FieldRef("WebSite")
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
        address: Address | None | Unset = UNSET,
        attention: str | None | Unset = UNSET,
        company_name: str | None | Unset = UNSET,
        contact_id: int | None | Unset = UNSET,
        display_name: str | None | Unset = UNSET,
        email: str | None | Unset = UNSET,
        fax: str | None | Unset = UNSET,
        first_name: str | None | Unset = UNSET,
        job_title: str | None | Unset = UNSET,
        last_name: str | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        phone_1: str | None | Unset = UNSET,
        phone_1_type: str | None | Unset = UNSET,
        phone_2: str | None | Unset = UNSET,
        phone_2_type: str | None | Unset = UNSET,
        web_site: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.address = address
        self.attention = attention
        self.company_name = company_name
        self.contact_id = contact_id
        self.display_name = display_name
        self.email = email
        self.fax = fax
        self.first_name = first_name
        self.job_title = job_title
        self.last_name = last_name
        self.note_id = note_id
        self.phone_1 = phone_1
        self.phone_1_type = phone_1_type
        self.phone_2 = phone_2
        self.phone_2_type = phone_2_type
        self.web_site = web_site
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
