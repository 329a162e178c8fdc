"""A server that answers badly (issue 13): never a silent success, a raw traceback, a hang, a storm
or a leaked secret. Each test makes the fake Acumatica misbehave one way, on both transports."""

from __future__ import annotations

import asyncio
import inspect
import json
import time
import tracemalloc
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from runtime_fake import BASE, CLIENT_SECRET, PASSWORD, PATH_BASE, Record, is_entity

SIGN_IN_PAGE = "/AcumaticaERP/Frames/Login.aspx?ReturnUrl=%2fAcumaticaERP%2fentity"
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Sign In</title></head><body>...</body></html>"


def is_get(request: httpx.Request) -> bool:
    return request.method == "GET" and is_entity(request)


def is_post(request: httpx.Request) -> bool:
    return request.method == "POST" and is_entity(request)


def is_token(request: httpx.Request) -> bool:
    return request.url.path.endswith("/identity/connect/token")


def always(server: Any, predicate: Callable[[httpx.Request], bool], answer: Any) -> None:
    """Every matching request (up to 50) gets ``answer``."""
    for _ in range(50):
        server.fail_next(predicate, answer)


@pytest.fixture(params=["sync", "async"])
def call(request, make_client, make_async_client, orders):  # type: ignore[no-untyped-def]
    """``call(work, **client_options)``: ``work(api)`` on a SalesOrder API of a fresh client of
    this test's transport (sync or async), inside the client's context; returns its result."""

    def run_sync(work, **options):  # type: ignore[no-untyped-def]
        with make_client(**options) as client:
            return work(orders(client))

    def run_async(work, **options):  # type: ignore[no-untyped-def]
        async def main():  # type: ignore[no-untyped-def]
            async with make_async_client(**options) as client:
                result = work(orders(client))
                return await result if inspect.isawaitable(result) else result

        return asyncio.run(main())

    run = run_sync if request.param == "sync" else run_async
    run.flavour = request.param  # type: ignore[attr-defined]
    return run


def oauth(rt):  # type: ignore[no-untyped-def]
    return rt.auth.OAuth2Password("shop-app", CLIENT_SECRET, "admin", PASSWORD)


# 1. Redirects and HTML pages are never a success -------------------------------------------


def test_a_redirect_to_the_sign_in_page_is_a_lost_session_renewed_once(call, server):
    server.records["1"] = {"id": "1", "OrderNbr": {"value": "SO1"}}
    server.fail_next(is_get, httpx.Response(302, headers={"Location": SIGN_IN_PAGE}))
    found = call(lambda api: api.list())
    assert [r.value("OrderNbr") for r in found] == ["SO1"]
    assert server.logins == 2  # the session was renewed, the list sent again


WRITES = {
    "action": lambda api: api.invoke("CancelSalesOrder", Record(OrderNbr="SO1")),
    "delete_by_keys": lambda api: api.delete_by_keys("SO", "SO1"),
    "upload_file": lambda api: api.upload_file(
        Record(OrderType="SO", OrderNbr="SO1"), "a.txt", b"a"
    ),
    "list": lambda api: api.list(),
}


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_a_redirect_to_the_sign_in_page_that_persists_raises_not_a_silent_success(
    call, rt, server, operation
):
    always(server, is_entity, httpx.Response(302, headers={"Location": SIGN_IN_PAGE}))
    with pytest.raises(rt.errors.UnexpectedAnswer, match="sign-in page") as caught:
        call(WRITES[operation])
    assert caught.value.status == 302
    assert server.logins == 2  # renewed once, no storm


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_a_redirect_elsewhere_raises_and_is_never_followed(call, rt, server, operation):
    elsewhere = "https://cdn.example.net/maintenance"
    always(server, is_entity, httpx.Response(301, headers={"Location": elsewhere}))
    with pytest.raises(rt.errors.UnexpectedAnswer, match="redirected to https://cdn"):
        call(WRITES[operation])
    assert all(r.url.host == "erp.example.com" for r in server.requests)
    assert server.logins == 1  # not a lost session


