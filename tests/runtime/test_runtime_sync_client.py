"""The sync client against an exact fake (httpx.MockTransport): sessions, retries, throttle, CRUD."""

from __future__ import annotations

import gc
import json
import logging
import threading
from decimal import Decimal

import httpx
import pytest
from runtime_fake import (
    PASSWORD,
    PATH_BASE,
    Record,
    concurrency_500,
    is_entity,
    is_put,
    stale_session_500,
)


def is_get(request: httpx.Request) -> bool:
    return request.method == "GET" and is_entity(request)


def is_post(request: httpx.Request) -> bool:
    return request.method == "POST" and is_entity(request)


def paths(server, method: str | None = None) -> list[str]:
    return [r.url.path for r in server.requests if method is None or r.method == method]


# Sessions ------------------------------------------------------------------------------------


def test_signs_in_lazily_on_first_request_and_out_on_exit(make_client, orders, server):
    with make_client() as client:
        assert server.logins == 0  # nothing sent before the first request
        orders(client).list()
        assert server.logins == 1 and server.open_sessions == 1
        orders(client).list()
        assert server.logins == 1
    assert server.open_sessions == 0 and server.logouts == 1
    login = next(r for r in server.requests if r.url.path.endswith("/auth/login"))
    assert json.loads(login.content) == {"name": "admin", "password": PASSWORD, "tenant": "Company"}
    logout = next(r for r in server.requests if r.url.path.endswith("/auth/logout"))
    assert logout.method == "POST"
    assert logout.headers["Content-Length"] == "0" and logout.content == b""


def test_signs_out_when_user_code_raises_inside_with(make_client, orders, server):
    with pytest.raises(RuntimeError, match="boom"):
        with make_client() as client:
            orders(client).list()
            raise RuntimeError("boom")
    assert server.open_sessions == 0 and server.logouts == 1


def test_signs_out_when_the_api_raises_inside_with(make_client, orders, rt, server):
    with pytest.raises(rt.errors.NotFound):
        with make_client() as client:
            orders(client).get_by_keys("SO", "MISSING")
    assert server.open_sessions == 0


def test_close_without_any_request_sends_nothing_and_is_idempotent(make_client, server):
    client = make_client()
    client.close()
    client.close()
    assert server.requests == []


def test_closed_client_refuses_requests(make_client, orders, rt):
    client = make_client()
    client.close()
    with pytest.raises(rt.errors.AcumaticaError, match="closed"):
        orders(client).list()


def test_login_limit_is_retried_with_backoff_then_raised(make_client, orders, rt, server):
    server.max_sessions = 0
    with pytest.raises(rt.errors.LoginLimit) as caught:
        with make_client(max_retries=2) as client:
            orders(client).list()
    assert caught.value.status == 429
    assert len(paths(server, "POST")) == 3  # first try and two retries


# Re-login and retries ------------------------------------------------------------------------


