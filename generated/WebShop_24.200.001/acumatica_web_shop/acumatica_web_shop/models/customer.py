"""Customers (AR303000): Customer."""

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
    from .attribute_value import AttributeValue
    from .contact import Contact

__all__ = ["Customer"]


class Customer(Model):
    """Customers (AR303000).

    Keys: CustomerID.
    """

    attributes: list[AttributeValue] | None | Unset = UNSET
    b_account_id: int | None | Unset = UNSET
    billing_contact: Contact | None | Unset = UNSET
    created_date_time: datetime | None | Unset = UNSET
    credit_limit: DecimalAttribute = DecimalAttribute()
    currency_id: str | None | Unset = UNSET
    customer_class: str | None | Unset = UNSET
    customer_id: str | None | Unset = UNSET
    customer_name: str | None | Unset = UNSET
    email: str | None | Unset = UNSET
    is_guest_customer: bool | None | Unset = UNSET
    last_modified_date_time: datetime | None | Unset = UNSET
    lead_time_days: int | None | Unset = UNSET
    main_contact: Contact | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    order_priority: int | None | Unset = UNSET
    price_class_id: str | None | Unset = UNSET
    ship_via: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    tax_zone: str | None | Unset = UNSET
    terms: str | None | Unset = UNSET
    usr_loyalty_points: int | None | Unset = UNSET
    usr_marketing_opt_in: bool | None | Unset = UNSET
    usr_web_shop_customer_id: int | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Detail("Attributes", "attributes", "AttributeValue"),
        Value("BAccountID", "b_account_id", "int"),
        Linked("BillingContact", "billing_contact", "Contact"),
        Value("CreatedDateTime", "created_date_time", "datetime"),
        Value("CreditLimit", "credit_limit", "decimal"),
        Value("CurrencyID", "currency_id", "string"),
        Value("CustomerClass", "customer_class", "string"),
        Value("CustomerID", "customer_id", "string"),
        Value("CustomerName", "customer_name", "string"),
        Value("Email", "email", "string"),
        Value("IsGuestCustomer", "is_guest_customer", "bool"),
        Value("LastModifiedDateTime", "last_modified_date_time", "datetime"),
        Value("LeadTimedays", "lead_time_days", "int"),
        Linked("MainContact", "main_contact", "Contact"),
        Value("NoteID", "note_id", "guid"),
        Value("OrderPriority", "order_priority", "int"),
        Value("PriceClassID", "price_class_id", "string"),
        Value("ShipVia", "ship_via", "string"),
        Value("Status", "status", "string"),
        Value("TaxZone", "tax_zone", "string"),
        Value("Terms", "terms", "string"),
        Value("UsrLoyaltyPoints", "usr_loyalty_points", "int"),
        Value("UsrMarketingOptIn", "usr_marketing_opt_in", "bool"),
        Value("UsrWebShopCustomerID", "usr_web_shop_customer_id", "int"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as Customer.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        attributes: ClassVar[DetailRef[AttributeValue]] = DetailRef("Attributes")
        b_account_id: ClassVar[FieldRef[int]] = FieldRef("BAccountID")
        billing_contact: ClassVar[LinkedRef[Contact]] = LinkedRef("BillingContact")
        created_date_time: ClassVar[FieldRef[datetime]] = FieldRef("CreatedDateTime")
        credit_limit: ClassVar[FieldRef[Decimal]] = FieldRef("CreditLimit")
        currency_id: ClassVar[FieldRef[str]] = FieldRef("CurrencyID")
        customer_class: ClassVar[FieldRef[str]] = FieldRef("CustomerClass")
        customer_id: ClassVar[FieldRef[str]] = FieldRef("CustomerID")
        customer_name: ClassVar[FieldRef[str]] = FieldRef("CustomerName")
        email: ClassVar[FieldRef[str]] = FieldRef("Email")
        is_guest_customer: ClassVar[FieldRef[bool]] = FieldRef("IsGuestCustomer")
        last_modified_date_time: ClassVar[FieldRef[datetime]] = FieldRef("LastModifiedDateTime")
        lead_time_days: ClassVar[FieldRef[int]] = FieldRef("LeadTimedays")
        main_contact: ClassVar[LinkedRef[Contact]] = LinkedRef("MainContact")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        order_priority: ClassVar[FieldRef[int]] = FieldRef("OrderPriority")
        price_class_id: ClassVar[FieldRef[str]] = FieldRef("PriceClassID")
        ship_via: ClassVar[FieldRef[str]] = FieldRef("ShipVia")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        tax_zone: ClassVar[FieldRef[str]] = FieldRef("TaxZone")
        terms: ClassVar[FieldRef[str]] = FieldRef("Terms")
        usr_loyalty_points: ClassVar[FieldRef[int]] = FieldRef("UsrLoyaltyPoints")
        usr_marketing_opt_in: ClassVar[FieldRef[bool]] = FieldRef("UsrMarketingOptIn")
        usr_web_shop_customer_id: ClassVar[FieldRef[int]] = FieldRef("UsrWebShopCustomerID")
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
        b_account_id: int | None | Unset = UNSET,
        billing_contact: Contact | None | Unset = UNSET,
        created_date_time: datetime | None | Unset = UNSET,
        credit_limit: Decimal | int | None | Unset = UNSET,
        currency_id: str | None | Unset = UNSET,
        customer_class: str | None | Unset = UNSET,
        customer_id: str | None | Unset = UNSET,
        customer_name: str | None | Unset = UNSET,
        email: str | None | Unset = UNSET,
        is_guest_customer: bool | None | Unset = UNSET,
        last_modified_date_time: datetime | None | Unset = UNSET,
        lead_time_days: int | None | Unset = UNSET,
        main_contact: Contact | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        order_priority: int | None | Unset = UNSET,
        price_class_id: str | None | Unset = UNSET,
        ship_via: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        tax_zone: str | None | Unset = UNSET,
        terms: str | None | Unset = UNSET,
        usr_loyalty_points: int | None | Unset = UNSET,
        usr_marketing_opt_in: bool | None | Unset = UNSET,
        usr_web_shop_customer_id: int | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.attributes = attributes
        self.b_account_id = b_account_id
        self.billing_contact = billing_contact
        self.created_date_time = created_date_time
        self.credit_limit = credit_limit
        self.currency_id = currency_id
        self.customer_class = customer_class
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.email = email
        self.is_guest_customer = is_guest_customer
        self.last_modified_date_time = last_modified_date_time
        self.lead_time_days = lead_time_days
        self.main_contact = main_contact
        self.note_id = note_id
        self.order_priority = order_priority
        self.price_class_id = price_class_id
        self.ship_via = ship_via
        self.status = status
        self.tax_zone = tax_zone
        self.terms = terms
        self.usr_loyalty_points = usr_loyalty_points
        self.usr_marketing_opt_in = usr_marketing_opt_in
        self.usr_web_shop_customer_id = usr_web_shop_customer_id
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
