"""The OData $filter subset: parsing, literals, operators, functions, and clear errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from acumatica_codegen.ir import Scalar
from acumatica_codegen.sandbox.odata import FilterError, compile_filter

SCALARS = {
    "Status": Scalar.STRING,
    "Total": Scalar.DECIMAL,
    "Qty": Scalar.INT,
    "Date": Scalar.DATETIME,
    "Active": Scalar.BOOL,
    "NoteID": Scalar.GUID,
    "MainContact/Email": Scalar.STRING,
}


def resolve(path: str) -> Any:
    if path not in SCALARS:
        raise KeyError(path)
    return (lambda record: record.get(path)), SCALARS[path]


def resolve_custom(name: str) -> Any:
    return (lambda record: record.get("custom", {}).get(name)), Scalar.ANY


RECORD = {
    "Status": "Open",
    "Total": Decimal("125.50"),
    "Qty": 3,
    "Date": "2024-03-01T10:00:00+00:00",
    "Active": True,
    "NoteID": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "MainContact/Email": "Ann@Example.com",
    "custom": {"Document.AttributeCOLOR": "red"},
}


def matches(text: str, record: dict[str, Any] = RECORD) -> bool:
    return compile_filter(text, resolve, resolve_custom)(record)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Status eq 'Open'", True),
        ("Status eq 'open'", True),  # SQL Server's default collation ignores case
        ("Status ne 'Open'", False),
        ("Total gt 100", True),
        ("Total ge 125.5", True),
        ("Total lt 125.5m", False),
        ("Total le 125.50M", True),
        ("Qty eq 3", True),
        ("Qty gt -1", True),
        ("Active eq true", True),
        ("Active eq false", False),
        ("Active", True),
        ("not Active", False),
        ("Date gt datetimeoffset'2024-02-29T23:59:59Z'", True),
        ("Date lt datetime'2024-03-01T09:00:00'", False),
        ("Date eq datetimeoffset'2024-03-01T12:00:00+02:00'", True),
        ("NoteID eq guid'3FA85F64-5717-4562-B3FC-2C963F66AFA6'", True),
        ("substringof('example', MainContact/Email)", True),
        ("startswith(Status, 'Op')", True),
        ("endswith(MainContact/Email, '.org')", False),
        ("contains(MainContact/Email, 'ann@')", True),
        ("tolower(Status) eq 'open'", True),
        ("length(Status) eq 4", True),
        ("Status eq 'Open' and (Total gt 1000 or Qty eq 3)", True),
        ("Status eq 'Open' and Total gt 1000 or Qty eq 3", True),
        ("Status eq 'Open' and not (Total gt 1000 or Qty eq 3)", False),
        ("not not Active eq true", True),
        ("Status eq 'It''s'", False),
        ("cf.String(f='Document.AttributeCOLOR') eq 'RED'", True),
    ],
)
def test_filter_evaluates_like_acumatica(text: str, expected: bool) -> None:
    assert matches(text) is expected


def test_null_compares_equal_only_to_null() -> None:
    record = {**RECORD, "Status": None}
    assert matches("Status eq null", record)
    assert not matches("Status ne null", record)
    assert not matches("Status gt 'A'", record)
    assert not matches("startswith(Status, 'O')", record)


def test_quote_escape_in_string_literal() -> None:
    assert matches("Status eq 'It''s'", {**RECORD, "Status": "It's"})


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "empty"),
        ("Status eq", "expected a value"),
        ("Unknown eq 1", "unknown field 'Unknown'"),
        ("Total gt 'abc'", "cannot be compared with a decimal value"),
        ("Active eq 'maybe'", "cannot be compared with a bool value"),
        ("Qty eq 'many'", "cannot be compared with an int value"),
        ("(Status eq 'Open'", "expected ')'"),
        ("Status eq 'Open')", "unexpected ')'"),
        ("Status", "a condition is expected"),
        ("Status eq 'x' and", "expected a value"),
        ("frobnicate(Status)", "unknown function"),
        ("startswith(Status)", "two arguments"),
        ("Status # 1", "unexpected character"),
        ("Date gt datetimeoffset'not a date'", "not a valid datetimeoffset"),
        ("'unterminated", "unexpected character"),
        ("(" * 2000 + "Active" + ")" * 2000, "nested too deeply"),
        ("not " * 2000 + "Active", "nested too deeply"),
        ("Status eq '" + "x" * 20000 + "'", "too long"),
    ],
)
def test_bad_filter_names_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(FilterError, match=None) as caught:
        compile_filter(text, resolve, resolve_custom)
    assert fragment in str(caught.value)


def test_error_reports_position() -> None:
    with pytest.raises(FilterError) as caught:
        compile_filter("Status eq 'x' and Nope eq 1", resolve)
    assert "position 18" in str(caught.value)