def test_stale_session_500_signs_in_again_once_and_retries(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        api.put(Record(OrderNbr="SO1"))
        server.fail_next(is_get, stale_session_500())
        assert [r.value("OrderNbr") for r in api.list()] == ["SO1"]
        assert server.logins == 2 and server.logouts == 1  # the old session ended first
        assert server.open_sessions == 1
    assert server.open_sessions == 0


def test_stale_session_twice_gives_up_after_one_relogin(make_client, orders, rt, server):
    server.fail_next(is_get, stale_session_500())
    server.fail_next(is_get, stale_session_500())
    with make_client() as client:
        with pytest.raises(rt.errors.ServerError):
            orders(client).list()
    assert server.logins == 2 and server.open_sessions == 0


def test_no_relogin_on_no_entity_satisfies_the_condition(make_client, orders, rt, server):
    with make_client() as client:
        with pytest.raises(rt.errors.NotFound) as caught:
            orders(client).get_by_keys("SO", "NOPE")
    assert server.logins == 1
    assert caught.value.status == 500
    assert "NoEntitySatisfiesTheConditionException" in (caught.value.exception_type or "")


def test_no_relogin_on_a_500_that_is_a_validation_problem(make_client, orders, rt, server):
    outer = httpx.Response(
        500,
        json={
            "message": "An error has occurred.",
            "exceptionMessage": "Inserting 'Sales Order' record raised at least one error.",
            "exceptionType": "PX.Data.PXOuterException",
        },
    )
    server.fail_next(is_put, outer)
    with make_client() as client:
        with pytest.raises(rt.errors.ServerError):
            orders(client).put(Record(OrderNbr="X"))
    assert server.logins == 1
    assert len(paths(server, "PUT")) == 1


def test_401_signs_in_again_and_retries(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        api.put(Record(OrderNbr="SO1"))
        server.sessions.clear()  # the server forgot the session (app pool recycle)
        server.requests.clear()
        assert [r.value("OrderNbr") for r in api.list()] == ["SO1"]
    assert server.logins == 2
    sent = [(r.method, r.url.path.rsplit("/", 1)[-1]) for r in server.requests]
    assert sent == [
        ("GET", "SalesOrder"),  # 401: the session is gone
        ("POST", "logout"),
        ("POST", "login"),
        ("GET", "SalesOrder"),  # the same request, on the new session
        ("POST", "logout"),
    ]
    assert session_of(server.requests[0]) != session_of(server.requests[3])


def test_429_honours_retry_after(make_client, orders, server, sleeps):
    server.fail_next(is_get, httpx.Response(429, headers={"Retry-After": "7"}, json={}))
    with make_client() as client:
        orders(client).list()
    assert sleeps == [7.0]


def test_429_backoff_is_exponential_with_jitter_and_bounded(
    make_client, orders, rt, server, sleeps
):
    for _ in range(4):
        server.fail_next(is_get, httpx.Response(429, json={"message": "Too many requests"}))
    with make_client(max_retries=3) as client:
        with pytest.raises(rt.errors.RateLimited) as caught:
            orders(client).list()
    assert not isinstance(caught.value, rt.errors.LoginLimit)
    assert len(sleeps) == 3
    for attempt, delay in enumerate(sleeps):
        full = 0.5 * 2**attempt
        assert full / 2 <= delay <= full


def test_get_retried_after_a_connection_reset(make_client, orders, server, sleeps):
    def reset() -> httpx.Response:
        raise httpx.ReadError("connection reset")

    server.fail_next(is_get, reset)
    with make_client() as client:
        assert orders(client).list() == []
    assert len(sleeps) == 1


def test_action_post_not_retried_once_the_server_may_have_accepted_it(
    make_client, orders, rt, server
):
    def reset() -> httpx.Response:
        raise httpx.ReadError("connection reset after the request was sent")

    server.fail_next(is_post, reset)
    with make_client() as client:
        with pytest.raises(rt.errors.TransportError) as caught:
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert len([r for r in server.requests if is_post(r)]) == 1
    assert caught.value.method == "POST"


def test_action_post_retried_when_the_connection_never_opened(make_client, orders, server):
    def refused() -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    server.fail_next(is_post, refused)
    with make_client() as client:
        orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert len([r for r in server.requests if is_post(r)]) == 2


def test_action_post_not_retried_on_503(make_client, orders, rt, server):
    server.fail_next(is_post, httpx.Response(503, text="Service Unavailable"))
    with make_client() as client:
        with pytest.raises(rt.errors.ServerError):
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert len([r for r in server.requests if is_post(r)]) == 1


def test_get_retried_on_503(make_client, orders, server, sleeps):
    with make_client() as client:
        api = orders(client)
        api.put(Record(OrderNbr="SO1"))
        server.fail_next(is_get, httpx.Response(503, text="busy"))
        rows = api.list()
        assert client.last_response.status_code == 200
    assert [r.value("OrderNbr") for r in rows] == ["SO1"]  # the second GET's answer
    assert len([r for r in server.requests if is_get(r)]) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


def test_concurrency_conflict_refetches_and_retries_the_write_once(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        saved = api.put(Record(OrderNbr="SO7", Description="first"))
        server.fail_next(is_put, concurrency_500())
        saved.data["Description"] = {"value": "second"}
        result = api.put(saved)
    assert result.value("Description") == "second"
    puts_and_gets = [(r.method, r.url.path) for r in server.requests if is_entity(r)]
    assert puts_and_gets[-3:] == [
        ("PUT", f"{PATH_BASE}/SalesOrder"),
        ("GET", f"{PATH_BASE}/SalesOrder/{saved.data['id']}"),
        ("PUT", f"{PATH_BASE}/SalesOrder"),
    ]


def test_concurrency_conflict_twice_raises(make_client, orders, rt, server):
    server.fail_next(is_put, concurrency_500())
    server.fail_next(is_put, concurrency_500())
    with make_client() as client:
        with pytest.raises(rt.errors.ConcurrencyError):
            orders(client).put(Record(OrderType="SO", OrderNbr="SO9"))
    assert len([r for r in server.requests if is_put(r)]) == 2


def test_timeout_per_client_and_per_call(make_client, orders, server):
    with make_client(timeout=12.0) as client:
        orders(client).list()
        orders(client).list(timeout=3.0)
    gets = [r for r in server.requests if is_get(r)]
    assert gets[0].extensions["timeout"]["read"] == 12.0
    assert gets[1].extensions["timeout"]["read"] == 3.0


# Throttling ----------------------------------------------------------------------------------


def test_throttle_cap_never_exceeded_under_threads(make_client, orders, server):
    server.latency = 0.01
    server.max_sessions = 1
    with make_client(max_concurrency=3) as client:
        api = orders(client)
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(5):
                    api.list()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert server.max_in_flight == 3  # reached, never exceeded
    assert server.logins == 1  # threads racing to sign in share one session


# Writes and reads ----------------------------------------------------------------------------


def test_put_modes_map_to_headers(make_client, orders, rt, server):
    with make_client() as client:
        api = orders(client)
        api.put(Record(OrderNbr="A"))
        api.put(Record(OrderNbr="B"), mode="insert")
        api.put(Record(OrderNbr="B"), mode="update")
        with pytest.raises(rt.errors.PreconditionFailed):
            api.put(Record(OrderNbr="A"), mode="insert")
        with pytest.raises(rt.errors.PreconditionFailed):
            api.put(Record(OrderNbr="Z"), mode="update")
        with pytest.raises(ValueError):
            api.put(Record(OrderNbr="Z"), mode="merge")
    puts = [r for r in server.requests if is_put(r)]
    assert "If-None-Match" not in puts[0].headers and "If-Match" not in puts[0].headers
    assert puts[1].headers["If-None-Match"] == "*"
    assert puts[2].headers["If-Match"] == "*"


def test_put_once_never_creates_a_duplicate(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        first = api.put_once(
            Record(ExternalRef="WEB-1001", Total=Decimal("10.50")), ref_field="ExternalRef"
        )
        again = api.put_once(
            Record(ExternalRef="WEB-1001", Total=Decimal("10.50")), ref_field="ExternalRef"
        )
    assert first.data["id"] == again.data["id"]
    assert len(server.records) == 1
    filters = [r.url.params.get("$filter") for r in server.requests if is_get(r)]
    assert filters == ["ExternalRef eq 'WEB-1001'", "ExternalRef eq 'WEB-1001'"]


def test_put_once_needs_the_reference_value(make_client, orders):
    with make_client() as client:
        with pytest.raises(ValueError, match="ExternalRef"):
            orders(client).put_once(Record(OrderNbr="X"), ref_field="ExternalRef")


def test_list_pages_with_top_and_skip(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        for n in range(25):
            api.put(Record(OrderNbr=f"SO{n:03d}"))
        server.requests.clear()
        rows = api.list(page_size=10)
        assert [r.value("OrderNbr") for r in rows] == [f"SO{n:03d}" for n in range(25)]
        pages = [(r.url.params["$top"], r.url.params.get("$skip")) for r in server.requests]
        assert pages == [("10", None), ("10", "10"), ("10", "20")]
        assert len(list(api.iter(page_size=7, top=9))) == 9
        assert len(api.list(top=5, skip=22)) == 3


def test_select_expand_custom_and_filter_parameters(make_client, orders, rt, server):
    FieldRef = rt.query.FieldRef
    status = FieldRef("Status")
    with make_client() as client:
        orders(client).list(
            filter=(status == "Open") & FieldRef("OrderTotal").__gt__(Decimal("100.5")),
            select=[status, "OrderNbr"],
            expand=FieldRef("Details"),
            custom="Document.UsrRef",
        )
    params = next(r for r in server.requests if is_get(r)).url.params
    assert params["$filter"] == "Status eq 'Open' and OrderTotal gt 100.5"
    assert params["$select"] == "Status,OrderNbr"
    assert params["$expand"] == "Details"
    assert params["$custom"] == "Document.UsrRef"


def test_get_by_keys_quotes_each_key_as_a_path_segment(make_client, orders, rt, server):
    with make_client() as client:
        with pytest.raises(rt.errors.NotFound):
            orders(client).get_by_keys("SO", "A B/1?x")
    request = [r for r in server.requests if is_get(r)][0]
    assert request.url.raw_path.decode() == f"{PATH_BASE}/SalesOrder/SO/A%20B%2F1%3Fx"


def test_get_delete_by_id_and_keys(make_client, orders, rt, server):
    with make_client() as client:
        api = orders(client)
        saved = api.put(Record(OrderType="SO", OrderNbr="K1"))
        other = api.put(Record(OrderType="SO", OrderNbr="K2"))
        assert api.get(saved.data["id"]).value("OrderNbr") == "K1"
        assert api.get_by_keys("SO", "K2").data["id"] == other.data["id"]
        api.delete(saved.data["id"])
        api.delete_by_keys("SO", "K2")
        assert server.records == {}
        with pytest.raises(rt.errors.NotFound):
            api.get(saved.data["id"])


def test_decimal_is_sent_as_an_exact_json_number(make_client, orders, server):
    with make_client() as client:
        orders(client).put(Record(OrderNbr="D", Total=Decimal("12345678901234.123456789")))
    body = [r for r in server.requests if is_put(r)][0].content
    assert b'"Total":{"value":12345678901234.123456789}' in body


def test_decimal_answers_decode_exactly(make_client, orders, server):
    server.fail_next(
        is_get, httpx.Response(200, content=b'[{"Total":{"value":0.1000000000000000055511}}]')
    )
    with make_client() as client:
        (row,) = orders(client).list()
    assert row.value("Total") == Decimal("0.1000000000000000055511")


def test_last_response_is_the_raw_httpx_response(make_client, orders, server):
    with make_client() as client:
        assert client.last_response is None
        orders(client).list()
        assert client.last_response.status_code == 200
        assert client.last_response.request.method == "GET"


def test_raw_request_escape_hatch(make_client, server):
    with make_client() as client:
        response = client.request("GET", "SalesOrder", params={"$top": "1"})
    assert response.status_code == 200 and response.json() == []


def test_files_upload_download_and_ad_hoc_schema(make_client, orders, server):
    with make_client() as client:
        api = orders(client)
        saved = api.put(Record(OrderType="SO", OrderNbr="F1"))
        api.upload_file(saved, "scan 1.pdf", b"%PDF-1")  # by its keys
        with pytest.warns(DeprecationWarning, match="pass the record first"):
            api.upload_file("b.txt", b"hello", id=saved.data["id"])  # the old form still works
        file_id, content = next(iter(server.files.items()))
        href = f"{PATH_BASE}/files/{file_id}"
        assert api.download_file({"href": href}) == content
        assert client.download_file(href) == content
        schema = api.ad_hoc_schema()
        with pytest.raises(ValueError), pytest.warns(DeprecationWarning):
            api.upload_file("x", b"", id="1", keys=["SO"])
    uploads = [r.url.raw_path.decode() for r in server.requests if is_put(r)][1:]
    assert uploads == [
        f"{PATH_BASE}/SalesOrder/SO/F1/files/scan%201.pdf",
        f"{PATH_BASE}/SalesOrder/{saved.data['id']}/files/b.txt",
    ]
    assert schema.data["custom"]["Document"]["UsrRef"]["type"] == "CustomStringField"


# Actions -------------------------------------------------------------------------------------


def test_action_polls_202_until_204_and_never_follows_the_204_location(
    make_client, orders, server, sleeps
):
    server.action_polls = 3
    with make_client(action_poll_interval=0.25) as client:
        orders(client)._invoke_action(
            "ReleaseOrder", Record(OrderNbr="SO1"), {"Note": {"value": "x"}}
        )
        assert client.last_response.status_code == 204
    post = next(r for r in server.requests if is_post(r))
    assert json.loads(post.content) == {
        "entity": {"OrderNbr": {"value": "SO1"}},
        "parameters": {"Note": {"value": "x"}},
    }
    polls = [r.url.path for r in server.requests if is_get(r)]
    assert len(polls) == 4 and all("/ReleaseOrder/status/" in p for p in polls)
    assert sleeps == [0.1, 0.2, 0.25, 0.25]  # growing from a short first wait to the interval


def test_action_gives_up_with_action_timeout(make_client, orders, rt, server):
    server.action_polls = 10_000
    with make_client(action_poll_interval=1.0, action_timeout=5.0) as client:
        with pytest.raises(rt.errors.ActionTimeout) as caught:
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert caught.value.method == "POST"
    assert caught.value.url.endswith("/SalesOrder/ReleaseOrder")
    assert caught.value.status == 202
    assert server.open_sessions == 0


def test_invoke_wraps_plain_parameter_values(make_client, orders, server):
    with make_client() as client:
        orders(client).invoke("Custom", Record(OrderNbr="1"), {"Qty": 2, "Done": {"value": True}})
    post = next(r for r in server.requests if is_post(r))
    assert json.loads(post.content)["parameters"] == {"Qty": {"value": 2}, "Done": {"value": True}}


# Errors --------------------------------------------------------------------------------------


def test_422_lists_every_field_error_through_detail_lines(make_client, orders, rt, server):
    entity = {
        "id": "5a1f",
        "error": "Inserting 'Sales Order' record raised at least one error.",
        "CustomerID": {"value": "NOPE", "error": "'Customer' cannot be found."},
        "Details": [
            {"InventoryID": {"value": "OK"}},
            {"InventoryID": {"value": "BAD", "error": "'Inventory ID' cannot be found."}},
        ],
    }
    server.fail_next(is_put, httpx.Response(422, json=entity))
    with make_client() as client:
        with pytest.raises(rt.errors.ValidationError) as caught:
            orders(client).put(Record(OrderNbr="E"))
    error = caught.value
    assert error.status == 422 and error.method == "PUT"
    assert error.field_errors == {
        "CustomerID": "'Customer' cannot be found.",
        "Details[1].InventoryID": "'Inventory ID' cannot be found.",
    }
    assert error.error.startswith("Inserting")
    assert isinstance(error.entity, Record)
    assert "Details[1].InventoryID" in str(error)


def test_400_carries_the_http_error_fields(make_client, orders, rt, server):
    body = {
        "message": "The request is invalid.",
        "exceptionMessage": "Bad $filter",
        "exceptionType": "System.ArgumentException",
        "modelState": {"filter": ["Unknown field Foo"]},
    }
    server.fail_next(is_get, httpx.Response(400, json=body))
    with make_client() as client:
        with pytest.raises(rt.errors.ValidationError) as caught:
            orders(client).list(filter="Foo eq 1")
    error = caught.value
    assert error.message == "The request is invalid."
    assert error.exception_message == "Bad $filter"
    assert error.exception_type == "System.ArgumentException"
    assert error.model_state == {"filter": ["Unknown field Foo"]}
    assert error.field_errors == {"filter": "Unknown field Foo"}


def test_sign_in_failure_is_an_auth_error_without_the_password(make_client, orders, rt, server):
    client = make_client(auth=rt.auth.CookieAuth("admin", "wrong-" + PASSWORD))
    with pytest.raises(rt.errors.AuthError) as caught:
        with client:
            orders(client).list()
    text = f"{caught.value} {caught.value!r} {vars(caught.value)}"
    assert PASSWORD not in text and caught.value.status == 500
    assert caught.value.method == "POST"
    assert [r.url.path for r in server.requests] == ["/AcumaticaERP/entity/auth/login"]
    assert "/entity/auth/login" in text


def test_403_is_an_auth_error_and_not_retried(make_client, orders, rt, server):
    server.fail_next(is_get, httpx.Response(403, json={"message": "Forbidden"}))
    with make_client() as client:
        with pytest.raises(rt.errors.AuthError):
            orders(client).list()
    assert server.logins == 1


def test_auth_repr_hides_the_password(rt):
    auth = rt.auth.CookieAuth("admin", PASSWORD, tenant="T")
    assert PASSWORD not in repr(auth)


def test_client_invoke_runs_any_action_by_entity_name(make_client, server):
    with make_client() as client:
        response = client.invoke(
            "SalesOrder", "SomeCustomAction", {"OrderNbr": {"value": "1"}}, {"X": 1}
        )
    assert response.status_code == 204
    post = next(r for r in server.requests if is_post(r))
    assert post.url.path.endswith("/SalesOrder/SomeCustomAction")
    assert json.loads(post.content) == {
        "entity": {"OrderNbr": {"value": "1"}},
        "parameters": {"X": {"value": 1}},
    }


def test_delete_that_loses_a_race_is_sent_once_more(make_client, orders, rt, server):
    is_delete = lambda r: r.method == "DELETE" and is_entity(r)  # noqa: E731
    with make_client() as client:
        api = orders(client)
        saved = api.put(Record(OrderType="SO", OrderNbr="D1"))
        server.fail_next(is_delete, concurrency_500())
        api.delete(saved.data["id"])
        assert server.records == {}
        api.put(Record(OrderType="SO", OrderNbr="D2"))
        server.fail_next(is_delete, concurrency_500())
        server.fail_next(is_delete, concurrency_500())
        with pytest.raises(rt.errors.ConcurrencyError):
            api.delete_by_keys("SO", "D2")


def test_put_once_looks_again_instead_of_resending_when_the_answer_is_lost(
    make_client, orders, server
):
    def insert_then_drop_the_connection() -> httpx.Response:
        server._put(server.requests[-1])  # the server did insert the record...
        raise httpx.ReadError("connection reset")  # ...but its answer never arrived

    server.fail_next(is_put, insert_then_drop_the_connection)
    with make_client() as client:
        created = orders(client).put_once(Record(ExternalRef="WEB-7"), ref_field="ExternalRef")
    assert created.value("ExternalRef") == "WEB-7"
    assert len(server.records) == 1
    assert [r.method for r in server.requests if is_entity(r)] == ["GET", "PUT", "GET"]


def test_plain_put_is_resent_after_a_lost_answer(make_client, orders, server, sleeps):
    def drop() -> httpx.Response:
        raise httpx.ReadError("connection reset")

    server.fail_next(is_put, drop)
    with make_client() as client:
        orders(client).put(Record(OrderType="SO", OrderNbr="P1"))
    assert len([r for r in server.requests if is_put(r)]) == 2 and len(sleeps) == 1


def test_resolve_keeps_the_instance_folder_of_site_rooted_hrefs(make_client):
    client = make_client()
    site = "https://erp.example.com/AcumaticaERP"
    assert client.resolve("SalesOrder/1") == f"{site}/entity/Shop/1.0.0/SalesOrder/1"
    assert client.resolve("/AcumaticaERP/entity/Shop/1.0.0/files/9") == (
        f"{site}/entity/Shop/1.0.0/files/9"
    )
    assert client.resolve("/entity/Shop/1.0.0/files/9") == f"{site}/entity/Shop/1.0.0/files/9"
    assert client.resolve("https://cdn.example.com/x") == "https://cdn.example.com/x"
    client.close()


def test_sign_in_failure_says_why(make_client, orders, rt):
    client = make_client(auth=rt.auth.CookieAuth("admin", "wrong"))
    with pytest.raises(rt.errors.AuthError, match="signing in failed: Invalid credentials"):
        with client:
            orders(client).list()


def test_collected_client_that_is_still_signed_in_warns(rt, server):
    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    def leak() -> None:
        client = Client(
            SITE,
            auth=rt.auth.CookieAuth("admin", PASSWORD),
            http_client=httpx.Client(transport=server.transport()),
        )
        client.request("GET", "SalesOrder")

    with pytest.warns(ResourceWarning, match="garbage collected while signed in"):
        leak()
        gc.collect()
    assert server.open_sessions == 1  # what the warning is about: a session left open


def test_closed_client_is_collected_without_warning(rt, server):
    import warnings

    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    def use_and_close() -> None:
        client = Client(
            SITE,
            auth=rt.auth.CookieAuth("admin", PASSWORD),
            http_client=httpx.Client(transport=server.transport()),
        )
        client.request("GET", "SalesOrder")
        client.close()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        use_and_close()
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert server.logins == 1 and server.open_sessions == 0


def test_503_retry_after_is_honoured_too(make_client, orders, server, sleeps):
    server.fail_next(is_get, httpx.Response(503, headers={"Retry-After": "4"}, text="busy"))
    with make_client() as client:
        orders(client).list()
    assert sleeps == [4.0]


def test_client_options_are_checked(rt):
    from runtime_fake import SITE

    auth = rt.auth.CookieAuth("admin", PASSWORD)
    with pytest.raises(rt.errors.ConfigurationError, match="generated Client"):
        rt._sync_client.SyncBaseClient(SITE, auth=auth)

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    with pytest.raises(rt.errors.ConfigurationError, match="max_concurrency"):
        Client(SITE, auth=auth, max_concurrency=0)
    for site in ("ftp://erp.example.com", "erp.example.com", "https://", "mailto:a@b.c"):
        with pytest.raises(rt.errors.ConfigurationError, match="url"):
            Client(site, auth=auth)
    Client("http://localhost:8080/AcumaticaERP/", auth=auth).close()
    Client("http://localhost:8080/entityerp", auth=auth).close()  # a folder that starts so
    for site in ("https://erp.example.com/ERP/entity/Default/24.200.001", "https://e.com/entity"):
        with pytest.raises(rt.errors.ConfigurationError) as caught:
            Client(site, auth=auth)
        expected = "https://erp.example.com/ERP" if "ERP" in site else "https://e.com"
        assert f"use {expected} (the client adds" in str(caught.value)


def test_acumatica_log_info_reports_retries_and_relogins(
    make_client, orders, server, monkeypatch, caplog
):
    monkeypatch.setenv("ACUMATICA_LOG", "info")
    caplog.set_level(logging.INFO, logger="acumatica_codegen.runtime")
    server.fail_next(is_get, httpx.Response(429, json={}))
    server.fail_next(is_get, stale_session_500())
    with make_client() as client:
        orders(client).list()
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert any("got 429: retry in" in line for line in lines)
    assert any("answered 500: signed in again" in line for line in lines)


def test_repr_shows_where_and_state_but_no_secret(make_client, orders):
    client = make_client()
    assert "not signed in" in repr(client)
    orders(client).list()
    text = repr(client)
    assert "https://erp.example.com/AcumaticaERP/entity/Shop/1.0.0" in text
    assert "signed in" in text and PASSWORD not in text
    client.close()
    assert "closed" in repr(client)


def test_logout_has_a_short_timeout_of_its_own(make_client, orders, server):
    with make_client(timeout=120.0) as client:
        orders(client).list()
    logout = next(r for r in server.requests if r.url.path.endswith("/auth/logout"))
    assert logout.extensions["timeout"]["read"] == 10.0


def test_a_request_that_cannot_work_is_not_retried(make_client, orders, rt, server, sleeps):
    def bad_proxy() -> httpx.Response:
        raise httpx.ProxyError("407 from the proxy")

    server.fail_next(is_get, bad_proxy)
    with make_client() as client:
        with pytest.raises(rt.errors.TransportError, match="ProxyError"):
            orders(client).list()
    assert sleeps == []


# Review fixes --------------------------------------------------------------------------------


def session_of(request: httpx.Request) -> str | None:
    for part in request.headers.get("Cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == "ASP.NET_SessionId":
            return value
    return None


def test_clients_sharing_one_injected_http_client_keep_their_own_sessions(rt, server):
    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    shared = httpx.Client(transport=server.transport())
    a = Client(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD), http_client=shared)
    b = Client(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD), http_client=shared)
    a.request("GET", "SalesOrder")
    b.request("GET", "SalesOrder")
    a.request("GET", "SalesOrder")
    assert [session_of(r) for r in server.requests if is_get(r)] == ["s1", "s2", "s1"]
    a.close()  # ends A's session, not B's
    assert server.sessions == {"s2"}
    b.request("GET", "SalesOrder")
    assert session_of(server.requests[-1]) == "s2" and server.logins == 2
    b.close()
    assert server.open_sessions == 0
    shared.close()


def error_500(message: str, kind: str = "PX.Data.PXException") -> httpx.Response:
    body = {"message": "An error has occurred.", "exceptionMessage": message, "exceptionType": kind}
    return httpx.Response(500, json=body)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Customer 'C01' cannot be used: the Login 'jdoe' is disabled.", "PX.Data.PXException"),
        ("Cash drawer session is closed for this register.", "PX.Data.PXException"),
        ("Login failed for user 'acu'.", "System.Data.SqlClient.SqlException"),
    ],
)
def test_business_500_mentioning_session_or_login_is_not_a_stale_session(
    make_client, orders, rt, server, message, kind
):
    server.fail_next(is_post, error_500(message, kind))
    with make_client() as client:
        with pytest.raises(rt.errors.ServerError, match="register|disabled|failed for user"):
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert len([r for r in server.requests if is_post(r)]) == 1
    assert server.logins == 1 and server.logouts == 1


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("The session has expired. Please sign in again.", "PX.Data.PXException"),  # sandbox
        ("You are not logged in.", "PX.Data.PXException"),
        ("Unable to define the company.", "PX.Data.PXUndefinedCompanyException"),
    ],
)
def test_action_refused_for_a_stale_session_is_sent_again_on_a_new_one(
    make_client, orders, server, message, kind
):
    server.fail_next(is_post, error_500(message, kind))
    with make_client() as client:
        orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert len([r for r in server.requests if is_post(r)]) == 2
    assert server.logins == 2 and server.open_sessions == 0


