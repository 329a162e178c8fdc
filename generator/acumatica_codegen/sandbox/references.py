"""Reference checks: a linked key must name a record that exists, as a screen's selector insists.

On a real instance, ``{"CustomerID": {"value": "NOPE"}}`` on a Sales Order fails with the field
error "'Customer ID' cannot be found in the system." and the record is not saved. The sandbox
checks the same for the fields in ``REFERENCES``, wherever they appear in a PUT body (the record,
its detail lines, its linked objects), against the stored records of the target entities:

- only values the request sets are checked (a screen validates a field when it changes), so a
  record whose customer was deleted since can still be updated;
- only targets the served endpoint has as top-level entities (an endpoint without ``Warehouse``
  accepts any ``WarehouseID``), and never an entity's reference to its own kind
  (``Customer.CustomerID`` is its key, not a link);
- text compares without regard to case, as SQL Server does.

``reference_checks=False`` (``--no-reference-checks``) accepts any value, for loose tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..ir import Entity, FieldKind

if TYPE_CHECKING:
    from .entities import EntityService
    from .store import TenantStore

# Field wire name -> (target top-level entities, the target's field the value must match).
REFERENCES: Mapping[str, tuple[tuple[str, ...], str]] = {
    "CustomerID": (("Customer",), "CustomerID"),
    "VendorID": (("Vendor",), "VendorID"),
    "Vendor": (("Vendor",), "VendorID"),  # Bill.Vendor, Check.Vendor
    "InventoryID": (("StockItem", "NonStockItem"), "InventoryID"),
    "WarehouseID": (("Warehouse",), "WarehouseID"),
}


def missing_references(
    service: EntityService,
    tenant: TenantStore,
    entity: Entity,
    body: Mapping[str, Any],
    path: tuple[Any, ...] = (),
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(where, message) for each linked value in ``body`` that names no stored record."""
    for name, raw in body.items():
        fld = entity.fields_by_wire_name.get(name)
        if fld is None or raw is None:
            continue
        where = path + (name,)
        if fld.kind is FieldKind.VALUE and isinstance(raw, dict):
            value = raw.get("value")
            if (
                isinstance(value, str)
                and value.strip()
                and not _exists(service, tenant, entity, name, value)
            ):
                yield where, f"'{_display(name)}' cannot be found in the system."
        elif fld.kind is FieldKind.DETAIL and isinstance(raw, list):
            sub = service.nested(fld)
            for index, line in enumerate(raw):
                if sub is not None and isinstance(line, dict) and line.get("delete") is not True:
                    yield from missing_references(service, tenant, sub, line, where + (index,))
        elif fld.kind is FieldKind.LINKED and isinstance(raw, dict):
            sub = service.nested(fld)
            if sub is not None:
                yield from missing_references(service, tenant, sub, raw, where)


def _exists(
    service: EntityService, tenant: TenantStore, entity: Entity, name: str, value: str
) -> bool:
    rule = REFERENCES.get(name)
    if rule is None or entity.name in rule[0]:
        return True
    target_names, target_field = rule
    targets = [t for t in map(service.top_level, target_names) if t is not None]
    if not targets:
        return True  # the endpoint does not serve what it links to: nothing to check against
    wanted = value.strip().casefold()
    endpoint = service.endpoint
    for target in targets:
        table = tenant.table(endpoint.name, endpoint.version, target.name)
        if target.keys == (target_field,):
            if service.key_of(target, [value]) in table.by_key:
                return True
            continue
        for record in table.records.values():  # keys configured otherwise: look at the field
            stored = record.get(target_field)
            if isinstance(stored, str) and stored.strip().casefold() == wanted:
                return True
    return False


def _display(name: str) -> str:
    from .entities import display_name

    return display_name(name)
