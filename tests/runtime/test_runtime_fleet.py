"""Fleet coordination (issue 12): limits and shared sessions across workers, on a real Redis.

Every behaviour is checked on both transports (``transport`` runs a scenario with the sync client
and with the async one); each test uses a fleet name of its own on the session's Redis server.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import redis_binary
from redis_server import RedisServer
from runtime_fake import PASSWORD, SITE, FakeAcumatica, is_entity, stale_session_500


class Transport:
    """Runs a scenario with the sync or the async runtime: ``t.run(x)`` awaits ``x`` if need be."""

    def __init__(self, rt: Any, kind: str) -> None:
        self.rt = rt
        self.kind = kind
        self.loop = asyncio.new_event_loop() if kind == "async" else None
        self.clients: list[Any] = []

    def run(self, value: Any) -> Any:
        if inspect.isawaitable(value):
            assert self.loop is not None
            return self.loop.run_until_complete(value)
        return value

    def client(self, server: FakeAcumatica, fleet: Any, auth: Any = None, **options: Any) -> Any:
        rt = self.rt
        base = rt._async_client.AsyncBaseClient if self.loop else rt._sync_client.SyncBaseClient
        http_class = httpx.AsyncClient if self.loop else httpx.Client
        http = http_class(transport=server.async_transport() if self.loop else server.transport())

        class Client(base):  # type: ignore[misc, valid-type]
            endpoint_name = "Shop"
            endpoint_version = "1.0.0"

        auth = auth or rt.auth.CookieAuth("admin", PASSWORD, tenant="Company")
        client = Client(SITE, auth=auth, http_client=http, fleet=fleet, **options)
        self.clients.append(client)
        return client

    def coordination(self, fleet: Any) -> Any:
        module = self.rt._async_coordination if self.loop else self.rt._sync_coordination
        auth = self.rt.auth.CookieAuth("admin", PASSWORD)
        http = httpx.AsyncClient() if self.loop else httpx.Client()
        return module.connect(fleet, SITE, auth, logging.getLogger("fleet-test"), http)

    def close(self) -> None:
        for client in self.clients:
            client._signed_in = False  # no ResourceWarning at teardown for a client left open
        if self.loop is not None:
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def transport(request: pytest.FixtureRequest, rt: Any) -> Iterator[Transport]:
    runner = Transport(rt, request.param)
    yield runner
    runner.close()


@pytest.fixture
def fleet(rt: Any, redis_url: str) -> Callable[..., Any]:
    """``fleet(**settings)``: a ``Fleet`` on the test Redis with a name of this test's own."""
    name = f"test-{uuid.uuid4().hex[:8]}"

    def make(**settings: Any) -> Any:
        settings.setdefault("name", name)
        return rt.coordination.Fleet(redis_url, **settings)

    return make


def get(t: Transport, client: Any, path: str = "SalesOrder") -> httpx.Response:
    return t.run(client.request("GET", path))  # type: ignore[no-any-return]


# Settings and sealing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"concurrent_requests": 0}, "concurrent_requests must be at least 1"),
        ({"requests_per_minute": 2.5}, "requests_per_minute must be a whole number"),
        ({"fleet_size": 0}, "fleet_size must be a whole number, at least 1"),
        ({"lease": float("inf")}, "lease must be a positive number of seconds"),
        ({"redis_url": "localhost:6379"}, "redis_url must look like redis://host:6379/0"),
    ],
)
def test_fleet_settings_refuse_bad_values_clearly(rt, settings, message):
    with pytest.raises(rt.errors.ConfigurationError, match=message):
        rt.coordination.Fleet(**settings)


def test_local_share_is_the_limits_divided_by_the_fleet_never_zero(rt):
    fleet = rt.coordination.Fleet(concurrent_requests=10, requests_per_minute=600, fleet_size=8)
    assert fleet.local_share() == (1, 75)
    assert rt.coordination.Fleet(concurrent_requests=3, fleet_size=8).local_share() == (1, None)