def test_action_that_may_have_run_signs_in_again_but_is_not_resent(make_client, orders, rt, server):
    nre = error_500("Object reference not set to an instance of an object.", "")
    nre_body = json.loads(nre.content)
    nre_body["exceptionType"] = "System.NullReferenceException"
    server.fail_next(is_post, httpx.Response(500, json=nre_body))
    with make_client() as client:
        with pytest.raises(rt.errors.ServerError) as caught:
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
        assert caught.value.method == "POST" and caught.value.status == 500
        assert server.logins == 2  # the next request finds a fresh session
        orders(client).list()
        assert server.logins == 2
    assert len([r for r in server.requests if is_post(r)]) == 1


def test_a_401_that_persists_signs_in_again_once_then_raises(make_client, orders, rt, server):
    def always_401(request: httpx.Request) -> httpx.Response:
        if is_entity(request):
            return httpx.Response(401, json={"message": "You are not logged in."})
        return server.handle(request)

    with make_client(transport=httpx.MockTransport(always_401)) as client:
        with pytest.raises(rt.errors.AuthError) as caught:
            orders(client).list()
    assert caught.value.status == 401 and caught.value.method == "GET"
    assert server.logins == 2 and server.logouts == 2 and server.open_sessions == 0


@pytest.mark.parametrize("status", [400, 404, 500, 502, 503])
def test_any_refusal_of_the_login_is_an_auth_error(make_client, orders, rt, server, status):
    server.fail_next(lambda r: r.url.path.endswith("/auth/login"), httpx.Response(status))
    with make_client() as client:
        with pytest.raises(rt.errors.AuthError) as caught:
            orders(client).list()
    assert caught.value.status == status and caught.value.method == "POST"


