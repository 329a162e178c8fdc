"""Value checking per ir.Scalar: lenient where Acumatica's JSON reader is, strict where it is not."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from acumatica_codegen.ir import Scalar
from acumatica_codegen.sandbox.values import ValueProblem, coerce, dumps, loads


@pytest.mark.parametrize(
    "raw, scalar, stored",
    [
        ("abc", Scalar.STRING, "abc"),
        (12, Scalar.STRING, "12"),
        (Decimal("1.50"), Scalar.DECIMAL, Decimal("1.50")),
        ("2.5", Scalar.DECIMAL, Decimal("2.5")),
        (3, Scalar.INT, 3),
        ("7", Scalar.INT, 7),
        (Decimal("4.0"), Scalar.INT, 4),
        (1.25, Scalar.FLOAT, 1.25),
        (True, Scalar.BOOL, True),
        ("false", Scalar.BOOL, False),
        (1, Scalar.BOOL, True),
        ("2024-01-31T10:00:00Z", Scalar.DATETIME, "2024-01-31T10:00:00+00:00"),
        ("2024-01-31", Scalar.DATETIME, "2024-01-31T00:00:00+00:00"),
        ("2024-01-31T10:00:00.5-05:00", Scalar.DATETIME, "2024-01-31T10:00:00.500000-05:00"),
        (
            "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
            Scalar.GUID,
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        ),
        ({"any": ["thing"]}, Scalar.ANY, {"any": ["thing"]}),
        (None, Scalar.DECIMAL, None),
    ],
)
def test_accepted_values_are_stored_normalized(raw: Any, scalar: Scalar, stored: Any) -> None:
    assert coerce(raw, scalar) == stored


@pytest.mark.parametrize(
    "raw, scalar",
    [
        ("abc", Scalar.DECIMAL),
        ("NaN", Scalar.DECIMAL),
        ("Infinity", Scalar.FLOAT),
        (True, Scalar.DECIMAL),
        (Decimal("1.5"), Scalar.INT),
        ("seven", Scalar.INT),
        ("yes", Scalar.BOOL),
        (2, Scalar.BOOL),
        ("31/01/2024", Scalar.DATETIME),
        (20240131, Scalar.DATETIME),
        ("not-a-guid", Scalar.GUID),
        ([1, 2], Scalar.STRING),
        ({"value": 1}, Scalar.INT),
    ],
)
def test_values_that_do_not_fit_are_problems(raw: Any, scalar: Scalar) -> None:
    with pytest.raises(ValueProblem, match="Error converting value"):
        coerce(raw, scalar)


def test_json_round_trip_keeps_decimals_exact() -> None:
    body = loads(b'\xef\xbb\xbf{"a": 0.1, "b": 10, "c": 1e2}')
    assert body == {"a": Decimal("0.1"), "b": 10, "c": Decimal("1E+2")}
    rendered = dumps({"a": Decimal("0.1"), "b": Decimal("10.00"), "n": float("nan")})
    assert json.loads(rendered) == {"a": 0.1, "b": 10, "n": None}


def test_json_rejects_nan_literals() -> None:
    with pytest.raises(ValueError):
        loads(b'{"a": NaN}')
