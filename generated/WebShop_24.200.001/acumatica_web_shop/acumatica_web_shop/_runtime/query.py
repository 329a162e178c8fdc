"""Typed OData query pieces: ``$filter`` expressions and ``$select``/``$expand`` field references.

``FieldRef("Status") == "Open"`` renders ``Status eq 'Open'``; combine with ``&``, ``|`` and
``~``. Generated models expose their fields as ``SalesOrder.f.status`` (a ``FieldRef[str]``), so a
misspelt field or a value of the wrong type fails at type-check time.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload
from uuid import UUID

# What the generated package re-exports at its top (acumatica_codegen.runtime_source reads it).
__all__ = ["FieldRef", "Filter", "custom_field"]

T = TypeVar("T")
U = TypeVar("U")

# Binding strength, so that the rendered text needs parentheses only where they matter.
_OR, _AND, _ATOM = 1, 2, 3


class Filter:
    """A ``$filter`` expression; ``str(f)`` is the OData text."""

    __slots__ = ("text", "precedence")

    def __init__(self, text: str, precedence: int = _ATOM) -> None:
        self.text = text
        self.precedence = precedence

    def __and__(self, other: Filter) -> Filter:
        return Filter(f"{self._at(_AND)} and {other._at(_AND)}", _AND)

    def __or__(self, other: Filter) -> Filter:
        return Filter(f"{self._at(_OR)} or {other._at(_OR)}", _OR)

    def __invert__(self) -> Filter:
        return Filter(f"not ({self.text})" if self.precedence < _ATOM else f"not {self.text}")

    def __bool__(self) -> bool:
        raise TypeError("a Filter has no truth value: combine filters with &, | and ~")

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Filter({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filter) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def _at(self, precedence: int) -> str:
        return self.text if self.precedence >= precedence else f"({self.text})"


class FieldRef(Generic[T]):
    """A field of an entity, named as on the wire (``"Status"``, ``"MainContact/Email"``).

    Comparisons take the field's own type; a ``Decimal`` field also takes an ``int``.
    """

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __eq__(self, value: T | None) -> Filter:  # type: ignore[override]
        return self._compare("eq", value)

    def __ne__(self, value: T | None) -> Filter:  # type: ignore[override]
        return self._compare("ne", value)

    @overload
    def __lt__(self: FieldRef[Decimal], value: Decimal | int) -> Filter: ...

    @overload
    def __lt__(self, value: T) -> Filter: ...

    def __lt__(self, value: Any) -> Filter:
        return self._compare("lt", value)

    @overload
    def __le__(self: FieldRef[Decimal], value: Decimal | int) -> Filter: ...

    @overload
    def __le__(self, value: T) -> Filter: ...

    def __le__(self, value: Any) -> Filter:
        return self._compare("le", value)

    @overload
    def __gt__(self: FieldRef[Decimal], value: Decimal | int) -> Filter: ...

    @overload
    def __gt__(self, value: T) -> Filter: ...

    def __gt__(self, value: Any) -> Filter:
        return self._compare("gt", value)

    @overload
    def __ge__(self: FieldRef[Decimal], value: Decimal | int) -> Filter: ...

    @overload
    def __ge__(self, value: T) -> Filter: ...

    def __ge__(self, value: Any) -> Filter:
        return self._compare("ge", value)

    # Named twins of the operators: type checkers do not check the value of ``==``/``!=``
    # (they fall back to ``object.__eq__``), but they do check these.
    @overload
    def eq(self: FieldRef[Decimal], value: Decimal | int | None) -> Filter: ...

    @overload
    def eq(self, value: T | None) -> Filter: ...

    def eq(self, value: Any) -> Filter:
        return self._compare("eq", value)

    @overload
    def ne(self: FieldRef[Decimal], value: Decimal | int | None) -> Filter: ...

    @overload
    def ne(self, value: T | None) -> Filter: ...

    def ne(self, value: Any) -> Filter:
        return self._compare("ne", value)

    def __hash__(self) -> int:
        return hash(self.path)

    def __str__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"FieldRef({self.path!r})"

    @overload
    def __truediv__(self, child: FieldRef[U]) -> FieldRef[U]: ...

    @overload
    def __truediv__(self, child: str) -> FieldRef[Any]: ...

    def __truediv__(self, child: str | FieldRef[Any]) -> FieldRef[Any]:
        """A field of a linked or detail entity, for ``$select`` and ``$filter``:
        ``SalesOrder.f.details / SalesOrderDetail.f.inventory_id`` is ``Details/InventoryID``."""
        return FieldRef(f"{self.path}/{child}")

    def startswith(self, prefix: str) -> Filter:
        return Filter(f"startswith({self.path},{literal(prefix)})")

    def endswith(self, suffix: str) -> Filter:
        return Filter(f"endswith({self.path},{literal(suffix)})")

    def contains(self, text: str) -> Filter:
        return Filter(f"substringof({literal(text)},{self.path})")

    def _compare(self, operator: str, value: Any) -> Filter:
        return Filter(f"{self.path} {operator} {literal(value)}")


def custom_field(view: str, field: str, kind: str = "String") -> FieldRef[Any]:
    """A custom field in ``$filter``: ``custom_field("Document", "UsrRef") == "A"`` renders
    ``cf.String(f='Document.UsrRef') eq 'A'`` (``kind``: String, Int, Decimal, Bool, DateTime, Guid).
    """
    return FieldRef(f"cf.{kind}(f={literal(f'{view}.{field}')})")


def literal(value: Any) -> str:
    """An OData literal: strings quoted (quotes doubled), dates, GUIDs and numbers as Acumatica reads them."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} cannot be used in a filter")
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return f"datetimeoffset'{value.isoformat()}'"
    if isinstance(value, date):
        return f"datetimeoffset'{value.isoformat()}'"
    if isinstance(value, UUID):
        return f"guid'{value}'"
    raise TypeError(f"cannot use a {type(value).__name__} in a filter")