def test_a_busy_login_stays_rate_limited(make_client, orders, rt, server):
    for _ in range(2):
        server.fail_next(lambda r: r.url.path.endswith("/auth/login"), httpx.Response(429))
    with make_client(max_retries=1) as client:
        with pytest.raises(rt.errors.RateLimited):
            orders(client).list()


def test_an_injected_client_keeps_its_own_timeout_unless_one_is_given(rt, server):
    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    auth = rt.auth.CookieAuth("admin", PASSWORD)
    http = httpx.Client(transport=server.transport(), timeout=5.0)
    with Client(SITE, auth=auth, http_client=http) as client:
        client.request("GET", "SalesOrder")
        client.request("GET", "SalesOrder", timeout=2.0)
    with Client(SITE, auth=auth, http_client=http, timeout=9.0) as client:
        client.request("GET", "SalesOrder")
    reads = [r.extensions["timeout"]["read"] for r in server.requests if is_get(r)]
    assert reads == [5.0, 2.0, 9.0]
    login = next(r for r in server.requests if r.url.path.endswith("/auth/login"))
    assert login.extensions["timeout"]["read"] == 5.0
    http.close()


def test_an_owned_client_times_out_after_60_s_by_default(rt, server, monkeypatch):
    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    client = Client(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD))
    assert client._http.timeout.read == 60.0
    client.close()


