"""The base class of every generated entity, and the table that maps its fields to the wire.

A generated class declares its fields as ordinary attributes and lists them once in
``_fields_ = Fields(Value("CustomerID", "customer_id", "string"), ...)``. ``from_dict`` and
``to_dict`` walk only the keys that are present, so sparse records (the usual case with
``$select``) cost little. Keys the class does not declare — ``_links``, fields a newer server
added, a wrapper's ``error`` — are kept and sent back: ``from_dict(d).to_dict() == d``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from .values import (
    CODECS,
    UNSET,
    decode_custom,
    decode_files,
    encode_custom,
    encode_files,
)

M = TypeVar("M", bound="Model")

VALUE, PLAIN, LINKED, DETAIL, CUSTOM, FILES = range(6)


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


def Files(wire: str, attr: str) -> FieldSpec:  # noqa: N802
    """A list of ``FileLink``."""
    return FieldSpec(FILES, wire, attr)


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


class Model:
    """An Acumatica entity: plain Python values in code, wrapped values on the wire."""

    _fields_: ClassVar[Fields] = Fields()
    # Per instance, set only when there is something to keep:
    _extra: Mapping[str, Any] = _EMPTY  # wire keys the class does not declare
    # wire name → the wrapper's keys besides "value" (its "error", say)
    _wrapper_extra: Mapping[str, Mapping[str, Any]] = _EMPTY

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build an instance from the wire form (a JSON object as the server sends it)."""
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
                    values[spec.attr] = [entity.from_dict(item) for item in raw]
                else:
                    values[spec.attr] = raw
            elif kind == LINKED:
                values[spec.attr] = spec.entity(cls).from_dict(raw) if type(raw) is dict else raw
            elif kind == CUSTOM:
                values[spec.attr] = decode_custom(raw)
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
