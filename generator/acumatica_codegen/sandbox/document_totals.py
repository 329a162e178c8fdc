"""What a document's screen computes from its lines: the ordered quantity and the total.

Acumatica answers every Sales Order with ``OrderedQty`` and ``OrderTotal`` (read-only fields the
screen computes), so code that sums ``order.require(SalesOrder.f.order_total)`` works there; a
sandbox that left them out made that code raise ``MissingValue``. ``DOCUMENT_TOTALS`` lists, per
entity, the detail field and how its lines add up; the totals are computed again on every write
that does not set them itself (Acumatica ignores a total sent; the sandbox keeps it, so that seed
data and tests of filters can give one outright).
Only Sales Orders so far (other documents price their lines in other fields: ``UnitCost``...).

The sandbox has no price lists, taxes or discounts rules: a line's amount is the ``Amount`` it
carries, else ``OrderQty`` x ``UnitPrice`` (no price: 0), minus its ``DiscountAmount``. A total
field is filled only where the served entity has it as a decimal, so custom endpoints whose
entities lack these fields are not affected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ir import Entity, FieldKind, Scalar


@dataclass(frozen=True)
class Totals:
    """How one document's header totals follow from its detail lines."""

    details: str  # the detail field: "Details"
    quantity: str  # the line's quantity: "OrderQty"
    total_quantity: str  # the header's sum of quantities: "OrderedQty"
    total: str  # the header's sum of line amounts: "OrderTotal"


DOCUMENT_TOTALS: Mapping[str, Totals] = {
    "SalesOrder": Totals("Details", "OrderQty", "OrderedQty", "OrderTotal"),  # SO301000
}


def _number(raw: Any) -> Decimal:
    """A stored value (the store keeps them unwrapped) as a Decimal; absent, null or not a
    number counts as 0."""
    if raw is None or isinstance(raw, bool):
        return Decimal(0)
    try:
        number = Decimal(raw) if isinstance(raw, (int, Decimal)) else Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return number if number.is_finite() else Decimal(0)


def _line_amount(line: Mapping[str, Any], quantity: str) -> Decimal:
    amount = line.get("Amount")
    if amount is not None:
        return _number(amount)
    gross = _number(line.get(quantity)) * _number(line.get("UnitPrice"))
    return gross - _number(line.get("DiscountAmount"))


def _is_decimal(entity: Entity, name: str) -> bool:
    fld = entity.fields_by_wire_name.get(name)
    return fld is not None and fld.kind is FieldKind.VALUE and fld.scalar is Scalar.DECIMAL


def totals_for(entity: Entity) -> Totals | None:
    """``entity``'s totals rule, when it has the detail field (the totals are checked on fill)."""
    rule = DOCUMENT_TOTALS.get(entity.name)
    if rule is None:
        return None
    details = entity.fields_by_wire_name.get(rule.details)
    return rule if details is not None and details.kind is FieldKind.DETAIL else None


def _sent(body: Mapping[str, Any], name: str) -> bool:
    wrapper = body.get(name)
    return isinstance(wrapper, dict) and wrapper.get("value") is not None


def fill(
    entity: Entity, rule: Totals | None, draft: dict[str, Any], body: Mapping[str, Any]
) -> None:
    """Write ``rule``'s header totals into ``draft`` from its current lines (every write), except
    a total the request ``body`` sets: seed data and tests of filters give totals outright."""
    if rule is None:
        return
    lines = [line for line in draft.get(rule.details) or () if isinstance(line, dict)]
    if _is_decimal(entity, rule.total_quantity) and not _sent(body, rule.total_quantity):
        quantity = sum((_number(line.get(rule.quantity)) for line in lines), Decimal(0))
        draft[rule.total_quantity] = quantity
    if _is_decimal(entity, rule.total) and not _sent(body, rule.total):
        total = sum((_line_amount(line, rule.quantity) for line in lines), Decimal(0))
        draft[rule.total] = total