def test_a_failing_sign_out_never_replaces_the_users_exception(make_client, orders, server, caplog):
    caplog.set_level(logging.WARNING, logger="acumatica_codegen.runtime")
    with pytest.raises(KeyError, match="user bug"):
        with make_client() as client:
            orders(client).list()
            client._http.close()  # the application closed its injected client first
            raise KeyError("user bug")
    assert any("signing out" in r.getMessage() for r in caplog.records)
    assert client.signed_in is False and "closed" in repr(client)


def test_close_logs_a_sign_out_failure_of_any_kind_instead_of_raising(
    make_client, orders, server, caplog
):
    def broken_logout(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/logout"):
            raise RuntimeError("proxy plugin bug")
        return server.handle(request)

    caplog.set_level(logging.WARNING, logger="acumatica_codegen.runtime")
    client = make_client(transport=httpx.MockTransport(broken_logout))
    orders(client).list()
    client.close()
    assert any("proxy plugin bug" in r.getMessage() for r in caplog.records)


def test_an_action_accepted_without_a_location_is_not_reported_done(
    make_client, orders, rt, server
):
    server.fail_next(is_post, httpx.Response(202))
    with make_client() as client:
        with pytest.raises(rt.errors.AcumaticaError, match="without a Location") as caught:
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert (caught.value.method, caught.value.status) == ("POST", 202)
    assert len([r for r in server.requests if is_post(r)]) == 1


def test_action_timeout_is_not_overshot_by_a_poll_interval(make_client, orders, rt, server, sleeps):
    server.action_polls = 10_000
    with make_client(action_poll_interval=4.0, action_timeout=10.0) as client:
        with pytest.raises(rt.errors.ActionTimeout, match="after 10.0 s"):
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    assert sleeps == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 3.7])  # the last one cut short
    assert len([r for r in server.requests if is_get(r)]) == 7  # the last one at the deadline


