"""Actions (202 + Location, polling, effects on the record) and file attachments."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.app import action_effect
from sandbox_helpers import BASE_24, WEBSHOP_24, signed_in, value, wrap

sandbox = Sandbox.fixture(WEBSHOP_24, action_polls=2, reference_checks=False)


def make_order(client: httpx.Client, nbr: str = "SO-1", **fields: Any) -> dict[str, Any]:
    response = client.put(
        f"{BASE_24}/SalesOrder", json=wrap(OrderType="SO", OrderNbr=nbr, Status="Open", **fields)
    )
    assert response.status_code == 200
    return response.json()


def invoke(client: httpx.Client, entity: str, action: str, body: dict[str, Any]) -> httpx.Response:
    return client.post(f"{BASE_24}/{entity}/{action}", json=body)


def run_to_completion(client: httpx.Client, response: httpx.Response) -> list[int]:
    assert response.status_code == 202, response.text
    statuses = []
    location = response.headers["location"]
    for _ in range(10):
        poll = client.get(location)
        statuses.append(poll.status_code)
        if poll.status_code == 204:
            break
        location = poll.headers["location"]
    return statuses


def status_of(client: httpx.Client, nbr: str = "SO-1") -> Any:
    return value(client.get(f"{BASE_24}/SalesOrder/SO/{nbr}").json()["Status"])


def test_an_action_answers_202_with_a_status_location_polled_until_204(
    client: httpx.Client,
) -> None:
    make_order(client)
    response = invoke(
        client, "SalesOrder", "CancelSalesOrder", {"entity": wrap(OrderType="SO", OrderNbr="SO-1")}
    )
    location = response.headers["location"]
    assert location.startswith(f"{BASE_24}/SalesOrder/CancelSalesOrder/status/")
    assert run_to_completion(client, response) == [202, 202, 204]
    assert client.get(location).status_code == 204  # done stays done
    assert status_of(client) == "Canceled"


@pytest.mark.parametrize(
    "action, status, hold",
    [
        ("PutSalesOrderOnHold", "On Hold", True),
        ("ReleaseSalesOrderFromHold", "Open", False),
        ("ReopenSalesOrder", "Open", False),
        ("SalesOrderCreateShipment", "Open", False),  # succeeds without effect
    ],
)
def test_action_effects_on_the_record(
    client: httpx.Client, action: str, status: str, hold: Any
) -> None:
    created = make_order(client)
    response = invoke(
        client, "SalesOrder", action, {"entity": {"id": created["id"]}, "parameters": {}}
    )
    run_to_completion(client, response)
    record = client.get(f"{BASE_24}/SalesOrder/{created['id']}").json()
    assert value(record["Status"]) == status
    assert value(record["Hold"]) == hold


def test_a_released_invoice_is_open_for_payment(client: httpx.Client) -> None:
    client.put(
        f"{BASE_24}/SalesInvoice", json=wrap(Type="Invoice", ReferenceNbr="INV1", Status="Balanced")
    )
    response = invoke(
        client,
        "SalesInvoice",
        "ReleaseSalesInvoice",
        {"entity": wrap(Type="Invoice", ReferenceNbr="INV1")},
    )
    run_to_completion(client, response)
    invoice = client.get(f"{BASE_24}/SalesInvoice/Invoice/INV1").json()
    assert value(invoice["Status"]) == "Open"  # as on Acumatica: released, its balance unpaid


def test_action_parameters_are_checked(client: httpx.Client) -> None:
    make_order(client)
    target = wrap(OrderType="SO", OrderNbr="SO-1")
    good = invoke(client, "SalesOrder", "SalesOrderCreateShipment",
                  {"entity": target, "parameters": wrap(ShipmentDate="2024-05-01", WarehouseID="MAIN")})  # fmt: skip
    assert good.status_code == 202
    bad = invoke(client, "SalesOrder", "SalesOrderCreateShipment",
                 {"entity": target, "parameters": wrap(ShipmentDate="soon")})  # fmt: skip
    assert bad.status_code == 400
    assert "invocation.parameters.ShipmentDate" in bad.json()["modelState"]


def test_action_on_a_missing_record_is_no_entity(client: httpx.Client) -> None:
    response = invoke(
        client, "SalesOrder", "CancelSalesOrder", {"entity": wrap(OrderType="SO", OrderNbr="NONE")}
    )
    assert response.status_code == 500
    assert response.json()["exceptionType"].endswith("NoEntitySatisfiesTheConditionException")


def test_the_generic_custom_action_route_accepts_any_action_name(client: httpx.Client) -> None:
    order = make_order(client)
    response = invoke(
        client,
        "SalesOrder",
        "CancelOrderViaCustomization",
        {"entity": wrap(OrderType="SO", OrderNbr="SO-1")},
    )
    run_to_completion(client, response)
    assert status_of(client) == "Canceled"
    other = invoke(client, "SalesOrder", "EmailSalesOrder", {"entity": {"id": order["id"]}})
    assert run_to_completion(client, other)[-1] == 204


@pytest.mark.parametrize("action", ["CancelSalesOrder", "CancelOrderViaCustomization"])
@pytest.mark.parametrize(
    "target",
    [{}, wrap(OrderType="SO"), wrap(OrderNbr="SO-1"), wrap(OrderType="SO", OrderNbr="<NEW>")],
)
def test_an_action_on_a_record_it_cannot_locate_is_no_entity(
    client: httpx.Client, action: str, target: dict[str, Any]
) -> None:
    make_order(client)
    for body in ({"entity": target}, {"entity": target, "parameters": {}}):
        response = invoke(client, "SalesOrder", action, body)
        assert response.status_code == 500, response.text
        assert response.json()["exceptionType"] == (
            "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException"
        )
    assert status_of(client) == "Open"  # nothing changed


@pytest.fixture(scope="module")
def no_catch_all(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """WebShop 24 without its ``/{Entity}/{actionName}`` custom-action paths."""
    document = json.loads(WEBSHOP_24.read_bytes().decode("utf-8-sig"))
    catch_alls = [path for path in document["paths"] if path.endswith("/{actionName}")]
    assert catch_alls
    for path in catch_alls:
        del document["paths"][path]
    spec = tmp_path_factory.mktemp("no_catch_all") / WEBSHOP_24.name
    spec.write_text(json.dumps(document), encoding="utf-8")
    with Sandbox(spec) as running:
        yield running


@pytest.mark.parametrize(
    "entity, action",
    [
        ("SalesOrder", "NoSuchAction"),
        ("SalesOrder", "CancelOrderViaCustomization"),
        ("Customer", "CancelSalesOrder"),  # an action of another entity
        ("SalesInvoice", "PutSalesOrderOnHold"),
    ],
)
def test_an_undeclared_action_is_not_found_without_the_custom_action_path(
    no_catch_all: Sandbox, entity: str, action: str
) -> None:
    client = signed_in(no_catch_all.url)
    try:
        make_order(client)
        client.put(f"{BASE_24}/Customer", json=wrap(CustomerID="C1"))
        target = wrap(OrderType="SO", OrderNbr="SO-1", CustomerID="C1", Type="Invoice")
        response = invoke(client, entity, action, {"entity": target})
        assert response.status_code == 404, response.text
        assert response.json() == {
            "message": "No HTTP resource was found that matches the request URI "
            f"'{no_catch_all.url}{BASE_24}/{entity}/{action}'."
        }
        assert status_of(client) == "Open"
        declared = invoke(client, "SalesOrder", "CancelSalesOrder", {"entity": target})
        assert run_to_completion(client, declared)[-1] == 204
        assert status_of(client) == "Canceled"
    finally:
        client.post("/entity/auth/logout")
        client.close()


def test_with_the_custom_action_path_any_action_name_is_taken(client: httpx.Client) -> None:
    """Real documents declare ``/{Entity}/{actionName}`` for every entity: the sandbox cannot
    know the screen's own actions, so it takes any name there (on a record it can locate)."""
    client.put(f"{BASE_24}/Customer", json=wrap(CustomerID="C1"))
    response = invoke(client, "Customer", "CancelSalesOrder", {"entity": wrap(CustomerID="C1")})
    assert run_to_completion(client, response)[-1] == 204


