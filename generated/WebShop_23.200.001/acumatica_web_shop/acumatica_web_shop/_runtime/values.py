"""Values as they travel: plain Python in code, ``{"value": ...}`` wrappers on the wire.

``UNSET`` marks a field that is not sent; ``None`` is sent as ``{"value": null}`` and clears the
field on the server. A value the server sends that is not of its declared type (``"abc"`` for a
decimal, a date that is no date) makes its decoder raise ``ValueError``; the model turns that into
a ``DecodeError`` naming the field, or keeps the raw value in its lenient mode.

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


# The largest power of ten a number read from an answer may have (Acumatica's decimals have 28
# digits): past it the number is refused, as arithmetic on 1e999999999 would never end.
MAX_EXPONENT = 100
# Odd but real date forms: some fields (and older servers) send the user's locale format.
_DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y")


def _shown(value: Any) -> str:
    """A value as an error message shows it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def json_kind(value: Any) -> str:
    """What a decoded JSON value is, in words, for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float, Decimal)) else type(value).__name__


def _finite(number: Decimal) -> Decimal:
    if not number.is_finite():
        raise ValueError(f"{number} is not a finite number")
    if abs(number.adjusted()) > MAX_EXPONENT:
        raise ValueError(f"{number} is out of range (more than {MAX_EXPONENT} digits)")
    return number


def _decimal(value: Any) -> Decimal:
    """A JSON number (or numeric text) as a bounded, finite ``Decimal``; else ``ValueError``."""
    kind = type(value)
    if kind is Decimal:
        return _finite(value)
    if kind is int:
        return _finite(Decimal(value))
    if kind is float:
        return _finite(Decimal(repr(value)))
    if kind is str:
        try:
            return _finite(Decimal(value.strip()))
        except InvalidOperation:
            pass
    raise ValueError(f"{_shown(value)} is not a number")


def decode_decimal(value: Any) -> Any:
    """JSON number (or numeric text) → ``Decimal``; floats keep their shortest spelling."""
    # The usual case first, inline: a fraction as the JSON decoder made it, within bounds.
    if type(value) is Decimal and value.is_finite() and abs(value.adjusted()) <= MAX_EXPONENT:
        return value
    return None if value is None else _decimal(value)


def encode_decimal(value: Any) -> Any:
    """``Decimal`` → a JSON number: a float when that is exact, else the ``Decimal`` itself.

    Infinity and NaN stay ``Decimal``: the encoder refuses them, naming the field.
    """
    if not isinstance(value, Decimal) or not value.is_finite() or value.adjusted() > 15:
        return value
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else value


def decode_float(value: Any) -> Any:
    return None if value is None else float(_decimal(value))


def decode_int(value: Any) -> Any:
    if type(value) is int or value is None:
        return value
    if type(value) is str:
        try:
            return int(value.strip())
        except ValueError as exc:
            raise ValueError(f"{_shown(value)} is not a whole number") from exc
    number = _decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"{_shown(value)} is not a whole number")
    return int(number)


def decode_string(value: Any) -> Any:
    if type(value) is str or value is None:
        return value
    raise ValueError(f"{_shown(value)} is not text")


def decode_bool(value: Any) -> Any:
    if type(value) is bool or value is None:
        return value
    raise ValueError(f"{_shown(value)} is not true or false")


_FRACTION = re.compile(r"(\.\d{6})\d+")


def decode_datetime(value: Any) -> Any:
    """ISO 8601 text → ``datetime`` (``Z``, 0 to 7 fraction digits and offsets accepted), or
    ``MM/dd/yyyy HH:mm:ss`` as some fields send it."""
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} is not a date")
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
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    raise ValueError(f"{_shown(value)} is not a date")


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
    if value is None or isinstance(value, UUID):
        return value
    try:
        return UUID(value)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{_shown(value)} is not a GUID") from exc


def encode_guid(value: Any) -> Any:
    return str(value) if isinstance(value, UUID) else value


#: A contract 5 date-only value (``DateOnlyValue``) in code: a ``datetime.date``. Generated
#: models name it so because a field called ``date`` would shadow the bare name in their classes.
DateOnly = date


def decode_date(value: Any) -> Any:
    """``yyyy-MM-dd`` → ``date``; a full timestamp is read too (its date as written, no zone shift)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        return decode_datetime(value).date()  # raises ValueError when it is no date at all


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
    if value is None:
        return value
    raise ValueError(f"{_shown(value)} is not a choice (an object with an id and a description)")


def encode_select(value: Any) -> Any:
    if isinstance(value, Select):
        return value.to_wire()
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return Select[Any](value).to_wire()
    return value


def decode_selects(value: Any) -> Any:
    if type(value) is list:
        return [decode_select(item) for item in value]
    if value is None:
        return value
    raise ValueError(f"{_shown(value)} is not a list of choices")


def encode_selects(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [encode_select(item) for item in value]
    return value


# scalar name (ir.Scalar) → (decode, encode); unknown types pass through.
CODECS: Final[Mapping[str, tuple[Decode, Encode]]] = {
    "string": (decode_string, _identity),
    "bool": (decode_bool, _identity),
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
    """``{View: {Field: {...}}}`` → ``{View: {Field: CustomField}}``; ``ValueError`` for any other
    shape, or for a value that is not of its field's type (the message names view and field)."""
    if data is None:
        return data
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError("expected custom fields as {View: {Field: {...}}}")
    decoded: CustomFields = {}
    for view, fields in data.items():
        decoded[view] = {}
        for name, field in fields.items():
            try:
                if not isinstance(field, dict):
                    raise ValueError("expected a custom field object")
                decoded[view][name] = CustomField.from_dict(field)
            except ValueError as exc:
                raise ValueError(f"{view}.{name}: {exc}") from exc
    return decoded


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
    if data is None:
        return data
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError("expected a list of files")
    return [FileLink.from_dict(item) for item in data]


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