def test_every_entity_call_takes_a_timeout(make_client, orders, server):
    with make_client(timeout=30.0) as client:
        api = orders(client)
        saved = api.put_once(Record(ExternalRef="T-1"), ref_field="ExternalRef", timeout=1.0)
        api.upload_file(saved, "a.txt", b"a", timeout=2.0)
        api.ad_hoc_schema(timeout=3.0)
        (file_id,) = server.files
        api.download_file(f"{PATH_BASE}/files/{file_id}", timeout=4.0)
    reads = [r.extensions["timeout"]["read"] for r in server.requests if is_entity(r)]
    assert reads == [1.0, 1.0, 2.0, 3.0, 4.0]


def test_retry_after_beyond_the_cap_raises_rate_limited_at_once(
    make_client, orders, rt, server, sleeps
):
    server.fail_next(is_get, httpx.Response(429, headers={"Retry-After": "9999"}, json={}))
    with make_client() as client:
        with pytest.raises(rt.errors.RateLimited) as caught:
            orders(client).list()
    assert caught.value.retry_after == 9999.0 and caught.value.status == 429
    assert sleeps == [] and len([r for r in server.requests if is_get(r)]) == 1


def test_an_action_timeout_bounds_its_post_as_well_as_its_polls(
    make_client, orders, rt, server, sleeps
):
    server.action_polls = 10_000
    with make_client(timeout=60.0, action_poll_interval=2.0) as client:
        with pytest.raises(rt.errors.ActionTimeout):
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"), timeout=5.0)
    post = next(r for r in server.requests if is_post(r))
    assert post.extensions["timeout"]["read"] == 5.0  # not the client's 60 s
    polls = [r.extensions["timeout"]["read"] for r in server.requests if is_get(r)]
    # the time left, never less than one last second's look
    assert polls == pytest.approx([4.9, 4.7, 4.3, 3.5, 1.9, 1.0])
    assert sleeps == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.6, 1.9])