def test_sealed_sessions_open_only_with_the_same_key_and_untouched(rt):
    sealer = rt.coordination.Sealer(b"k" * 32)
    record = b'{"cookies":{"ASP.NET_SessionId":"s3cr3t-cookie"}}'
    sealed = sealer.seal(record)
    assert b"s3cr3t" not in sealed and sealer.seal(record) != sealed  # a fresh nonce each time
    assert sealer.open(sealed) == record
    assert rt.coordination.Sealer(b"x" * 32).open(sealed) is None
    tampered = bytearray(sealed)
    tampered[-2] = ord("A") if tampered[-2] != ord("A") else ord("B")
    assert sealer.open(bytes(tampered)) is None
    assert sealer.open(b"not base64!") is None


def test_shared_session_repr_shows_no_cookie_or_token(rt):
    state = rt.coordination.SharedSession(3, {"ASP.NET_SessionId": "abc"}, {"access_token": "t"})
    assert repr(state) == "SharedSession(generation=3)"
    assert rt.coordination.SharedSession.from_bytes(state.to_bytes()).cookies == state.cookies


def test_a_sealing_key_is_required_when_the_credentials_have_no_lasting_secret(rt):
    fleet = rt.coordination.Fleet("redis://127.0.0.1:1/0")
    with pytest.raises(rt.errors.ConfigurationError, match="needs key="):
        rt.coordination.sealing_key(fleet, rt.auth.OAuth2Token("just-a-token"))
    own_key = rt.coordination.Fleet("redis://127.0.0.1:1/0", key="shared secret")
    assert rt.coordination.sealing_key(own_key, rt.auth.OAuth2Token("t")) == b"shared secret"


# The in-process coordinator --------------------------------------------------------------------


def test_local_requests_per_minute_waits_for_the_oldest_start_to_leave(transport, rt, monkeypatch):
    module = rt._async_coordination if transport.loop else rt._sync_coordination
    slept: list[float] = []
    now = [100.0]

    def fake_sleep(seconds: float) -> Any:
        slept.append(seconds)
        now[0] += seconds
        return asyncio.sleep(0) if transport.loop else None

    monkeypatch.setattr(module, "async_sleep" if transport.loop else "sleep", fake_sleep)
    limits = module.AsyncLocalLimits(None, 2) if transport.loop else module.LocalLimits(None, 2)
    limits._clock = lambda: now[0]
    transport.run(limits.enter())
    now[0] += 10
    transport.run(limits.enter())
    transport.run(limits.enter())  # the minute holds two starts: wait for the first to leave
    assert slept == [pytest.approx(50.0)]


