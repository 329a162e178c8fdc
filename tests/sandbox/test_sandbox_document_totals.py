"""Totals a document's screen computes from its lines (a Sales Order's OrderedQty, OrderTotal)."""

from __future__ import annotations

from decimal import Decimal

import httpx
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, value, wrap

sandbox = Sandbox.fixture(WEBSHOP_24, reference_checks=False)


def _line(qty: object, price: object = None, **more: object) -> dict[str, object]:
    fields: dict[str, object] = {"InventoryID": "WIDGET", "OrderQty": qty, **more}
    if price is not None:
        fields["UnitPrice"] = price
    return wrap(**fields)


def test_a_new_sales_order_carries_its_total_and_quantity(client: httpx.Client) -> None:
    body = {**wrap(CustomerID="C1"), "Details": [_line(2, 1.5), _line(3, 0.25)]}
    created = client.put(f"{BASE_24}/SalesOrder", json=body).json()
    assert Decimal(str(value(created["OrderTotal"]))) == Decimal("3.75")
    assert Decimal(str(value(created["OrderedQty"]))) == 5


def test_an_order_without_lines_or_prices_totals_zero(client: httpx.Client) -> None:
    empty = client.put(f"{BASE_24}/SalesOrder", json=wrap(CustomerID="C1")).json()
    assert value(empty["OrderTotal"]) == 0
    unpriced = {**wrap(CustomerID="C1"), "Details": [_line(4)]}
    assert value(client.put(f"{BASE_24}/SalesOrder", json=unpriced).json()["OrderTotal"]) == 0


def test_a_line_amount_and_discount_count_as_the_screen_counts_them(
    client: httpx.Client,
) -> None:
    lines = [_line(2, 10, DiscountAmount=3), _line(1, 99, Amount=5)]
    created = client.put(f"{BASE_24}/SalesOrder", json={**wrap(CustomerID="C1"), "Details": lines})
    assert Decimal(str(value(created.json()["OrderTotal"]))) == Decimal(17 + 5)


def test_an_update_of_the_lines_computes_the_total_again(client: httpx.Client) -> None:
    body = {**wrap(CustomerID="C1"), "Details": [_line(1, 10)]}
    created = client.put(f"{BASE_24}/SalesOrder", json=body).json()
    more = {"id": created["id"], "Details": [_line(2, 10)]}
    updated = client.put(f"{BASE_24}/SalesOrder", json=more).json()
    assert value(updated["OrderTotal"]) == 30
    assert value(updated["OrderedQty"]) == 3


def test_a_total_the_request_sends_is_kept_as_seed_data_needs(client: httpx.Client) -> None:
    body = {**wrap(CustomerID="C1", OrderTotal=999), "Details": [_line(1, 2)]}
    created = client.put(f"{BASE_24}/SalesOrder", json=body).json()
    assert (value(created["OrderTotal"]), value(created["OrderedQty"])) == (999, 1)
