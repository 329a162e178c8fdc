"""Fixtures for the runtime tests: the runtime rendered once per session into a temp package."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
try:
    import acumatica_codegen  # noqa: F401
except ImportError:  # not installed into the venv yet: use the source tree
    sys.path.insert(0, str(REPO / "generator"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from runtime_render_helper import import_runtime  # noqa: E402


@pytest.fixture(scope="session")
def runtime_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("runtime")


@pytest.fixture(scope="session")
def pkg(runtime_root: Path) -> ModuleType:
    """The rendered package ``acumatica_shop`` with its ``_runtime`` imported."""
    return import_runtime(runtime_root)


@pytest.fixture(scope="session")
def rt(pkg: ModuleType) -> ModuleType:
    """The ``_runtime`` package with every runtime module imported as an attribute."""
    import importlib

    for name in ("_sync_client", "_async_client", "errors", "auth", "query", "_wire"):
        importlib.import_module(f"{pkg.__name__}._runtime.{name}")
    return pkg._runtime


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

    class SalesOrderApi(rt._sync_client.EntityApi):  # type: ignore[misc]
        entity_name = "SalesOrder"
        model = Record
        key_fields = ("OrderType", "OrderNbr")

    class AsyncSalesOrderApi(rt._async_client.AsyncEntityApi):  # type: ignore[misc]
        entity_name = "SalesOrder"
        model = Record
        key_fields = ("OrderType", "OrderNbr")

    def make(client):  # type: ignore[no-untyped-def]
        if isinstance(client, rt._async_client.AsyncBaseClient):
            return AsyncSalesOrderApi(client)
        return SalesOrderApi(client)

    return make