def test_a_fleet_without_redis_keeps_its_limits_in_process(transport, rt):
    server = FakeAcumatica(latency=0.02)
    fleet = rt.coordination.Fleet(concurrent_requests=2)
    client = transport.client(server, fleet, max_concurrency=10)
    if transport.loop:

        async def many() -> None:
            await asyncio.gather(*(client.request("GET", "SalesOrder") for _ in range(8)))

        transport.run(many())
    else:
        threads = [threading.Thread(target=get, args=(transport, client)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert server.max_in_flight == 2
    transport.run(client.close())
    assert server.logouts == 1 and server.open_sessions == 0


# Redis: slots, the minute, fairness ------------------------------------------------------------


def test_fleet_slots_are_shared_by_workers_and_expire_with_a_dead_worker(transport, fleet):
    settings = fleet(concurrent_requests=2, lease=0.5)
    first, second = transport.coordination(settings), transport.coordination(settings)
    a = transport.run(first.enter())
    transport.run(first.enter())  # never left: a worker that died holding it
    started = time.monotonic()
    b = transport.run(second.enter())  # waits for the dead slot's lease to end
    assert time.monotonic() - started >= 0.3
    assert a and b and a != b
    transport.run(second.leave(b))
    for coordination in (first, second):
        transport.run(coordination.close())


def test_fleet_requests_per_minute_is_a_sliding_window_in_redis(transport, fleet, rt, monkeypatch):
    kind = "async" if transport.loop else "sync"
    module = importlib.import_module(f"acumatica_codegen.runtime._{kind}_redis_coordination")
    monkeypatch.setattr(module, "WINDOW", 0.5)  # a "minute" of 0.5 s keeps the test short
    monkeypatch.setattr(module, "WINDOW_SLACK", 0.1)
    settings = fleet(requests_per_minute=3)
    workers = [transport.coordination(settings) for _ in range(2)]
    started = time.monotonic()
    for index in range(3):
        transport.run(workers[index % 2].enter())
    assert time.monotonic() - started < 0.3
    transport.run(workers[1].enter())  # the fourth start waits for the first to leave the window
    assert time.monotonic() - started >= 0.55
    for worker in workers:
        transport.run(worker.close())


def test_waiters_are_served_first_come_first_served(rt, fleet):
    settings = fleet(concurrent_requests=1)
    http = httpx.Client()

    def coordination(*args: Any) -> Any:
        return rt._sync_coordination.connect(*args, http)

    holder = coordination(settings, SITE, rt.auth.CookieAuth("a", "b"), logging.getLogger())
    slot = holder.enter()
    order: list[int] = []

    def wait(index: int) -> None:
        worker = coordination(settings, SITE, rt.auth.CookieAuth("a", "b"), logging.getLogger())
        taken = worker.enter()
        order.append(index)
        worker.leave(taken)
        worker.close()

    threads = []
    for index in range(4):
        threads.append(threading.Thread(target=wait, args=(index,)))
        threads[-1].start()
        time.sleep(0.05)  # each one queued before the next arrives
    holder.leave(slot)
    for thread in threads:
        thread.join(10)
    holder.close()
    assert order == [0, 1, 2, 3]


# Redis: shared sessions ------------------------------------------------------------------------


def test_workers_share_one_signed_in_session_and_the_last_signs_it_out(transport, fleet):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4)
    first, second = transport.client(server, settings), transport.client(server, settings)
    get(transport, first)
    get(transport, second)
    assert server.logins == 1 and server.open_sessions == 1
    transport.run(first.close())
    assert server.logouts == 0 and server.open_sessions == 1  # the second still uses it
    get(transport, second)
    transport.run(second.close())
    assert server.logouts == 1 and server.open_sessions == 0


def test_a_stale_session_is_renewed_once_for_the_fleet(transport, fleet):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4)
    workers = [transport.client(server, settings) for _ in range(3)]
    for worker in workers:
        get(transport, worker)
    # The first worker's request finds the session stale: it renews it for everyone.
    server.fail_next(is_entity, stale_session_500())
    old_session = next(iter(server.sessions))
    server.sessions.clear()  # the stale session is over on the server too
    get(transport, workers[0])
    for worker in workers[1:]:
        get(transport, worker)  # 401 on the old cookie: takes up the renewed session, no sign-in
    assert server.logins == 2
    cookies = {w._cookies.header for w in workers}
    assert len(cookies) == 1 and old_session not in cookies.pop()
    for worker in workers:
        transport.run(worker.close())
    assert server.open_sessions == 0


def test_a_renewed_session_is_taken_up_before_sending_on_the_old_one(transport, fleet):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4)
    first, second = transport.client(server, settings), transport.client(server, settings)
    get(transport, first)
    get(transport, second)
    server.fail_next(is_entity, stale_session_500())
    server.sessions.clear()
    get(transport, first)  # renews
    # Another thread or task of the second worker takes a slot: the answer carries the fleet's
    # session generation, which has moved.
    transport.run(second._fleet.leave(transport.run(second._fleet.enter())))
    sent = len(server.requests)
    get(transport, second)  # takes up the renewed session, then sends once: no 401
    assert [r.url.path.rsplit("/", 1)[-1] for r in server.requests[sent:]] == ["SalesOrder"]
    for worker in (first, second):
        transport.run(worker.close())


def test_the_shared_session_in_redis_holds_no_readable_cookie(transport, fleet, redis_url):
    import redis

    server = FakeAcumatica()
    client = transport.client(server, fleet(concurrent_requests=2))
    get(transport, client)
    cookie = next(iter(server.sessions)).encode()
    with redis.Redis.from_url(redis_url) as plain:
        values = [plain.dump(key) or b"" for key in plain.keys("*")]
    # The cookie as stored would be a quoted JSON string; a bare "s1" may occur in ciphertext.
    assert values and not any(b'"' + cookie + b'"' in value for value in values)
    assert PASSWORD.encode() not in b"".join(values)
    transport.run(client.close())


def test_oauth_tokens_are_refreshed_by_one_worker_for_the_fleet(transport, fleet, rt):
    from runtime_fake import CLIENT_SECRET

    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4)

    def oauth() -> Any:
        return rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)

    workers = [transport.client(server, settings, auth=oauth()) for _ in range(3)]
    for worker in workers:
        get(transport, worker)
    assert server.token_grants == ["password"]
    server.expire_tokens()
    for worker in workers:
        get(transport, worker)
    assert server.token_grants == ["password", "refresh_token"]
    assert len({w.auth.access_token for w in workers}) == 1
    for worker in workers:
        transport.run(worker.close())