def test_an_owned_http_client_stores_no_cookies_while_ours_carry_the_session(rt, server):
    from runtime_fake import SITE

    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    client = Client(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD))
    client._http._transport = server.transport()  # the owned client, on the fake server
    client.request("GET", "SalesOrder")
    client.request("GET", "SalesOrder")
    assert len(client._http.cookies.jar) == 0  # nothing for httpx to turn into a header
    assert [session_of(r) for r in server.requests if is_get(r)] == ["s1", "s1"]
    client.close()
    assert server.open_sessions == 0


def test_an_action_post_without_an_answer_in_time_raises_action_timeout(
    make_client, orders, rt, server
):
    def too_slow() -> httpx.Response:
        raise httpx.ReadTimeout("timed out")

    server.fail_next(is_post, too_slow)
    with make_client(timeout=60.0) as client:
        with pytest.raises(rt.errors.ActionTimeout, match="it may have started") as caught:
            orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"), timeout=5.0)
    assert (caught.value.method, caught.value.status) == ("POST", None)
    assert len([r for r in server.requests if is_post(r)]) == 1  # never sent twice


def test_transport_errors_say_whether_they_timed_out_and_may_have_run(
    make_client, orders, rt, server
):
    def too_slow() -> httpx.Response:
        raise httpx.ReadTimeout("timed out")

    def refused() -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    def is_put(request: httpx.Request) -> bool:
        return request.method == "PUT" and is_entity(request)

    for _ in range(4):  # the first try and three retries of idempotent requests
        server.fail_next(is_get, too_slow)
        server.fail_next(is_put, refused)
    with make_client(max_retries=3) as client:
        with pytest.raises(rt.errors.TransportError) as read:
            orders(client).list()
        with pytest.raises(rt.errors.TransportError) as connect:
            orders(client).put(Record(OrderNbr="SO1"), mode="insert")
    assert (read.value.timed_out, read.value.may_have_run) == (True, True)
    assert (connect.value.timed_out, connect.value.may_have_run) == (False, False)


def test_an_endless_action_timeout_leaves_the_client_timeout_uncapped(make_client, orders, server):
    with make_client(timeout=httpx.Timeout(None), action_timeout=float("inf")) as client:
        orders(client).invoke("ReleaseOrder", Record(OrderNbr="SO1"))
    post = next(r for r in server.requests if is_post(r))
    assert post.extensions["timeout"] == {
        "connect": None,
        "read": None,
        "write": None,
        "pool": None,
    }


@pytest.mark.parametrize("value", ["", "   ", None])
def test_an_empty_id_or_key_is_refused_before_any_request(make_client, orders, server, value):
    with make_client() as client:
        api = orders(client)
        with pytest.raises(ValueError, match="SalesOrder id is empty"):
            api.get(value)
        with pytest.raises(ValueError, match="SalesOrder key OrderNbr is empty"):
            api.get_by_keys("SO", value)
        with pytest.raises(ValueError, match="SalesOrder id is empty"):
            api.delete(value)
        with pytest.raises(ValueError, match="SalesOrder key OrderType is empty"):
            api.delete_by_keys(value, "SO1")
        with pytest.raises(
            ValueError, match="SalesOrder record has neither its id nor all its keys"
        ):
            api.upload_file(Record(OrderType=value, OrderNbr="SO1"), "a.txt", b"a")
    assert [r for r in server.requests if is_entity(r)] == []


