"""What a new record gets for the key fields it leaves out: a number, a screen default, or a 422.

A stock Acumatica instance fills a missing key of a new record in one of two ways, and the sandbox
does the same (``EntityService.upsert``); a key that neither fills answers 422 "'Order Type'
cannot be empty." on the field. A key counts as missing when it is left out, null, ``""``, only
whitespace, or (for numbering) ``"<NEW>"``.

Numbering gives only the *last* key a value (``000001``..., an int, or a GUID), when:

- it is a document number: its name ends in ``Nbr`` (OrderNbr, RefNbr, ReferenceNbr, BatchNbr,
  ShipmentNbr, ReceiptNbr, AppointmentNbr...);
- it is an identity the database assigns: an int or GUID field (Contact.ContactID, Lead.LeadID);
- it is one of the few ``...ID`` keys whose numbering sequence is automatic in a stock instance
  (``AUTO_NUMBERED_IDS``), or its entity is named in ``auto_number`` (``--auto-number``).

``manual_number`` (``--manual-number``) turns numbering off for an entity, whatever the reason.
Every other ``...ID``/``...CD`` key is left manual on purpose (Customer, Vendor, Employee,
BusinessAccount, Project, ProjectTask, StockItem, Account, classes and codes...): in a stock
instance those are segmented keys that users type, and numbering them would hide a missing key.

Screen defaults (``SCREEN_DEFAULTS``) fill a first key the way the entity's screen does when a
new record leaves it out: a Sales Order is of type SO unless told otherwise. ``key_defaults``
(``--key-default ENTITY.FIELD=VALUE``) adds or overrides one; an empty VALUE removes it, so that
key must be sent. Keys whose screen default is a setting of the instance, not a constant
(Appointment and ServiceOrder's ServiceOrderType, from the Service Management preferences), have
none here. Both tables apply only where the served entity has that field as a key, so a custom
endpoint or a ``keys`` override that maps the entity differently is not affected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import did_you_mean
from ..ir import Endpoint, Entity, Scalar
from .values import ValueProblem, coerce

# Entity -> its last key, numbered by default because a stock instance's numbering sequence for it
# is automatic (CRSetup / EPSetup): CASE, OPPORTUNTY, and the expense receipt sequence.
AUTO_NUMBERED_IDS: Mapping[str, str] = {
    "Case": "CaseID",  # CR306000 Cases
    "Opportunity": "OpportunityID",  # CR304000 Opportunities
    "ExpenseReceipt": "ReceiptID",  # EP301020 Expense Receipts
}

# (entity, key field) -> the value the entity's screen puts in that key for a new record.
SCREEN_DEFAULTS: Mapping[tuple[str, str], str] = {
    ("SalesOrder", "OrderType"): "SO",  # SO301000 Sales Orders
    ("SalesInvoice", "Type"): "Invoice",  # SO303000 Invoices
    ("Invoice", "Type"): "Invoice",  # AR301000 Invoices and Memos
    ("Payment", "Type"): "Payment",  # AR302000 Payments and Applications
    ("CashSale", "Type"): "Cash Sale",  # AR304000 Cash Sales
    ("Bill", "Type"): "Bill",  # AP301000 Bills and Adjustments
    ("Check", "Type"): "Payment",  # AP302000 Checks and Payments
    ("PurchaseOrder", "Type"): "Normal",  # PO301000 Purchase Orders
    ("PurchaseReceipt", "Type"): "Receipt",  # PO302000 Purchase Receipts
    ("KitAssembly", "Type"): "Production",  # IN307000 Kit Assembly
    ("JournalTransaction", "Module"): "GL",  # GL301000 Journal Transactions
}

# Last-key types the sandbox can number: text ("000001"), int (1, 2...) and GUID.
NUMBERABLE = (Scalar.STRING, Scalar.INT, Scalar.GUID)

KEY_DEFAULT_OPTION = "key_defaults (--key-default)"


def numbered_by_default(entity: Entity, key: str) -> bool:
    """Whether ``key``, the last key of ``entity``, is numbered without ``auto_number``."""
    if key.endswith("Nbr") or entity.field(key).scalar in (Scalar.INT, Scalar.GUID):
        return True
    return AUTO_NUMBERED_IDS.get(entity.name) == key


def split_target(target: str) -> tuple[str, str] | None:
    """``"SalesOrder.OrderType"`` -> ``("SalesOrder", "OrderType")``; None when malformed."""
    entity, dot, key = target.strip().partition(".")
    if not dot or not entity.strip() or not key.strip():
        return None
    return entity.strip(), key.strip()


def screen_defaults(
    endpoint: Endpoint, key_defaults: Mapping[str, Any]
) -> dict[tuple[str, str], Any]:
    """The key defaults that apply to ``endpoint``: ``SCREEN_DEFAULTS`` where the entity has that
    key, then ``key_defaults`` ("Entity.Field" -> value; None or blank text removes one).

    Names match without regard to case; entries for entities or keys this endpoint lacks are
    skipped (``check_options`` reports those no served endpoint has). A value that does not fit
    the key's type raises ValueError.
    """
    entities = {entity.name.lower(): entity for entity in endpoint.top_level_entities}
    chosen: dict[tuple[str, str], Any] = {}
    for (entity_name, key), value in SCREEN_DEFAULTS.items():
        entity = entities.get(entity_name.lower())
        if entity is not None and key in entity.keys:
            chosen[(entity.name, key)] = value
    for target, raw in key_defaults.items():
        parts = split_target(target)
        entity = entities.get(parts[0].lower()) if parts else None
        found = _key_named(entity, parts[1]) if parts and entity else None
        if entity is None or found is None:
            continue
        key = found
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            chosen.pop((entity.name, key), None)
            continue
        try:
            chosen[(entity.name, key)] = coerce(raw, entity.field(key).scalar)
        except ValueProblem as problem:
            raise ValueError(
                f"{KEY_DEFAULT_OPTION}: {entity.name}.{key}={raw}: {problem}"
            ) from None
    return chosen


def check_options(
    endpoints: Iterable[Endpoint],
    auto_number: Iterable[str],
    manual_number: Iterable[str],
    key_defaults: Mapping[str, Any],
) -> None:
    """ValueError for an option that names no served entity or key, or a key it cannot fill."""
    endpoints = list(endpoints)
    by_name: dict[str, list[Entity]] = {}
    for endpoint in endpoints:
        for entity in endpoint.top_level_entities:
            by_name.setdefault(entity.name.lower(), []).append(entity)
    names = sorted({entity.name for found in by_name.values() for entity in found})

    def entities(option: str, name: str) -> list[Entity]:
        found = by_name.get(name.lower())
        if not found:
            hint = did_you_mean(name, names)
            raise ValueError(
                f"{option}: no top-level entity named {name} in the documents served"
                + (f"; {hint}" if hint else "")
            )
        return found

    for name in manual_number:
        entities("manual_number (--manual-number)", name)
    for name in auto_number:
        for entity in entities("auto_number (--auto-number)", name):
            _check_numberable(entity)
    for target in key_defaults:
        parts = split_target(target)
        if parts is None:
            raise ValueError(f"{KEY_DEFAULT_OPTION}: expected ENTITY.FIELD, got {target!r}")
        found = entities(KEY_DEFAULT_OPTION, parts[0])
        if not any(_key_named(entity, parts[1]) for entity in found):
            raise ValueError(f"{KEY_DEFAULT_OPTION}: {_no_such_key(found[0], parts[1])}")
    for endpoint in endpoints:
        screen_defaults(endpoint, key_defaults)  # values that do not fit their key


def _check_numberable(entity: Entity) -> None:
    if not entity.keys:
        raise ValueError(
            f"auto_number (--auto-number): {entity.name} has no key fields to number (its records "
            "are addressed by id)"
        )
    last = entity.field(entity.keys[-1])
    if last.scalar not in NUMBERABLE:
        raise ValueError(
            f"auto_number (--auto-number): {entity.name}'s last key {last.wire_name} is a "
            f"{last.scalar.value} field; the sandbox numbers only text, int and GUID keys"
        )


def _key_named(entity: Entity, name: str) -> str | None:
    """The key field of ``entity`` called ``name`` (without regard to case), if any."""
    return next((key for key in entity.keys if key.lower() == name.lower()), None)


def _no_such_key(entity: Entity, name: str) -> str:
    if not entity.keys:
        return f"{entity.name} has no key fields (its records are addressed by id)"
    keys = ", ".join(entity.keys)
    if name.lower() in (f.wire_name.lower() for f in entity.fields):
        return f"{entity.name}.{name} is not a key of {entity.name} (its keys: {keys})"
    hint = did_you_mean(name, entity.keys) or f"its keys: {keys}"
    return f"{entity.name} has no key field {name} ({hint})"
