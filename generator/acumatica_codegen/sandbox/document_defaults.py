"""What a new document's screen fills in besides its keys: status, dates, currency.

A new Sales Order on a stock instance comes back ``Open``, dated today, in the base currency; the
sandbox answers the same instead of ``"Status": {}``. ``DOCUMENT_DEFAULTS`` lists, per entity, the
fields its screen fills on insert and their values (``TODAY``: the business date, at midnight
UTC). A field is filled only on a new record that leaves it out, and only where the served entity
has that field with the matching type (text, date, boolean), so custom endpoints are not affected.

The statuses are those of a stock instance whose document types do not hold documents on entry
(Sales Orders ``Open``; invoices, bills, payments ``Balanced``); an action then moves them
(``app.action_effect``). Key defaults (SalesOrder.OrderType = SO...) are ``key_rules``' business.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from ..ir import Entity, FieldKind, Scalar
from .values import select_description

TODAY = object()  # the business date: today at 00:00, as Acumatica stores document dates
TODAY_DATE = object()  # the business date on a contract-5 date-only field (DateOnlyValue)
BASE_CURRENCY = "USD"  # the demo instance's base currency

_OPEN_ORDER = {"Status": "Open", "Hold": False, "Date": TODAY, "CurrencyID": BASE_CURRENCY}
_BALANCED = {"Status": "Balanced", "Hold": False, "Date": TODAY, "CurrencyID": BASE_CURRENCY}
_PAYMENT = {
    "Status": "Balanced",
    "Hold": False,
    "ApplicationDate": TODAY,
    "CurrencyID": BASE_CURRENCY,
}

DOCUMENT_DEFAULTS: Mapping[str, Mapping[str, Any]] = {
    "SalesOrder": {**_OPEN_ORDER, "RequestedOn": TODAY},  # SO301000 Sales Orders
    "SalesInvoice": _BALANCED,  # SO303000 Invoices
    "Invoice": {**_BALANCED, "DueDate": TODAY},  # AR301000 Invoices and Memos
    "CashSale": _BALANCED,  # AR304000 Cash Sales
    "Bill": {**_BALANCED, "DueDate": TODAY},  # AP301000 Bills and Adjustments
    "Payment": _PAYMENT,  # AR302000 Payments and Applications
    "Check": _PAYMENT,  # AP302000 Checks and Payments
    "PurchaseOrder": _OPEN_ORDER,  # PO301000 Purchase Orders
    "PurchaseReceipt": {"Status": "Balanced", "Hold": False, "Date": TODAY},  # PO302000
    "Shipment": {"Status": "Open", "Hold": False, "ShipmentDate": TODAY},  # SO302000 Shipments
    "JournalTransaction": {  # GL301000 Journal Transactions
        "Status": "Balanced",
        "Hold": False,
        "TransactionDate": TODAY,
        "CurrencyID": BASE_CURRENCY,
    },
    "Customer": {"Status": "Active", "CurrencyID": BASE_CURRENCY},  # AR303000 Customers
    "Vendor": {"Status": "Active", "CurrencyID": BASE_CURRENCY},  # AP303000 Vendors
    "StockItem": {"ItemStatus": "Active"},  # IN202500 Stock Items
    "NonStockItem": {"ItemStatus": "Active"},  # IN202000 Non-Stock Items
}

_SCALAR_OF = {str: Scalar.STRING, bool: Scalar.BOOL}


def business_date() -> str:
    """Today at midnight UTC, in the form the sandbox stores dates."""
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc).isoformat()


def defaults_for(entity: Entity) -> dict[str, Any]:
    """The fields ``entity``'s screen fills on insert (wire name -> value; ``TODAY`` unresolved)."""
    wanted = DOCUMENT_DEFAULTS.get(entity.name, {})
    fields = entity.fields_by_wire_name
    chosen: dict[str, Any] = {}
    for name, value in wanted.items():
        fld = fields.get(name)
        if fld is None or fld.kind is not FieldKind.VALUE or name in entity.keys:
            continue
        expected = Scalar.DATETIME if value is TODAY else _SCALAR_OF[type(value)]
        if fld.scalar is expected:
            chosen[name] = value
        elif fld.scalar is Scalar.DATE and value is TODAY:  # contract 5 date-only fields
            chosen[name] = TODAY_DATE
        elif fld.scalar is Scalar.STRING_SELECT and expected is Scalar.STRING:
            chosen[name] = {"id": value, "description": select_description(value)}
    return chosen


def fill(defaults: Mapping[str, Any], draft: dict[str, Any]) -> None:
    """Put ``defaults`` (from ``defaults_for``) into a new record where it has no value."""
    for name, value in defaults.items():
        if draft.get(name) is None:
            if value is TODAY:
                value = business_date()
            elif value is TODAY_DATE:
                value = business_date()[:10]  # yyyy-MM-dd
            draft[name] = dict(value) if isinstance(value, dict) else value
