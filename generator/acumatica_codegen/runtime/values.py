"""Values as they travel: plain Python in code, ``{"value": ...}`` wrappers on the wire.

``UNSET`` marks a field that is not sent; ``None`` is sent as ``{"value": null}`` and clears the
field on the server. A value the server sends that does not parse as its declared type is kept as
it came, so nothing is lost on a round trip.

Contract 5 (Default 26.200.001) adds date-only values (``datetime.date``) and select values
(``Select``: an ``id`` and its ``description``). What this module takes from the third-party digest
of Acumatica's 2026 R2 integration guide, not from Acumatica's own pages, is in one place: see
"Digest facts" below.
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Generic, Literal, TypeVar
from uuid import UUID

# What the generated package re-exports at its top (acumatica_codegen.runtime_source reads it).
__all__ = ["UNSET", "CustomField", "FileLink", "MissingValue", "Select", "Unset"]


class Unset(enum.Enum):
    """The type of ``UNSET``: a field that is not sent to the server at all.

    One member, so type checkers narrow ``x is not UNSET``, ``if x:`` and ``x or default``.
    """

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    # ``print(order.order_nbr)`` and f-strings of a field that was never set or read say so
    # plainly, as ``None`` prints ``None`` (the enum's own ``str`` is "Unset.UNSET").
    def __str__(self) -> str:
        return "UNSET"

    def __format__(self, format_spec: str) -> str:
        return format("UNSET", format_spec)

    def __bool__(self) -> Literal[False]:
        return False


UNSET: Final = Unset.UNSET


class MissingValue(ValueError):
    """A field that code relies on (``record.require(...)``) is ``UNSET`` or ``None``.

    ``entity`` and ``field`` name it in Python (``"SalesOrder"``, ``"order_nbr"``), ``wire`` as
    Acumatica does (``"OrderNbr"``); ``value`` is what was there (``UNSET`` or ``None``).
    """

    def __init__(self, entity: str, field: str, wire: str, value: Unset | None) -> None:
        self.entity = entity
        self.field = field
        self.wire = wire
        self.value = value
        if value is None:
            why = "is None: the server has no value for it (or it was cleared)"
        else:
            why = (
                "is UNSET: it was never set, or the record was read without it"
                f" (a select= that leaves out {wire!r}, a detail or linked entity not expanded)"
            )
        super().__init__(f"{entity}.{field} ({wire}) {why}")


Decode = Callable[[Any], Any]
Encode = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def decode_decimal(value: Any) -> Any:
    """JSON number (or numeric text) → ``Decimal``; floats keep their shortest spelling."""
    if isinstance(value, Decimal) or value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (int, str)):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def encode_decimal(value: Any) -> Any:
    """``Decimal`` → a JSON number: a float when that is exact, else the ``Decimal`` itself."""
    if not isinstance(value, Decimal):
        return value
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else value


def decode_float(value: Any) -> Any:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return float(value)
    return value


def decode_int(value: Any) -> Any:
    if isinstance(value, (float, Decimal)) and value == int(value):
        return int(value)
    return value


_FRACTION = re.compile(r"(\.\d{6})\d+")


def decode_datetime(value: Any) -> Any:
    """ISO 8601 text → ``datetime`` (``Z``, 7-digit .NET fractions and offsets accepted)."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    text = _FRACTION.sub(r"\1", value.strip())
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    match = re.fullmatch(r"(.*?\.)(\d{1,5})([+-]\d\d:\d\d)?", text)
    if match:  # Python 3.10 wants exactly 3 or 6 fraction digits
        text = match.group(1) + match.group(2).ljust(6, "0") + (match.group(3) or "")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return value


def encode_datetime(value: Any) -> Any:
    """``datetime`` → ISO 8601 text, no more fraction digits than it has."""
    if not isinstance(value, datetime):
        return value
    if value.microsecond == 0:
        return value.isoformat(timespec="seconds")
    if value.microsecond % 1000 == 0:
        return value.isoformat(timespec="milliseconds")
    return value.isoformat()


