"""Contract 5 in the runtime: the OData 4.01 query dialect, nested expansion, PATCH and 409.

Every client behaviour runs on both transports (``flavor``): the sync client and the async one.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import httpx
import pytest
from runtime_fake import Record, concurrency_500, is_entity

# The query dialects -------------------------------------------------------------------------


@pytest.fixture
def c4(rt):  # type: ignore[no-untyped-def]
    return rt.dialect.CONTRACT_4


@pytest.fixture
def c5(rt):  # type: ignore[no-untyped-def]
    return rt.dialect.CONTRACT_5


def test_the_contract_version_picks_the_dialect_and_older_contracts_speak_contract_4(rt):
    for_ = rt.dialect.dialect_for
    assert for_(5) is rt.dialect.CONTRACT_5 and for_(6) is rt.dialect.CONTRACT_5
    assert for_(4) is for_(3) is for_(None) is rt.dialect.CONTRACT_4


def test_contract_5_filters_use_contains_and_bare_date_literals(rt, c4, c5):
    F = rt.query.FieldRef
    name = F("Name").contains("x'y")
    assert name.render(c5) == "contains(Name,'x''y')"
    assert name.render(c4) == "substringof('x''y',Name)"
    utc = F("LastModifiedDateTime") > datetime(2019, 7, 15, 10, 0, tzinfo=timezone.utc)
    assert utc.render(c5) == "LastModifiedDateTime gt 2019-07-15T10:00:00Z"
    assert utc.render(c4) == "LastModifiedDateTime gt datetimeoffset'2019-07-15T10:00:00+00:00'"
    east = F("Changed") >= datetime(2019, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    assert east.render(c5) == "Changed ge 2019-03-01T12:30:00+02:00"
    day = F("Date") > date(2019, 6, 17)
    assert day.render(c5) == "Date gt 2019-06-17"
    assert day.render(c4) == "Date gt datetimeoffset'2019-06-17'"
    guid = UUID("8b4f2a8e-0000-4000-8000-000000000001")
    assert (F("NoteID") == guid).render(c5) == f"NoteID eq {guid}"


def test_combined_filters_render_every_part_in_the_same_dialect(rt, c5):
    F = rt.query.FieldRef
    both = ~(F("Name").contains("a") | (F("Date") == date(2019, 1, 2))) & (F("Qty") > 1)
    assert both.render(c5) == "not (contains(Name,'a') or Date eq 2019-01-02) and Qty gt 1"


def test_select_fields_compare_their_id_and_a_select_value_is_its_id(rt, c5):
    F, Select = rt.query.FieldRef, rt.values.Select
    assert (F("Status") == "CL").render(c5) == "Status eq 'CL'"
    assert (F("Status") == Select("CL", "Completed")).render(c5) == "Status eq 'CL'"
    assert (F("Priority") == Select(3, "High")).render(c5) == "Priority eq 3"


def test_multi_selects_filter_with_any_and_all_over_their_ids(rt, c4, c5):
    colors = rt.query.FieldRef("Colors")
    assert colors.any("RED").render(c5) == "Colors/any(v: v eq 'RED')"
    assert colors.all("RED", "BLUE").render(c5) == "Colors/all(v: v eq 'RED' or v eq 'BLUE')"
    with pytest.raises(ValueError, match="contract-5 endpoint"):
        colors.any("RED").render(c4)
    with pytest.raises(ValueError, match="at least one id"):
        colors.all()


def test_custom_fields_in_filters_drop_f_equals_on_contract_5(rt, c4, c5):
    ref = rt.query.custom_field("Document", "UsrStage", "StringSingleSelect")
    assert (ref == "NEW").render(c5) == "cf.StringSingleSelect('Document.UsrStage') eq 'NEW'"
    assert (ref == "NEW").render(c4) == "cf.StringSingleSelect(f='Document.UsrStage') eq 'NEW'"
    note = rt.query.custom_field("Document", "UsrNote")
    assert note.contains("x").render(c5) == "contains(cf.String('Document.UsrNote'),'x')"
    assert note.startswith("x").render(c5) == "startswith(cf.String('Document.UsrNote'),'x')"


def test_str_of_a_filter_outside_a_package_is_contract_4(rt):
    assert str(rt.query.FieldRef("Name").contains("a")) == "substringof('a',Name)"


# $select / $expand / $custom ----------------------------------------------------------------


def params(rt, dialect, **query: Any) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return rt._wire.query_params(**query, dialect=dialect)


def test_nested_expansion_with_per_level_select_on_contract_5(rt, c5):
    F = rt.query.FieldRef
    contact = F("MainContact").select("Email").expand(F("Address").select(F("City")))
    assert params(rt, c5, select=["CustomerID"], expand=contact) == {
        "$select": "CustomerID",
        "$expand": "MainContact($select=Email;$expand=Address($select=City))",
    }


def test_slash_paths_become_nested_expansion_on_contract_5(rt, c5):
    got = params(
        rt, c5, select=["OrderNbr", "Details/InventoryID"], expand=["Details/files", "Shipping"]
    )
    assert got == {
        "$select": "OrderNbr",
        "$expand": "Details($select=InventoryID;$expand=files),Shipping",
    }
    assert params(rt, c5, expand="MainContact/Address") == {
        "$expand": "MainContact($expand=Address)"
    }


def test_custom_fields_are_asked_for_in_select_on_contract_5_and_with_custom_on_4(rt, c4, c5):
    query = {"select": ["OrderNbr"], "custom": ["Document.UsrRef"]}
    assert params(rt, c5, **query) == {"$select": "OrderNbr,Document.UsrRef"}
    assert params(rt, c4, **query) == {"$select": "OrderNbr", "$custom": "Document.UsrRef"}


def test_an_expansion_on_contract_4_flattens_into_paths_and_one_select(rt, c4):
    F = rt.query.FieldRef
    lines = F("Details").select("InventoryID").expand("files")
    assert params(rt, c4, select="OrderNbr", expand=[lines, "Shipping"]) == {
        "$select": "OrderNbr,Details/InventoryID",
        "$expand": "Details,Details/files,Shipping",
    }


def test_expansion_written_in_odata_4_by_the_caller_is_sent_as_written(rt, c5):
    written = "Details($select=InventoryID)"
    assert params(rt, c5, expand=[written, "Shipping"]) == {"$expand": f"Shipping,{written}"}


def test_expansions_are_values_that_compare_and_chain(rt):
    F = rt.query.FieldRef
    first = F("Details").select(F("InventoryID")).select("Qty")
    assert first == rt.query.Expansion("Details", ("InventoryID", "Qty"))
    assert first.expand("files").children == (rt.query.Expansion("files"),)


# The client speaks its contract ------------------------------------------------------------


@pytest.fixture(params=["sync", "async"])
def flavor(request) -> str:  # type: ignore[no-untyped-def]
    return str(request.param)


@pytest.fixture
def run(flavor, make_client, make_async_client, rt):  # type: ignore[no-untyped-def]
    """``run(scenario, contract=4, **options)``: ``await scenario(client)`` on the transport."""

    def go(scenario, contract: int = 4, **options):  # type: ignore[no-untyped-def]
        async def main():  # type: ignore[no-untyped-def]
            maker = make_client if flavor == "sync" else make_async_client
            client = maker(**options)
            # The fixtures' client classes speak contract 4; a generated class sets
            # contract_version and __init__ derives this (tested above).
            client.dialect = rt.dialect.dialect_for(contract)
            if flavor == "sync":
                with client:
                    return await scenario(client)
            async with client:
                return await scenario(client)

        return asyncio.run(main())

    return go


async def settle(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def entity_requests(server, method: str) -> list[httpx.Request]:  # type: ignore[no-untyped-def]
    return [r for r in server.requests if r.method == method and is_entity(r)]


def test_a_generated_client_class_names_its_contract_and_gets_its_dialect(rt):
    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name, endpoint_version, contract_version = "Default", "26.200.001", 5

    class Older(rt._async_client.AsyncBaseClient):
        endpoint_name, endpoint_version = "Default", "24.200.001"

    auth = rt.auth.CookieAuth("admin", "pw")
    assert Client("https://x/ERP", auth=auth).dialect is rt.dialect.CONTRACT_5
    assert Older("https://x/ERP", auth=auth).dialect is rt.dialect.CONTRACT_4


def test_list_sends_the_contract_5_dialect(run, orders, rt, server):
    F = rt.query.FieldRef

    async def scenario(client):  # type: ignore[no-untyped-def]
        await settle(
            orders(client).list(
                filter=F("Description").contains("rush") & (F("Date") > date(2019, 6, 17)),
                expand=F("Details").select("InventoryID"),
                custom="Document.UsrRef",
            )
        )

    run(scenario, contract=5)
    sent = entity_requests(server, "GET")[0].url.params
    assert sent["$filter"] == "contains(Description,'rush') and Date gt 2019-06-17"
    assert sent["$expand"] == "Details($select=InventoryID)"
    assert sent["$select"] == "Document.UsrRef" and "$custom" not in sent


def test_list_on_contract_4_sends_what_it_always_sent(run, orders, rt, server):
    F = rt.query.FieldRef

    async def scenario(client):  # type: ignore[no-untyped-def]
        await settle(orders(client).list(filter=F("Description").contains("rush"), custom="D.U"))

    run(scenario, contract=4)
    sent = entity_requests(server, "GET")[0].url.params
    assert sent["$filter"] == "substringof('rush',Description)" and sent["$custom"] == "D.U"


# PATCH ------------------------------------------------------------------------------------


def test_patch_sends_only_the_fields_set_and_returns_the_record(run, orders, server):
    async def scenario(client):  # type: ignore[no-untyped-def]
        api = orders(client)
        saved = await settle(api.put(Record(OrderNbr="SO1", Description="first", Hold=True)))
        by_id = await settle(api.patch(Record(Description="second"), id=saved.data["id"]))
        by_keys = await settle(api.patch(Record(OrderType="SO", OrderNbr="SO1", Hold=False)))
        return by_id, by_keys

    by_id, by_keys = run(scenario)
    patches = entity_requests(server, "PATCH")
    assert [json.loads(r.content) for r in patches][1] == {
        "OrderType": {"value": "SO"},
        "OrderNbr": {"value": "SO1"},
        "Hold": {"value": False},
    }
    assert set(json.loads(patches[0].content)) == {"Description", "id"}
    assert patches[0].url.path.endswith("/SalesOrder") and not patches[0].url.params
    assert by_id.value("Description") == "second" and by_id.value("Hold") is True
    assert by_keys.value("Hold") is False and by_keys.value("Description") == "second"


def test_patch_that_loses_a_race_is_re_read_and_sent_once_more(run, orders, server):
    async def scenario(client):  # type: ignore[no-untyped-def]
        api = orders(client)
        saved = await settle(api.put(Record(OrderNbr="SO1", Description="first")))
        server.fail_next(lambda r: r.method == "PATCH", concurrency_500)
        return await settle(api.patch(Record(Description="second"), id=saved.data["id"]))

    patched = run(scenario)
    assert patched.value("Description") == "second"
    assert len(entity_requests(server, "PATCH")) == 2
    assert len(entity_requests(server, "GET")) == 1  # the re-read between the two


def test_patch_of_a_missing_record_is_not_found_and_never_inserts(run, orders, rt, server):
    async def scenario(client):  # type: ignore[no-untyped-def]
        with pytest.raises(rt.errors.NotFound, match="cannot be found"):
            await settle(orders(client).patch(Record(OrderType="SO", OrderNbr="NONE", Hold=True)))

    run(scenario)
    assert server.records == {}


def test_patch_without_an_id_or_keys_says_what_it_needs(run, orders):
    async def scenario(client):  # type: ignore[no-untyped-def]
        with pytest.raises(ValueError, match=r"pass id=, or set its id or its keys \(OrderType"):
            await settle(orders(client).patch(Record(Description="x")))

    run(scenario)


def test_patch_on_a_server_older_than_2025_r1_names_the_fix(run, orders, rt, server):
    server.fail_next(lambda r: r.method == "PATCH", httpx.Response(405))

    async def scenario(client):  # type: ignore[no-untyped-def]
        with pytest.raises(rt.errors.AcumaticaError, match=r'put\(mode="update"\)') as caught:
            await settle(orders(client).patch(Record(Description="x"), id="abc"))
        return caught.value

    error = run(scenario)
    assert error.status == 405 and error.method == "PATCH"


# 409: a long operation is running ----------------------------------------------------------

LONG_OPERATION = {"message": "A long operation is running for this screen in the current session."}


def conflict() -> httpx.Response:
    return httpx.Response(409, json=LONG_OPERATION)


def test_409_is_its_own_error_class_under_concurrency_error(rt):
    error = rt.errors.error_from_response("GET", "https://x/e", 409, {}, LONG_OPERATION)
    assert isinstance(error, rt.errors.LongOperationRunning)
    assert isinstance(error, rt.errors.ConcurrencyError)
    assert "long operation" in str(error)


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_409_is_retried_with_backoff_where_the_request_may_be_resent(
    run, orders, server, sleeps, method
):
    async def scenario(client):  # type: ignore[no-untyped-def]
        api = orders(client)
        saved = await settle(api.put(Record(OrderNbr="SO1")))
        server.fail_next(lambda r: r.method == method and is_entity(r), conflict)
        if method == "GET":
            await settle(api.get(saved.data["id"]))
        elif method == "PATCH":
            await settle(api.patch(Record(Hold=True), id=saved.data["id"]))
        else:
            await settle(api.delete(saved.data["id"]))

    run(scenario)
    assert len(entity_requests(server, method)) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


def test_409_to_an_action_post_is_raised_not_resent(run, orders, rt, server):
    server.fail_next(lambda r: r.method == "POST" and is_entity(r), conflict)

    async def scenario(client):  # type: ignore[no-untyped-def]
        with pytest.raises(rt.errors.LongOperationRunning):
            await settle(orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1")))

    run(scenario)
    assert len(entity_requests(server, "POST")) == 1


def test_409_that_persists_is_raised_after_the_retries(run, orders, rt, server, sleeps):
    for _ in range(3):
        server.fail_next(lambda r: r.method == "GET" and is_entity(r), conflict)

    async def scenario(client):  # type: ignore[no-untyped-def]
        with pytest.raises(rt.errors.LongOperationRunning):
            await settle(orders(client).list())

    run(scenario, max_retries=2)
    assert len(entity_requests(server, "GET")) == 3 and len(sleeps) == 2