def test_action_bodies_that_cannot_be_read_answer_400(client: httpx.Client) -> None:
    url = f"{BASE_24}/SalesOrder/CancelSalesOrder"
    for content in (b"nope", b"[]", b'{"entity": 5}', b'{"entity": {}, "parameters": []}'):
        assert client.post(url, content=content).status_code == 400


def test_actions_answer_204_at_once_when_no_polls_are_configured() -> None:
    with Sandbox(WEBSHOP_24, action_polls=0) as quick:
        client = signed_in(quick.url)
        make_order(client)
        response = invoke(
            client,
            "SalesOrder",
            "CancelSalesOrder",
            {"entity": wrap(OrderType="SO", OrderNbr="SO-1")},
        )
        assert response.status_code == 204
        assert status_of(client) == "Canceled"
        client.post("/entity/auth/logout")


@pytest.mark.parametrize(
    "name, entity, effect",
    [
        ("ReleaseSalesInvoice", "SalesInvoice", {"Status": "Open"}),
        ("ReleaseBill", "Bill", {"Status": "Open"}),
        ("ReleaseCashSale", "CashSale", {"Status": "Closed"}),
        ("ReleaseInventoryReceipt", "InventoryReceipt", {"Status": "Released"}),
        ("ReleaseFromCreditHoldSalesOrder", "SalesOrder", {"Status": "Open", "Hold": False}),
        ("RemoveChangeOrderFromHold", "ChangeOrder", {"Status": "Open", "Hold": False}),
        ("RemoveHold", "", {"Status": "Open", "Hold": False}),
        ("PutOnHold", "", {"Status": "On Hold", "Hold": True}),
        ("HoldChangeOrder", "ChangeOrder", {"Status": "On Hold", "Hold": True}),
        ("CancelSalesOrder", "SalesOrder", {"Status": "Canceled"}),
        ("VoidPayment", "Payment", {"Status": "Voided"}),
        ("ConfirmShipment", "Shipment", {"Status": "Confirmed"}),
        ("EmailSalesOrder", "SalesOrder", {}),
    ],
)
def test_action_effect_rules(name: str, entity: str, effect: dict[str, Any]) -> None:
    assert action_effect(name, entity) == effect


