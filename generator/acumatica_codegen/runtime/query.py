"""Typed OData query pieces: ``$filter`` expressions and ``$select``/``$expand`` field references.

``FieldRef("Status") == "Open"`` renders ``Status eq 'Open'``; combine with ``&``, ``|`` and
``~``. Generated models expose their fields as ``SalesOrder.f.status`` (a ``FieldRef[str]``), so a
misspelt field or a value of the wrong type fails at type-check time.

A filter is written in the dialect of the endpoint's contract (``dialect``) when the client sends
it; ``str(filter)`` writes it in the dialect of the package this runtime was copied into.
``SalesOrder.f.details.select(SalesOrderDetail.f.inventory_id)`` is an ``Expansion``: a linked or
detail entity to expand with its own ``$select`` (and ``.expand(...)`` one level further).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload
from uuid import UUID

from .dialect import CONTRACT_4, Dialect, dialect_for

# What the generated package re-exports at its top (acumatica_codegen.runtime_source reads it).
__all__ = ["Expansion", "FieldRef", "Filter", "custom_field"]

T = TypeVar("T")
U = TypeVar("U")

# Binding strength, so that the rendered text needs parentheses only where they matter.
_OR, _AND, _ATOM = 1, 2, 3

Render = Callable[[Dialect], str]


def package_dialect() -> Dialect:
    """The dialect of the generated package this runtime sits in (its ``CONTRACT``); contract 4's
    outside a package. Only ``str()`` of a query piece uses it: the client passes its own."""
    global _package_dialect
    if _package_dialect is None:
        package = sys.modules.get(_PACKAGE) if _PACKAGE else None
        _package_dialect = dialect_for(getattr(package, "CONTRACT", None))
    return _package_dialect


_PACKAGE = __name__.rpartition("._runtime")[0]
_package_dialect: Dialect | None = None


class Filter:
    """A ``$filter`` expression; ``render(dialect)`` (or ``str(f)``) is the OData text."""

    __slots__ = ("_render", "precedence")

    def __init__(self, text: str | Render, precedence: int = _ATOM) -> None:
        self._render: Render = text if callable(text) else _fixed(text)
        self.precedence = precedence

    @property
    def text(self) -> str:
        return self._render(package_dialect())

    def render(self, dialect: Dialect) -> str:
        """The filter as the endpoint's contract writes it."""
        return self._render(dialect)

    def __and__(self, other: Filter) -> Filter:
        return Filter(lambda d: f"{self._at(_AND, d)} and {other._at(_AND, d)}", _AND)

    def __or__(self, other: Filter) -> Filter:
        return Filter(lambda d: f"{self._at(_OR, d)} or {other._at(_OR, d)}", _OR)

    def __invert__(self) -> Filter:
        if self.precedence < _ATOM:
            return Filter(lambda d: f"not ({self._render(d)})")
        return Filter(lambda d: f"not {self._render(d)}")

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

    def _at(self, precedence: int, dialect: Dialect) -> str:
        text = self._render(dialect)
        return text if self.precedence >= precedence else f"({text})"


def _fixed(text: str) -> Render:
    return lambda _dialect: text