def test_the_session_budget_seats_workers_on_the_least_used_session(transport, fleet):
    server = FakeAcumatica(max_sessions=2)
    settings = fleet(concurrent_requests=4, sessions=2)
    workers = [transport.client(server, settings) for _ in range(4)]
    for worker in workers:
        get(transport, worker)
    assert server.logins == 2 and server.open_sessions == 2
    for worker in workers:
        transport.run(worker.close())
    assert server.open_sessions == 0


# Redis out of reach ----------------------------------------------------------------------------


def test_without_redis_a_worker_keeps_its_share_and_says_so_once(transport, rt, caplog, tmp_path):
    redis_binary()
    pytest.importorskip("redis")
    outage = RedisServer(redis_binary(), tmp_path)  # not started: nothing listens on its port
    server = FakeAcumatica(latency=0.01)
    fleet = rt.coordination.Fleet(
        outage.url, name="outage", concurrent_requests=8, fleet_size=4, sessions=4
    )
    client = transport.client(server, fleet)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            get(transport, client)
        outage.start()  # Redis comes back
        try:
            client._fleet._down_until = 0.0  # no need to wait for the next reconnection try
            get(transport, client)  # limits from Redis again
            assert not client._fleet.degraded
            get(transport, client)  # and the fleet's session instead of its own
            assert client._fleet_generation > 0 and server.logins == 2
        finally:
            transport.run(client.close())
            outage.stop()
    unreachable = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(unreachable) == 1
    assert "2 concurrent" in unreachable[0].getMessage()
    assert any("Redis answers again" in r.getMessage() for r in caplog.records)
    assert server.open_sessions == 0  # its own session, from the outage, was signed out


def test_without_redis_a_budget_too_small_for_the_fleet_fails_clearly(transport, rt, tmp_path):
    pytest.importorskip("redis")
    outage = RedisServer(redis_binary(), tmp_path)
    fleet = rt.coordination.Fleet(outage.url, name="outage", fleet_size=8, sessions=2)
    client = transport.client(FakeAcumatica(), fleet)
    with pytest.raises(rt.coordination.FleetUnavailable, match="Redis is unreachable"):
        get(transport, client)
    transport.run(client.close())


def test_fleet_needs_redis_py_for_a_redis_url(transport, rt, monkeypatch):
    import sys

    for name in ("redis", "redis.asyncio", "redis.exceptions"):
        monkeypatch.setitem(sys.modules, name, None)  # as if redis-py were not installed
    for name in ("_async_redis_coordination", "_sync_redis_coordination"):
        monkeypatch.delitem(sys.modules, f"acumatica_codegen.runtime.{name}", raising=False)
    fleet = rt.coordination.Fleet("redis://127.0.0.1:1/0")
    with pytest.raises(rt.errors.ConfigurationError, match=r"\[redis\]"):
        transport.client(FakeAcumatica(), fleet)


def test_a_worker_closing_while_redis_is_away_leaves_the_shared_session_open(
    transport, rt, tmp_path
):
    # It cannot know whether others still use the session: their leases and the last one decide.
    pytest.importorskip("redis")
    own_redis = RedisServer(redis_binary(), tmp_path)
    own_redis.start()
    server = FakeAcumatica()
    fleet = rt.coordination.Fleet(own_redis.url, name="closing", concurrent_requests=2)
    first, second = transport.client(server, fleet), transport.client(server, fleet)
    try:
        get(transport, first)
        get(transport, second)
    finally:
        own_redis.stop()
    transport.run(first.close())
    assert server.logouts == 0 and server.open_sessions == 1 and not first.signed_in
    own_redis.start()  # back, empty (no persistence): nobody else is a user of the seat now
    second._fleet._down_until = None
    # What this test is about is who signs out; drop the connections the restart broke (on
    # Python 3.10 redis-py's asyncio pool does not always retry them at once).
    transport.run(_disconnect(second._fleet._redis.connection_pool))
    try:
        transport.run(second.close())
    finally:
        own_redis.stop()
    assert server.logouts == 1 and server.open_sessions == 0  # the last user signs it out


