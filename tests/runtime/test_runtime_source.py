"""The runtime's source: plain Python, sync derived from async, black/ruff/mypy --strict clean."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from acumatica_codegen import runtime_source
from acumatica_codegen.runtime_source import RUNTIME_DIR, runtime_files

REPO = Path(__file__).resolve().parents[2]
OURS = ("__init__", "_async_client", "_sync_client", "_wire", "auth", "errors", "query")


def _unasync_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("unasync", REPO / "scripts" / "unasync.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sync_client_is_derived_from_the_async_source():
    unasync = _unasync_script()
    async_ = (RUNTIME_DIR / "_async_client.py").read_text()
    sync = (RUNTIME_DIR / "_sync_client.py").read_text()
    assert sync == unasync.unasync(async_), "run `python scripts/unasync.py`"
    assert "class SyncBaseClient" in sync and "async " not in sync and "await " not in sync
    assert "asyncio" not in sync  # sync users never import asyncio
    # The same methods, in the same order, apart from the async-only ``aclose`` alias.
    methods = lambda text: re.findall(r"\n    (?:async )?def (\w+)\(", text)  # noqa: E731
    async_methods = [m.replace("__a", "__") for m in methods(async_) if m != "aclose"]
    assert async_methods == methods(sync)
    assert len(methods(sync)) > 35


def test_unasync_check_fails_on_a_stale_sync_file(tmp_path, monkeypatch):
    unasync = _unasync_script()
    stale = tmp_path / "_sync_client.py"
    stale.write_text((RUNTIME_DIR / "_sync_client.py").read_text() + "# edited by hand\n")
    monkeypatch.setattr(unasync, "TARGET", stale)
    assert unasync.main(["--check"]) == 1
    assert unasync.main([]) == 0 and unasync.main(["--check"]) == 0


def test_the_runtime_is_copied_unchanged_and_deterministically():
    files = runtime_files()
    names = {path.removeprefix("_runtime/").removesuffix(".py") for path in files}
    assert set(OURS) <= names
    assert list(files) == sorted(files)
    for path, text in files.items():
        assert (RUNTIME_DIR / path.removeprefix("_runtime/")).read_text() == text
        assert "{{" not in text and "{%" not in text  # no template left in the runtime


def test_package_exports_are_read_from_the_runtime_modules():
    public = runtime_source.public_names()
    assert "AcumaticaError" in public["._runtime.errors"]
    assert "CookieAuth" in public["._runtime.auth"]
    for module, names in public.items():
        loaded = importlib.import_module(
            "acumatica_codegen.runtime" + module.removeprefix("._runtime")
        )
        assert set(names) == set(loaded.__all__)
        assert all(hasattr(loaded, name) for name in names)


def test_reserved_names_are_every_attribute_of_the_runtime_classes(rt):
    # Instance attributes (set in __init__) count as much as methods and properties.
    client = runtime_source.client_names()
    assert {"resolve", "close", "aclose", "invoke", "url", "auth", "request"} <= client
    assert "logger" not in client  # private (_logger): an entity named Logger is client.logger
    for cls in (rt._sync_client.SyncBaseClient, rt._async_client.AsyncBaseClient):
        assert set(dir(cls)) <= client
    api = runtime_source.api_names()
    for cls in (rt._sync_client.EntityApi, rt._async_client.AsyncEntityApi):
        assert {n for n in dir(cls) if not n.startswith("_abc")} <= api
    assert {"to_dict", "from_dict", "mark_deleted"} <= runtime_source.model_names()
    assert set(dir(rt.model.Model)) <= runtime_source.model_names()


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO)


RUNTIME_SOURCES = ("generator/acumatica_codegen/runtime", "scripts/unasync.py")


def test_runtime_source_is_black_clean():
    result = _tool("black", "--check", "-q", "-l", "100", "-t", "py310", *RUNTIME_SOURCES)
    assert result.returncode == 0, result.stderr


def test_runtime_source_is_ruff_clean():
    result = _tool("ruff", "check", "--no-cache", *RUNTIME_SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runtime_source_passes_mypy_strict():
    result = _tool(
        "mypy", "--strict", "--python-version", "3.10", "--no-incremental",
        "generator/acumatica_codegen/runtime",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


GOOD_USE = """
from __future__ import annotations