def test_key_values_are_escaped_whole_so_they_never_address_another_route(
    make_client, orders, rt, server
):
    with make_client() as client:
        api = orders(client)
        for value in ("$adHocSchema", "..", ".", "A/B", "50% off"):
            with pytest.raises(rt.errors.NotFound):  # no such order, and no other route either
                api.get_by_keys("SO", value)
        api.upload_file(
            Record(OrderType="SO", OrderNbr="SO1"), "..", b"x"
        )  # a file named "..", not the record
    put = next(r for r in server.requests if r.method == "PUT")
    assert put.url.raw_path.decode().endswith("/SalesOrder/SO/SO1/files/%2E%2E")
    paths = [r.url.raw_path.decode() for r in server.requests if is_get(r)]
    assert [p.rsplit("/SO/", 1)[1] for p in paths] == [
        "%24adHocSchema",
        "%2E%2E",
        "%2E",
        "A%2FB",
        "50%25%20off",
    ]


def test_a_list_where_one_record_is_expected_is_a_clear_error(make_client, orders, rt, server):
    server.fail_next(is_get, httpx.Response(200, json=[{"id": "1"}]))
    with make_client() as client:
        with pytest.raises(
            rt.errors.DecodeError, match="expected one SalesOrder record, got a list"
        ):
            orders(client).get("1")


def test_a_request_waiting_to_sign_in_again_stops_once_the_client_is_closed(
    make_client, orders, rt, server
):
    client = make_client()
    orders(client).list()
    session = client._session
    client.close()  # another thread closed it while this request waited for the lock
    with pytest.raises(rt.errors.AcumaticaError, match="the client is closed"):
        client._renew(session, True, "GET", "https://x", 401)
    assert server.open_sessions == 0 and server.logins == 1


def test_session_cookies_take_updates_from_many_threads_at_once(rt):
    import sys

    cookies = rt._wire.SessionCookies()
    failures: list[BaseException] = []

    def churn(thread: int) -> None:
        try:
            for n in range(3000):
                cookies.update([f"c{thread}_{n % 50}=v{n}; path=/"])
                if n % 500 == 0:
                    cookies.clear()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=churn, args=(t,)) for t in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    assert all(part.count("=") == 1 for part in cookies.header.split("; ") if part)


def test_refused_credentials_are_answered_from_memory_for_a_while(
    make_client, orders, rt, server, sleeps
):
    client = make_client(auth=rt.auth.CookieAuth("admin", "wrong-" + PASSWORD))
    for _ in range(3):
        with pytest.raises(rt.errors.AuthError, match="signing in failed"):
            orders(client).list()
    assert login_requests(server) == 1
    sleeps.now += client.sign_in_retry_after  # then the credentials are tried again
    with pytest.raises(rt.errors.AuthError):
        orders(client).list()
    assert login_requests(server) == 2
    client.close()


def test_sign_in_retry_after_set_on_a_client_is_the_one_it_keeps(
    make_client, orders, rt, server, sleeps
):
    client = make_client(auth=rt.auth.CookieAuth("admin", "wrong-" + PASSWORD))
    client.sign_in_retry_after = 5.0  # this client's own, not the class's 30 s
    with pytest.raises(rt.errors.AuthError):
        orders(client).list()
    sleeps.now += 4.0
    with pytest.raises(rt.errors.AuthError):
        orders(client).list()
    assert login_requests(server) == 1  # still answered from memory
    sleeps.now += 1.0
    with pytest.raises(rt.errors.AuthError):
        orders(client).list()
    assert login_requests(server) == 2  # 5 s, not 30 s
    client.close()


def login_requests(server) -> int:  # type: ignore[no-untyped-def]
    return len([r for r in server.requests if r.url.path.endswith("/auth/login")])


def test_a_session_lost_before_its_first_success_is_renewed_again_after_a_while(
    make_client, orders, rt, server, sleeps
):
    inner = server.transport()

    def strips_cookies(request: httpx.Request) -> httpx.Response:
        if is_entity(request):
            request.headers.pop("Cookie", None)
        return inner.handle_request(request)

    client = make_client(transport=httpx.MockTransport(strips_cookies))
    for _ in range(2):
        with pytest.raises(rt.errors.AuthError):
            orders(client).list()
    assert login_requests(server) == 2  # the sign-in and one renewal, not one per call
    sleeps.now += client.sign_in_retry_after  # an app-pool recycle may have been the cause
    with pytest.raises(rt.errors.AuthError):
        orders(client).list()
    assert login_requests(server) == 3  # so it is tried again, once
    client.close()


def test_a_server_failure_at_sign_in_is_not_remembered_as_a_refused_password(
    make_client, orders, rt, server
):
    server.fail_next(lambda r: r.url.path.endswith("/auth/login"), httpx.Response(503))
    with make_client() as client:
        with pytest.raises(rt.errors.AuthError) as caught:
            orders(client).list()
        assert not caught.value.credentials_refused
        assert orders(client).list() == []  # the next call signs in: the server is back


def test_a_remembered_refusal_is_raised_afresh_each_time(make_client, orders, rt, server):
    client = make_client(auth=rt.auth.CookieAuth("admin", "wrong-" + PASSWORD))
    errors = []
    for _ in range(50):
        with pytest.raises(rt.errors.AuthError) as caught:
            orders(client).list()
        errors.append(caught.value)
    assert len({id(e) for e in errors}) == 50 and errors[-1].credentials_refused
    frames = 0
    traceback = errors[-1].__traceback__
    while traceback is not None:
        frames, traceback = frames + 1, traceback.tb_next
    assert frames < 20  # not the frames of every earlier raise
    assert login_requests(server) == 1
    client.close()