def _disconnect(pool: Any) -> Any:
    """``pool.disconnect()`` for either redis-py pool (the async one returns a coroutine)."""
    return pool.disconnect()


# Redis: sessions whose workers all died --------------------------------------------------------


def crash(client: Any) -> str:
    """Leave ``client`` as a SIGKILL would: no sign-out, no leaving its seat. Its session id."""
    client._closed = True  # never used again; its lease in Redis is all that is left of it
    return client._cookies.snapshot()["ASP.NET_SessionId"]  # type: ignore[no-any-return]


def test_a_session_whose_workers_all_died_is_signed_out_by_the_next_worker(
    transport, fleet, caplog
):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, lease=0.3)
    dead = transport.client(server, settings)
    get(transport, dead)
    orphan = crash(dead)
    time.sleep(0.4)  # its lease ends
    newcomer = transport.client(server, settings)
    with caplog.at_level(logging.WARNING):
        get(transport, newcomer)
    assert server.logouts == 1 and orphan not in server.sessions
    assert server.logins == 2 and server.open_sessions == 1  # the newcomer's own
    logout = next(r for r in server.requests if r.url.path.endswith("/logout"))
    assert orphan in logout.headers["Cookie"]
    # One line says so, without a cookie or the password.
    said = [r.getMessage() for r in caplog.records if "stopped without signing out" in r.message]
    assert len(said) == 1 and "answered 204" in said[0]
    assert orphan not in caplog.text and PASSWORD not in caplog.text
    transport.run(newcomer.close())
    assert server.open_sessions == 0


def endless_body(kind: str) -> httpx.Response:
    """A 200 whose body drips one byte every 50 ms for 20 s (a proxy's page, a broken server)."""
    if kind == "sync":

        def drip() -> Iterator[bytes]:
            for _ in range(400):
                time.sleep(0.05)
                yield b" "

        return httpx.Response(200, content=drip())

    async def adrip() -> Any:
        for _ in range(400):
            await asyncio.sleep(0.05)
            yield b" "

    return httpx.Response(200, content=adrip())


def test_an_orphan_sign_out_answered_endlessly_does_not_hold_the_request_that_found_it(
    transport, fleet, caplog
):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, lease=0.3)
    dead = transport.client(server, settings)
    get(transport, dead)
    crash(dead)
    time.sleep(0.4)  # its lease ends
    server.fail_next(lambda r: r.url.path.endswith("/logout"), lambda: endless_body(transport.kind))
    newcomer = transport.client(server, settings, timeout=5.0)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert get(transport, newcomer).status_code == 200
    assert time.monotonic() - started < 3  # its body (20 s of drip) is never read
    assert any("signing it out answered 200" in r.getMessage() for r in caplog.records)
    transport.run(newcomer.close())


def test_an_orphaned_session_is_signed_out_once_however_many_workers_find_it(transport, fleet):
    server = FakeAcumatica(max_sessions=4)
    settings = fleet(concurrent_requests=8, lease=0.3)
    get(transport, (dead := transport.client(server, settings)))
    crash(dead)
    time.sleep(0.4)
    newcomers = [transport.client(server, settings) for _ in range(4)]
    if transport.loop is None:
        threads = [threading.Thread(target=get, args=(transport, c)) for c in newcomers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
    else:

        async def all_at_once() -> None:
            await asyncio.gather(*(c.request("GET", "SalesOrder") for c in newcomers))

        transport.run(all_at_once())
    assert server.logouts == 1 and server.logins == 2 and server.open_sessions == 1
    for client in newcomers:
        transport.run(client.close())
    assert server.open_sessions == 0


def test_a_busy_worker_frees_the_seat_of_workers_that_died_and_keeps_its_own(transport, fleet):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, sessions=2, lease=0.6)
    busy, dead = transport.client(server, settings), transport.client(server, settings)
    get(transport, busy)
    get(transport, dead)
    assert server.open_sessions == 2  # a seat each
    orphan = crash(dead)
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:  # requests check for orphans now and then, as they go
        get(transport, busy)
        time.sleep(0.05)
    assert orphan not in server.sessions and server.open_sessions == 1
    assert server.logins == 2 and server.logouts == 1  # the busy worker's session lives on
    transport.run(busy.close())
    assert server.open_sessions == 0