def decode_guid(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return UUID(value)
    except ValueError:
        return value


def encode_guid(value: Any) -> Any:
    return str(value) if isinstance(value, UUID) else value


#: A contract 5 date-only value (``DateOnlyValue``) in code: a ``datetime.date``. Generated
#: models name it so because a field called ``date`` would shadow the bare name in their classes.
DateOnly = date


def decode_date(value: Any) -> Any:
    """``yyyy-MM-dd`` → ``date``; a full timestamp is read too (its date as written, no zone shift)."""
    if not isinstance(value, str):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        moment = decode_datetime(value)
    return moment.date() if isinstance(moment, datetime) else value


def encode_date(value: Any) -> Any:
    """``date`` → ``yyyy-MM-dd``, as Acumatica's own client writes it (a ``datetime``: its date)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- Digest facts ----------------------------------------------------------------------------
# Contract 5 behaviour taken from a third-party digest of Acumatica's 2026 R2 integration guide
# that could not be checked against Acumatica's own pages. Everything the runtime's model side
# assumes from it is here; the README ("Upgrading to Acumatica 2026 R2") lists the same facts.

#: A request names a select choice by its id alone: ``{"value": {"id": "CL"}}``.
SELECT_REQUEST_KEYS: Final = ("id",)

# -----------------------------------------------------------------------------------------------

IdT = TypeVar("IdT", str, int)


class Select(Generic[IdT]):
    """One choice of a select field: its ``id`` (what the server stores) and its ``description``.

    ``Select("CL")`` or a plain ``"CL"`` where a select is expected: both are sent as the id
    alone. A choice read from the server keeps what it came with (the description, anything
    newer) and is sent back exactly so, unless its id or description was changed. It equals
    another choice, or a plain id, with the same id: ``order.status == "CL"``.
    """

    __slots__ = ("id", "description", "_wire")

    def __init__(self, id: IdT, description: str | None = None) -> None:
        self.id: IdT = id
        self.description = description
        self._wire: Mapping[str, Any] | None = None  # as read, for an exact round trip

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Select[Any]:
        """``{"id": "CL", "description": "Completed"}`` as the server sends it."""
        choice: Select[Any] = cls(data["id"], data.get("description"))
        choice._wire = data
        return choice

    def to_wire(self) -> dict[str, Any]:
        """As read when unchanged; otherwise what a request sends (``SELECT_REQUEST_KEYS``)."""
        wire = self._wire
        if (
            wire is not None
            and wire.get("id") == self.id
            and wire.get("description") == self.description
        ):
            return dict(wire)
        fields = {"id": self.id, "description": self.description}
        return {key: fields[key] for key in SELECT_REQUEST_KEYS}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Select):
            return bool(self.id == other.id)
        if isinstance(other, (str, int)) and not isinstance(other, bool):
            return bool(self.id == other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.id)

    def __str__(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        if self.description is None:
            return f"Select({self.id!r})"
        return f"Select({self.id!r}, {self.description!r})"


def as_select(value: Any) -> Any:
    """A plain id (``"CL"``, ``3``) → ``Select``; a ``Select``, ``None``, ``UNSET`` stay as they are."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return Select[Any](value)
    return value


def as_selects(value: Any) -> Any:
    """A list of choices or plain ids → a list of ``Select``."""
    if isinstance(value, (list, tuple)):
        return [as_select(item) for item in value]
    return value


def decode_select(value: Any) -> Any:
    if type(value) is dict and "id" in value:
        return Select.from_wire(value)
    return value  # null, or a shape this runtime does not know: kept as it came


def encode_select(value: Any) -> Any:
    if isinstance(value, Select):
        return value.to_wire()
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return Select[Any](value).to_wire()
    return value


def decode_selects(value: Any) -> Any:
    if type(value) is list:
        return [decode_select(item) for item in value]
    return value


def encode_selects(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [encode_select(item) for item in value]
    return value


# scalar name (ir.Scalar) → (decode, encode); strings, booleans and unknown types pass through.
CODECS: Final[Mapping[str, tuple[Decode, Encode]]] = {
    "string": (_identity, _identity),
    "bool": (_identity, _identity),
    "any": (_identity, _identity),
    "int": (decode_int, _identity),
    "float": (decode_float, _identity),
    "decimal": (decode_decimal, encode_decimal),
    "datetime": (decode_datetime, encode_datetime),
    "date": (decode_date, encode_date),
    "guid": (decode_guid, encode_guid),
    "string_select": (decode_select, encode_select),
    "int_select": (decode_select, encode_select),
    "string_multi_select": (decode_selects, encode_selects),
}

# Custom field type (the ``type`` discriminator) → scalar name. That table is endpoint data: the
# generated package's ``__init__`` holds it (``_CUSTOM_FIELD_SCALARS``, read from the document), and
# this module looks it up on first use. Outside a generated package the table is empty.
_PACKAGE = __name__.rpartition("._runtime")[0]
_custom_field_scalars: dict[str, str] | None = None


def custom_field_scalar(type_name: object) -> str:
    """The scalar name of a custom field type; ``"any"`` (passed through) when unknown."""
    global _custom_field_scalars
    table = _custom_field_scalars
    if table is None:
        package = sys.modules.get(_PACKAGE) if _PACKAGE else None
        table = _custom_field_scalars = dict(getattr(package, "_CUSTOM_FIELD_SCALARS", {}))
    return table.get(str(type_name), "any")


class CustomField:
    """One custom field: ``{"type": "CustomStringField", "value": ...}`` on the wire."""

    __slots__ = ("type", "value", "error", "extra")

    def __init__(
        self,
        type: str,
        value: Any = UNSET,
        *,
        error: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.type = type
        self.value = value
        self.error = error
        self.extra = dict(extra or {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CustomField:
        type_name = data.get("type")
        decode, _ = CODECS[custom_field_scalar(type_name)]
        extra = {k: v for k, v in data.items() if k not in ("type", "value", "error")}
        value = decode(data["value"]) if "value" in data else UNSET
        return cls(str(type_name), value, error=data.get("error"), extra=extra)

    def to_dict(self) -> dict[str, Any]:
        _, encode = CODECS[custom_field_scalar(self.type)]
        result: dict[str, Any] = {"type": self.type}
        if self.value is not UNSET:
            result["value"] = encode(self.value)
        if self.error is not None:
            result["error"] = self.error
        result.update(self.extra)
        return result

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CustomField) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        return f"CustomField(type={self.type!r}, value={self.value!r})"


CustomFields = dict[str, dict[str, CustomField]]


def decode_custom(data: Any) -> Any:
    """``{View: {Field: {...}}}`` → ``{View: {Field: CustomField}}`` (anything else kept as is)."""
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return data
    return {
        view: {
            name: CustomField.from_dict(field) if isinstance(field, dict) else field
            for name, field in fields.items()
        }
        for view, fields in data.items()
    }


def encode_custom(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {
        view: {
            name: field.to_dict() if isinstance(field, CustomField) else field
            for name, field in fields.items()
        }
        for view, fields in data.items()
    }


class FileLink:
    """An attachment of a record: ``{"id", "filename", "href"}``."""

    __slots__ = ("id", "filename", "href", "extra")

    def __init__(
        self,
        *,
        id: str | None = None,
        filename: str | None = None,
        href: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.filename = filename
        self.href = href
        self.extra = dict(extra or {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileLink:
        extra = {k: v for k, v in data.items() if k not in ("id", "filename", "href")}
        return cls(
            id=data.get("id"), filename=data.get("filename"), href=data.get("href"), extra=extra
        )

    def to_dict(self) -> dict[str, Any]:
        known = (("id", self.id), ("filename", self.filename), ("href", self.href))
        result = {key: value for key, value in known if value is not None}
        result.update(self.extra)
        return result

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileLink) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        return f"FileLink(filename={self.filename!r}, href={self.href!r})"


def decode_files(data: Any) -> Any:
    if not isinstance(data, list):
        return data
    return [FileLink.from_dict(item) if isinstance(item, dict) else item for item in data]


def encode_files(data: Any) -> Any:
    if not isinstance(data, list):
        return data
    return [item.to_dict() if isinstance(item, FileLink) else item for item in data]


def wrap_value(scalar: str, value: Any) -> dict[str, Any]:
    """A plain value → its ``{"value": ...}`` wrapper."""
    return {"value": CODECS[scalar][1](value)}


def wrap_parameters(*parameters: tuple[str, str, Any]) -> dict[str, Any]:
    """Action parameters ``(wire name, scalar, value)`` → the wire form, leaving out ``UNSET`` ones."""
    return {
        name: wrap_value(scalar, value) for name, scalar, value in parameters if value is not UNSET
    }
