"""The sandbox serving a contract-5 endpoint (WebShop 26.200.001): OData 4.01 queries, select and
date-only values, PATCH and injected 409s; contract-4 constructs answered 400."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from acumatica_codegen.ir import Scalar
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.odata import FilterError, compile_filter
from sandbox_helpers import REPO, WEBSHOP_24, signed_in, value, wrap

WEBSHOP_26 = REPO / "specs" / "WebShop_26.200.001.json"
BASE_26 = "/entity/WebShop/26.200.001"
BASE_24 = "/entity/WebShop/24.200.001"

# ``client`` (conftest): signed in on this module's sandbox, emptied first.
sandbox = Sandbox.fixture([WEBSHOP_26, WEBSHOP_24], seed=5, reference_checks=False)


def put_customer(client: httpx.Client, customer_id: str, **extra: Any) -> dict[str, Any]:
    body = {**wrap(CustomerID=customer_id, CustomerName=f"{customer_id} Coffee"), **extra}
    response = client.put(f"{BASE_26}/Customer", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def listed(client: httpx.Client, entity: str = "Customer", **params: str) -> list[Any]:
    response = client.get(f"{BASE_26}/{entity}", params=params)
    assert response.status_code == 200, response.text
    return list(response.json())


def refused(client: httpx.Client, entity: str = "Customer", **params: str) -> str:
    response = client.get(f"{BASE_26}/{entity}", params=params)
    assert response.status_code == 400, response.text
    return str(response.json()["exceptionMessage"])


# Values ------------------------------------------------------------------------------------


def test_select_values_are_answered_with_a_description_and_date_only_values_as_dates(
    client: httpx.Client,
) -> None:
    saved = put_customer(client, "C1", Status={"value": {"id": "A"}})
    assert saved["Status"] == {"value": {"id": "A", "description": "A"}}
    order = client.put(
        f"{BASE_26}/SalesOrder",
        json={**wrap(OrderType="SO", CustomerID="C1", Date="2026-09-09T10:00:00+02:00")},
    )
    assert order.status_code == 200, order.text
    assert order.json()["Date"] == {"value": "2026-09-09"}


def test_a_select_sent_as_plain_text_is_a_field_error_like_any_unreadable_value(
    client: httpx.Client,
) -> None:
    body = {**wrap(CustomerID="C2", CustomerName="x"), "Status": {"value": "A"}}
    response = client.put(f"{BASE_26}/Customer", json=body)
    assert response.status_code == 422
    assert "StringSelectInnerValue" in response.json()["Status"]["error"]


# The OData 4.01 dialect ---------------------------------------------------------------------


def test_filters_use_contains_bare_literals_and_compare_selects_by_id(
    client: httpx.Client,
) -> None:
    put_customer(client, "C1", Status={"value": {"id": "A"}})
    put_customer(client, "C2", Status={"value": {"id": "H"}})

    def ids(text: str) -> list[str]:
        return [value(row["CustomerID"]) for row in listed(client, **{"$filter": text})]

    assert ids("Status eq 'H'") == ["C2"]
    assert ids("contains(CustomerName,'c1 cof')") == ["C1"]
    assert ids("LastModifiedDateTime gt 2000-01-01T00:00:00Z") == ["C1", "C2"]
    assert ids("LastModifiedDateTime lt 2000-01-01") == []
    client.put(
        f"{BASE_26}/SalesOrder", json=wrap(OrderType="SO", CustomerID="C1", Date="2026-09-09")
    )
    dated = listed(client, "SalesOrder", **{"$filter": "Date ge 2026-09-09 and Date lt 2026-09-10"})
    assert [value(row["Date"]) for row in dated] == ["2026-09-09"]


def test_nested_expand_with_a_select_per_level(client: httpx.Client) -> None:
    contact = {"Email": {"value": "a@b.c"}, "Phone1": {"value": "1"}}
    contact["Address"] = wrap(City="Oslo", Country="NO")
    put_customer(client, "C1", MainContact=contact)
    rows = listed(
        client,
        **{
            "$select": "CustomerID",
            "$expand": "MainContact($select=Email;$expand=Address($select=City))",
        },
    )
    main = rows[0]["MainContact"]
    assert value(rows[0]["CustomerID"]) == "C1" and "CustomerName" not in rows[0]
    assert value(main["Email"]) == "a@b.c" and "Phone1" not in main
    assert main["Address"]["City"] == {"value": "Oslo"} and "Country" not in main["Address"]
    everything = listed(client, **{"$expand": "MainContact($expand=Address)"})[0]
    assert value(everything["CustomerName"]) == "C1 Coffee"
    assert value(everything["MainContact"]["Address"]["Country"]) == "NO"


def test_files_of_detail_lines_are_expanded_inside_the_detail(client: httpx.Client) -> None:
    line = wrap(InventoryID="AALEGO500", OrderQty=1)
    saved = client.put(
        f"{BASE_26}/SalesOrder", json={**wrap(OrderType="SO", CustomerID="C1"), "Details": [line]}
    )
    assert saved.status_code == 200, saved.text
    rows = listed(client, "SalesOrder", **{"$expand": "Details($expand=files)"})
    assert rows[0]["Details"][0]["files"] == [] and "files" not in rows[0]


def test_custom_fields_are_asked_for_in_select(client: httpx.Client) -> None:
    custom = {"Document": {"UsrRank": {"type": "CustomStringField", "value": "gold"}}}
    put_customer(client, "C1", custom=custom)
    row = listed(client, **{"$select": "CustomerID,Document.UsrRank"})[0]
    assert row["custom"]["Document"]["UsrRank"]["value"] == "gold"
    assert value(row["CustomerID"]) == "C1" and "CustomerName" not in row
    matched = listed(client, **{"$filter": "cf.String('Document.UsrRank') eq 'gold'"})
    assert len(matched) == 1


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"$filter": "substringof('a',CustomerName)"}, "use contains(Field,'text')"),
        (
            {"$filter": "LastModifiedDateTime gt datetimeoffset'2020-01-01T00:00:00Z'"},
            "write 2020-01-01T00:00:00Z without quotes",
        ),
        ({"$filter": "cf.String(f='Document.UsrRank') eq 'x'"}, "writes cf.String('View.Field')"),
        ({"$custom": "Document.UsrRank"}, "ask for custom fields in $select"),
        ({"$expand": "MainContact/Address"}, "as MainContact($expand=Address)"),
    ],
)
def test_a_contract_4_construct_on_a_contract_5_endpoint_is_a_clear_400(
    client: httpx.Client, params: dict[str, str], says: str
) -> None:
    assert says in refused(client, **params)


def test_the_contract_4_endpoint_beside_it_keeps_its_own_dialect(client: httpx.Client) -> None:
    response = client.get(
        f"{BASE_24}/Customer", params={"$filter": "substringof('a',CustomerName)"}
    )
    assert response.status_code == 200
    bare = client.get(f"{BASE_24}/Customer", params={"$filter": "CreatedDateTime gt 2020-01-01"})
    assert bare.status_code == 400 and "contract-5 endpoints take" in bare.text


def test_any_and_all_test_every_chosen_id_of_a_multi_select() -> None:
    rows = [{"Colors": [{"id": "RED"}, {"id": "BLUE"}]}, {"Colors": [{"id": "RED"}]}, {}]

    def resolve(path: str) -> tuple[Any, Scalar]:
        if path != "Colors":
            raise KeyError(path)
        return (lambda r: [c["id"] for c in r.get("Colors") or ()]), Scalar.STRING_MULTI_SELECT

    def matching(text: str) -> list[int]:
        test = compile_filter(text, resolve, contract_5=True)
        return [index for index, row in enumerate(rows) if test(row)]

    assert matching("Colors/any(v: v eq 'BLUE')") == [0]
    assert matching("Colors/all(c: c eq 'RED')") == [1, 2]
    assert matching("Colors/any(v: v eq 'RED') and not Colors/any(v: v eq 'BLUE')") == [1]
    with pytest.raises(FilterError, match="unknown field 'Other'"):
        compile_filter("Colors/any(v: Other eq 'A')", resolve, contract_5=True)


# PATCH ------------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent_by_id_or_by_keys(client: httpx.Client) -> None:
    saved = put_customer(client, "C1", Email={"value": "old@x"})
    by_id = client.patch(f"{BASE_26}/Customer", json={"id": saved["id"], **wrap(Email="new@x")})
    assert by_id.status_code == 200, by_id.text
    assert value(by_id.json()["Email"]) == "new@x"
    assert value(by_id.json()["CustomerName"]) == "C1 Coffee"
    by_keys = client.patch(f"{BASE_26}/Customer", json=wrap(CustomerID="C1", CustomerName="New"))
    assert value(by_keys.json()["CustomerName"]) == "New"
    assert value(by_keys.json()["Email"]) == "new@x"


def test_patch_never_inserts(client: httpx.Client, sandbox: Sandbox) -> None:
    missing = client.patch(f"{BASE_26}/Customer", json=wrap(CustomerID="NOPE", CustomerName="x"))
    assert missing.status_code == 404
    assert missing.json()["exceptionMessage"] == (
        "The specified record cannot be found in the system."
    )
    insert = client.patch(
        f"{BASE_26}/Customer",
        json=wrap(CustomerID="NOPE", CustomerName="x"),
        headers={"If-None-Match": "*"},
    )
    assert insert.status_code == 412
    assert "cannot be used for insertion" in insert.json()["exceptionMessage"]
    assert sandbox.records("Customer", endpoint="WebShop/26.200.001") == []


def test_patch_on_a_build_older_than_2025_r1_is_405() -> None:
    with Sandbox(WEBSHOP_24, build_version="24.200.0100", reference_checks=False) as old:
        client = signed_in(old.url)
        response = client.patch(f"{BASE_24}/Customer", json=wrap(CustomerID="C1"))
        client.post("/entity/auth/logout")
    assert response.status_code == 405


# 409 --------------------------------------------------------------------------------------


def test_long_operation_rate_answers_409_and_counts_it() -> None:
    with Sandbox(WEBSHOP_26, long_operation_rate=1.0, reference_checks=False) as busy:
        client = signed_in(busy.url)
        response = client.get(f"{BASE_26}/Customer")
        client.post("/entity/auth/logout")
        stats = busy.stats()
    assert response.status_code == 409
    assert response.json()["message"].startswith("A long operation is running for this screen")
    assert stats["injected_long_operations"] == 1


def test_a_new_document_gets_its_screen_status_as_a_select_and_today_as_a_date(
    client: httpx.Client,
) -> None:
    order = client.put(f"{BASE_26}/SalesOrder", json=wrap(OrderType="SO", CustomerID="C1"))
    assert order.status_code == 200, order.text
    assert order.json()["Status"] == {"value": {"id": "Open", "description": "Open"}}
    assert len(value(order.json()["Date"])) == len("2026-09-09")


def test_long_operations_repeat_exactly_under_a_seed() -> None:
    def statuses() -> list[int]:
        with Sandbox(WEBSHOP_26, long_operation_rate=0.5, seed=3) as busy:
            client = signed_in(busy.url)
            answers = [client.get(f"{BASE_26}/Customer").status_code for _ in range(12)]
            client.post("/entity/auth/logout")
        return answers

    first = statuses()
    assert first == statuses() and 409 in first and 200 in first
