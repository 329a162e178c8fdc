"""Fixtures for the runtime tests: the runtime imported as the ordinary package it is."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # runtime_fake, beside the tests
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))  # redis_server and fleet, shared with the fleet benchmark
import redis_server as redis_server_module  # noqa: E402

RUNTIME_MODULES = (
    "_sync_client", "_async_client", "_wire", "auth", "dialect", "errors", "model", "query",
    "values", "_answers", "_lenient", "coordination", "_sync_coordination", "_async_coordination",
)  # fmt: skip


@pytest.fixture(scope="session")
def rt() -> ModuleType:
    """``acumatica_codegen.runtime`` with every runtime module imported as an attribute."""
    for name in RUNTIME_MODULES:
        importlib.import_module(f"acumatica_codegen.runtime.{name}")
    import acumatica_codegen.runtime

    return acumatica_codegen.runtime


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    from runtime_fake import FakeAcumatica

    return FakeAcumatica()


class Sleeps(list):  # type: ignore[type-arg]
    """Records requested sleeps instead of sleeping; advances a fake clock."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 1000.0

    def sleep(self, seconds: float) -> None:
        self.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def clock(self) -> float:
        return self.now


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(rt: ModuleType, server, sleeps: Sleeps):  # type: ignore[no-untyped-def]
    """``make_client(auth=None, **options)``: a sync client on the fake, sleeps recorded."""
    import httpx
    from runtime_fake import PASSWORD, SITE

    made = []

    def make(auth=None, *, transport=None, fake_sleep=True, **options):  # type: ignore[no-untyped-def]
        class Client(rt._sync_client.SyncBaseClient):
            endpoint_name = "Shop"
            endpoint_version = "1.0.0"

        http = httpx.Client(transport=transport or server.transport())
        client = Client(
            SITE,
            auth=auth or rt.auth.CookieAuth("admin", PASSWORD, tenant="Company"),
            http_client=http,
            **options,
        )
        if fake_sleep:
            client._sleep = sleeps.sleep
            client._clock = sleeps.clock
        made.append(client)
        return client

    yield make
    for client in made:
        client._signed_in = False  # tests that leak on purpose must not warn at teardown


@pytest.fixture
def make_async_client(rt: ModuleType, server, sleeps: Sleeps):  # type: ignore[no-untyped-def]
    """``make_async_client(auth=None, **options)``: an async client on the fake."""
    import httpx
    from runtime_fake import PASSWORD, SITE

    def make(auth=None, *, fake_sleep=True, **options):  # type: ignore[no-untyped-def]
        class AsyncClient(rt._async_client.AsyncBaseClient):
            endpoint_name = "Shop"
            endpoint_version = "1.0.0"

        http = httpx.AsyncClient(transport=server.async_transport())
        client = AsyncClient(
            SITE,
            auth=auth or rt.auth.CookieAuth("admin", PASSWORD),
            http_client=http,
            **options,
        )
        if fake_sleep:
            client._sleep = sleeps.asleep
            client._clock = sleeps.clock
        return client

    return make


@pytest.fixture
def orders(rt: ModuleType):  # type: ignore[no-untyped-def]
    """``orders(client)``: a SalesOrder API over the stand-in Record model (sync or async)."""
    from runtime_fake import Record

    # get_by_keys/delete_by_keys as a generated API wraps the base's _get_by_keys and
    # _delete_by_keys (there with one typed parameter per key, here positional like the URL).
    class SalesOrderApi(rt._sync_client.EntityApi):  # type: ignore[misc]
        entity_name = "SalesOrder"
        model = Record
        key_fields = ("OrderType", "OrderNbr")

        def get_by_keys(self, *keys, **options):  # type: ignore[no-untyped-def]
            return self._get_by_keys(keys, **options)

        def delete_by_keys(self, *keys, **options):  # type: ignore[no-untyped-def]
            return self._delete_by_keys(keys, **options)

    class AsyncSalesOrderApi(rt._async_client.AsyncEntityApi):  # type: ignore[misc]
        entity_name = "SalesOrder"
        model = Record
        key_fields = ("OrderType", "OrderNbr")

        async def get_by_keys(self, *keys, **options):  # type: ignore[no-untyped-def]
            return await self._get_by_keys(keys, **options)

        async def delete_by_keys(self, *keys, **options):  # type: ignore[no-untyped-def]
            return await self._delete_by_keys(keys, **options)

    def make(client):  # type: ignore[no-untyped-def]
        if isinstance(client, rt._async_client.AsyncBaseClient):
            return AsyncSalesOrderApi(client)
        return SalesOrderApi(client)

    return make


def redis_binary() -> str:
    """``redis-server``'s path; skips (fails under ``CI=true``) when it is not installed."""
    binary = redis_server_module.redis_binary()
    if binary is None:
        message = (
            "redis-server is not installed: the fleet tests need a real Redis "
            "(apt-get install redis-server; .ci/run installs it)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return binary


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One Redis for the test session (each test uses its own fleet ``name``)."""
    server = redis_server_module.RedisServer(redis_binary(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: Any) -> str:
    pytest.importorskip("redis", reason="redis-py is in the dev extra: pip install -e '.[dev]'")
    return redis_server.url
