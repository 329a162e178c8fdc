"""The async client (rendered from the same template as the sync one) against the exact fake."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from runtime_fake import PASSWORD, Record, is_entity, is_put, stale_session_500


def is_get(request: httpx.Request) -> bool:
    return request.method == "GET" and is_entity(request)


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(coroutine)


def test_async_signs_in_lazily_and_out_on_exit(make_async_client, orders, server):
    async def main() -> None:
        async with make_async_client() as client:
            assert server.logins == 0
            await orders(client).list()
            assert server.open_sessions == 1

    run(main())
    assert server.open_sessions == 0 and server.logouts == 1
    logout = next(r for r in server.requests if r.url.path.endswith("/auth/logout"))
    assert logout.headers["Content-Length"] == "0"


def test_async_signs_out_when_user_code_raises(make_async_client, orders, server):
    async def main() -> None:
        async with make_async_client() as client:
            await orders(client).list()
            raise KeyError("user bug")

    with pytest.raises(KeyError):
        run(main())
    assert server.open_sessions == 0


def test_async_throttle_cap_never_exceeded(make_async_client, orders, server):
    server.latency = 0.005

    async def main() -> None:
        async with make_async_client(max_concurrency=4) as client:
            api = orders(client)
            await asyncio.gather(*(api.list() for _ in range(60)))

    run(main())
    assert server.max_in_flight == 4
    assert server.logins == 1  # sixty tasks racing to sign in share one session


def test_async_concurrent_stale_sessions_sign_in_again_once(make_async_client, orders, server):
    server.latency = 0.005

    async def main() -> None:
        async with make_async_client(max_concurrency=10) as client:
            api = orders(client)
            await api.list()
            # The server forgets the session: every request in flight sees 401 together.
            server.sessions.clear()
            await asyncio.gather(*(api.list() for _ in range(10)))

    run(main())
    assert server.logins == 2
    assert server.open_sessions == 0


def test_async_stale_500_relogin_and_retry(make_async_client, orders, server):
    server.fail_next(is_get, stale_session_500())

    async def main() -> list[Record]:
        async with make_async_client() as client:
            return await orders(client).list()

    assert run(main()) == []
    assert server.logins == 2 and server.open_sessions == 0


def test_async_iter_pages_and_put(make_async_client, orders, server):
    async def main() -> list[str]:
        async with make_async_client() as client:
            api = orders(client)
            for n in range(12):
                await api.put(Record(OrderNbr=f"A{n:02d}"))
            return [r.value("OrderNbr") async for r in api.iter(page_size=5)]

    assert run(main()) == [f"A{n:02d}" for n in range(12)]
    tops = [r.url.params.get("$skip") for r in server.requests if is_get(r)]
    assert tops == [None, "5", "10"]


def test_async_put_once_and_modes(make_async_client, orders, rt, server):
    async def main() -> None:
        async with make_async_client() as client:
            api = orders(client)
            a = await api.put_once(
                Record(ExternalRef="R1"), ref_field=rt.query.FieldRef("ExternalRef")
            )
            b = await api.put_once(Record(ExternalRef="R1"), ref_field="ExternalRef")
            assert a.data["id"] == b.data["id"]
            with pytest.raises(rt.errors.PreconditionFailed):
                await api.put(Record(OrderNbr="NONE"), mode="update")

    run(main())
    assert len(server.records) == 1
    assert [r.headers.get("If-None-Match") for r in server.requests if is_put(r)][0] == "*"


def test_async_action_polls_until_204(make_async_client, orders, server, sleeps):
    server.action_polls = 2

    async def main() -> None:
        async with make_async_client(action_poll_interval=0.5) as client:
            await orders(client)._invoke_action("ReleaseOrder", Record(OrderNbr="1"), None)

    run(main())
    assert sleeps == [0.1, 0.2, 0.4]  # soon at first, each wait twice the last, up to 0.5
    post = next(r for r in server.requests if r.method == "POST" and is_entity(r))
    assert json.loads(post.content)["parameters"] == {}


def test_async_action_timeout(make_async_client, orders, rt, server):
    server.action_polls = 10_000

    async def main() -> None:
        async with make_async_client(action_poll_interval=2.0, action_timeout=7.0) as client:
            await orders(client).invoke("ReleaseOrder", Record(OrderNbr="1"))

    with pytest.raises(rt.errors.ActionTimeout):
        run(main())
    assert server.open_sessions == 0


def test_async_get_by_keys_not_found_and_errors(make_async_client, orders, rt, server):
    async def main() -> None:
        async with make_async_client() as client:
            with pytest.raises(rt.errors.NotFound) as caught:
                await orders(client).get_by_keys("SO", "X")
            assert caught.value.method == "GET"
            assert caught.value.url.endswith("/SalesOrder/SO/X")

    run(main())
    assert server.logins == 1


def test_async_oauth_password_refreshes_on_401(make_async_client, orders, rt, server):
    from runtime_fake import CLIENT_SECRET

    auth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)

    async def main() -> None:
        async with make_async_client(auth=auth) as client:
            await orders(client).list()
            server.expire_tokens()
            await orders(client).list()

    run(main())
    assert server.token_grants == ["password", "refresh_token"]


def test_async_garbage_collected_client_warns(rt, server):
    import gc

    from runtime_fake import SITE

    class AsyncClient(rt._async_client.AsyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    async def leak() -> None:
        client = AsyncClient(
            SITE,
            auth=rt.auth.CookieAuth("admin", PASSWORD),
            http_client=httpx.AsyncClient(transport=server.async_transport()),
        )
        await client.request("GET", "SalesOrder")

    with pytest.warns(ResourceWarning, match="garbage collected while signed in"):
        run(leak())
        gc.collect()


def test_async_clients_sharing_one_http_client_keep_their_own_sessions(rt, server):
    from runtime_fake import SITE

    class AsyncClient(rt._async_client.AsyncBaseClient):
        endpoint_name = "Shop"
        endpoint_version = "1.0.0"

    def session_of(request: httpx.Request) -> str:
        return request.headers.get("Cookie", "").partition("ASP.NET_SessionId=")[2]

    async def main() -> None:
        async with httpx.AsyncClient(transport=server.async_transport()) as shared:
            a = AsyncClient(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD), http_client=shared)
            b = AsyncClient(SITE, auth=rt.auth.CookieAuth("admin", PASSWORD), http_client=shared)
            await asyncio.gather(a.request("GET", "SalesOrder"), b.request("GET", "SalesOrder"))
            await a.request("GET", "SalesOrder")
            await a.aclose()
            await b.request("GET", "SalesOrder")
            await b.aclose()

    run(main())
    gets = [session_of(r) for r in server.requests if is_get(r)]
    assert len(set(gets[:2])) == 2 and gets[2] != gets[3]
    assert server.logins == 2 and server.open_sessions == 0


def test_async_persistent_401_signs_in_again_once(make_async_client, orders, rt, server):
    server.fail_next(is_get, httpx.Response(401))
    server.fail_next(is_get, httpx.Response(401))
    server.fail_next(is_get, httpx.Response(401))

    async def main() -> None:
        async with make_async_client() as client:
            with pytest.raises(rt.errors.AuthError):
                await orders(client).list()

    run(main())
    assert server.logins == 2 and server.open_sessions == 0


def test_async_user_exception_survives_a_failing_sign_out(make_async_client, orders, server):
    async def main() -> None:
        async with make_async_client() as client:
            await orders(client).list()
            await client._http.aclose()
            raise KeyError("user bug")

    with pytest.raises(KeyError, match="user bug"):
        run(main())


def test_async_action_timeout_bounds_its_post(make_async_client, orders, rt, server):
    server.action_polls = 10_000

    async def main() -> None:
        async with make_async_client(timeout=60.0, action_poll_interval=2.0) as client:
            await orders(client).invoke("ReleaseOrder", Record(OrderNbr="1"), timeout=5.0)

    with pytest.raises(rt.errors.ActionTimeout):
        run(main())
    post = next(r for r in server.requests if r.method == "POST" and is_entity(r))
    assert post.extensions["timeout"]["read"] == 5.0


def login_attempts(server) -> int:  # type: ignore[no-untyped-def]
    return len([r for r in server.requests if r.url.path.endswith("/entity/auth/login")])


def test_a_refused_sign_in_is_shared_by_every_queued_call_not_repeated(
    make_async_client, orders, rt, server
):
    server.latency = 0.005  # the calls really queue up behind the first sign-in

    async def main() -> list[object]:
        auth = rt.auth.CookieAuth("admin", "changed-" + PASSWORD)
        async with make_async_client(auth=auth, max_concurrency=4) as client:
            calls = (orders(client).list() for _ in range(20))
            return await asyncio.gather(*calls, return_exceptions=True)

    results = run(main())
    assert all(isinstance(r, rt.errors.AuthError) for r in results), results
    assert login_attempts(server) == 1  # not one per call: a changed password locks no account


def test_a_proxy_that_strips_cookies_costs_two_sign_ins_not_one_per_call(
    make_async_client, orders, rt, server
):
    inner = server.async_transport()

    async def strip_cookies(request: httpx.Request) -> httpx.Response:
        if is_entity(request):
            request.headers.pop("Cookie", None)
        return await inner.handle_async_request(request)

    server.latency = 0.002

    async def main() -> list[object]:
        stripping = httpx.AsyncClient(transport=httpx.MockTransport(strip_cookies))
        async with make_async_client(max_concurrency=4) as client:
            client._http = stripping  # every entity request reaches the server without cookies
            calls = (orders(client).list() for _ in range(20))
            results = await asyncio.gather(*calls, return_exceptions=True)
        await stripping.aclose()
        return results

    results = run(main())
    assert all(isinstance(r, rt.errors.AuthError) for r in results), results
    assert login_attempts(server) == 2  # the first sign-in, and one renewal that fails alike


@pytest.mark.parametrize("slow", ["/entity/auth/login", "/entity/auth/logout"])
def test_cancelling_the_call_that_signs_in_or_out_leaves_no_session_open(
    make_async_client, orders, server, slow
):
    async def acts_at_once_answers_late(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("logout") and slow.endswith("logout"):
            await asyncio.sleep(0.1)  # a slow sign-out: cancelled here, it never ends the session
        response = server.handle(request)  # a sign-in: the server has made the session...
        if request.url.path.endswith("login") and slow.endswith("login"):
            await asyncio.sleep(0.1)  # ...before its answer arrives
        return response

    async def main() -> None:
        client = make_async_client(fake_sleep=False)
        client._http = httpx.AsyncClient(transport=httpx.MockTransport(acts_at_once_answers_late))
        api = orders(client)
        if slow.endswith("login"):
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(api.list(), 0.02)  # cancelled mid sign-in
        await api.list()
        if slow.endswith("logout"):
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(client.close(), 0.02)  # cancelled mid sign-out
            await asyncio.sleep(0.2)  # the shielded sign-out goes on and finishes
        await client.close()

    run(main())
    assert server.logins == 1 and server.open_sessions == 0
