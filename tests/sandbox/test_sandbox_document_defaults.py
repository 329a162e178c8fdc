"""Screen defaults of new documents: status, dates and currency, where the entity has them."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, value, wrap

sandbox = Sandbox.fixture(WEBSHOP_24, reference_checks=False)
TODAY = datetime.now(timezone.utc).date().isoformat()


def test_a_new_sales_order_is_open_dated_today_in_the_base_currency(client: httpx.Client) -> None:
    created = client.put(f"{BASE_24}/SalesOrder", json=wrap(CustomerID="C1")).json()
    assert value(created["Status"]) == "Open"
    assert value(created["Hold"]) is False
    assert value(created["CurrencyID"]) == "USD"
    assert value(created["Date"]) == f"{TODAY}T00:00:00+00:00"
    assert value(created["RequestedOn"]).startswith(TODAY)


def test_what_the_request_sends_wins_and_an_update_keeps_it(client: httpx.Client) -> None:
    body = wrap(CustomerID="C1", Status="On Hold", CurrencyID="EUR", Date="2024-02-29")
    created = client.put(f"{BASE_24}/SalesOrder", json=body).json()
    assert value(created["Status"]) == "On Hold"
    assert value(created["CurrencyID"]) == "EUR"
    assert value(created["Date"]).startswith("2024-02-29")
    updated = client.put(
        f"{BASE_24}/SalesOrder", json={"id": created["id"], **wrap(Description="x")}
    ).json()
    assert value(updated["Status"]) == "On Hold"


def test_invoices_payments_and_customers_get_their_screens_defaults(client: httpx.Client) -> None:
    invoice = client.put(f"{BASE_24}/SalesInvoice", json={}).json()
    assert (value(invoice["Status"]), value(invoice["CurrencyID"])) == ("Balanced", "USD")
    assert value(invoice["Date"]).startswith(TODAY)
    payment = client.put(f"{BASE_24}/Payment", json=wrap(CustomerID="C1")).json()
    assert value(payment["Status"]) == "Balanced"
    customer = client.put(f"{BASE_24}/Customer", json=wrap(CustomerID="C1")).json()
    assert (value(customer["Status"]), value(customer["CurrencyID"])) == ("Active", "USD")


@pytest.mark.parametrize(
    "entity, body, expected",
    [
        ("Bill", {}, {"Status": "Balanced", "CurrencyID": "USD"}),
        ("PurchaseOrder", {}, {"Status": "Open", "CurrencyID": "USD"}),
        ("Shipment", {}, {"Status": "Open"}),
        ("Invoice", {}, {"Status": "Balanced"}),
        ("StockItem", wrap(InventoryID="I1"), {"ItemStatus": "Active"}),
    ],
)
def test_default_24_documents_get_their_screens_defaults(
    real_specs_dir: Path, entity: str, body: dict[str, object], expected: dict[str, str]
) -> None:
    with Sandbox(real_specs_dir / "Default_24.200.001.json", reference_checks=False) as real:
        (answer,) = real.seed(entity, body)
    assert {name: value(answer[name]) for name in expected} == expected
