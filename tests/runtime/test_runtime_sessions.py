"""Sessions against a misbehaving server (issue 13 points 2 and 11), both transports.

A server whose every request answers the stale-session 500 must not cost one sign-in per call:
the failure persists on fresh sessions, so the client stops signing in again after
``MAX_FUTILE_RENEWALS`` renewals (the first sign-in and two renewals, sequential, from 20 threads
or from 20 tasks alike) and its errors say why. Ctrl-C during a sync sign-in whose request the
server completes must not leak the session the server made.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from runtime_fake import is_entity, stale_session_500

# The sign-ins a persisting stale-session failure may cost: the first, then the renewals.
STORM_LIMIT = 3


def login_requests(server: Any) -> int:
    return len([r for r in server.requests if r.url.path.endswith("/entity/auth/login")])


def always_stale(server: Any, *, ends_session: bool) -> Callable[[httpx.Request], httpx.Response]:
    """Every entity request answers "You are not logged in." as a 500; ``ends_session``: the
    server also forgets the session, so the next request on it gets a 401 (the sandbox with
    ``--fail-rate 1.0``)."""

    def handle(request: httpx.Request) -> httpx.Response:
        if not is_entity(request):
            return server.handle(request)
        with server.lock:
            server.requests.append(request)
            cookie = server._cookie(request)
            if cookie not in server.sessions:
                return httpx.Response(401, json={"message": "You are not logged in."})
            if ends_session:
                server.sessions.discard(cookie)
        time.sleep(0.001)  # answers overlap, as they do on a real server
        return stale_session_500()

    return handle


def async_handler(
    handle: Callable[[httpx.Request], httpx.Response],
) -> Callable[[httpx.Request], Any]:
    async def handle_async(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.001)
        return handle(request)

    return handle_async


@pytest.mark.parametrize("ends_session", [False, True], ids=["stale", "stale-then-401"])
def test_a_stale_session_on_every_request_costs_three_sign_ins_not_one_per_call_in_sequence(
    make_client, orders, rt, server, ends_session
):
    transport = httpx.MockTransport(always_stale(server, ends_session=ends_session))
    errors = []
    with make_client(transport=transport) as client:
        for _ in range(20):
            with pytest.raises(rt.errors.AcumaticaError) as caught:
                orders(client).list()
            errors.append(caught.value)
    assert login_requests(server) == STORM_LIMIT
    assert "persists on fresh sessions" in str(errors[-1])
    assert errors[-1].note and "does not sign in again" in errors[-1].note
    assert server.open_sessions == 0


@pytest.mark.parametrize("ends_session", [False, True], ids=["stale", "stale-then-401"])
def test_a_stale_session_on_every_request_costs_three_sign_ins_from_twenty_threads(
    make_client, orders, rt, server, ends_session
):
    transport = httpx.MockTransport(always_stale(server, ends_session=ends_session))
    failures: list[BaseException] = []
    with make_client(transport=transport, max_concurrency=20) as client:
        api = orders(client)

        def call() -> None:
            try:
                api.list()
            except rt.errors.AcumaticaError as exc:
                failures.append(exc)

        threads = [threading.Thread(target=call) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(failures) == 20
    assert login_requests(server) <= STORM_LIMIT
    assert server.open_sessions == 0


@pytest.mark.parametrize("ends_session", [False, True], ids=["stale", "stale-then-401"])
@pytest.mark.parametrize("concurrent", [False, True], ids=["sequential", "20-tasks"])
def test_async_a_stale_session_on_every_request_costs_three_sign_ins_not_one_per_call(
    make_async_client, orders, rt, server, ends_session, concurrent
):
    handle = async_handler(always_stale(server, ends_session=ends_session))

    async def main() -> list[Any]:
        stale = httpx.AsyncClient(transport=httpx.MockTransport(handle))
        async with make_async_client(max_concurrency=20) as client:
            client._http = stale
            api = orders(client)
            if concurrent:
                calls = (api.list() for _ in range(20))
                results = await asyncio.gather(*calls, return_exceptions=True)
            else:
                results = []
                for _ in range(20):
                    try:
                        results.append(await api.list())
                    except rt.errors.AcumaticaError as exc:
                        results.append(exc)
        await stale.aclose()
        return results

    results = asyncio.run(main())
    assert all(isinstance(r, rt.errors.AcumaticaError) for r in results), results
    if concurrent:
        assert login_requests(server) <= STORM_LIMIT
    else:
        assert login_requests(server) == STORM_LIMIT
        assert "persists on fresh sessions" in str(results[-1])
    assert server.open_sessions == 0


@pytest.mark.parametrize("make", ["sync", "async"])
def test_a_stale_session_now_and_then_is_renewed_every_time(
    make_client, make_async_client, orders, rt, server, make
):
    """The storm guard must not lock out a client whose server ends a session now and then,
    even a fresh one: every second call meets a stale session, and every call still succeeds
    (resent once on a new session)."""
    inner = server.handle
    count = iter(range(10**6))

    def now_and_then(request: httpx.Request) -> httpx.Response:
        if is_entity(request) and request.method == "GET" and next(count) % 3 == 0:
            with server.lock:
                server.requests.append(request)
            return stale_session_500()
        return inner(request)

    if make == "sync":
        with make_client(transport=httpx.MockTransport(now_and_then)) as client:
            for _ in range(10):
                assert orders(client).list() == []
    else:

        async def main() -> None:
            http = httpx.AsyncClient(transport=httpx.MockTransport(async_handler(now_and_then)))
            async with make_async_client() as client:
                client._http = http
                for _ in range(10):
                    assert await orders(client).list() == []
            await http.aclose()

        asyncio.run(main())
    assert server.open_sessions == 0


def test_ctrl_c_during_a_sync_sign_in_the_server_completes_leaves_no_session_open(
    make_client, orders, server
):
    main_thread = threading.main_thread().ident
    assert main_thread is not None and threading.get_ident() == main_thread

    def interrupted_login(request: httpx.Request) -> httpx.Response:
        response = server.handle(request)  # the server has made the session...
        if request.url.path.endswith("/auth/login"):
            signal.pthread_kill(main_thread, signal.SIGINT)  # ...when the user hits Ctrl-C
            time.sleep(0.05)  # the answer is still on its way
        return response

    with pytest.raises(KeyboardInterrupt):
        with make_client(transport=httpx.MockTransport(interrupted_login)) as client:
            orders(client).list()
    assert server.logins == 1
    assert server.open_sessions == 0  # signed out by close(), on the way out of the with
    assert server.logouts == 1


def test_ctrl_c_during_a_sync_sign_in_keeps_the_session_for_close(make_client, orders, server):
    """Without a ``with``: the interrupted call raises, and ``close()`` later signs out."""
    main_thread = threading.main_thread().ident
    assert main_thread is not None

    def interrupted_login(request: httpx.Request) -> httpx.Response:
        response = server.handle(request)
        if request.url.path.endswith("/auth/login"):
            signal.pthread_kill(main_thread, signal.SIGINT)
            time.sleep(0.05)
        return response

    client = make_client(transport=httpx.MockTransport(interrupted_login))
    with pytest.raises(KeyboardInterrupt):
        orders(client).list()
    assert server.open_sessions == 1
    client.close()  # waits for the sign-in the interruption left running, then ends it
    assert server.open_sessions == 0 and server.logouts == 1
