"""Wire values: check what a client sent against the field's ``ir.Scalar``, and render it back.

The store keeps plain Python values (``Decimal`` for decimals, ``int``, ``float``, ``bool``, and
the client's own text for dates and GUIDs once they have been checked). JSON numbers arrive as
``Decimal`` (the body is parsed with ``parse_float=Decimal``) so nothing is rounded on the way in.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ir import Scalar

# .NET type names, as Acumatica's own conversion messages say them
_DOTNET = {
    Scalar.STRING: "System.String",
    Scalar.INT: "System.Int32",
    Scalar.DECIMAL: "System.Decimal",
    Scalar.FLOAT: "System.Double",
    Scalar.BOOL: "System.Boolean",
    Scalar.DATETIME: "System.DateTime",
    Scalar.GUID: "System.Guid",
    Scalar.ANY: "System.Object",
    Scalar.DATE: "System.DateOnly",
    Scalar.STRING_SELECT: "PX.Api.ContractBased.Models.StringSelectInnerValue",
    Scalar.INT_SELECT: "PX.Api.ContractBased.Models.IntSelectInnerValue",
    Scalar.STRING_MULTI_SELECT: "PX.Api.ContractBased.Models.StringSelectInnerValue[]",
}


class ValueProblem(ValueError):
    """The value does not fit the field; the message is what the field's ``error`` says."""


def _problem(raw: Any, scalar: Scalar) -> ValueProblem:
    shown = raw if isinstance(raw, str) else json.dumps(raw, default=str)
    if isinstance(shown, str) and len(shown) > 60:
        shown = shown[:57] + "..."
    return ValueProblem(f"Error converting value '{shown}' to type '{_DOTNET[scalar]}'.")


def _number(raw: Any, scalar: Scalar) -> Decimal:
    if isinstance(raw, bool) or isinstance(raw, (dict, list)):
        raise _problem(raw, scalar)
    try:
        if isinstance(raw, float):
            number = Decimal(repr(raw))
        else:
            number = Decimal(raw if isinstance(raw, (int, Decimal)) else str(raw).strip())
    except (InvalidOperation, ValueError):
        raise _problem(raw, scalar) from None
    if not number.is_finite():
        raise _problem(raw, scalar)
    return number


def coerce(raw: Any, scalar: Scalar) -> Any:
    """The stored form of ``raw`` for a field of ``scalar``; raises ValueProblem if it does not fit.

    Lenient where Acumatica's JSON reader is (``"5"`` for an int, ``1`` for a bool, a number for a
    string), strict where it is not (text in a decimal, a list anywhere).
    """
    if raw is None:
        return None
    if scalar is Scalar.ANY:
        return raw
    if scalar in _CONTRACT_5_SCALARS:
        return _coerce_contract_5(raw, scalar)
    if isinstance(raw, (dict, list)):
        raise _problem(raw, scalar)
    if scalar is Scalar.STRING:
        if isinstance(raw, bool):
            return "True" if raw else "False"
        return raw if isinstance(raw, str) else str(raw)
    if scalar is Scalar.DECIMAL:
        return _json_number(_number(raw, scalar))
    if scalar is Scalar.FLOAT:
        return float(_number(raw, scalar))
    if scalar is Scalar.INT:
        number = _number(raw, scalar)
        if number != number.to_integral_value():
            raise _problem(raw, scalar)
        value = int(number)
        if abs(value) > 2**63:
            raise _problem(raw, scalar)
        return value
    if scalar is Scalar.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, (int, Decimal)) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        raise _problem(raw, scalar)
    if scalar is Scalar.DATETIME:
        if not isinstance(raw, str):
            raise _problem(raw, scalar)
        try:
            moment = parse_datetime(raw)
        except ValueError:
            raise _problem(raw, scalar) from None
        # Answered as Acumatica does, always with an offset; the sandbox's own zone is UTC.
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat()
    if scalar is Scalar.GUID:
        try:
            return str(uuid.UUID(str(raw)))
        except ValueError:
            raise _problem(raw, scalar) from None
    return raw  # pragma: no cover - every Scalar is handled above


