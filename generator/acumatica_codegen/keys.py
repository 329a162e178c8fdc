"""Key fields of entities: Acumatica's endpoint documents do not carry them.

``get_by_keys`` in generated clients and key matching in the sandbox both read ``Entity.keys`` in
the IR, which ``builder`` fills from this table, overridden per entity by
``[tool.acumatica-codegen.endpoints.keys]``. A table entry applies only when every one of its fields
exists on the entity, so a custom endpoint that maps ``Customer`` differently falls back to ``id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# Entity name in the Default endpoint → its key fields, in the order they appear in the URL.
DEFAULT_KEYS: Mapping[str, tuple[str, ...]] = {
    "Account": ("AccountCD",),
    "AccountGroup": ("AccountGroupID",),
    "Appointment": ("ServiceOrderType", "AppointmentNbr"),
    "AttributeDefinition": ("AttributeID",),
    "Bill": ("Type", "ReferenceNbr"),
    "BusinessAccount": ("BusinessAccountID",),
    "Carrier": ("CarrierID",),
    "Case": ("CaseID",),
    "CashSale": ("Type", "ReferenceNbr"),
    "Check": ("Type", "ReferenceNbr"),
    "Contact": ("ContactID",),
    "Currency": ("CurrencyID",),
    "Customer": ("CustomerID",),
    "CustomerClass": ("ClassID",),
    "CustomerLocation": ("Customer", "LocationID"),
    "CustomerPaymentMethod": ("CustomerID", "PaymentMethod"),
    "Employee": ("EmployeeID",),
    "ExpenseClaim": ("RefNbr",),
    "ExpenseReceipt": ("ReceiptID",),
    "InventoryAdjustment": ("ReferenceNbr",),
    "InventoryIssue": ("ReferenceNbr",),
    "InventoryReceipt": ("ReferenceNbr",),
    "Invoice": ("Type", "ReferenceNbr"),
    "ItemClass": ("ClassID",),
    "JournalTransaction": ("Module", "BatchNbr"),
    "KitAssembly": ("Type", "ReferenceNbr"),
    "Lead": ("LeadID",),
    "NonStockItem": ("InventoryID",),
    "Opportunity": ("OpportunityID",),
    "Payment": ("Type", "ReferenceNbr"),
    "PaymentMethod": ("PaymentMethodID",),
    "PhysicalInventoryReview": ("ReferenceNbr",),
    "Project": ("ProjectID",),
    "ProjectTask": ("ProjectID", "ProjectTaskID"),
    "PurchaseOrder": ("Type", "OrderNbr"),
    "PurchaseReceipt": ("Type", "ReceiptNbr"),
    "SalesInvoice": ("Type", "ReferenceNbr"),
    "SalesOrder": ("OrderType", "OrderNbr"),
    "Salesperson": ("SalespersonID",),
    "ServiceOrder": ("ServiceOrderType", "ServiceOrderNbr"),
    "Shipment": ("ShipmentNbr",),
    "StockItem": ("InventoryID",),
    "Subaccount": ("SubaccountCD",),
    "Tax": ("TaxID",),
    "TaxZone": ("TaxZoneID",),
    "TransferOrder": ("ReferenceNbr",),
    "Vendor": ("VendorID",),
    "VendorClass": ("ClassID",),
    "Warehouse": ("WarehouseID",),
}


def resolve_keys(
    entity_name: str,
    field_names: Sequence[str],
    overrides: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, ...]:
    """The key fields of ``entity_name``: an override, else the table, else ``()`` (use ``id``)."""
    if overrides and entity_name in overrides:
        return tuple(overrides[entity_name])
    known = DEFAULT_KEYS.get(entity_name, ())
    available = set(field_names)
    return known if all(key in available for key in known) else ()
