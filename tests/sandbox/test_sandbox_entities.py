"""Entity CRUD over real HTTP on the project's example endpoint (both of its versions)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_23, WEBSHOP_24, value, wrap

sandbox = Sandbox.fixture([WEBSHOP_24, WEBSHOP_23], max_sessions=3, seed=7, reference_checks=False)
BASE_23 = "/entity/WebShop/23.200.001"
HTTP_ERROR_KEYS = {"message", "exceptionMessage", "exceptionType", "stackTrace"}


def put(client: httpx.Client, entity: str, body: dict[str, Any], **params: str) -> httpx.Response:
    return client.put(f"{BASE_24}/{entity}", json=body, params=params)


def order(nbr: str | None = None, **fields: Any) -> dict[str, Any]:
    body = wrap(OrderType="SO", CustomerID="C001", **fields)
    if nbr is not None:
        body["OrderNbr"] = {"value": nbr}
    return body


# ----------------------------------------------------------------------------- endpoints


def test_entity_root_lists_every_endpoint_with_a_build_version(sandbox: Sandbox) -> None:
    body = httpx.get(f"{sandbox.url}/entity").json()
    assert body["version"]["acumaticaBuildVersion"] == "24.200.0100"
    assert {(e["name"], e["version"]) for e in body["endpoints"]} == {
        ("WebShop", "23.200.001"),
        ("WebShop", "24.200.001"),
    }
    assert {e["href"] for e in body["endpoints"]} == {f"{BASE_23}/", f"{BASE_24}/"}


@pytest.mark.parametrize("spec, base", [(WEBSHOP_24, BASE_24), (WEBSHOP_23, BASE_23)])
def test_swagger_json_is_the_document_itself(sandbox: Sandbox, spec: Any, base: str) -> None:
    served = httpx.get(f"{sandbox.url}{base}/swagger.json", params={"company": "Company"})
    assert served.status_code == 200
    assert served.json() == json.loads(spec.read_bytes().decode("utf-8-sig"))


def test_unknown_endpoint_entity_and_method_answer_like_web_api(client: httpx.Client) -> None:
    assert client.get("/entity/Nope/1.0/Customer").status_code == 404
    missing = client.get(f"{BASE_24}/NoSuchEntity")
    assert missing.status_code == 404 and "No HTTP resource" in missing.json()["message"]
    wrong = client.post(f"{BASE_24}/Customer", json={})
    assert wrong.status_code == 405
    assert "does not support http method 'POST'" in wrong.json()["message"]


# ----------------------------------------------------------------------------- create, read


def test_put_inserts_and_answers_like_acumatica(client: httpx.Client) -> None:
    response = put(
        client, "Customer", wrap(CustomerID="C001", CustomerName="Ann", CreditLimit=1500.5)
    )
    assert response.status_code == 200
    record = response.json()
    assert list(record)[:3] == ["id", "rowNumber", "note"]
    assert record["rowNumber"] == 1 and record["note"] == {"value": ""}
    assert value(record["CustomerID"]) == "C001"
    assert value(record["CreditLimit"]) == 1500.5
    assert record["Email"] == {}  # unset values come back as empty objects
    assert record["custom"] == {}
    assert "MainContact" not in record and "Attributes" not in record  # not expanded
    assert record["_links"]["self"] == f"{BASE_24}/Customer/{record['id']}"
    assert record["_links"]["files:put"].endswith(f"/Customer/{record['id']}/{{filename}}")
    assert value(record["LastModifiedDateTime"])  # stamped by the server


def test_get_by_id_and_by_keys(client: httpx.Client) -> None:
    created = put(client, "SalesOrder", order("SO-1")).json()
    by_id = client.get(f"{BASE_24}/SalesOrder/{created['id']}")
    by_keys = client.get(f"{BASE_24}/SalesOrder/SO/SO-1")
    assert by_id.status_code == by_keys.status_code == 200
    assert by_id.json() == by_keys.json() == created
    # Keys match without regard to case, like SQL Server's default collation.
    assert client.get(f"{BASE_24}/SalesOrder/so/so-1").json()["id"] == created["id"]


def test_missing_record_by_key_is_no_entity_satisfies_the_condition(client: httpx.Client) -> None:
    for path in (
        "SalesOrder/SO/NOPE",
        "Customer/NOPE",
        f"Customer/{'0' * 8}-0000-0000-0000-{'0' * 12}",
    ):
        response = client.get(f"{BASE_24}/{path}")
        assert response.status_code == 500
        body = response.json()
        assert set(body) == HTTP_ERROR_KEYS
        assert (
            body["exceptionType"] == "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException"
        )
        assert body["exceptionMessage"] == "No entity satisfies the condition."
        assert body["message"] == "An error has occurred."


def test_wrong_number_of_keys_is_a_bad_request(client: httpx.Client) -> None:
    response = client.get(f"{BASE_24}/SalesOrder/SO/1/extra")
    assert response.status_code == 400
    assert "OrderType, OrderNbr" in json.dumps(response.json())


def test_a_missing_document_number_is_numbered(client: httpx.Client) -> None:
    first = put(client, "SalesOrder", order()).json()
    second = put(client, "SalesOrder", order("<NEW>")).json()
    assert value(first["OrderNbr"]) == "000001"
    assert value(second["OrderNbr"]) == "000002"
    assert value(put(client, "Shipment", {}).json()["ShipmentNbr"]) == "000001"


@pytest.mark.parametrize(
    "entity, body, field, label",
    [
        ("Customer", {}, "CustomerID", "Customer ID"),
        ("Customer", wrap(CustomerName="Ann"), "CustomerID", "Customer ID"),
        ("Customer", wrap(CustomerID=None), "CustomerID", "Customer ID"),
        ("Customer", wrap(CustomerID="<NEW>"), "CustomerID", "Customer ID"),
        ("StockItem", wrap(Description="Widget"), "InventoryID", "Inventory ID"),
        # Empty and whitespace-only text is no key either.
        ("Customer", wrap(CustomerID=""), "CustomerID", "Customer ID"),
        ("Customer", wrap(CustomerID="  ", CustomerName="Ann"), "CustomerID", "Customer ID"),
        ("StockItem", wrap(InventoryID="\t "), "InventoryID", "Inventory ID"),
    ],
)
def test_a_missing_key_with_no_number_and_no_default_answers_422_on_that_field(
    client: httpx.Client, entity: str, body: dict[str, Any], field: str, label: str
) -> None:
    response = put(client, entity, body)
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer[field]["error"] == f"'{label}' cannot be empty."
    assert (
        answer["error"].startswith("Inserting  '")
        and "raised at least one error" in answer["error"]
    )
    for name, wrapper in body.items():  # the body comes back as sent
        assert answer[name]["value"] == wrapper["value"]
    assert client.get(f"{BASE_24}/{entity}").json() == []  # nothing stored, nothing numbered
    assert value(put(client, "SalesOrder", order()).json()["OrderNbr"]) == "000001"


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_document_number_is_numbered_like_a_missing_one(
    client: httpx.Client, blank: str
) -> None:
    created = put(client, "SalesOrder", order(blank))
    assert created.status_code == 200, created.text
    assert value(created.json()["OrderNbr"]) == "000001"
    assert client.get(f"{BASE_24}/SalesOrder/SO/000001").json()["id"] == created.json()["id"]
    shipment = put(client, "Shipment", wrap(ShipmentNbr=blank)).json()
    assert value(shipment["ShipmentNbr"]) == "000001"


@pytest.mark.parametrize("blank", [None, "", " "])
def test_an_update_that_empties_a_key_answers_422_and_keeps_the_record(
    client: httpx.Client, blank: str | None
) -> None:
    created = put(client, "Customer", wrap(CustomerID="C001", CustomerName="Ann")).json()
    emptied = put(client, "Customer", {"id": created["id"], **wrap(CustomerID=blank)})
    assert emptied.status_code == 422, emptied.text
    assert emptied.json()["CustomerID"]["error"] == "'Customer ID' cannot be empty."
    assert emptied.json()["error"].startswith("Updating  '")
    assert client.get(f"{BASE_24}/Customer/C001").json() == created


def test_a_422_for_a_missing_key_lists_the_other_field_errors_too(client: httpx.Client) -> None:
    response = put(client, "Customer", wrap(CustomerName="Ann", CreditLimit="lots"))
    assert response.status_code == 422
    assert response.json()["CustomerID"]["error"] == "'Customer ID' cannot be empty."
    assert "error" in response.json()["CreditLimit"]


@pytest.mark.parametrize("missing", [{}, wrap(OrderType=None), wrap(OrderType="")])
@pytest.mark.parametrize("blank_type", [wrap(OrderType="  "), wrap(OrderType="<NEW>")])
def test_a_missing_first_key_gets_its_screen_default(
    client: httpx.Client, missing: dict[str, Any], blank_type: dict[str, Any]
) -> None:
    first = put(client, "SalesOrder", {**missing, **wrap(CustomerID="C001")})
    assert first.status_code == 200, first.text
    assert value(first.json()["OrderType"]) == "SO"  # SO301000's default order type
    assert value(first.json()["OrderNbr"]) == "000001"
    # The default takes part in finding the record too: SO/000001 is updated, not duplicated.
    again = put(client, "SalesOrder", {**blank_type, **wrap(OrderNbr="000001", Description="Rush")})
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first.json()["id"]
    assert value(client.get(f"{BASE_24}/SalesOrder/SO/000001").json()["Description"]) == "Rush"


@pytest.mark.parametrize(
    "entity, key, default", [("SalesInvoice", "Type", "Invoice"), ("Payment", "Type", "Payment")]
)
def test_other_documents_get_their_screens_default_type(
    client: httpx.Client, entity: str, key: str, default: str
) -> None:
    created = put(client, entity, {})
    assert created.status_code == 200, created.text
    assert value(created.json()[key]) == default
    assert value(created.json()["ReferenceNbr"]) == "000001"
    given = put(client, entity, wrap(**{key: "Credit Memo"})).json()
    assert value(given[key]) == "Credit Memo"  # a value sent wins over the default


def test_an_update_needs_no_keys_again(client: httpx.Client) -> None:
    created = put(client, "SalesOrder", order()).json()
    updated = put(client, "SalesOrder", {"id": created["id"], **wrap(Description="Rush")})
    assert updated.status_code == 200, updated.text
    assert value(updated.json()["OrderType"]) == "SO"


# ----------------------------------------------------------------------------- upsert


def test_put_updates_the_record_matched_by_keys_then_by_id(client: httpx.Client) -> None:
    created = put(client, "Customer", wrap(CustomerID="C001", CustomerName="Ann")).json()
    by_keys = put(client, "Customer", wrap(CustomerID="c001", Email="ann@example.com")).json()
    assert by_keys["id"] == created["id"]
    assert value(by_keys["CustomerName"]) == "Ann"  # untouched fields stay
    by_id = put(client, "Customer", {"id": created["id"], **wrap(CustomerName="Ann B.")}).json()
    assert by_id["id"] == created["id"] and value(by_id["CustomerName"]) == "Ann B."
    assert len(client.get(f"{BASE_24}/Customer").json()) == 1
    cleared = put(client, "Customer", {"id": created["id"], "Email": {"value": None}}).json()
    assert cleared["Email"] == {}
    kept = put(client, "Customer", {"id": created["id"], "CustomerName": {}}).json()
    assert value(kept["CustomerName"]) == "Ann B."


def test_if_none_match_inserts_only_and_if_match_updates_only(client: httpx.Client) -> None:
    insert = {"If-None-Match": "*"}
    update = {"If-Match": "*"}
    body = wrap(InventoryID="WIDGET", Description="A widget")
    assert client.put(f"{BASE_24}/StockItem", json=body, headers=update).status_code == 412
    assert client.put(f"{BASE_24}/StockItem", json=body, headers=insert).status_code == 200
    again = client.put(f"{BASE_24}/StockItem", json=body, headers=insert)
    assert again.status_code == 412
    assert set(again.json()) == HTTP_ERROR_KEYS
    assert client.put(f"{BASE_24}/StockItem", json=body, headers=update).status_code == 200
    assert len(client.get(f"{BASE_24}/StockItem").json()) == 1


def test_unknown_id_in_a_put_is_no_entity(client: httpx.Client) -> None:
    response = put(client, "StockItem", {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"})
    assert response.status_code == 500
    assert response.json()["exceptionType"].endswith("NoEntitySatisfiesTheConditionException")


@pytest.mark.parametrize("bad_id", ["not-a-guid", 5, True, ["x"], {"value": "x"}, ""])
@pytest.mark.parametrize("mode", [{}, {"If-Match": "*"}, {"If-None-Match": "*"}])
def test_a_malformed_id_in_a_put_is_a_400_like_web_api(
    client: httpx.Client, bad_id: Any, mode: dict[str, str]
) -> None:
    response = client.put(
        f"{BASE_24}/StockItem", json={"id": bad_id, **wrap(InventoryID="X")}, headers=mode
    )
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"message", "modelState"}  # HttpError of a failed model binding
    assert body["message"] == "The request is invalid."
    message = body["modelState"]["entity.id"][0]
    shown = f'"{bad_id}"' if isinstance(bad_id, str) else json.dumps(bad_id, separators=(",", ":"))
    assert message == (
        f"Error converting value {shown} to type 'System.Nullable`1[System.Guid]'. Path 'id'."
    )
    assert client.get(f"{BASE_24}/StockItem").json() == []  # nothing written


def test_a_malformed_detail_line_id_is_a_400(client: httpx.Client) -> None:
    response = put(client, "SalesOrder", {**order("SO-8"), "Details": [{"id": "line-1"}]})
    assert response.status_code == 400, response.text
    assert "System.Guid" in response.json()["modelState"]["entity.Details[0].id"][0]
    assert client.get(f"{BASE_24}/SalesOrder").json() == []


def test_detail_lines_are_added_updated_and_deleted(client: httpx.Client) -> None:
    lines = [wrap(InventoryID="A", OrderQty=1), wrap(InventoryID="B", OrderQty=2)]
    created = put(
        client, "SalesOrder", {**order("SO-9"), "Details": lines}, **{"$expand": "Details"}
    )
    details = created.json()["Details"]
    assert [value(d["InventoryID"]) for d in details] == ["A", "B"]
    assert [d["rowNumber"] for d in details] == [1, 2]
    first, second = details
    changed = put(
        client,
        "SalesOrder",
        {
            **order("SO-9"),
            "Details": [
                {"id": first["id"], "delete": True},
                {"id": second["id"], **wrap(OrderQty=5)},
                wrap(InventoryID="C", OrderQty=1),
            ],
        },
        **{"$expand": "Details"},
    ).json()["Details"]
    assert [(value(d["InventoryID"]), value(d["OrderQty"])) for d in changed] == [
        ("B", 5),
        ("C", 1),
    ]
    assert changed[0]["id"] == second["id"]


def test_linked_entities_merge(client: httpx.Client) -> None:
    contact = {"Email": {"value": "ann@example.com"}, "Address": wrap(City="Oslo")}
    put(client, "Customer", {**wrap(CustomerID="C1"), "MainContact": contact})
    put(client, "Customer", {**wrap(CustomerID="C1"), "MainContact": wrap(Phone1="555")})
    record = client.get(
        f"{BASE_24}/Customer/C1", params={"$expand": "MainContact,MainContact/Address"}
    ).json()
    assert value(record["MainContact"]["Email"]) == "ann@example.com"
    assert value(record["MainContact"]["Phone1"]) == "555"
    assert value(record["MainContact"]["Address"]["City"]) == "Oslo"
    assert "_links" not in record["MainContact"]


# ----------------------------------------------------------------------------- errors


def test_text_in_a_decimal_answers_422_with_the_error_on_the_field(client: httpx.Client) -> None:
    body = {
        **order("SO-X", OrderTotal="lots"),
        "Details": [wrap(InventoryID="A", OrderQty=1), wrap(InventoryID="B", OrderQty="two")],
    }
    response = put(client, "SalesOrder", body)
    assert response.status_code == 422
    echo = response.json()
    assert echo["OrderTotal"]["value"] == "lots"
    assert "System.Decimal" in echo["OrderTotal"]["error"]
    assert "error" not in echo["Details"][0]["OrderQty"]
    assert "System.Decimal" in echo["Details"][1]["OrderQty"]["error"]
    assert "record raised at least one error" in echo["error"]
    assert echo["OrderType"] == {"value": "SO"}
    # Nothing was stored.
    assert client.get(f"{BASE_24}/SalesOrder").json() == []


@pytest.mark.parametrize(
    "field, raw",
    [("LeadTimedays", 40000), ("UsrLoyaltyPoints", 1.5), ("IsGuestCustomer", "perhaps"),
     ("CreatedDateTime", "yesterday"), ("NoteID", "xyz")],
)  # fmt: skip
def test_values_of_the_wrong_type_are_field_errors(
    client: httpx.Client, field: str, raw: Any
) -> None:
    response = put(client, "Customer", {**wrap(CustomerID="C9"), field: {"value": raw}})
    assert response.status_code == 422
    assert response.json()[field]["error"]


def test_malformed_json_answers_400(client: httpx.Client) -> None:
    for content in (b"{not json", b"", b"\xff\xfe", b"[1, 2]", b'"text"', b'{"a": NaN}'):
        response = client.put(f"{BASE_24}/Customer", content=content)
        assert response.status_code == 400, content
        assert response.json()["message"] == "The request is invalid."


def test_a_bare_value_where_a_wrapper_belongs_answers_400(client: httpx.Client) -> None:
    response = put(client, "Customer", {"CustomerID": "C1"})
    assert response.status_code == 400
    assert "entity.CustomerID" in response.json()["modelState"]


# ----------------------------------------------------------------------------- queries


@pytest.fixture
def orders(client: httpx.Client) -> httpx.Client:
    rows = [
        ("SO-1", "Open", 100, "2024-01-10T00:00:00Z", "C001", False),
        ("SO-2", "Open", 250.75, "2024-02-10T00:00:00Z", "C002", True),
        ("SO-3", "Completed", 80, "2024-03-10T00:00:00Z", "C001", False),
        ("SO-4", "On Hold", 1000, "2024-04-10T00:00:00Z", "ACME", True),
    ]
    for nbr, status, total, date, customer, hold in rows:
        body = {**order(nbr, Status=status, OrderTotal=total, Date=date, Hold=hold)}
        body["CustomerID"] = {"value": customer}
        body["Details"] = [wrap(InventoryID=f"{nbr}-A")]
        assert put(client, "SalesOrder", body).status_code == 200
    return client


def numbers(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [value(r["OrderNbr"]) for r in response.json()]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Status eq 'Open'", ["SO-1", "SO-2"]),
        ("Status ne 'Open'", ["SO-3", "SO-4"]),
        ("OrderTotal gt 100", ["SO-2", "SO-4"]),
        ("OrderTotal ge 100 and OrderTotal le 250.75", ["SO-1", "SO-2"]),
        ("OrderTotal lt 100 or Status eq 'On Hold'", ["SO-3", "SO-4"]),
        ("not (Status eq 'Open')", ["SO-3", "SO-4"]),
        ("Hold eq true", ["SO-2", "SO-4"]),
        ("Date ge datetimeoffset'2024-02-01T00:00:00Z'", ["SO-2", "SO-3", "SO-4"]),
        ("substringof('C00', CustomerID)", ["SO-1", "SO-2", "SO-3"]),
        ("startswith(CustomerID, 'AC')", ["SO-4"]),
        ("(Status eq 'Open' or Status eq 'Completed') and CustomerID eq 'C001'", ["SO-1", "SO-3"]),
    ],
)
def test_filter(orders: httpx.Client, text: str, expected: list[str]) -> None:
    assert numbers(orders.get(f"{BASE_24}/SalesOrder", params={"$filter": text})) == expected


def test_filter_on_a_linked_field_path(client: httpx.Client) -> None:
    for cid, email in (("C1", "ann@example.com"), ("C2", "bob@example.org")):
        put(client, "Customer", {**wrap(CustomerID=cid), "MainContact": wrap(Email=email)})
    response = client.get(
        f"{BASE_24}/Customer", params={"$filter": "endswith(MainContact/Email, '.org')"}
    )
    assert [value(r["CustomerID"]) for r in response.json()] == ["C2"]


def test_bad_filter_answers_400_naming_the_problem(orders: httpx.Client) -> None:
    response = orders.get(f"{BASE_24}/SalesOrder", params={"$filter": "Nope eq 1"})
    assert response.status_code == 400
    assert "unknown field 'Nope'" in response.json()["exceptionMessage"]


def test_top_and_skip_page_through_the_list(orders: httpx.Client) -> None:
    page = orders.get(f"{BASE_24}/SalesOrder", params={"$top": "2", "$skip": "1"})
    assert numbers(page) == ["SO-2", "SO-3"]
    assert [r["rowNumber"] for r in page.json()] == [1, 2]
    assert numbers(orders.get(f"{BASE_24}/SalesOrder", params={"$skip": "10"})) == []
    assert orders.get(f"{BASE_24}/SalesOrder", params={"$top": "-1"}).status_code == 400
    assert orders.get(f"{BASE_24}/SalesOrder", params={"$skip": "x"}).status_code == 400


def test_select_returns_only_the_named_fields(orders: httpx.Client) -> None:
    rows = orders.get(f"{BASE_24}/SalesOrder", params={"$select": "OrderNbr,Status"}).json()
    assert set(rows[0]) == {"id", "rowNumber", "note", "OrderNbr", "Status", "custom", "_links"}


def test_expand_includes_details_and_select_reaches_into_them(orders: httpx.Client) -> None:
    plain = orders.get(f"{BASE_24}/SalesOrder/SO/SO-1").json()
    assert "Details" not in plain
    expanded = orders.get(
        f"{BASE_24}/SalesOrder/SO/SO-1",
        params={"$expand": "Details", "$select": "OrderNbr,Details/InventoryID"},
    ).json()
    assert set(expanded) == {"id", "rowNumber", "note", "OrderNbr", "Details", "custom", "_links"}
    assert set(expanded["Details"][0]) == {"id", "rowNumber", "note", "InventoryID", "custom"}


def test_unknown_select_or_expand_field_answers_400(orders: httpx.Client) -> None:
    for params in ({"$select": "Nope"}, {"$expand": "Status/Inner"}, {"$expand": "Details/Nope"}):
        assert orders.get(f"{BASE_24}/SalesOrder", params=params).status_code == 400


def test_custom_fields_are_stored_and_returned_when_asked(client: httpx.Client) -> None:
    custom = {
        "Document": {
            "AttributeCOLOR": {"type": "CustomStringField", "value": "red"},
            "UsrWeight": {"type": "CustomDecimalField", "value": 2.5},
        }
    }
    put(client, "SalesOrder", {**order("SO-C"), "custom": custom})
    plain = client.get(f"{BASE_24}/SalesOrder/SO/SO-C").json()
    assert plain["custom"] == {}
    asked = client.get(
        f"{BASE_24}/SalesOrder/SO/SO-C",
        params={"$custom": "Document.AttributeCOLOR,Document.UsrWeight"},
    ).json()
    assert asked["custom"] == custom
    found = client.get(
        f"{BASE_24}/SalesOrder",
        params={"$filter": "cf.String(f='Document.AttributeCOLOR') eq 'red'"},
    ).json()
    assert len(found) == 1
    schema = client.get(f"{BASE_24}/SalesOrder/$adHocSchema").json()
    assert schema["custom"]["Document"]["AttributeCOLOR"]["type"] == "CustomStringField"
    bad = put(client, "SalesOrder", {**order("SO-C"), "custom": {"Document": {"UsrWeight": {
        "type": "CustomDecimalField", "value": "heavy"}}}})  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["custom"]["Document"]["UsrWeight"]["error"]


# ----------------------------------------------------------------------------- delete


def test_delete_by_keys_and_by_id(client: httpx.Client) -> None:
    first = put(client, "StockItem", wrap(InventoryID="A")).json()
    put(client, "StockItem", wrap(InventoryID="B"))
    assert client.delete(f"{BASE_24}/StockItem/{first['id']}").status_code == 204
    assert client.delete(f"{BASE_24}/StockItem/B").status_code == 204
    assert client.get(f"{BASE_24}/StockItem").json() == []
    assert client.delete(f"{BASE_24}/StockItem/B").status_code == 500
    # The keys are free again.
    assert put(client, "StockItem", wrap(InventoryID="B")).status_code == 200


def test_versions_keep_their_own_fields(client: httpx.Client) -> None:
    # Payments exists only in 23.200.001's SalesOrder; 24.200.001 ignores it like any unknown field.
    body = {**order("SO-V"), "Payments": [wrap(PaymentRef="P1")]}
    old = client.put(f"{BASE_23}/SalesOrder", json=body, params={"$expand": "Payments"})
    assert old.status_code == 200 and value(old.json()["Payments"][0]["PaymentRef"]) == "P1"
    new = put(client, "SalesOrder", body, **{"$expand": "Details"})
    assert new.status_code == 200 and "Payments" not in new.json()


def test_a_422_echoes_the_body_as_sent(client: httpx.Client) -> None:
    body = {**order("<NEW>"), "OrderTotal": {"value": "lots"}}
    echo = put(client, "SalesOrder", body).json()
    assert echo["OrderNbr"] == {"value": "<NEW>"}
    assert echo["OrderTotal"]["error"]
