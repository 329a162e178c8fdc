"""Key fields of entities: Acumatica's endpoint documents do not carry them.

``get_by_keys`` in generated clients and key matching in the sandbox both read ``Entity.keys`` in
the IR, which ``builder`` fills from this table, overridden per entity by
``[tool.acumatica-codegen.endpoints.keys]``. An entity may have several entries (its fields differ
between endpoint versions, or between endpoints that share a name): the first whose fields all
exist on the entity applies, so a custom endpoint that maps ``Customer`` differently falls back to
``id`` rather than to keys it does not have.

The keys are the ones a contract-based URL takes (``GET /SalesOrder/SO/000123``): the fields of the
screen's header that select a record, in the order the form shows them. They are not always the
database key: ``CustomerPaymentMethod`` is stored by ``PMInstanceID`` (the ``InstanceID`` field),
while its screen's header selects customer and payment method. Each entry says where it comes from, so a reviewer can tell a documented key from
an inference:

- ``screen XX000000 key``: the selector(s) of that screen's header (the document's tag names the
  screen), as the screen is known to work; not checked against a live instance;
- ``inferred: ...``: read from the endpoint document (the one ``...ID``/``...CD``/``...Nbr`` field
  of a setup screen, say) and the screen's primary record; plausible, less certain;
- ``unverified: ...``: an entity of an endpoint whose document is not in the test corpus
  (Manufacturing); its field names are the ones that endpoint is known to use, and an entry whose
  fields are missing simply does not apply.

``KEYLESS`` lists the top-level entities with no key, and why (an inquiry's header is a filter, not
a record). ``tests/test_keys.py`` checks that every top-level entity of every real document has
keys from this table or a reason here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class KeyEntry:
    """The key fields of one entity shape, in URL order, and where that knowledge comes from."""

    fields: tuple[str, ...]
    source: str


def _key(*fields: str, source: str) -> tuple[KeyEntry, ...]:
    return (KeyEntry(fields, source),)


def _screen(screen_id: str, *fields: str) -> tuple[KeyEntry, ...]:
    return _key(*fields, source=f"screen {screen_id} key")


def _manufacturing(screen: str, *fields: str) -> tuple[KeyEntry, ...]:
    return _key(*fields, source=f"unverified: Manufacturing {screen} screen header")


# Entity name → its key entries, first match wins. Default (20.200.001–24.200.001), ISVCB,
# DeviceHub and GLConsolidation documents, then Manufacturing.
KNOWN_KEYS: Mapping[str, tuple[KeyEntry, ...]] = {
    # --- Default: finance ---
    "Account": _screen("GL202500", "AccountCD"),
    "AccountGroup": _screen("PM201000", "AccountGroupID"),
    "Bill": _screen("AP301000", "Type", "ReferenceNbr"),
    "CashSale": _screen("AR304000", "Type", "ReferenceNbr"),
    "Check": _screen("AP302000", "Type", "ReferenceNbr"),
    "CompanyFinancialPeriod": _key(
        "Company", "FinancialYear", source="inferred: GL201100 header selects company and year"
    ),
    "Currency": _screen("CM202000", "CurrencyID"),
    "Customer": _screen("AR303000", "CustomerID"),
    "CustomerClass": _screen("AR201000", "ClassID"),
    "CustomerLocation": _screen("AR303020", "Customer", "LocationID"),
    "CustomerPaymentMethod": _key(
        "CustomerID",
        "PaymentMethod",
        source="screen AR303010 key (URL keys; the database key is PMInstanceID = InstanceID)",
    ),
    "CustomerPriceClass": _screen("AR208000", "PriceClassID"),
    "Discount": _screen("AR209500", "DiscountCode", "Sequence"),
    "DiscountCode": _screen("AR209000", "DiscountCodeID"),
    "FinancialPeriod": _key(
        "FinancialYear", source="inferred: GL201000 header selects the master calendar's year"
    ),
    "Invoice": _screen("AR301000", "Type", "ReferenceNbr"),
    "JournalTransaction": _screen("GL301000", "Module", "BatchNbr"),
    "Ledger": (
        KeyEntry(("LedgerID",), "screen GL201500 key"),
        KeyEntry(("LedgerCD",), "screen GL103003 key (GLConsolidation)"),
    ),
    "Payment": _screen("AR302000", "Type", "ReferenceNbr"),
    "PaymentMethod": _screen("CA204000", "PaymentMethodID"),
    "SalesPriceWorksheet": _screen("AR202010", "ReferenceNbr"),
    "StatementCycle": _screen("AR202800", "CycleID"),
    "Subaccount": _screen("GL203000", "SubaccountCD"),
    "Tax": _screen("TX205000", "TaxID"),
    "TaxCategory": _screen("TX205500", "TaxCategoryID"),
    "TaxReportingSettings": _key(
        "TaxAgency", source="inferred: TX205100 header selects the tax agency"
    ),
    "TaxZone": _screen("TX206000", "TaxZoneID"),
    "TrialBalance": _screen("GL303010", "ImportNbr"),
    "Vendor": _screen("AP303000", "VendorID"),
    "VendorClass": _screen("AP201000", "ClassID"),
    "VendorPriceWorksheet": _screen("AP202010", "ReferenceNbr"),
    # --- Default: CRM and activities (an activity's key NoteID is also its record id) ---
    "Activity": _key("NoteID", source="inferred: CRActivity is keyed by NoteID"),
    "BusinessAccount": _screen("CR303000", "BusinessAccountID"),
    "Case": _screen("CR306000", "CaseID"),
    "Contact": _screen("CR302000", "ContactID"),
    "Email": _key("NoteID", source="inferred: CRSMEmail is keyed by NoteID"),
    "Event": _key("NoteID", source="inferred: CRActivity is keyed by NoteID"),
    "Lead": _screen("CR301000", "LeadID"),
    "Opportunity": _screen("CR304000", "OpportunityID"),
    "SalesTerritory": _screen("CS204100", "SalesTerritoryID"),
    "Task": _key("NoteID", source="inferred: CRActivity is keyed by NoteID"),
    # --- Default: distribution ---
    "AttributeDefinition": _screen("CS205000", "AttributeID"),
    "Carrier": _screen("CS207700", "CarrierID"),
    "FOBPoint": _screen("CS208500", "FOBPointID"),
    "InventoryAdjustment": _screen("IN303000", "ReferenceNbr"),
    "InventoryIssue": _screen("IN302000", "ReferenceNbr"),
    "InventoryReceipt": _screen("IN301000", "ReferenceNbr"),
    "ItemClass": _screen("IN201000", "ClassID"),
    "ItemSalesCategory": _screen("IN204060", "CategoryID"),
    "ItemWarehouse": _screen("IN204500", "InventoryID", "WarehouseID"),
    "KitAssembly": _screen("IN307000", "Type", "ReferenceNbr"),
    "KitSpecification": _screen("IN209500", "KitInventoryID", "RevisionID"),
    "LotSerialClass": _screen("IN207000", "ClassID"),
    "NonStockItem": _screen("IN202000", "InventoryID"),
    "PhysicalInventoryCount": _key(
        "ReferenceNbr", source="inferred: IN305010 header selects the count by reference number"
    ),
    "PhysicalInventoryReview": _screen("IN305000", "ReferenceNbr"),
    "PurchaseOrder": _screen("PO301000", "Type", "OrderNbr"),
    "PurchaseReceipt": _screen("PO302000", "Type", "ReceiptNbr"),
    "SalesInvoice": _screen("SO303000", "Type", "ReferenceNbr"),
    "SalesOrder": _screen("SO301000", "OrderType", "OrderNbr"),
    "Salesperson": _screen("AR205000", "SalespersonID"),
    "Shipment": _screen("SO302000", "ShipmentNbr"),
    "ShipVia": _screen("CS207500", "CarrierID"),
    "ShippingBox": _screen("CS207600", "BoxID"),
    "ShippingTerm": _screen("CS208000", "TermID"),
    "ShippingZones": _screen("CS207510", "ZoneID"),
    "StockItem": _screen("IN202500", "InventoryID"),
    "TemplateItems": _screen("IN203000", "InventoryID"),
    "TransferOrder": _screen("IN304000", "ReferenceNbr"),
    "UnitsOfMeasure": (
        KeyEntry(("UnitID",), "screen CS203500 key"),
        KeyEntry(("FromUOM", "ToUOM"), "screen CS203100 key (global conversions, Default 20)"),
    ),
    "Warehouse": _screen("IN204000", "WarehouseID"),
    "WorkCalendar": _screen("CS209000", "WorkCalendarID"),
    # --- Default: eCommerce store settings (the header's store name selects the binding) ---
    "AmazonStore": _key("BindingName", source="inferred: BC201020 header selects the store"),
    "BigCommerceStores": _key("StoreName", source="inferred: BC201000 header selects the store"),
    "ShopifyStore": _key("StoreName", source="inferred: BC201010 header selects the store"),
    # --- Default: projects, construction and time ---
    "AllocationRule": _screen("PM207500", "AllocationRuleID"),
    "ChangeOrder": _screen("PM308000", "RefNbr"),
    "ChangeOrderClass": _screen("PM203000", "ClassID"),
    "CommonTask": _screen("PM208030", "CommonTaskID"),
    "ContractUsage": _screen("CT303000", "ContractID"),
    "CostCode": _screen("PM209500", "CostCodeID"),
    "LaborCostRate": _key(
        "RecordID", source="inferred: PM209900 rows are keyed by RecordID (Default 20 shape)"
    ),
    "ProFormaInvoice": _screen("PM307000", "RefNbr"),
    "Project": _screen("PM301000", "ProjectID"),
    "ProjectBillingRules": _screen("PM207000", "BillingRuleID"),
    "ProjectBudget": _key(
        "ProjectID",
        "ProjectTaskID",
        "AccountGroup",
        "InventoryID",
        "CostCode",
        source="inferred: PMBudget's key (project, task, account group, item, cost code)",
    ),
    "ProjectTask": _screen("PM302000", "ProjectID", "ProjectTaskID"),
    "ProjectTemplate": _screen("PM208000", "ProjectTemplateID"),
    "ProjectTemplateTask": _screen("PM208010", "ProjectTemplateID", "ProjectTemplateTaskID"),
    "ProjectTransaction": _screen("PM304000", "Module", "ReferenceNbr"),
    "Subcontract": _screen("SC301000", "SubcontractNbr"),
    "TimeEntry": _key("TimeEntryID", source="inferred: PM209100 rows are keyed by a GUID"),
    "UnionLocal": _screen("PM209700", "UnionLocalID"),
    "WorkClassCompensationCode": _screen("PM209800", "WCCCode"),
    # --- Default: field services ---
    "Appointment": _screen("FS300200", "ServiceOrderType", "AppointmentNbr"),
    "ServiceOrder": _screen("FS300100", "ServiceOrderType", "ServiceOrderNbr"),
    # --- Default: employees, expenses and payroll ---
    "DeductionBenefitCode": _screen("PR101060", "DeductionBenefitCodeID"),
    "EarningTypeCode": _screen("PR102000", "EarningTypeCodeID"),
    "Employee": _screen("EP203000", "EmployeeID"),
    "EmployeePayrollClass": _screen("PR202000", "EmployeePayrollClassID"),
    "EmployeePayrollSettings": _screen("PR203000", "EmployeeID"),
    "ExpenseClaim": _screen("EP301000", "RefNbr"),
    "ExpenseReceipt": _screen("EP301020", "ReceiptID"),
    "PayGroup": _screen("PR205000", "PayGroupID"),
    "PayPeriod": _key("PayGroup", "Year", source="inferred: PR201000 header selects group, year"),
    "PayrollBatch": _screen("PR301000", "BatchID"),
    "PayrollUnionLocal": _screen("PR209700", "PayrollUnionLocalID"),
    "PTOBank": _screen("PR204000", "PTOBankID"),
    "WorkLocation": _screen("PR101040", "WorkLocationID"),
    # --- ISVCB ---
    "ISVSolution": _screen("IS301000", "SolutionCode"),
    # --- DeviceHub ---
    "Printer": _screen("SM206510", "PrinterName"),
    "PrintJobs": _screen("SM206500", "JobID"),
    "Scanner": _screen("SM206540", "ScannerName"),
    "ScanJobs": _screen("SM206505", "ScanJobID"),
    # --- GLConsolidation (Ledger is above) ---
    "Branch": _screen("GL103002", "BranchCD"),
    "ConsolAccount": _screen("GL103001", "AccountCD"),
    "Organization": _screen("GL103004", "OrganizationCD"),
    # --- Manufacturing (MANUFACTURING endpoint; no document of it in the corpus) ---
    "BillOfMaterial": _manufacturing("Bill of Material", "BOMID", "Revision"),
    "EngineeringChangeOrder": _manufacturing("Engineering Change Order", "ECOID"),
    "EngineeringChangeRequest": _manufacturing("Engineering Change Request", "ECRID"),
    "Estimate": _manufacturing("Estimate", "EstimateID", "RevisionID"),
    "LaborCode": _manufacturing("Labor Code", "LaborCodeID"),
    "Machine": _manufacturing("Machine", "MachineID"),
    "Overhead": _manufacturing("Overhead", "OverheadID"),
    "ProductConfiguration": _manufacturing("Configuration", "ConfigurationID", "Revision"),
    "ProductionOrder": _manufacturing("Production Order", "OrderType", "ProductionNbr"),
    "Shift": _manufacturing("Shift", "ShiftID"),
    "Tool": _manufacturing("Tool", "ToolID"),
    "WorkCenter": _manufacturing("Work Center", "WorkCenterID"),
}

# Top-level entities with no key, and why: their header is a filter that an inquiry or a
# processing screen computes results from (read them with ``put`` of the filter), not a record.
KEYLESS: Mapping[str, str] = {
    "AccountDetailsForPeriodInquiry": "inquiry GL404001: the header is a filter",
    "AccountSummaryInquiry": "inquiry GL401000: the header is a filter",
    "Budget": "GL302010: the header (branch, ledger, year) is a filter over budget lines",
    "CashTransaction": "CA304000: its reference number (AdjRefNbr) is not in the endpoint",
    "CompaniesStructure": "inquiry CS401000: no header fields",
    "ConsolidationData": "GLConsolidation GL509001: the header is a filter for the export",
    "EducatedResources": "ISVCB generic inquiry GI950254: the header is a filter",
    "EmailProcessing": "processing screen SM507000: the header is a filter",
    "ExternalCommitment": "PM209000: commitments are keyed by a GUID the endpoint omits",
    "FinancialYear": "GL101000: the tenant's one financial-year setup record",
    "InventoryAllocationInquiry": "inquiry IN402000: the header is a filter",
    "InventoryQuantityAvailable": "generic inquiry GI640590: the header is a filter",
    "InventorySummaryInquiry": "inquiry IN401000: the header is a filter",
    "LaborCostRate": "PM209900 from Default 22 on: the header is a filter over rates",
    "PayrollWCCCode": "PR209800: the header (country) is a filter over the codes",
    "ProjectBilling": "processing screen PM503000: the header is a filter",
    "SalesPricesInquiry": "AR202000: the header is a filter over sales prices",
    "StorageDetailsByLocationInquiry": "inquiry IN408055: the header is a filter",
    "StorageDetailsInquiry": "inquiry IN408050: the header is a filter",
    "VendorPricesInquiry": "AP202000: the header is a filter over vendor prices",
}


def resolve_keys(
    entity_name: str,
    field_names: Sequence[str],
    overrides: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, ...]:
    """The key fields of ``entity_name``: an override, else the first table entry whose fields
    all exist, else ``()`` (records are addressed by ``id`` only)."""
    if overrides and entity_name in overrides:
        return tuple(overrides[entity_name])
    available = set(field_names)
    for entry in KNOWN_KEYS.get(entity_name, ()):
        if all(key in available for key in entry.fields):
            return entry.fields
    return ()
