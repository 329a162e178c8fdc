"""Reference checks: a linked key that names no record answers 422, as a screen's selector does."""

from __future__ import annotations

from pathlib import Path

import httpx
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in, value, wrap

sandbox = Sandbox.fixture(WEBSHOP_24)


def order(customer: str, item: str) -> dict[str, object]:
    return {**wrap(OrderType="SO", CustomerID=customer), "Details": [wrap(InventoryID=item)]}


def test_an_order_for_an_unknown_customer_and_item_answers_422_on_both_fields(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    refused = client.put(f"{BASE_24}/SalesOrder", json=order("NOPE", "NOPE"))
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["CustomerID"]["error"] == "'Customer ID' cannot be found in the system."
    assert body["Details"][0]["InventoryID"]["error"] == (
        "'Inventory ID' cannot be found in the system."
    )
    assert "raised at least one error" in body["error"]
    assert sandbox.records("SalesOrder") == []  # nothing saved


def test_an_order_for_records_that_exist_is_saved_whatever_the_case(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    sandbox.seed("Customer", wrap(CustomerID="ABARTENDE"))
    sandbox.seed("StockItem", wrap(InventoryID="AACOMPUT01"))
    saved = client.put(f"{BASE_24}/SalesOrder", json=order("abartende", "AACOMPUT01"))
    assert saved.status_code == 200, saved.text
    assert value(saved.json()["CustomerID"]) == "abartende"


def test_only_the_values_a_request_sets_are_checked(client: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.seed("Customer", wrap(CustomerID="GONE"))
    created = client.put(f"{BASE_24}/SalesOrder", json=wrap(OrderType="SO", CustomerID="GONE"))
    assert created.status_code == 200, created.text
    client.delete(f"{BASE_24}/Customer/GONE")
    changed = client.put(
        f"{BASE_24}/SalesOrder", json={"id": created.json()["id"], **wrap(Description="later")}
    )
    assert changed.status_code == 200, changed.text  # the customer was not set again


def test_a_record_is_not_checked_against_itself(client: httpx.Client) -> None:
    created = client.put(f"{BASE_24}/Customer", json=wrap(CustomerID="NEW1"))
    assert created.status_code == 200, created.text


def test_reference_checks_can_be_turned_off_in_python_and_on_the_command_line() -> None:
    with Sandbox(WEBSHOP_24, reference_checks=False) as loose:
        client = signed_in(loose.url)
        assert client.put(f"{BASE_24}/SalesOrder", json=order("NOPE", "NOPE")).status_code == 200
        client.post("/entity/auth/logout")
    with cli_sandbox(str(WEBSHOP_24), "--port", "0", "--no-reference-checks") as first:
        client = signed_in(first.removeprefix("Sandbox listening on "))
        assert client.put(f"{BASE_24}/SalesOrder", json=order("NOPE", "NOPE")).status_code == 200
        client.post("/entity/auth/logout")


def test_default_24_checks_warehouses_and_takes_non_stock_items(real_specs_dir: Path) -> None:
    base = "/entity/Default/24.200.001"
    with Sandbox(real_specs_dir / "Default_24.200.001.json") as real:
        real.seed("Customer", wrap(CustomerID="C1"))
        real.seed("NonStockItem", wrap(InventoryID="SERVICE"))
        client = signed_in(real.url)
        body = {
            **wrap(OrderType="SO", CustomerID="C1"),
            "Details": [wrap(InventoryID="SERVICE", WarehouseID="NOWHERE")],
        }
        refused = client.put(f"{base}/SalesOrder", json=body)
        assert refused.status_code == 422, refused.text
        line = refused.json()["Details"][0]
        assert "error" not in line["InventoryID"]  # a non-stock item is an item too
        assert line["WarehouseID"]["error"] == "'Warehouse ID' cannot be found in the system."
        real.seed("Warehouse", wrap(WarehouseID="NOWHERE"))
        assert client.put(f"{base}/SalesOrder", json=body).status_code == 200
        bill = client.put(f"{base}/Bill", json=wrap(Type="Bill", Vendor="V404"))
        assert bill.json()["Vendor"]["error"] == "'Vendor' cannot be found in the system."
        client.post("/entity/auth/logout")