class FieldRef(Generic[T]):
    """A field of an entity, named as on the wire (``"Status"``, ``"MainContact/Email"``).

    Comparisons take the field's own type; a ``Decimal`` field also takes an ``int``. A select
    field's reference compares ids (``Customer.f.status == "A"``).
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
        return Filter(lambda d: f"startswith({self.path},{literal(prefix, d)})")

    def endswith(self, suffix: str) -> Filter:
        return Filter(lambda d: f"endswith({self.path},{literal(suffix, d)})")

    def contains(self, text: str) -> Filter:
        """``contains(Field,'x')`` (contract 5), ``substringof('x',Field)`` (contract 4)."""
        return Filter(lambda d: d.contains.format(field=self.path, text=literal(text, d)))

    def any(self, *ids: T) -> Filter:
        """A multi-select with at least one of these ids chosen (contract 5):
        ``Colors/any(v: v eq 'RED' or v eq 'BLUE')``. For all of several ids, ``&`` two ``any``."""
        return self._lambda("any", ids)

    def all(self, *ids: T) -> Filter:
        """A multi-select whose every chosen id is one of these (contract 5):
        ``Colors/all(v: v eq 'RED' or v eq 'BLUE')``."""
        return self._lambda("all", ids)

    def select(self, *fields: str | FieldRef[Any]) -> Expansion:
        """Expand this linked or detail entity and return only these of its fields:
        ``SalesOrder.f.details.select(SalesOrderDetail.f.inventory_id)``."""
        return Expansion(self.path).select(*fields)

    def expand(self, *children: str | FieldRef[Any] | Expansion) -> Expansion:
        """Expand this linked or detail entity and, inside it, these of its own:
        ``Customer.f.main_contact.expand(Contact.f.address.select(Address.f.city))``."""
        return Expansion(self.path).expand(*children)

    def _compare(self, operator: str, value: Any) -> Filter:
        return Filter(lambda d: f"{self.path} {operator} {literal(value, d)}")

    def _lambda(self, kind: str, ids: Sequence[Any]) -> Filter:
        if not ids:
            raise ValueError(f"{self.path}.{kind}() needs at least one id")

        def render(dialect: Dialect) -> str:
            if not dialect.lambdas:
                raise ValueError(
                    f"{kind}() on {self.path}: multi-select filters need a contract-5 endpoint"
                    f" (this one speaks contract {dialect.contract})"
                )
            test = " or ".join(f"v eq {literal(i, dialect)}" for i in ids)
            return f"{self.path}/{kind}(v: {test})"

        return Filter(render)


class Expansion:
    """A linked or detail entity to expand, with the fields to return from it and the entities
    to expand inside it. Contract 5 writes ``Details($select=InventoryID;$expand=files)``;
    contract 4 writes ``$expand=Details,Details/files`` and adds ``Details/InventoryID`` to the
    one ``$select`` of the request (so give the top-level fields there too)."""

    __slots__ = ("path", "fields", "children")

    def __init__(
        self,
        path: str,
        fields: tuple[str, ...] = (),
        children: tuple[Expansion, ...] = (),
    ) -> None:
        self.path = path
        self.fields = fields
        self.children = children

    def select(self, *fields: str | FieldRef[Any]) -> Expansion:
        """The same expansion returning only these fields (added to any chosen before)."""
        names = tuple(f.path if isinstance(f, FieldRef) else f for f in fields)
        return Expansion(self.path, self.fields + names, self.children)

    def expand(self, *children: str | FieldRef[Any] | Expansion) -> Expansion:
        """The same expansion, expanding these of its own linked or detail entities too."""
        more = tuple(c if isinstance(c, Expansion) else Expansion(str(c)) for c in children)
        return Expansion(self.path, self.fields, self.children + more)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expansion) and (self.path, self.fields, self.children) == (
            other.path,
            other.fields,
            other.children,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.fields, self.children))

    def __repr__(self) -> str:
        return f"Expansion({self.path!r}, fields={self.fields!r}, children={self.children!r})"


def custom_field(view: str, field: str, kind: str = "String") -> FieldRef[Any]:
    """A custom field in ``$filter``: ``custom_field("Document", "UsrRef") == "A"`` renders
    ``cf.String(f='Document.UsrRef') eq 'A'`` on contract 4, ``cf.String('Document.UsrRef')`` on
    contract 5 (``kind``: String, Int, Decimal, Bool, DateTime, Guid; on contract 5 also
    StringSingleSelect, IntSingleSelect, StringMultiSelect).
    """
    return _CustomFieldRef(kind, f"{view}.{field}")


class _CustomFieldRef(FieldRef[Any]):
    """A custom field's reference: its text depends on the dialect, so it renders late."""

    __slots__ = ("kind", "name")

    def __init__(self, kind: str, name: str) -> None:
        super().__init__(CONTRACT_4.custom_field.format(kind=kind, name=literal(name, CONTRACT_4)))
        self.kind = kind
        self.name = name

    def _compare(self, operator: str, value: Any) -> Filter:
        return Filter(lambda d: f"{self._in(d)} {operator} {literal(value, d)}")

    def startswith(self, prefix: str) -> Filter:
        return Filter(lambda d: f"startswith({self._in(d)},{literal(prefix, d)})")

    def endswith(self, suffix: str) -> Filter:
        return Filter(lambda d: f"endswith({self._in(d)},{literal(suffix, d)})")

    def contains(self, text: str) -> Filter:
        return Filter(lambda d: d.contains.format(field=self._in(d), text=literal(text, d)))

    def _in(self, dialect: Dialect) -> str:
        return dialect.custom_field.format(kind=self.kind, name=literal(self.name, dialect))


def literal(value: Any, dialect: Dialect | None = None) -> str:
    """An OData literal: strings quoted (quotes doubled), dates, GUIDs and numbers as Acumatica
    reads them in ``dialect`` (the package's when not given); a select choice is its id."""
    if dialect is None:
        dialect = package_dialect()
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
        text = value.isoformat()
        if dialect.utc_as_z and value.utcoffset() == timedelta(0):
            text = text[: -len("+00:00")] + "Z"
        return dialect.datetime_literal.format(text)
    if isinstance(value, date):
        return dialect.date_literal.format(value.isoformat())
    if isinstance(value, UUID):
        return dialect.guid_literal.format(value)
    from .values import Select  # imported late: a Client on its own never needs the codecs

    if isinstance(value, Select):
        return literal(value.id, dialect)
    raise TypeError(f"cannot use a {type(value).__name__} in a filter")


