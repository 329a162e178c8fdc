"""The sandbox on Acumatica's own endpoint documents (never copied into the repository)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.ir import FieldKind
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.key_rules import SCREEN_DEFAULTS, numbered_by_default
from sandbox_helpers import signed_in, value, wrap
from testkit import REAL_SPEC_NAMES

DEFAULT_24 = "/entity/Default/24.200.001"
REAL_NAMES = REAL_SPEC_NAMES


@pytest.fixture(scope="module")
def sandbox(real_specs_dir: Path) -> Iterator[Sandbox]:
    specs = [real_specs_dir / name for name in REAL_NAMES]
    # Loose: every entity is put with made-up linked keys (test_sandbox_references checks those).
    with Sandbox(specs, max_sessions=2, seed=5, reference_checks=False) as running:
        yield running


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    sandbox.reset()
    client = signed_in(sandbox.url, tenant="Company", branch="HEADOFFICE")
    yield client
    client.post("/entity/auth/logout")
    client.close()


def test_entity_root_lists_every_real_endpoint(sandbox: Sandbox) -> None:
    body = httpx.get(f"{sandbox.url}/entity").json()
    listed = {f"{e['name']}_{e['version']}.json" for e in body["endpoints"]}
    assert listed == set(REAL_NAMES)
    assert body["version"]["acumaticaBuildVersion"] == "24.200.0100"


def test_swagger_json_equals_the_real_document(sandbox: Sandbox, real_specs_dir: Path) -> None:
    served = httpx.get(f"{sandbox.url}{DEFAULT_24}/swagger.json", params={"company": "Company"})
    original = json.loads(
        (real_specs_dir / "Default_24.200.001.json").read_bytes().decode("utf-8-sig")
    )
    assert served.json() == original


def test_sales_order_round_trip_with_details_and_keys(client: httpx.Client) -> None:
    body = {
        **wrap(OrderType="SO", CustomerID="ABARTENDE", Description="Sandbox order", Status="Open"),
        "Details": [wrap(InventoryID="AACOMPUT01", OrderQty=2, UnitPrice=999.99)],
        "ShipToAddress": wrap(City="Kirkland", State="WA"),
    }
    created = client.put(
        f"{DEFAULT_24}/SalesOrder", json=body, params={"$expand": "Details,ShipToAddress"}
    )
    assert created.status_code == 200, created.text
    record = created.json()
    nbr = value(record["OrderNbr"])
    assert nbr == "000001"
    assert value(record["Details"][0]["UnitPrice"]) == 999.99
    assert value(record["ShipToAddress"]["City"]) == "Kirkland"
    fetched = client.get(f"{DEFAULT_24}/SalesOrder/SO/{nbr}", params={"$expand": "Details"}).json()
    assert fetched["Details"] == record["Details"]
    listed = client.get(
        f"{DEFAULT_24}/SalesOrder", params={"$filter": "Status eq 'Open'", "$select": "OrderNbr"}
    )
    assert [value(r["OrderNbr"]) for r in listed.json()] == [nbr]
    cancel = client.post(
        f"{DEFAULT_24}/SalesOrder/CancelSalesOrder",
        json={"entity": wrap(OrderType="SO", OrderNbr=nbr)},
    )
    assert cancel.status_code == 202
    location = cancel.headers["location"]
    while (poll := client.get(location)).status_code == 202:
        location = poll.headers["location"]
    assert poll.status_code == 204
    assert value(client.get(f"{DEFAULT_24}/SalesOrder/SO/{nbr}").json()["Status"]) == "Canceled"
    assert client.delete(f"{DEFAULT_24}/SalesOrder/SO/{nbr}").status_code == 204
    missing = client.get(f"{DEFAULT_24}/SalesOrder/SO/{nbr}")
    assert missing.status_code == 500
    assert (
        missing.json()["exceptionType"]
        == "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException"
    )


def test_release_sales_invoice(client: httpx.Client) -> None:
    client.put(
        f"{DEFAULT_24}/SalesInvoice",
        json=wrap(Type="Invoice", ReferenceNbr="AR0001", Status="Balanced"),
    )
    release = client.post(
        f"{DEFAULT_24}/SalesInvoice/ReleaseSalesInvoice",
        json={"entity": wrap(Type="Invoice", ReferenceNbr="AR0001"), "parameters": {}},
    )
    assert release.status_code == 202
    invoice = client.get(f"{DEFAULT_24}/SalesInvoice/Invoice/AR0001").json()
    assert value(invoice["Status"]) == "Open"  # released: open for payment


def test_customer_filter_on_main_contact_email(client: httpx.Client) -> None:
    for cid, email in (("C1", "a@example.com"), ("C2", "b@example.org")):
        body = {**wrap(CustomerID=cid, CreditLimit=1000), "MainContact": wrap(Email=email)}
        assert client.put(f"{DEFAULT_24}/Customer", json=body).status_code == 200
    found = client.get(
        f"{DEFAULT_24}/Customer",
        params={"$filter": "MainContact/Email eq 'b@example.org'", "$expand": "MainContact"},
    ).json()
    assert [value(c["CustomerID"]) for c in found] == ["C2"]
    assert value(found[0]["MainContact"]["Email"]) == "b@example.org"


def test_text_in_a_decimal_on_a_detail_line_is_a_422(client: httpx.Client) -> None:
    body = {**wrap(OrderType="SO"), "Details": [wrap(InventoryID="X", OrderQty="many")]}
    response = client.put(f"{DEFAULT_24}/SalesOrder", json=body)
    assert response.status_code == 422
    assert response.json()["Details"][0]["OrderQty"]["error"]


def test_an_entity_without_known_keys_is_addressed_by_id(client: httpx.Client) -> None:
    created = client.put(f"{DEFAULT_24}/Activity", json=wrap(Summary="Call back")).json()
    assert client.get(f"{DEFAULT_24}/Activity/{created['id']}").status_code == 200
    assert client.get(f"{DEFAULT_24}/Activity/Call back").status_code == 500
    second = client.put(f"{DEFAULT_24}/Activity", json=wrap(Summary="Call back")).json()
    assert second["id"] != created["id"]  # no keys: every PUT without id inserts


@pytest.mark.parametrize("name", REAL_NAMES)
def test_every_entity_of_every_real_endpoint_takes_a_put_and_answers_expanded(
    client: httpx.Client, real_specs_dir: Path, name: str
) -> None:
    endpoint = load_endpoint(real_specs_dir / name)
    base = f"/entity/{endpoint.name}/{endpoint.version}"
    for entity in endpoint.top_level_entities:
        body: dict[str, Any] = {"note": {"value": "hello"}}
        # Keys the sandbox neither numbers (a last ...Nbr, int id, Case/Opportunity/ExpenseReceipt
        # id) nor fills with a screen default (OrderType, Type, Module) must be given.
        defaults = {key: SCREEN_DEFAULTS.get((entity.name, key)) for key in entity.keys}
        numbered = entity.keys[-1:] if entity.keys else ()
        numbered = tuple(k for k in numbered if numbered_by_default(entity, k))
        required = [k for k in entity.keys if defaults[k] is None and k not in numbered]
        if entity.name in ("Case", "Opportunity", "ExpenseReceipt", "Contact", "Lead"):
            assert not required, entity.name  # numbered in a stock instance
        if required:
            refused = client.put(f"{base}/{entity.name}", json=body)
            assert refused.status_code == 422, (entity.name, refused.text)
            assert refused.json()[required[0]]["error"].endswith("' cannot be empty."), entity.name
            body.update(wrap(**{key: f"K-{entity.name}" for key in required}))
        created = client.put(f"{base}/{entity.name}", json=body)
        assert created.status_code == 200, (entity.name, created.text)
        assert all(value(created.json()[key]) is not None for key in entity.keys), entity.name
        for key, default in defaults.items():
            assert default is None or value(created.json()[key]) == default, (entity.name, key)
        expand = ",".join(
            f.wire_name for f in entity.fields if f.kind in (FieldKind.DETAIL, FieldKind.LINKED)
        )
        params: dict[str, Any] = {"$expand": expand} if expand else {}
        fetched = client.get(f"{base}/{entity.name}/{created.json()['id']}", params=params)
        assert fetched.status_code == 200, (entity.name, fetched.text)
        assert fetched.json()["note"] == {"value": "hello"}


def test_an_entity_keyed_by_the_table_is_upserted_and_found_by_its_keys(
    client: httpx.Client,
) -> None:
    # ShipVia had no keys before the table covered it: a second put made a duplicate and
    # GET /ShipVia/FEDEX answered 404, where Acumatica updates and finds the record.
    for description in ("Federal Express", "FedEx"):
        put = client.put(
            f"{DEFAULT_24}/ShipVia", json=wrap(CarrierID="FEDEX", Description=description)
        )
        assert put.status_code == 200, put.text
    rows = client.get(f"{DEFAULT_24}/ShipVia").json()
    assert [value(r["CarrierID"]) for r in rows] == ["FEDEX"]
    found = client.get(f"{DEFAULT_24}/ShipVia/FEDEX")
    assert found.status_code == 200 and value(found.json()["Description"]) == "FedEx"
