"""An endpoint whose entities, fields and actions are named like the runtime's own attributes
(issue 10.5) still generates a working client: ``tests/fixtures/specs/runtime_names.json`` has
entities Resolve, Logger, Close and Invoke, fields ToDict, MarkDeleted and FieldErrors, and
actions Resolve.Invoke and Logger.Close. Generated, imported and used against the sandbox, sync
and async."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from acumatica_codegen import runtime_source
from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.render import write_package
from acumatica_codegen.sandbox import Sandbox

SPEC = Path(__file__).resolve().parent / "fixtures" / "specs" / "runtime_names.json"
PACKAGE = "acumatica_runtime_names_t"


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    out = tmp_path_factory.mktemp("runtime-names")
    write_package(load_endpoint(SPEC), out, PACKAGE)
    sys.path.insert(0, str(out / PACKAGE))
    importlib.invalidate_caches()
    return importlib.import_module(PACKAGE)


@pytest.fixture(scope="module")
def sandbox():  # type: ignore[no-untyped-def]
    with Sandbox(SPEC, port=0) as running:
        yield running


def test_the_fixture_really_collides_with_the_runtime():
    assert {"resolve", "close", "invoke"} <= runtime_source.client_names()
    assert "invoke" in runtime_source.api_names()
    assert {"to_dict", "mark_deleted", "field_errors"} <= runtime_source.model_names()
    assert "logger" not in runtime_source.client_names()  # the runtime keeps its logger private


def test_a_sync_client_of_entities_named_like_the_runtime_works(names, sandbox):
    from acumatica_runtime_names_t.api.logger import LoggerApi
    from acumatica_runtime_names_t.api.resolve import ResolveApi
    from acumatica_runtime_names_t.models import Logger, Resolve

    with names.Client(sandbox.url, auth=names.CookieAuth("admin", "123")) as client:
        assert isinstance(client.logger, LoggerApi)  # the entity, not a logging.Logger
        assert isinstance(client.resolve_, ResolveApi) and callable(client.resolve)
        assert client.resolve("SalesOrder").endswith("/RuntimeNames/1.0.0/SalesOrder")
        assert callable(client.close) and callable(client.invoke)
        saved = client.logger.put(
            Logger(name="L1", to_dict_="td", mark_deleted_=True, field_errors_="fe", amount=1)
        )
        assert (saved.to_dict_, saved.mark_deleted_, saved.field_errors_) == ("td", True, "fe")
        assert saved.to_dict()["ToDict"] == {"value": "td"}  # the model's method still works
        again = client.logger.get(saved.id)
        assert again.to_dict_ == "td" and again.amount == Decimal("1")
        client.logger.close(again, reason="done")  # the action, not the client's close()
        record = client.resolve_.put(Resolve(name="R1"))
        client.resolve_.invoke_(record, reason="why")  # the action
        client.resolve_.invoke("Invoke", record)  # the runtime's invoke, any action by name
        assert client.close_.list() == [] and client.invoke_.list() == []
        assert client.signed_in
    assert not client.signed_in  # close() is still the client's


def test_an_async_client_of_entities_named_like_the_runtime_works(names, sandbox):
    from acumatica_runtime_names_t.api.logger import AsyncLoggerApi
    from acumatica_runtime_names_t.models import Logger

    async def main() -> None:
        async with names.AsyncClient(sandbox.url, auth=names.CookieAuth("admin", "123")) as c:
            assert isinstance(c.logger, AsyncLoggerApi)
            saved = await c.logger.put(Logger(name="A1", field_errors_="x", mark_deleted_=False))
            assert (saved.field_errors_, saved.mark_deleted_) == ("x", False)
            await c.logger.close(saved, reason="done")
            resolve = await c.resolve_.put(names.models.Resolve(name="R2"))
            await c.resolve_.invoke_(resolve)
            assert await c.close_.list() == []

    asyncio.run(main())


def test_the_package_logger_is_reached_by_its_name(names, sandbox, caplog):
    caplog.set_level(logging.DEBUG, logger=PACKAGE)
    with names.Client(sandbox.url, auth=names.CookieAuth("admin", "123")) as client:
        client.invoke_.list()
    assert any(record.name == PACKAGE for record in caplog.records)