# $select / $expand / $custom -----------------------------------------------------------------

FieldName = str | FieldRef[Any]
FieldSpec = str | FieldRef[Any] | Expansion | Sequence[str | FieldRef[Any] | Expansion]


def field_params(
    select: FieldSpec | None,
    expand: FieldSpec | None,
    custom: FieldSpec | None,
    dialect: Dialect,
) -> dict[str, str]:
    """``$select``, ``$expand`` and ``$custom`` as ``dialect`` writes them (empty ones left out)."""
    if select is None and expand is None and custom is None:
        return {}  # most requests: nothing to build
    if dialect.nested_expand:
        return _nested_params(select, expand, custom)
    params: dict[str, str] = {}
    selected, expanded, customs = _items(select), _items(expand), _items(custom)
    # Contract 4: one flat $select for every level, expansions as A/B paths.
    for item in expanded:
        if isinstance(item, Expansion):
            selected += _flat_fields(item, "")
    names = {"$select": selected, "$expand": _flat_paths(expanded), "$custom": customs}
    for name, items in names.items():
        value = ",".join(_name(i) for i in items)
        if value:
            params[name] = value
    return params


def _items(spec: FieldSpec | None) -> list[str | FieldRef[Any] | Expansion]:
    if spec is None:
        return []
    if isinstance(spec, (str, FieldRef, Expansion)):
        return [spec]
    return list(spec)


def _name(item: str | FieldRef[Any] | Expansion) -> str:
    if isinstance(item, Expansion):
        return item.path
    return item.path if isinstance(item, FieldRef) else item


def _flat_paths(
    items: Sequence[str | FieldRef[Any] | Expansion],
) -> list[str | FieldRef[Any] | Expansion]:
    paths: list[str | FieldRef[Any] | Expansion] = []
    for item in items:
        paths.append(item)
        if isinstance(item, Expansion):
            paths += [f"{item.path}/{p}" for p in map(_name, _flat_paths(item.children))]
    return paths


def _flat_fields(expansion: Expansion, prefix: str) -> list[str | FieldRef[Any] | Expansion]:
    path = f"{prefix}{expansion.path}/"
    fields: list[str | FieldRef[Any] | Expansion] = [path + name for name in expansion.fields]
    for child in expansion.children:
        fields += _flat_fields(child, path)
    return fields


class _Level:
    """One level of a contract-5 query: its fields and the entities expanded inside it."""

    __slots__ = ("fields", "children", "verbatim")

    def __init__(self) -> None:
        self.fields: list[str] = []
        self.children: dict[str, _Level] = {}
        self.verbatim: list[str] = []  # expansions the caller wrote in 4.01 already: A(...)

    def at(self, path: str) -> _Level:
        level = self
        for part in path.split("/"):
            level = level.children.setdefault(part, _Level())
        return level

    def add_field(self, name: str) -> None:
        parent, _, field = name.rpartition("/")
        level = self.at(parent) if parent and "(" not in name else self
        level.fields.append(field if parent and "(" not in name else name)

    def add_expansion(self, item: str | FieldRef[Any] | Expansion) -> None:
        if isinstance(item, Expansion):
            level = self.at(item.path)
            for name in item.fields:
                level.add_field(name)
            for child in item.children:
                level.add_expansion(child)
            return
        name = _name(item)
        if "(" in name:
            self.verbatim.append(name)
        else:
            self.at(name)

    def expand_text(self) -> str:
        items = [name + child.options() for name, child in self.children.items()]
        return ",".join(items + self.verbatim)

    def options(self) -> str:
        parts = []
        if self.fields:
            parts.append("$select=" + ",".join(self.fields))
        expand = self.expand_text()
        if expand:
            parts.append("$expand=" + expand)
        return f"({';'.join(parts)})" if parts else ""


def _nested_params(
    select: FieldSpec | None, expand: FieldSpec | None, custom: FieldSpec | None
) -> dict[str, str]:
    """Contract 5: per-level ``$select`` inside nested ``$expand``; custom fields in ``$select``."""
    root = _Level()
    for item in _items(expand):
        root.add_expansion(item)
    for item in [*_items(select), *_items(custom)]:
        if isinstance(item, Expansion):
            root.add_expansion(item)
        else:
            root.add_field(_name(item))
    params: dict[str, str] = {}
    if root.fields:
        params["$select"] = ",".join(root.fields)
    expand_text = root.expand_text()
    if expand_text:
        params["$expand"] = expand_text
    return params