def test_a_busy_worker_without_limits_is_never_taken_for_dead(transport, fleet):
    # No limit makes each request renew its membership: the looks for orphans renew it.
    server = FakeAcumatica()
    settings = fleet(lease=0.6)
    busy = transport.client(server, settings)
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        get(transport, busy)
        time.sleep(0.05)
    newcomer = transport.client(server, settings)
    get(transport, newcomer)  # takes up the busy worker's session
    assert server.logins == 1 and server.logouts == 0
    for worker in (busy, newcomer):
        transport.run(worker.close())
    assert server.open_sessions == 0 and server.logouts == 1


def test_an_idle_worker_taken_for_dead_takes_up_the_fleets_new_session(transport, fleet):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, lease=0.3)
    idle = transport.client(server, settings)
    get(transport, idle)
    time.sleep(0.4)  # idle longer than its lease: taken for dead
    newcomer = transport.client(server, settings)
    get(transport, newcomer)
    assert server.logouts == 1 and server.logins == 2
    # Its session ended (a 401 on it): it takes up the newcomer's, and signs in no more.
    assert get(transport, idle).status_code == 200
    assert server.logins == 2 and idle._cookies.header == newcomer._cookies.header
    for worker in (idle, newcomer):
        transport.run(worker.close())
    assert server.open_sessions == 0


def test_an_orphaned_oauth_session_is_ended_with_its_own_token(transport, fleet, rt):
    from runtime_fake import CLIENT_SECRET

    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, lease=0.3)
    dead = transport.client(
        server, settings, auth=rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    )
    get(transport, dead)
    dead._closed = True
    orphan_token = dead.auth.access_token
    time.sleep(0.4)
    auth = rt.auth.OAuth2Password("app", CLIENT_SECRET, "admin", PASSWORD)
    newcomer = transport.client(server, settings, auth=auth)
    get(transport, newcomer)
    logouts = [r for r in server.requests if r.url.path.endswith("/logout")]
    assert [r.headers["Authorization"] for r in logouts] == [f"Bearer {orphan_token}"]
    assert auth.access_token != orphan_token and server.token_grants == ["password", "password"]
    transport.run(newcomer.close())


def test_an_orphan_sign_out_is_built_from_the_orphans_record_alone(rt):
    coordination = rt.coordination
    auth = rt.auth.OAuth2Password("app", "secret", "admin", PASSWORD)
    auth.access_token = "ours"
    orphan = coordination.SharedSession(3, {}, {"access_token": "theirs", "expires_at": None})
    request = coordination.orphan_sign_out(auth, SITE, orphan)
    assert request.url == f"{SITE}/entity/auth/logout"
    assert request.headers["Authorization"] == "Bearer theirs" and auth.access_token == "ours"
    # Nothing that names the session, or credentials that never sign out: nothing to send.
    assert coordination.orphan_sign_out(auth, SITE, coordination.SharedSession(3, {}, {})) is None
    cookie_auth = rt.auth.CookieAuth("admin", PASSWORD)
    assert coordination.orphan_sign_out(cookie_auth, SITE, orphan) is None
    token = rt.auth.OAuth2Token("given")
    assert coordination.orphan_sign_out(token, SITE, orphan) is None
    cookies = coordination.SharedSession(1, {"ASP.NET_SessionId": "s9", "UserBranch": "1"}, {})
    request = coordination.orphan_sign_out(cookie_auth, SITE, cookies)
    assert request.headers["Cookie"] == "ASP.NET_SessionId=s9; UserBranch=1"


def test_an_orphan_whose_sign_out_fails_is_left_to_the_server_and_the_request_goes_on(
    transport, fleet, caplog
):
    server = FakeAcumatica()
    settings = fleet(concurrent_requests=4, lease=0.3)
    get(transport, (dead := transport.client(server, settings)))
    orphan = crash(dead)
    time.sleep(0.4)

    def unreachable() -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    server.fail_next(lambda r: r.url.path.endswith("/logout"), unreachable)
    newcomer = transport.client(server, settings)
    with caplog.at_level(logging.WARNING):
        assert get(transport, newcomer).status_code == 200
    assert "signing it out failed (ConnectError)" in caplog.text and orphan not in caplog.text
    assert orphan in server.sessions  # the server's idle timeout ends it; it was tried once
    later = transport.client(server, settings)
    get(transport, later)
    assert server.logouts == 0 and server.logins == 2
    for worker in (newcomer, later):
        transport.run(worker.close())