from decimal import Decimal

from {pkg} import UNSET, AsyncClient, Client, CookieAuth, FieldRef, Filter
from {pkg}.models import SalesOrder, SalesOrderDetail


def sync_use(client: Client) -> list[SalesOrder]:
    open_orders: Filter = (SalesOrder.f.status == "Open") & (SalesOrder.f.order_total > Decimal(5))
    big_lines = SalesOrder.f.details / SalesOrderDetail.f.order_qty >= Decimal(10)
    orders = client.sales_order.list(
        filter=open_orders | big_lines,
        select=[SalesOrder.f.order_nbr, SalesOrder.f.status],
        expand=SalesOrder.f.details,
        page_size=100,
    )
    first: SalesOrder = client.sales_order.put_once(orders[0], ref_field=SalesOrder.f.external_ref)
    client.sales_order.cancel_sales_order(first)
    raw = client.last_response
    assert raw is None or raw.status_code == 204
    return orders


def unset_and_numbers(order: SalesOrder) -> tuple[int, str, Filter]:
    # UNSET narrows like None: by truth, by ``or`` and by ``is not``.
    lines = len(order.details) if order.details else 0
    number: str = order.order_nbr or ""
    if order.status is not UNSET and order.status is not None:
        number += order.status
    # A Decimal field compares with an int as well as a Decimal.
    return lines, number, (SalesOrder.f.order_total > 5) & SalesOrder.f.order_total.ne(0)


async def async_use(client: AsyncClient) -> SalesOrder:
    async for order in client.sales_order.iter(filter=SalesOrder.f.status.eq("Open")):
        return await client.sales_order.put(order, mode="update")
    return await client.sales_order.get_by_keys("SO", "000001")


with Client("https://erp.example.com", auth=CookieAuth("admin", "pw")) as c:
    sync_use(c)
"""

BAD_USE = """
from __future__ import annotations

from {pkg} import Client
from {pkg}.models import SalesOrder


def bad(client: Client) -> None:
    client.sales_order.list(filter=SalesOrder.f.statsu == "Open")  # typo in a field name
    client.sales_order.list(filter=SalesOrder.f.order_total > "a lot")  # wrong value type
    client.sales_order.list(filter=SalesOrder.f.status.eq(5))  # wrong value type
    client.sales_order.put(SalesOrder(), mode="merge")  # no such mode
    client.sales_order.list(filter=SalesOrder.f.order_total > 5.5)  # money is no float
    client.sales_order.list(filter=SalesOrder.f.status > 5)  # an int is no status
"""


@pytest.fixture(scope="module")
def webshop_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from acumatica_codegen.builder import load_endpoint
    from acumatica_codegen.render import write_package

    out = tmp_path_factory.mktemp("typed")
    spec = Path(__file__).resolve().parents[2] / "specs" / "WebShop_24.200.001.json"
    write_package(load_endpoint(spec), out, "webshop_typed")
    return out / "webshop_typed"


def run_mypy(project: Path, name: str, source: str) -> subprocess.CompletedProcess[str]:
    (project / name).write_text(source.format(pkg="webshop_typed"))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", name],
        capture_output=True,
        text=True,
        cwd=project,
    )


def test_typed_queries_and_entity_apis_type_check(webshop_project):
    result = run_mypy(webshop_project, "good_use.py", GOOD_USE)
    assert result.returncode == 0, result.stdout


def test_typos_and_wrong_value_types_fail_at_type_check_time(webshop_project):
    result = run_mypy(webshop_project, "bad_use.py", BAD_USE)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == [
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
    ], result.stdout
    assert 'has no attribute "statsu"' in result.stdout


def test_every_sync_twin_is_derived_from_its_async_source():
    # The fleet coordination (issue 12) has I/O too: its sync modules are derived like the client.
    unasync = _unasync_script()
    derived = dict(unasync.derivations())
    for _source, target in unasync.PAIRS:
        text = target.read_text()
        assert derived[target] == text, "run `python scripts/unasync.py`"
        assert "async def" not in text and "await " not in text and "import asyncio" not in text
    assert len(unasync.PAIRS) >= 2