def test_a_sign_in_answered_by_a_redirect_says_so(call, rt, server):
    login = httpx.Response(302, headers={"Location": "https://sso.example.net/login"})
    server.fail_next(lambda r: r.url.path.endswith("/auth/login"), login)
    with pytest.raises(rt.errors.AuthError, match="signing in failed: redirected to https://sso"):
        call(lambda api: api.list())
    assert not any(is_entity(r) for r in server.requests)


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        ("list", "DecodeError"),
        ("get", "DecodeError"),
        ("delete", "UnexpectedAnswer"),
        ("upload_file", "UnexpectedAnswer"),
    ],
)
def test_an_html_page_where_an_answer_is_due_raises(call, rt, server, operation, error):
    always(server, is_entity, httpx.Response(200, content=HTML_PAGE))
    work = {
        "list": lambda api: api.list(),
        "get": lambda api: api.get("1"),
        "delete": lambda api: api.delete("1"),
        "upload_file": lambda api: api.upload_file(Record(id="1"), "a.txt", b"a"),
    }[operation]
    with pytest.raises(getattr(rt.errors, error), match="HTML page \\('Sign In'\\)") as caught:
        call(work)
    assert caught.value.method in ("GET", "DELETE", "PUT") and caught.value.status == 200


def test_an_html_page_ending_an_action_raises(call, rt, server):
    server.fail_next(is_post, httpx.Response(200, content=HTML_PAGE))
    with pytest.raises(rt.errors.UnexpectedAnswer, match="ReleaseOrder answered: got an HTML"):
        call(lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1")))


REREAD_FAILURES = {
    "a redirect to the sign-in page": (
        lambda: httpx.Response(302, headers={"Location": SIGN_IN_PAGE}),
        "UnexpectedAnswer",
        "sign-in page",
    ),
    "an HTML page": (lambda: httpx.Response(200, content=HTML_PAGE), "DecodeError", "HTML page"),
    "a stale session on fresh sessions too": (
        lambda: httpx.Response(500, json={"exceptionMessage": "You are not logged in."}),
        "ServerError",
        "not logged in",
    ),
}


@pytest.mark.parametrize("case", sorted(REREAD_FAILURES))
def test_a_reread_that_fails_after_an_action_says_the_action_finished(call, rt, server, case):
    answer, error, reason = REREAD_FAILURES[case]
    always(server, lambda r: is_get(r) and "/status/" not in r.url.path, answer)  # not the polls

    def cancel_and_reread(api):  # type: ignore[no-untyped-def]
        record = Record(OrderType="SO", OrderNbr="SO1")
        return api._invoke_action("CancelSalesOrder", record, None, reread=True)

    with pytest.raises(getattr(rt.errors, error), match=reason) as caught:
        call(cancel_and_reread)
    shown = str(caught.value)
    assert "after the action finished, reading the record again: " in shown
    assert caught.value.method == "GET" and caught.value.args[0] == caught.value.summary
    assert server.logins <= 2  # renewed once at most, no storm


def test_an_empty_answer_where_a_list_is_due_is_not_an_empty_list(call, rt, server):
    server.fail_next(is_get, httpx.Response(200, content=b""))
    with pytest.raises(rt.errors.DecodeError, match="list of SalesOrder records, got an empty"):
        call(lambda api: api.list())


def test_a_200_or_204_without_a_body_on_a_delete_is_fine(call, server):
    server.fail_next(lambda r: r.method == "DELETE", httpx.Response(200, content=b""))
    assert call(lambda api: api.delete("1")) is None


REFUSALS = {
    "404 not found": (404, {"message": "No entity satisfies the condition."}),
    "422 invalid": (422, {"OrderNbr": {"value": "X", "error": "bad"}}),
    "500 not found": (500, {"exceptionMessage": "No entity satisfies the condition."}),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_renewed_session_whose_requests_were_refused_still_worked(call, rt, server, case):
    # The instance restarts twice; between the restarts the renewed session gets only refusals
    # of what was asked: the server read them on that session, so it was no futile renewal.
    status, body = REFUSALS[case]
    refusal, lost = (lambda: httpx.Response(status, json=body)), (lambda: httpx.Response(401))
    for answer in (refusal, lost, refusal, lost):
        server.fail_next(is_get, answer)

    def three_lists(api):  # type: ignore[no-untyped-def]
        def one() -> Any:
            try:
                return api.list()
            except rt.errors.AcumaticaError as error:
                return type(error).__name__

        if call.flavour == "sync":
            return [one() for _ in range(3)]

        async def run():  # type: ignore[no-untyped-def]
            outcomes: list[Any] = []
            for _ in range(3):
                try:
                    outcomes.append(await api.list())
                except rt.errors.AcumaticaError as error:
                    outcomes.append(type(error).__name__)
            return outcomes

        return run()

    first, second, third = call(three_lists)
    assert first == second and first in ("NotFound", "ValidationError")
    assert third == []  # signed in again, not "the failure persists on fresh sessions"
    assert server.logins == 3


def test_a_renewed_session_that_only_got_proxy_pages_proves_nothing(call, rt, server):
    page = lambda: httpx.Response(503, content=HTML_PAGE)  # noqa: E731
    lost = lambda: httpx.Response(401)  # noqa: E731
    for answer in (page, lost, page, lost):
        server.fail_next(is_get, answer)

    def three_lists(api):  # type: ignore[no-untyped-def]
        if call.flavour == "sync":
            for _ in range(2):
                with pytest.raises(rt.errors.AcumaticaError):
                    api.list()
            return api.list()

        async def run():  # type: ignore[no-untyped-def]
            for _ in range(2):
                with pytest.raises(rt.errors.AcumaticaError):
                    await api.list()
            return await api.list()

        return run()

    with pytest.raises(rt.errors.AuthError, match="persists on fresh sessions"):
        call(three_lists, max_retries=0)


# 8. Malformed answers are one library error -----------------------------------------------


MALFORMED = {
    "object where a list is due": (b'{"value": "x"}', "got an object"),
    "number where a list is due": (b"42", "got a number"),
    "deeply nested JSON": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "a Latin-1 body": ('[{"Description": {"value": "Caf\xe9"}}]'.encode("latin-1"), "not UTF-8"),
    "not JSON at all": (b"Service Unavailable", "not JSON"),
    "a list of numbers": (b"[1, 2]", "got a number at \\[0\\]"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_list_answer_is_a_decode_error_naming_the_request(call, rt, server, case):
    body, reason = MALFORMED[case]
    server.fail_next(is_get, httpx.Response(200, content=body))
    with pytest.raises(rt.errors.DecodeError, match=reason) as caught:
        call(lambda api: api.list())
    error = caught.value
    assert (error.method, error.status) == ("GET", 200)
    assert error.url == f"{BASE}/SalesOrder" and "SalesOrder" in str(error)


# 3, 8, 9. Values that are not of their type --------------------------------------------------


@pytest.fixture
def order_api(rt, orders):  # type: ignore[no-untyped-def]
    """``order_api(api)``: the same API with a real model (decimal, int, date, detail lines)."""
    model = rt.model
    line = type(
        "SalesOrderDetail",
        (model.Model,),
        {"_fields_": model.Fields(model.Value("OrderQty", "order_qty", "decimal"))},
    )
    details = model.Detail("Details", "details", "SalesOrderDetail")
    details._entity = line
    order = type(
        "SalesOrder",
        (model.Model,),
        {
            "_fields_": model.Fields(
                model.Value("OrderNbr", "order_nbr", "string"),
                model.Value("OrderTotal", "order_total", "decimal"),
                model.Value("LineCount", "line_count", "int"),
                model.Value("Date", "date", "datetime"),
                model.Value("Weight", "weight", "float"),
                details,
            )
        },
    )

    def make(api):  # type: ignore[no-untyped-def]
        api.model = order
        return api

    make.model = order  # type: ignore[attr-defined]
    return make


WRONG_VALUES = {
    "huge exponent": ('{"OrderTotal": {"value": 1e999999999}}', "OrderTotal", "out of range"),
    "text for a decimal": ('{"OrderTotal": {"value": "abc"}}', "OrderTotal", "not a number"),
    "not a date": ('{"Date": {"value": "not a date"}}', "Date", "not a date"),
    "object for detail lines": ('{"Details": {"a": 1}}', "Details", "expected a list"),
    "Infinity in an int": ('{"LineCount": {"value": Infinity}}', "LineCount", "not a finite"),
    "NaN in an int": ('{"LineCount": {"value": NaN}}', "LineCount", "not a finite"),
    "fraction in an int": ('{"LineCount": {"value": 2.5}}', "LineCount", "not a whole number"),
    "a number for text": ('{"OrderNbr": {"value": 7}}', "OrderNbr", "not text"),
    "bad detail value": (
        '{"Details": [{"OrderQty": {"value": 1}}, {"OrderQty": {"value": [1]}}]}',
        "Details[1].OrderQty",
        "not a number",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG_VALUES))
def test_a_value_not_of_its_type_is_a_decode_error_naming_entity_and_field(
    call, rt, server, order_api, case
):
    body, field, reason = WRONG_VALUES[case]
    server.fail_next(is_get, httpx.Response(200, content=f"[{body}]".encode()))
    started = time.monotonic()
    with pytest.raises(rt.errors.DecodeError, match=reason) as caught:
        call(lambda api: order_api(api).list())
    assert time.monotonic() - started < 5  # 1e999999999 used to hang
    error = caught.value
    assert (error.entity, error.field) == ("SalesOrder", f"[0].{field}")
    assert f"SalesOrder.{field}" in str(error) and error.url == f"{BASE}/SalesOrder"


def test_one_record_with_a_wrong_value_names_its_field(call, rt, server, order_api):
    body = b'{"OrderTotal": {"value": "12,50"}}'
    server.fail_next(is_get, httpx.Response(200, content=body))
    with pytest.raises(rt.errors.DecodeError) as caught:
        call(lambda api: order_api(api).get("1"))
    assert (caught.value.entity, caught.value.field) == ("SalesOrder", "OrderTotal")
    assert "SalesOrder.OrderTotal: '12,50' is not a number" in str(caught.value)


def test_lenient_decoding_keeps_the_raw_value_and_reports_it(call, server, order_api, caplog):
    body = b'[{"OrderTotal": {"value": "abc"}, "Details": [{"OrderQty": {"value": "x"}}]}]'
    server.fail_next(is_get, httpx.Response(200, content=body))
    caplog.set_level("WARNING")
    (order,) = call(lambda api: order_api(api).list(), lenient_decoding=True)
    assert order.order_total == "abc" and order.details[0].order_qty == "x"
    assert order.decode_errors == {
        "OrderTotal": "'abc' is not a number",
        "Details[0].OrderQty": "'x' is not a number",
    }
    assert "SalesOrder.OrderTotal kept as sent: 'abc' is not a number" in caplog.text
    assert order.to_dict() == json.loads(body)[0]  # nothing lost on the way back


ODD_BUT_VALID = [
    ('"2024-03-05T10:20:30"', "2024-03-05T10:20:30"),
    ('"2024-03-05T10:20:30.1"', "2024-03-05T10:20:30.100000"),
    ('"2024-03-05T10:20:30.12345+02:00"', "2024-03-05T10:20:30.123450+02:00"),
    ('"2024-03-05T10:20:30.123456Z"', "2024-03-05T10:20:30.123456+00:00"),
    ('"2024-03-05T10:20:30.1234567-05:00"', "2024-03-05T10:20:30.123456-05:00"),
    ('"03/05/2024 10:20:30"', "2024-03-05T10:20:30"),
]


@pytest.mark.parametrize(("wire", "expected"), ODD_BUT_VALID)
def test_odd_but_valid_dates_parse(order_api, wire, expected):
    order = order_api.model.from_dict(json.loads(f'{{"Date": {{"value": {wire}}}}}'))
    assert order.date.isoformat() == expected


@pytest.mark.parametrize("number", ["0.000001", "12345678901234567890.123456789", "1E+5", "-0"])
def test_decimals_of_any_scale_parse_exactly(rt, order_api, number):
    data = rt._wire.loads(f'{{"OrderTotal": {{"value": {number}}}}}')
    assert order_api.model.from_dict(data).order_total == Decimal(number)


def test_an_empty_wrapper_is_null_and_travels_back_unchanged(order_api):
    order = order_api.model.from_dict({"OrderTotal": {}, "Date": {"value": None}})
    assert order.date is None and order.to_dict() == {"OrderTotal": {}, "Date": {"value": None}}


# 5. Numbers JSON cannot carry are refused before sending -------------------------------------


@pytest.mark.parametrize(
    ("attr", "value", "wire"),
    [
        ("order_total", Decimal("Infinity"), "OrderTotal"),
        ("order_total", Decimal("NaN"), "OrderTotal"),
        ("weight", float("inf"), "Weight"),
        ("weight", float("nan"), "Weight"),
    ],
)
def test_infinity_and_nan_are_refused_naming_the_field(call, server, order_api, attr, value, wire):
    order = order_api.model.from_dict({})
    setattr(order, attr, value)
    with pytest.raises(ValueError, match=f"^{wire}.value is (Infinity|NaN|inf|nan): not a number"):
        call(lambda api: order_api(api).put(order))
    assert not any(r.method == "PUT" for r in server.requests)


def test_an_infinite_action_parameter_is_refused_naming_it(call, server):
    with pytest.raises(ValueError, match="^parameters.Qty.value is inf"):
        call(lambda api: api.invoke("Split", Record(OrderNbr="1"), {"Qty": float("inf")}))
    assert not any(is_post(r) for r in server.requests)


# 4, 12. Secrets never in a message, a repr or a log -----------------------------------------


@pytest.mark.parametrize("token", ["tok-en\n", "tok en", "tok\r\nX-Evil: 1", ""])
def test_a_malformed_token_is_a_clear_auth_error_that_never_shows_it(
    call, rt, server, tmp_path, caplog, token
):
    answer = {"access_token": token or 12345, "expires_in": 3600, "token_type": "Bearer"}
    server.fail_next(is_token, httpx.Response(200, json=answer))
    log = tmp_path / "log.jsonl"
    with pytest.raises(rt.errors.AuthError, match="malformed access_token") as caught:
        call(lambda api: api.list(), auth=oauth(rt), log_file=log)
    shown = [str(caught.value), repr(caught.value), caplog.text, log.read_text()]
    assert not any(token.strip() and token.strip() in text for text in shown)
    assert not any(is_entity(r) for r in server.requests)  # never sent


def test_a_token_the_server_echoes_is_not_in_the_error(call, rt, server):
    def echo() -> httpx.Response:
        token = server.requests[-1].headers["Authorization"][7:]  # the request answered
        return httpx.Response(403, json={"message": f"token {token} lacks the scope"})

    always(server, is_get, echo)
    with pytest.raises(rt.errors.AuthError) as caught:
        call(lambda api: api.list(), auth=oauth(rt))
    assert "access-" not in str(caught.value) and "***" in str(caught.value)
    assert "access-" not in repr(caught.value.args) and "access-" not in str(caught.value.message)


def test_a_password_echoed_by_a_failed_login_is_never_shown(call, rt, server, tmp_path):
    answer = {"exceptionMessage": f"Invalid credentials for admin/{PASSWORD}", "message": "x"}
    server.fail_next(lambda r: r.url.path.endswith("/auth/login"), httpx.Response(500, json=answer))
    log = tmp_path / "log.jsonl"
    with pytest.raises(rt.errors.AuthError, match="Invalid credentials for admin/\\*\\*\\*") as e:
        call(lambda api: api.list(), log_file=log)
    assert PASSWORD not in f"{e.value} {e.value!r} {e.value.args} {e.getrepr()}"
    assert PASSWORD not in log.read_text()


def test_a_url_with_a_password_is_refused_without_showing_it(rt):
    class Client(rt._sync_client.SyncBaseClient):
        endpoint_name, endpoint_version = "Shop", "1.0.0"

    url = "https://admin:s3cret-PW@erp.example.com/AcumaticaERP"
    with pytest.raises(rt.errors.ConfigurationError, match="carries credentials") as caught:
        Client(url, auth=rt.auth.CookieAuth("admin", "x"))
    assert "s3cret-PW" not in str(caught.value)
    assert "s3cret-PW" not in rt._wire.redact_url(url)


def test_an_unreadable_expires_in_is_an_auth_error_and_the_token_is_signed_out(call, rt, server):
    answer = {"access_token": "issued-token-1", "expires_in": "abc", "token_type": "Bearer"}
    server.fail_next(is_token, httpx.Response(200, json=answer))
    with pytest.raises(rt.errors.AuthError, match="expires_in='abc', not a number of seconds"):
        call(lambda api: api.list(), auth=oauth(rt))
    logout = [r for r in server.requests if r.url.path.endswith("/auth/logout")]
    assert [r.headers["Authorization"] for r in logout] == ["Bearer issued-token-1"]


def test_expires_in_zero_costs_one_token_request_not_one_per_call(call, rt, server):
    def many(api):  # type: ignore[no-untyped-def]
        if call.flavour == "sync":
            return [api.list() for _ in range(5)]

        async def gather():  # type: ignore[no-untyped-def]
            return [await api.list() for _ in range(5)]

        return gather()

    original = server._token

    def zero_lifetime(request: httpx.Request) -> httpx.Response:
        answer = json.loads(original(request).content)
        return httpx.Response(200, json={**answer, "expires_in": 0})

    server._token = zero_lifetime
    call(many, auth=oauth(rt))
    assert server.token_grants == ["password"]


# 6. Action polling stays on the instance ----------------------------------------------------


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("https://evil.example.net/AcumaticaERP/status/1", "another site"),
        ("//evil.example.net/AcumaticaERP/status/1", "another site"),
        ("http://erp.example.com/AcumaticaERP/status/1", "another site"),  # not https
        ("https://erp.example.com/Other/entity/status/1", "outside the instance's path"),
        (f"{PATH_BASE}/%2e%2e/%2e%2e/%2e%2e/Other/1", "outside the instance's path"),
        ("https://user:pw@erp.example.com/AcumaticaERP/s/1", "credentials"),
        ("http://[::1", "not a URL"),
    ],
)
def test_an_action_polls_only_its_own_instance(call, rt, server, location, why):
    server.fail_next(is_post, httpx.Response(202, headers={"Location": location}))
    with pytest.raises(rt.errors.UnexpectedAnswer, match=why) as caught:
        call(lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1")))
    assert "pw@" not in str(caught.value)
    assert all(r.url.host == "erp.example.com" for r in server.requests)
    assert not any(r.method == "GET" for r in server.requests)


def test_action_polls_start_soon_grow_and_honour_retry_after(call, server, sleeps):
    server.action_polls = 5
    polled = server._poll

    def poll_asking_for_time(job: str) -> httpx.Response:
        answer = polled(job)
        if answer.status_code == 202 and server.action_status[job] == 3:
            return httpx.Response(202, headers={"Retry-After": "3"})
        return answer

    server._poll = poll_asking_for_time
    call(lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1")))
    assert sleeps == [0.1, 0.2, 0.4, 3.0, 1.0, 1.0]  # after the third poll the server asked 3 s


# 7, 10. Bounded size and time -----------------------------------------------------------------


def gzip_bomb(megabytes: int) -> bytes:
    """A few KB of gzip that inflate to ``megabytes`` MB of spaces (a valid JSON list)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    megabyte = b" " * 1_000_000
    parts = [packer.compress(b"[")]
    parts += [packer.compress(megabyte) for _ in range(megabytes)]
    return b"".join(parts) + packer.compress(b"]") + packer.flush()


def streamed(flavour: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    """A 200 whose body arrives in 16 KB network reads, as from a socket (not read beforehand)."""
    pieces = [body[i : i + 16_384] for i in range(0, len(body), 16_384)]
    if flavour == "sync":
        return httpx.Response(200, content=iter(pieces), headers=headers)

    async def arrive():  # type: ignore[no-untyped-def]
        for piece in pieces:
            yield piece

    return httpx.Response(200, content=arrive(), headers=headers)


def test_a_gzip_bomb_stops_at_max_response_bytes_as_it_inflates(call, rt, server):
    bomb = gzip_bomb(500)  # 500 MB inflated
    assert len(bomb) < 1_000_000
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    server.fail_next(is_get, lambda: streamed(call.flavour, bomb, headers))
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(rt.errors.UnexpectedAnswer, match="larger than max_response_bytes"):
            call(lambda api: api.list(), max_response_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5
    assert peak < 100_000_000  # a few inflated reads, never the 500 MB


def test_a_declared_length_past_the_bound_is_not_read(call, rt, server):
    body = b"[" + b" " * 2000 + b"]"
    server.fail_next(is_get, httpx.Response(200, content=body))
    with pytest.raises(rt.errors.UnexpectedAnswer, match="max_response_bytes \\(1000 bytes\\)"):
        call(lambda api: api.list(), max_response_bytes=1000)


def test_the_default_bound_is_generous(rt):
    assert rt._sync_client.DEFAULT_MAX_RESPONSE_BYTES >= 100 * 1024 * 1024


def dripping(flavour: str, seconds: float, chunks: int) -> httpx.Response:
    """A 200 whose JSON list arrives one space every ``seconds``, ``chunks`` times."""
    if flavour == "sync":

        def drip():  # type: ignore[no-untyped-def]
            yield b"["
            for _ in range(chunks):
                time.sleep(seconds)
                yield b" "
            yield b"]"

        return httpx.Response(200, content=drip())

    async def adrip():  # type: ignore[no-untyped-def]
        yield b"["
        for _ in range(chunks):
            await asyncio.sleep(seconds)
            yield b" "
        yield b"]"

    return httpx.Response(200, content=adrip())


def test_a_dripping_answer_times_out_within_the_attempts_total_time(call, rt, server):
    server.fail_next(is_get, lambda: dripping(call.flavour, 0.05, 100))  # 5 s in all
    started = time.monotonic()
    with pytest.raises(rt.errors.TransportError, match="more than 0.5 s in all") as caught:
        call(lambda api: api.list(), timeout=0.5, max_retries=0)
    assert caught.value.timed_out and time.monotonic() - started < 2.0


def test_a_dripping_action_ends_in_action_timeout_within_its_timeout(call, rt, server):
    server.fail_next(is_post, lambda: dripping(call.flavour, 0.05, 100))
    started = time.monotonic()
    with pytest.raises(rt.errors.ActionTimeout, match="may have started"):
        call(lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1"), timeout=1.0))
    assert time.monotonic() - started < 3.0


def test_a_dripping_status_poll_ends_in_action_timeout_not_a_retry_storm(call, rt, server):
    always(server, lambda r: "/status/" in r.url.path, lambda: dripping(call.flavour, 0.05, 100))
    started = time.monotonic()
    with pytest.raises(rt.errors.ActionTimeout):
        call(
            lambda api: api.invoke("ReleaseOrder", Record(OrderNbr="SO1"), timeout=1.0),
            fake_sleep=False,
        )
    assert time.monotonic() - started < 4.0


def test_a_malformed_token_of_yours_is_refused_before_any_request(rt):
    with pytest.raises(rt.errors.AuthError, match="OAuth2Token was given a malformed") as caught:
        rt.auth.OAuth2Token("my-token\n", refresh_token="r", client_id="c")
    assert "my-token" not in str(caught.value)


def test_a_secret_is_scrubbed_as_a_repr_shows_it_too(rt):
    text = "Illegal header value b'Bearer tok-abc\\n'"
    assert rt._wire.scrub(text, ["tok-abc\n"]) == "Illegal header value b'Bearer ***'"
