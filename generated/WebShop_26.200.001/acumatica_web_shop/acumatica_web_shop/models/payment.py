"""Payments and Applications (AR302000): Payment, PaymentApplicationHistoryDetail,
PaymentCustomAction, PaymentDetail, PaymentOrderDetail.
"""

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
    Linked,
    LinkedRef,
    Map,
    Model,
    Plain,
    SelectAttribute,
    SelectRef,
    Value,
)
from .._runtime.query import FieldRef
from .._runtime.values import CustomFields, FileLink, Select, UNSET, Unset

__all__ = [
    "Payment",
    "PaymentApplicationHistoryDetail",
    "PaymentCustomAction",
    "PaymentDetail",
    "PaymentOrderDetail",
]


class Payment(Model):
    """Payments and Applications (AR302000).

    Keys: Type, ReferenceNbr.
    """

    workflow_actions: dict[str, PaymentCustomAction] | None | Unset = UNSET
    application_date: datetime | None | Unset = UNSET
    application_history: list[PaymentApplicationHistoryDetail] | None | Unset = UNSET
    available_balance: DecimalAttribute = DecimalAttribute()
    card_account_nbr: str | None | Unset = UNSET
    cash_account: str | None | Unset = UNSET
    currency_id: str | None | Unset = UNSET
    customer_id: str | None | Unset = UNSET
    customer_location_id: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    documents_to_apply: list[PaymentDetail] | None | Unset = UNSET
    external_ref: str | None | Unset = UNSET
    hold: bool | None | Unset = UNSET
    is_cc_payment: bool | None | Unset = UNSET
    last_modified_date_time: datetime | None | Unset = UNSET
    note_id: UUID | None | Unset = UNSET
    orders_to_apply: list[PaymentOrderDetail] | None | Unset = UNSET
    payment_amount: DecimalAttribute = DecimalAttribute()
    payment_method: str | None | Unset = UNSET
    payment_ref: str | None | Unset = UNSET
    reference_nbr: str | None | Unset = UNSET
    status: SelectAttribute[str] = SelectAttribute()
    type: str | None | Unset = UNSET
    usr_web_shop_transaction_id: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Map("_workflowActions", "workflow_actions", "PaymentCustomAction"),
        Value("ApplicationDate", "application_date", "datetime"),
        Detail("ApplicationHistory", "application_history", "PaymentApplicationHistoryDetail"),
        Value("AvailableBalance", "available_balance", "decimal"),
        Value("CardAccountNbr", "card_account_nbr", "string"),
        Value("CashAccount", "cash_account", "string"),
        Value("CurrencyID", "currency_id", "string"),
        Value("CustomerID", "customer_id", "string"),
        Value("CustomerLocationID", "customer_location_id", "string"),
        Value("Description", "description", "string"),
        Detail("DocumentsToApply", "documents_to_apply", "PaymentDetail"),
        Value("ExternalRef", "external_ref", "string"),
        Value("Hold", "hold", "bool"),
        Value("IsCCPayment", "is_cc_payment", "bool"),
        Value("LastModifiedDateTime", "last_modified_date_time", "datetime"),
        Value("NoteID", "note_id", "guid"),
        Detail("OrdersToApply", "orders_to_apply", "PaymentOrderDetail"),
        Value("PaymentAmount", "payment_amount", "decimal"),
        Value("PaymentMethod", "payment_method", "string"),
        Value("PaymentRef", "payment_ref", "string"),
        Value("ReferenceNbr", "reference_nbr", "string"),
        Value("Status", "status", "string_select"),
        Value("Type", "type", "string"),
        Value("UsrWebShopTransactionID", "usr_web_shop_transaction_id", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as Payment.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        workflow_actions: ClassVar[FieldRef[Any]] = FieldRef("_workflowActions")
        application_date: ClassVar[FieldRef[datetime]] = FieldRef("ApplicationDate")
        application_history: ClassVar[DetailRef[PaymentApplicationHistoryDetail]] = DetailRef(
            "ApplicationHistory"
        )
        available_balance: ClassVar[FieldRef[Decimal]] = FieldRef("AvailableBalance")
        card_account_nbr: ClassVar[FieldRef[str]] = FieldRef("CardAccountNbr")
        cash_account: ClassVar[FieldRef[str]] = FieldRef("CashAccount")
        currency_id: ClassVar[FieldRef[str]] = FieldRef("CurrencyID")
        customer_id: ClassVar[FieldRef[str]] = FieldRef("CustomerID")
        customer_location_id: ClassVar[FieldRef[str]] = FieldRef("CustomerLocationID")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        documents_to_apply: ClassVar[DetailRef[PaymentDetail]] = DetailRef("DocumentsToApply")
        external_ref: ClassVar[FieldRef[str]] = FieldRef("ExternalRef")
        hold: ClassVar[FieldRef[bool]] = FieldRef("Hold")
        is_cc_payment: ClassVar[FieldRef[bool]] = FieldRef("IsCCPayment")
        last_modified_date_time: ClassVar[FieldRef[datetime]] = FieldRef("LastModifiedDateTime")
        note_id: ClassVar[FieldRef[UUID]] = FieldRef("NoteID")
        orders_to_apply: ClassVar[DetailRef[PaymentOrderDetail]] = DetailRef("OrdersToApply")
        payment_amount: ClassVar[FieldRef[Decimal]] = FieldRef("PaymentAmount")
        payment_method: ClassVar[FieldRef[str]] = FieldRef("PaymentMethod")
        payment_ref: ClassVar[FieldRef[str]] = FieldRef("PaymentRef")
        reference_nbr: ClassVar[FieldRef[str]] = FieldRef("ReferenceNbr")
        status: ClassVar[SelectRef[str]] = SelectRef("Status")
        type: ClassVar[FieldRef[str]] = FieldRef("Type")
        usr_web_shop_transaction_id: ClassVar[FieldRef[str]] = FieldRef("UsrWebShopTransactionID")
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
        workflow_actions: dict[str, PaymentCustomAction] | None | Unset = UNSET,
        application_date: datetime | None | Unset = UNSET,
        application_history: list[PaymentApplicationHistoryDetail] | None | Unset = UNSET,
        available_balance: Decimal | int | None | Unset = UNSET,
        card_account_nbr: str | None | Unset = UNSET,
        cash_account: str | None | Unset = UNSET,
        currency_id: str | None | Unset = UNSET,
        customer_id: str | None | Unset = UNSET,
        customer_location_id: str | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        documents_to_apply: list[PaymentDetail] | None | Unset = UNSET,
        external_ref: str | None | Unset = UNSET,
        hold: bool | None | Unset = UNSET,
        is_cc_payment: bool | None | Unset = UNSET,
        last_modified_date_time: datetime | None | Unset = UNSET,
        note_id: UUID | None | Unset = UNSET,
        orders_to_apply: list[PaymentOrderDetail] | None | Unset = UNSET,
        payment_amount: Decimal | int | None | Unset = UNSET,
        payment_method: str | None | Unset = UNSET,
        payment_ref: str | None | Unset = UNSET,
        reference_nbr: str | None | Unset = UNSET,
        status: Select[str] | str | None | Unset = UNSET,
        type: str | None | Unset = UNSET,
        usr_web_shop_transaction_id: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.workflow_actions = workflow_actions
        self.application_date = application_date
        self.application_history = application_history
        self.available_balance = available_balance
        self.card_account_nbr = card_account_nbr
        self.cash_account = cash_account
        self.currency_id = currency_id
        self.customer_id = customer_id
        self.customer_location_id = customer_location_id
        self.description = description
        self.documents_to_apply = documents_to_apply
        self.external_ref = external_ref
        self.hold = hold
        self.is_cc_payment = is_cc_payment
        self.last_modified_date_time = last_modified_date_time
        self.note_id = note_id
        self.orders_to_apply = orders_to_apply
        self.payment_amount = payment_amount
        self.payment_method = payment_method
        self.payment_ref = payment_ref
        self.reference_nbr = reference_nbr
        self.status = status
        self.type = type
        self.usr_web_shop_transaction_id = usr_web_shop_transaction_id
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class PaymentApplicationHistoryDetail(Model):
    """PaymentApplicationHistoryDetail: used in Payment.ApplicationHistory."""

    adjusted_doc_type: str | None | Unset = UNSET
    adjusted_ref_nbr: str | None | Unset = UNSET
    amount_paid: DecimalAttribute = DecimalAttribute()
    balance: DecimalAttribute = DecimalAttribute()
    batch_nbr: str | None | Unset = UNSET
    date: datetime | None | Unset = UNSET
    description: str | None | Unset = UNSET
    display_doc_type: str | None | Unset = UNSET
    post_period: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("AdjustedDocType", "adjusted_doc_type", "string"),
        Value("AdjustedRefNbr", "adjusted_ref_nbr", "string"),
        Value("AmountPaid", "amount_paid", "decimal"),
        Value("Balance", "balance", "decimal"),
        Value("BatchNbr", "batch_nbr", "string"),
        Value("Date", "date", "datetime"),
        Value("Description", "description", "string"),
        Value("DisplayDocType", "display_doc_type", "string"),
        Value("PostPeriod", "post_period", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as PaymentApplicationHistoryDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        adjusted_doc_type: ClassVar[FieldRef[str]] = FieldRef("AdjustedDocType")
        adjusted_ref_nbr: ClassVar[FieldRef[str]] = FieldRef("AdjustedRefNbr")
        amount_paid: ClassVar[FieldRef[Decimal]] = FieldRef("AmountPaid")
        balance: ClassVar[FieldRef[Decimal]] = FieldRef("Balance")
        batch_nbr: ClassVar[FieldRef[str]] = FieldRef("BatchNbr")
        date: ClassVar[FieldRef[datetime]] = FieldRef("Date")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        display_doc_type: ClassVar[FieldRef[str]] = FieldRef("DisplayDocType")
        post_period: ClassVar[FieldRef[str]] = FieldRef("PostPeriod")
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
        adjusted_doc_type: str | None | Unset = UNSET,
        adjusted_ref_nbr: str | None | Unset = UNSET,
        amount_paid: Decimal | int | None | Unset = UNSET,
        balance: Decimal | int | None | Unset = UNSET,
        batch_nbr: str | None | Unset = UNSET,
        date: datetime | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        display_doc_type: str | None | Unset = UNSET,
        post_period: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.adjusted_doc_type = adjusted_doc_type
        self.adjusted_ref_nbr = adjusted_ref_nbr
        self.amount_paid = amount_paid
        self.balance = balance
        self.batch_nbr = batch_nbr
        self.date = date
        self.description = description
        self.display_doc_type = display_doc_type
        self.post_period = post_period
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class PaymentCustomAction(Model):
    """PaymentCustomAction: used in Payment._workflowActions."""

    entity: Payment | None | Unset = UNSET
    parameters: Any = UNSET
    """The parameters of the action."""

    _fields_: ClassVar[Fields] = Fields(
        Linked("entity", "entity", "Payment"),
        Plain("parameters", "parameters", "any"),
    )

    class f:  # noqa: N801 - reads as PaymentCustomAction.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        entity: ClassVar[LinkedRef[Payment]] = LinkedRef("entity")
        parameters: ClassVar[FieldRef[Any]] = FieldRef("parameters")

    def __init__(
        self,
        *,
        entity: Payment | None | Unset = UNSET,
        parameters: Any = UNSET,
    ) -> None:
        self.entity = entity
        self.parameters = parameters


class PaymentDetail(Model):
    """PaymentDetail: used in Payment.DocumentsToApply."""

    amount_paid: DecimalAttribute = DecimalAttribute()
    balance: DecimalAttribute = DecimalAttribute()
    cash_discount_taken: DecimalAttribute = DecimalAttribute()
    currency_id: str | None | Unset = UNSET
    date: datetime | None | Unset = UNSET
    description: str | None | Unset = UNSET
    doc_type: str | None | Unset = UNSET
    due_date: datetime | None | Unset = UNSET
    post_period: str | None | Unset = UNSET
    reference_nbr: str | None | Unset = UNSET
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("AmountPaid", "amount_paid", "decimal"),
        Value("Balance", "balance", "decimal"),
        Value("CashDiscountTaken", "cash_discount_taken", "decimal"),
        Value("CurrencyID", "currency_id", "string"),
        Value("Date", "date", "datetime"),
        Value("Description", "description", "string"),
        Value("DocType", "doc_type", "string"),
        Value("DueDate", "due_date", "datetime"),
        Value("PostPeriod", "post_period", "string"),
        Value("ReferenceNbr", "reference_nbr", "string"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as PaymentDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        amount_paid: ClassVar[FieldRef[Decimal]] = FieldRef("AmountPaid")
        balance: ClassVar[FieldRef[Decimal]] = FieldRef("Balance")
        cash_discount_taken: ClassVar[FieldRef[Decimal]] = FieldRef("CashDiscountTaken")
        currency_id: ClassVar[FieldRef[str]] = FieldRef("CurrencyID")
        date: ClassVar[FieldRef[datetime]] = FieldRef("Date")
        description: ClassVar[FieldRef[str]] = FieldRef("Description")
        doc_type: ClassVar[FieldRef[str]] = FieldRef("DocType")
        due_date: ClassVar[FieldRef[datetime]] = FieldRef("DueDate")
        post_period: ClassVar[FieldRef[str]] = FieldRef("PostPeriod")
        reference_nbr: ClassVar[FieldRef[str]] = FieldRef("ReferenceNbr")
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
        amount_paid: Decimal | int | None | Unset = UNSET,
        balance: Decimal | int | None | Unset = UNSET,
        cash_discount_taken: Decimal | int | None | Unset = UNSET,
        currency_id: str | None | Unset = UNSET,
        date: datetime | None | Unset = UNSET,
        description: str | None | Unset = UNSET,
        doc_type: str | None | Unset = UNSET,
        due_date: datetime | None | Unset = UNSET,
        post_period: str | None | Unset = UNSET,
        reference_nbr: str | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.amount_paid = amount_paid
        self.balance = balance
        self.cash_discount_taken = cash_discount_taken
        self.currency_id = currency_id
        self.date = date
        self.description = description
        self.doc_type = doc_type
        self.due_date = due_date
        self.post_period = post_period
        self.reference_nbr = reference_nbr
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number


class PaymentOrderDetail(Model):
    """PaymentOrderDetail: used in Payment.OrdersToApply."""

    applied_to_order: DecimalAttribute = DecimalAttribute()
    balance: DecimalAttribute = DecimalAttribute()
    order_date: datetime | None | Unset = UNSET
    order_nbr: str | None | Unset = UNSET
    order_type: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    transferred_to_invoice: DecimalAttribute = DecimalAttribute()
    links: dict[str, str] | None | Unset = UNSET
    custom: CustomFields | Unset = UNSET
    error: str | None | Unset = UNSET
    files: list[FileLink] | Unset = UNSET
    id: UUID | None | Unset = UNSET
    note: str | None | Unset = UNSET
    row_number: int | None | Unset = UNSET

    _fields_: ClassVar[Fields] = Fields(
        Value("AppliedToOrder", "applied_to_order", "decimal"),
        Value("Balance", "balance", "decimal"),
        Value("OrderDate", "order_date", "datetime"),
        Value("OrderNbr", "order_nbr", "string"),
        Value("OrderType", "order_type", "string"),
        Value("Status", "status", "string"),
        Value("TransferredToInvoice", "transferred_to_invoice", "decimal"),
        Plain("_links", "links", "any"),
        Custom("custom", "custom"),
        Plain("error", "error", "string"),
        Files("files", "files"),
        Plain("id", "id", "guid"),
        Value("note", "note", "string"),
        Plain("rowNumber", "row_number", "int"),
    )

    class f:  # noqa: N801 - reads as PaymentOrderDetail.f.field_name
        """Typed field references for ``$filter``, ``$select`` and ``$expand``."""

        applied_to_order: ClassVar[FieldRef[Decimal]] = FieldRef("AppliedToOrder")
        balance: ClassVar[FieldRef[Decimal]] = FieldRef("Balance")
        order_date: ClassVar[FieldRef[datetime]] = FieldRef("OrderDate")
        order_nbr: ClassVar[FieldRef[str]] = FieldRef("OrderNbr")
        order_type: ClassVar[FieldRef[str]] = FieldRef("OrderType")
        status: ClassVar[FieldRef[str]] = FieldRef("Status")
        transferred_to_invoice: ClassVar[FieldRef[Decimal]] = FieldRef("TransferredToInvoice")
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
        applied_to_order: Decimal | int | None | Unset = UNSET,
        balance: Decimal | int | None | Unset = UNSET,
        order_date: datetime | None | Unset = UNSET,
        order_nbr: str | None | Unset = UNSET,
        order_type: str | None | Unset = UNSET,
        status: str | None | Unset = UNSET,
        transferred_to_invoice: Decimal | int | None | Unset = UNSET,
        links: dict[str, str] | None | Unset = UNSET,
        custom: CustomFields | Unset = UNSET,
        error: str | None | Unset = UNSET,
        files: list[FileLink] | Unset = UNSET,
        id: UUID | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
        row_number: int | None | Unset = UNSET,
    ) -> None:
        self.applied_to_order = applied_to_order
        self.balance = balance
        self.order_date = order_date
        self.order_nbr = order_nbr
        self.order_type = order_type
        self.status = status
        self.transferred_to_invoice = transferred_to_invoice
        self.links = links
        self.custom = custom
        self.error = error
        self.files = files
        self.id = id
        self.note = note
        self.row_number = row_number
