"""The base class of every generated entity, and the table that maps its fields to the wire.

A generated class declares its fields as ordinary attributes and lists them once in
``_fields_ = Fields(Value("CustomerID", "customer_id", "string"), ...)``. ``from_dict`` and
``to_dict`` walk only the keys that are present, so sparse records (the usual case with
``$select``) cost little. Keys the class does not declare — fields a newer server added, a
wrapper's ``error`` — are kept and sent back: ``from_dict(d).to_dict() == d``.
A value that is not of its field's type raises ``DecodeError`` naming the field (``_lenient``
finds it, off the fast path), unless the caller asked for the lenient mode.

A select field (contract 5) is declared with ``SelectAttribute``/``MultiSelectAttribute``: it reads
as ``Select`` values and also takes plain ids, at run time and for type checkers. A decimal field is
declared with ``DecimalAttribute``: it reads as ``Decimal`` and takes an ``int`` too.

``record.require(SalesOrder.f.order_nbr)`` reads a field that code relies on with its plain type
(``str``, not ``str | None | Unset``), or raises ``MissingValue`` naming the entity and field. The
generated ``f`` references say what a field holds in the model: ``SelectRef`` (a ``Select``),
``LinkedRef[DocAddress]``, ``DetailRef[SalesOrderDetail]`` (a list), else ``FieldRef[T]``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from .query import FieldRef
from .values import (
    CODECS,
    UNSET,
    IdT,
    MissingValue,
    Select,
    Unset,
    as_select,
    as_selects,
    decode_custom,
    decode_files,
    encode_custom,
    encode_files,
)

M = TypeVar("M", bound="Model")
E = TypeVar("E", bound="Model")
T = TypeVar("T")

VALUE, PLAIN, LINKED, DETAIL, CUSTOM, FILES, MAP = range(7)
# What a decoder raises on a value that is not of its type, and what a malformed shape raises.
MALFORMED = (ValueError, TypeError, AttributeError, ArithmeticError, RecursionError)


class FieldSpec:
    """How one attribute travels: its wire name, its kind and its codec."""

    __slots__ = ("wire", "attr", "kind", "decode", "encode", "entity_name", "_entity")

    def __init__(
        self, kind: int, wire: str, attr: str, scalar: str = "any", entity: str = ""
    ) -> None:
        self.kind = kind
        self.wire = wire
        self.attr = attr
        self.decode, self.encode = CODECS[scalar]
        self.entity_name = entity
        self._entity: type[Model] | None = None

    def entity(self, owner: type[Model]) -> type[Model]:
        """The nested entity class, imported on first use (models load lazily)."""
        if self._entity is None:
            package = owner.__module__.rpartition(".")[0]
            self._entity = getattr(importlib.import_module(package), self.entity_name)
        return self._entity


def Value(wire: str, attr: str, scalar: str) -> FieldSpec:  # noqa: N802 - reads like a declaration
    """A ``{"value": ...}`` wrapped field."""
    return FieldSpec(VALUE, wire, attr, scalar)


def Plain(wire: str, attr: str, scalar: str) -> FieldSpec:  # noqa: N802
    """A bare JSON value (``id``, ``rowNumber``, an older contract's plain string)."""
    return FieldSpec(PLAIN, wire, attr, scalar)


def Linked(wire: str, attr: str, entity: str) -> FieldSpec:  # noqa: N802
    """One nested entity."""
    return FieldSpec(LINKED, wire, attr, entity=entity)


def Detail(wire: str, attr: str, entity: str) -> FieldSpec:  # noqa: N802
    """A list of detail entities."""
    return FieldSpec(DETAIL, wire, attr, entity=entity)


def Custom(wire: str, attr: str) -> FieldSpec:  # noqa: N802
    """``{View: {Field: CustomField}}``."""
    return FieldSpec(CUSTOM, wire, attr)


def Map(wire: str, attr: str, entity: str) -> FieldSpec:  # noqa: N802
    """``{name: entity}``, e.g. ``_workflowActions`` (a newer platform's custom actions)."""
    return FieldSpec(MAP, wire, attr, entity=entity)


def Files(wire: str, attr: str) -> FieldSpec:  # noqa: N802
    """A list of ``FileLink``."""
    return FieldSpec(FILES, wire, attr)


class _StoredAttribute:
    """A descriptor that keeps its value in the instance ``__dict__`` under its own name, where
    ``from_dict`` writes and ``to_dict`` reads, so it costs nothing on the wire path."""

    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    def _read(self, instance: object | None) -> Any:
        return self if instance is None else instance.__dict__.get(self.name, UNSET)


class SelectAttribute(_StoredAttribute, Generic[IdT]):
    """A single-select field: reads ``Select[IdT]``, takes a ``Select`` or a plain id.

    ``order.status = "CL"`` stores ``Select("CL")``, so ``order.status.description`` is always
    there to read (``None`` until the server fills it in).
    """

    __slots__ = ()

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> SelectAttribute[IdT]: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> Select[IdT] | None | Unset: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> Any:
        return self._read(instance)

    def __set__(self, instance: object, value: Select[IdT] | IdT | None | Unset) -> None:
        instance.__dict__[self.name] = as_select(value)


class MultiSelectAttribute(_StoredAttribute, Generic[IdT]):
    """A multi-select field: reads ``list[Select[IdT]]``, takes choices or plain ids."""

    __slots__ = ()

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> MultiSelectAttribute[IdT]: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> list[Select[IdT]] | None | Unset: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> Any:
        return self._read(instance)

    def __set__(self, instance: object, value: Sequence[Select[IdT] | IdT] | None | Unset) -> None:
        instance.__dict__[self.name] = as_selects(value)


class DecimalAttribute:
    """A decimal field: reads ``Decimal``, takes an ``int`` too and stores it as a ``Decimal``
    (``SalesOrderDetail(order_qty=2)``, ``line.order_qty = 3``)."""

    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> DecimalAttribute: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> Decimal | None | Unset: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> Any:
        return self if instance is None else instance.__dict__.get(self.name, UNSET)

    def __set__(self, instance: object, value: Decimal | int | None | Unset) -> None:
        if type(value) is int:  # not a bool: that is a mistake the server should refuse
            value = Decimal(value)
        instance.__dict__[self.name] = value


class SelectRef(FieldRef[IdT]):
    """The reference of a select field: filters compare ids, ``require`` gives the ``Select``."""

    __slots__ = ()


class MultiSelectRef(FieldRef[IdT]):
    """The reference of a multi-select field: ``require`` gives the list of ``Select``."""

    __slots__ = ()


class LinkedRef(FieldRef[Any], Generic[E]):
    """The reference of a linked entity (``SalesOrder.f.ship_to_contact``): ``require`` gives it."""

    __slots__ = ()


class DetailRef(FieldRef[Any], Generic[E]):
    """The reference of a list of detail entities: ``require`` gives the list."""

    __slots__ = ()


class Fields:
    """The field table of one entity class."""

    __slots__ = ("specs", "by_wire", "by_attr")

    def __init__(self, *specs: FieldSpec) -> None:
        self.specs = specs
        self.by_wire = {spec.wire: spec for spec in specs}
        self.by_attr = {spec.attr: spec for spec in specs}


_EMPTY: Mapping[str, Any] = {}


def _no_such_field(cls: type[Model], name: str) -> str:
    import difflib  # only on the way to an error

    close = difflib.get_close_matches(name, list(cls._fields_.by_attr), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{cls.__name__} has no field {name!r}{hint}"


def _not_a_field_of(cls: type[Model], path: str) -> str:
    if "/" in path:
        first, _, rest = path.partition("/")
        return (
            f"{cls.__name__}.require() takes a field of {cls.__name__} itself, not {path!r}:"
            f" require the linked entity first ({first!r}), then its field ({rest!r})"
        )
    return f"{cls.__name__} has no field {path!r} (a reference of another entity's field?)"


def _not_a_reference(cls: type[Model], given: object) -> str:
    """Why ``require`` refuses something that is no field reference, with the one to pass."""
    name = cls.__name__
    spec = None
    if isinstance(given, str):
        spec = cls._fields_.by_attr.get(given) or cls._fields_.by_wire.get(given)
    example = spec.attr if spec is not None else next(iter(cls._fields_.by_attr), "field")
    return (
        f"{name}.require() takes a field reference such as {name}.f.{example}, not {given!r}"
        " (it types the value the code relies on)"
    )


class Model:
    """An Acumatica entity: plain Python values in code, wrapped values on the wire."""

    _fields_: ClassVar[Fields] = Fields()
    # Per instance, set only when there is something to keep:
    _extra: Mapping[str, Any] = _EMPTY  # wire keys the class does not declare
    # wire name → the wrapper's keys besides "value" (its "error", say)
    _wrapper_extra: Mapping[str, Mapping[str, Any]] = _EMPTY
    # field path → why its value was kept as sent (lenient decoding only)
    _decode_errors: Mapping[str, str] = _EMPTY

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any], /, *, lenient: bool = False) -> M:
        """Build an instance from the wire form (a JSON object as the server sends it).

        A value that is not of its field's type (``"abc"`` for a decimal, an object where detail
        lines are due) raises ``DecodeError`` naming the field. ``lenient=True`` keeps such a value
        as it came instead and lists it in ``decode_errors``.
        """
        if not lenient:
            try:
                return cls._from_wire(data)
            except MALFORMED:
                pass  # decoded again below, field by field, to say which field is wrong
        from ._lenient import decode_leniently  # only for answers that are not what they say

        return decode_leniently(cls, data, lenient=lenient)

    @classmethod
    def _from_wire(cls: type[M], data: Mapping[str, Any]) -> M:
        """``from_dict`` for a well-formed answer: raises on the first value that is not."""
        self = cls.__new__(cls)
        values = self.__dict__
        by_wire = cls._fields_.by_wire
        extra: dict[str, Any] | None = None
        wrapper_extra: dict[str, dict[str, Any]] | None = None
        for key, raw in data.items():
            spec = by_wire.get(key)
            if spec is None:
                if extra is None:
                    extra = {}
                extra[key] = raw
                continue
            kind = spec.kind
            if kind == VALUE:
                if type(raw) is dict and "value" in raw:
                    values[spec.attr] = spec.decode(raw["value"])
                    if len(raw) == 1:
                        continue
                if type(raw) is dict:
                    if wrapper_extra is None:
                        wrapper_extra = {}
                    wrapper_extra[key] = {k: v for k, v in raw.items() if k != "value"}
                else:  # not a wrapper at all: keep it untouched
                    if extra is None:
                        extra = {}
                    extra[key] = raw
            elif kind == PLAIN:
                values[spec.attr] = spec.decode(raw)
            elif kind == DETAIL:
                if type(raw) is list and all(type(item) is dict for item in raw):
                    entity = spec.entity(cls)
                    values[spec.attr] = [entity._from_wire(item) for item in raw]
                elif raw is None:
                    values[spec.attr] = raw
                else:
                    raise ValueError(f"expected a list of {spec.entity_name} records")
            elif kind == LINKED:
                if type(raw) is dict:
                    values[spec.attr] = spec.entity(cls)._from_wire(raw)
                elif raw is None:
                    values[spec.attr] = raw
                else:
                    raise ValueError(f"expected one {spec.entity_name} record")
            elif kind == CUSTOM:
                values[spec.attr] = decode_custom(raw)
            elif kind == MAP:
                if type(raw) is dict and all(type(item) is dict for item in raw.values()):
                    entity = spec.entity(cls)
                    values[spec.attr] = {k: entity._from_wire(item) for k, item in raw.items()}
                elif raw is None:
                    values[spec.attr] = raw
                else:
                    raise ValueError(f"expected a map of {spec.entity_name} records")
            else:
                values[spec.attr] = decode_files(raw)
        if extra is not None:
            self._extra = extra
        if wrapper_extra is not None:
            self._wrapper_extra = wrapper_extra
        return self

    def to_dict(self) -> dict[str, Any]:
        """The wire form: only fields that are set, every value wrapped, unknown keys kept."""
        result: dict[str, Any] = {}
        by_attr = self._fields_.by_attr
        wrapper_extra = self._wrapper_extra
        for attr, value in self.__dict__.items():
            spec = by_attr.get(attr)
            if spec is None or value is UNSET:
                continue
            kind = spec.kind
            if kind == VALUE:
                wrapper = {"value": spec.encode(value)}
                if spec.wire in wrapper_extra:
                    wrapper.update(wrapper_extra[spec.wire])
                result[spec.wire] = wrapper
            elif kind == PLAIN:
                result[spec.wire] = spec.encode(value)
            elif kind == DETAIL:
                result[spec.wire] = (
                    [item.to_dict() if isinstance(item, Model) else item for item in value]
                    if isinstance(value, list)
                    else value
                )
            elif kind == LINKED:
                result[spec.wire] = value.to_dict() if isinstance(value, Model) else value
            elif kind == CUSTOM:
                result[spec.wire] = encode_custom(value)
            elif kind == MAP:
                result[spec.wire] = (
                    {k: v.to_dict() if isinstance(v, Model) else v for k, v in value.items()}
                    if isinstance(value, dict)
                    else value
                )
            else:
                result[spec.wire] = encode_files(value)
        for wire, kept in wrapper_extra.items():
            if wire not in result:  # a wrapper that came without a value, e.g. only an error
                result[wire] = dict(kept)
        if self._extra:
            result.update(self._extra)
        return result

    @property
    def field_errors(self) -> dict[str, str]:
        """Errors the server put on this entity's own fields: ``{"CustomerID": "message"}``."""
        return {
            wire: str(kept["error"])
            for wire, kept in self._wrapper_extra.items()
            if kept.get("error") is not None
        }

    @property
    def decode_errors(self) -> dict[str, str]:
        """Values kept as the server sent them, by field path, when read with ``lenient=True``:
        ``{"OrderTotal": "'abc' is not a number"}``."""
        return dict(self._decode_errors)

    @property
    def extra(self) -> Mapping[str, Any]:
        """Wire keys this class does not declare (``_links``, fields of a newer server, ...)."""
        return self._extra

    def iter_errors(self, prefix: str = "") -> Iterator[tuple[str, str]]:
        """Every error here and below: ``("Details[3].InventoryID", "message")``.

        The entity's own error comes with its path (``""`` for the top entity, ``"Details[3]"``
        for a detail line).
        """
        error = self.__dict__.get("error", self._extra.get("error"))
        if isinstance(error, str) and error:
            yield prefix, error
        for wire, message in self.field_errors.items():
            yield (f"{prefix}.{wire}" if prefix else wire), message
        for spec in self._fields_.specs:
            value = self.__dict__.get(spec.attr, UNSET)
            path = f"{prefix}.{spec.wire}" if prefix else spec.wire
            if spec.kind == LINKED and isinstance(value, Model):
                yield from value.iter_errors(path)
            elif spec.kind == DETAIL and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, Model):
                        yield from item.iter_errors(f"{path}[{index}]")

    @overload
    def require(self, field: SelectRef[IdT]) -> Select[IdT]: ...

    @overload
    def require(self, field: MultiSelectRef[IdT]) -> list[Select[IdT]]: ...

    @overload
    def require(self, field: LinkedRef[E]) -> E: ...

    @overload
    def require(self, field: DetailRef[E]) -> list[E]: ...

    @overload
    def require(self, field: FieldRef[T]) -> T: ...

    def require(self, field: FieldRef[Any]) -> Any:
        """The value of a field the code relies on, typed without ``None`` and ``UNSET``:
        ``order.require(SalesOrder.f.order_nbr)`` is a ``str``. ``MissingValue`` (a
        ``ValueError``) names the entity and field when the value is ``UNSET`` or ``None``.

        A field of a linked entity is read through it:
        ``order.require(SalesOrder.f.ship_to_contact).require(DocContact.f.email)``.
        """
        cls = type(self)
        if not isinstance(field, FieldRef):
            raise TypeError(_not_a_reference(cls, field))
        spec = cls._fields_.by_wire.get(field.path)
        if spec is None:
            raise ValueError(_not_a_field_of(cls, field.path))
        value = self.__dict__.get(spec.attr, UNSET)
        if value is UNSET or value is None:
            raise MissingValue(cls.__name__, spec.attr, spec.wire, value)
        return value

    def replace(self: M, **changes: Any) -> M:
        """A copy with some fields changed, as ``dataclasses.replace`` makes one:
        ``order.replace(status="Open", hold=False)``. Field names are checked as in the
        constructor; the copy is shallow (detail lists and linked entities are shared)."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    __replace__ = replace  # copy.replace(order, status="Open") on Python 3.13+

    def mark_deleted(self: M) -> M:
        """Mark a detail line for removal (``"delete": true``) when its parent is saved."""
        self._extra = {**self._extra, "delete": True}
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass

    if not TYPE_CHECKING:  # type checkers catch a misspelt field by themselves

        def __setattr__(self, name: str, value: Any) -> None:
            """A misspelt field fails here, as in the constructor, instead of never being sent."""
            if (
                not name.startswith("_")
                and name not in self._fields_.by_attr
                and not hasattr(type(self), name)  # a property or attribute of a subclass
            ):
                raise AttributeError(_no_such_field(type(self), name))
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        by_attr = self._fields_.by_attr
        shown = ", ".join(
            f"{attr}={value!r}"
            for attr, value in self.__dict__.items()
            if attr in by_attr and value is not UNSET
        )
        return f"{type(self).__name__}({shown})"