# -- contract 5 values (Default 26.200.001) --------------------------------------------------

_CONTRACT_5_SCALARS = frozenset(
    {Scalar.DATE, Scalar.STRING_SELECT, Scalar.INT_SELECT, Scalar.STRING_MULTI_SELECT}
)


def _coerce_contract_5(raw: Any, scalar: Scalar) -> Any:
    """Date-only values are kept as ``yyyy-MM-dd`` (a timestamp is read as its date, as
    Acumatica's reader does); a select choice as ``{"id", "description"}``, whatever description
    the client sent: the server's list describes its choices."""
    if scalar is Scalar.DATE:
        if not isinstance(raw, str):
            raise _problem(raw, scalar)
        try:
            day = date.fromisoformat(raw) if len(raw.strip()) == 10 else parse_datetime(raw).date()
        except ValueError:
            raise _problem(raw, scalar) from None
        return day.isoformat()
    if scalar is Scalar.STRING_MULTI_SELECT:
        if not isinstance(raw, list):
            raise _problem(raw, scalar)
        return [_choice(item, Scalar.STRING_SELECT) for item in raw]
    return _choice(raw, scalar)


def _choice(raw: Any, scalar: Scalar) -> dict[str, Any]:
    """One select choice from ``{"id": ...}``; its id must fit the select (text or a number)."""
    if not isinstance(raw, dict) or raw.get("id") is None:
        raise _problem(raw, scalar)
    choice = raw["id"]
    if scalar is Scalar.INT_SELECT:
        choice = coerce(choice, Scalar.INT)
    elif isinstance(choice, (dict, list, bool)):
        raise _problem(raw, scalar)
    else:
        choice = str(choice)
    return {"id": choice, "description": select_description(choice)}


def select_description(choice: Any) -> str:
    """The description the sandbox answers for a select choice: it has no screen lists, so the
    id describes itself (``{"id": "Open", "description": "Open"}``)."""
    return str(choice)


def _json_number(number: Decimal) -> int | float:
    """A decimal as JSON will carry it: exact when integral, else the nearest double.

    Stored this way once, rather than converted on every answer; a real instance's decimals
    (at most 6 places) survive the double unchanged.
    """
    if number == number.to_integral_value() and abs(number) < 2**53:
        return int(number)
    return float(number)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # JSON has one number type; keep integral decimals integral, the rest as floats.
        if value == value.to_integral_value() and abs(value) < 2**53:
            return int(value)
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, (datetime, uuid.UUID)):
        return str(value)
    raise TypeError(f"cannot render {type(value).__name__}")


def dumps(document: Any) -> bytes:
    """Compact JSON bytes for a response body (Decimal-aware, non-finite floats as null)."""
    try:
        return json.dumps(
            document, default=_default, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode()
    except ValueError:  # a non-finite float slipped in from an ANY field
        return json.dumps(_finite(document), default=_default, ensure_ascii=False).encode()


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def loads(body: bytes) -> Any:
    """Parse a request body: UTF-8 with or without BOM, decimals kept exact.

    Raises ValueError (json.JSONDecodeError or UnicodeDecodeError) for a malformed body.
    """
    return json.loads(
        body.decode("utf-8-sig"), parse_float=Decimal, parse_constant=_reject_constant
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"Unexpected character encountered while parsing value: {name[0]}.")


_FRACTION = re.compile(r"^(?P<base>[^.]*T[^.]*)\.(?P<digits>\d+)(?P<zone>.*)$")


def parse_datetime(text: str) -> datetime:
    """ISO 8601 as Acumatica clients send it: ``Z``, and 1 to 7 fraction digits (Python 3.10's
    ``fromisoformat`` takes only 3 or 6)."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    match = _FRACTION.match(text)
    if match:
        digits = match.group("digits")[:6].ljust(6, "0")
        text = f"{match.group('base')}.{digits}{match.group('zone')}"
    return datetime.fromisoformat(text)
