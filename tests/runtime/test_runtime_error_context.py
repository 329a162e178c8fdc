"""Errors carry their request and response from construction and chain their cause (issue 10.4),
on both transports."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from acumatica_codegen.runtime_source import RUNTIME_DIR
from runtime_fake import PASSWORD, Record, is_entity


def is_get(request: httpx.Request) -> bool:
    return request.method == "GET" and is_entity(request)


@pytest.fixture(params=["sync", "async"])
def failure_of(request, make_client, make_async_client, orders, rt):  # type: ignore[no-untyped-def]
    """``failure_of(call, **client_options)``: the ``AcumaticaError`` that ``call(api)`` raises
    on a sync or an async client (``call`` returns a coroutine for the async one)."""

    def sync(call: Callable[[Any], Any], **options: Any) -> Any:
        with make_client(**options) as client:
            with pytest.raises(rt.errors.AcumaticaError) as caught:
                call(orders(client))
        return caught.value

    def async_(call: Callable[[Any], Any], **options: Any) -> Any:
        async def main() -> Any:
            async with make_async_client(**options) as client:
                with pytest.raises(rt.errors.AcumaticaError) as caught:
                    await call(orders(client))
            return caught.value

        return asyncio.run(main())

    return sync if request.param == "sync" else async_


def test_an_error_answer_carries_its_request_and_response(failure_of, rt, server):
    body = {
        "message": "The request is invalid.",
        "exceptionMessage": "Bad $filter",
        "modelState": {"filter": ["Unknown field Foo"]},
        "echo": {"Password": PASSWORD},  # a server that echoes what it was sent
    }
    server.fail_next(is_get, httpx.Response(400, json=body))
    error = failure_of(lambda api: api.list(filter="Foo eq 1"))
    assert isinstance(error, rt.errors.ValidationError)
    assert error.request == rt.errors.RequestInfo("GET", error.url)
    assert error.request.url.endswith("/SalesOrder?$filter=Foo%20eq%201")
    assert error.response.status == 400 == error.status
    assert error.response.body["modelState"] == {"filter": ["Unknown field Foo"]}
    assert PASSWORD not in repr(error.response) and PASSWORD not in str(error)


def test_a_connection_failure_chains_the_httpx_error_and_has_no_response(failure_of, rt, server):
    def refused() -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    for _ in range(2):  # the first try and its one retry
        server.fail_next(is_get, refused)
    error = failure_of(lambda api: api.list(), max_retries=1)
    assert isinstance(error, rt.errors.TransportError)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert error.request.method == "GET" and error.response is None
    assert (error.timed_out, error.may_have_run) == (False, False)


def test_a_chained_connection_failure_shows_no_secret(failure_of, rt, server):
    def quoting() -> httpx.Response:  # an httpx error quoting what it was sent
        raise httpx.ConnectError(f"refused for admin/{PASSWORD}")

    for _ in range(2):
        server.fail_next(is_get, quoting)
    error = failure_of(lambda api: api.list(), max_retries=1)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert PASSWORD not in str(error) and PASSWORD not in str(error.__cause__)


def test_a_secret_echoed_in_an_answer_is_masked_in_the_errors_response(failure_of, rt, server):
    body = {"message": f"user admin/{PASSWORD} may not read this", "detail": [PASSWORD]}
    server.fail_next(is_get, httpx.Response(403, json=body))
    error = failure_of(lambda api: api.list())
    assert isinstance(error, rt.errors.AuthError) and error.response.status == 403
    assert PASSWORD not in repr(error.response) and PASSWORD not in str(error)
    assert error.response.body["message"] == "user admin/*** may not read this"


def test_an_unreadable_answer_carries_its_request_and_response(failure_of, rt, server):
    server.fail_next(is_get, httpx.Response(200, json=[{"OrderNbr": {"value": 1}}, "row"]))
    error = failure_of(lambda api: api.list())
    assert isinstance(error, rt.errors.DecodeError) and error.field == "[1]"
    assert error.request.method == "GET" and error.request.url.endswith("/SalesOrder")
    assert error.response == rt.errors.ResponseInfo(200, [{"OrderNbr": {"value": 1}}, "row"])
    assert (error.method, error.status) == ("GET", 200)


def test_a_refused_sign_in_chains_the_servers_answer(failure_of, rt, server):
    auth = rt.auth.CookieAuth("admin", "wrong-" + PASSWORD)
    error = failure_of(lambda api: api.list(), auth=auth)
    assert isinstance(error, rt.errors.AuthError) and error.credentials_refused
    assert isinstance(error.__cause__, rt.errors.AcumaticaError)
    assert error.__cause__.response.status == error.response.status == 500
    assert error.request.url.endswith("/entity/auth/login")


def test_an_action_without_an_answer_in_time_chains_the_transport_error(failure_of, rt, server):
    def too_slow() -> httpx.Response:
        raise httpx.ReadTimeout("timed out")

    server.fail_next(lambda r: r.method == "POST" and is_entity(r), too_slow)
    error = failure_of(lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1")))
    assert isinstance(error, rt.errors.ActionTimeout)
    assert isinstance(error.__cause__, rt.errors.TransportError) and error.__cause__.timed_out
    assert isinstance(error.__cause__.__cause__, httpx.ReadTimeout)


def test_flags_are_given_at_construction(rt):
    errors = rt.errors
    timeout = errors.TransportError("no answer", timed_out=True, may_have_run=True)
    assert (timeout.timed_out, timeout.may_have_run) == (True, True)
    assert errors.TransportError("no answer").timed_out is False
    assert errors.AuthError("refused", credentials_refused=True).credentials_refused
    rejected = errors.ValidationError("rejected", field_errors={"A": "bad"}, status=422)
    assert rejected.field_errors == {"A": "bad"} and rejected.response.status == 422


def test_request_info_masks_secrets_in_the_query_and_old_keywords_still_work(rt):
    errors = rt.errors
    request = errors.RequestInfo("GET", "https://x/entity/a?access_token=abc&$top=1")
    assert "abc" not in request.url and "$top=1" in request.url
    old_style = errors.ServerError("boom", method="GET", url="https://x/a", status=500, body={})
    assert old_style.request == errors.RequestInfo("GET", "https://x/a")
    assert old_style.response == errors.ResponseInfo(500, {})
    assert (old_style.method, old_style.url, old_style.status) == ("GET", "https://x/a", 500)
    bare = errors.AcumaticaError("the client is closed")
    assert bare.request is None and bare.response is None and bare.method is None


def test_the_runtime_never_drops_the_cause_of_an_error():
    for path in sorted(RUNTIME_DIR.glob("*.py")):
        assert "from None" not in path.read_text(), f"{path.name} drops a cause"