# ----------------------------------------------------------------------------------- files


def test_files_are_stored_listed_and_served(client: httpx.Client) -> None:
    created = make_order(client)
    content = bytes(range(256)) * 10
    upload = client.put(
        f"{BASE_24}/SalesOrder/SO/SO-1/files/scan 1.pdf",
        content=content,
        headers={"Content-Type": "application/pdf"},
    )
    assert upload.status_code == 204
    plain = client.get(f"{BASE_24}/SalesOrder/SO/SO-1").json()
    assert "files" not in plain
    files = client.get(f"{BASE_24}/SalesOrder/SO/SO-1", params={"$expand": "files"}).json()["files"]
    assert len(files) == 1
    assert files[0]["filename"] == "Sales Orders (SO SO-1)\\scan 1.pdf"
    download = client.get(files[0]["href"])
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == "application/pdf"
    # The record's files:put link works too, and the same name replaces the content.
    link = created["_links"]["files:put"].replace("{filename}", "scan 1.pdf")
    assert client.put(link, content=b"v2").status_code == 204
    files_again = client.get(
        f"{BASE_24}/SalesOrder/{created['id']}", params={"$expand": "files"}
    ).json()["files"]
    assert [f["id"] for f in files_again] == [files[0]["id"]]
    assert client.get(files[0]["href"]).content == b"v2"


def test_files_need_a_session_and_an_existing_record(
    client: httpx.Client, sandbox: Sandbox
) -> None:
    make_order(client)
    assert client.put(f"{BASE_24}/SalesOrder/SO/NOPE/files/a.txt", content=b"x").status_code == 500
    client.put(f"{BASE_24}/SalesOrder/SO/SO-1/files/a.txt", content=b"x")
    href = client.get(f"{BASE_24}/SalesOrder/SO/SO-1", params={"$expand": "files"}).json()["files"][
        0
    ]["href"]
    assert httpx.get(f"{sandbox.url}{href}").status_code == 401
    assert client.get(f"{BASE_24}/files/3fa85f64-5717-4562-b3fc-2c963f66afa6").status_code == 500
    # Deleting the record deletes its files.
    client.delete(f"{BASE_24}/SalesOrder/SO/SO-1")
    assert client.get(href).status_code == 500


def test_detail_lines_list_files_when_expanded(client: httpx.Client) -> None:
    client.put(
        f"{BASE_24}/SalesOrder",
        json={**wrap(OrderType="SO", OrderNbr="SO-F"), "Details": [wrap(InventoryID="A")]},
    )
    record = client.get(
        f"{BASE_24}/SalesOrder/SO/SO-F", params={"$expand": "Details/files,files"}
    ).json()
    assert record["files"] == []
    assert record["Details"][0]["files"] == []


@pytest.mark.parametrize(
    "run_id",
    ["zzz", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "00000000-0000-0000-0000-000000000000"],
)
def test_an_unknown_action_status_id_is_not_found(client: httpx.Client, run_id: str) -> None:
    # Not "addressed by 1 key value(s)": the address names an action's status, whose run is unknown.
    response = client.get(f"{BASE_24}/Customer/AdjustLoyaltyPoints/status/{run_id}")
    assert response.status_code == 404, response.text
    assert "No HTTP resource was found" in response.json()["message"]
    response = client.get(f"{BASE_24}/SalesOrder/CancelSalesOrder/status/{run_id}")
    assert response.status_code == 404, response.text


@pytest.mark.parametrize("bad_id", ["not-a-guid", 5, True, [], {"value": "x"}])
def test_an_action_on_a_malformed_id_is_a_400(client: httpx.Client, bad_id: Any) -> None:
    make_order(client)
    response = invoke(client, "SalesOrder", "CancelSalesOrder", {"entity": {"id": bad_id}})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["message"] == "The request is invalid."
    assert "System.Guid" in body["modelState"]["invocation.entity.id"][0]
    assert status_of(client) == "Open"
