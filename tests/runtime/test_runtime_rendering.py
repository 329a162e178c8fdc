"""The rendered runtime: one template source for both transports, black-clean, mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from runtime_render_helper import TEMPLATES, make_env, render_runtime, tiny_endpoint

from acumatica_codegen.runtime_render import runtime_files

OURS = ("__init__", "_async_client", "_sync_client", "_wire", "auth", "errors", "query")


def test_sync_and_async_come_from_one_template():
    runtime = TEMPLATES / "package" / "_runtime"
    assert (runtime / "_client.py.jinja").is_file()
    assert not list(runtime.glob("_sync*")) and not list(runtime.glob("_async*"))
    files = runtime_files(make_env(), {"package_name": "p", "endpoint": tiny_endpoint()})
    sync, async_ = files["_runtime/_sync_client.py"], files["_runtime/_async_client.py"]
    assert "class SyncBaseClient" in sync and "async def" not in sync
    assert "class AsyncBaseClient" in async_ and "async def request(" in async_
    # The same methods, in the same order, apart from the async-only ``aclose`` alias.
    methods = lambda text: re.findall(r"\n    (?:async )?def (\w+)\(", text)  # noqa: E731
    async_methods = [m.replace("__a", "__") for m in methods(async_) if m != "aclose"]
    assert async_methods == methods(sync)
    assert len(methods(sync)) > 35


def test_every_runtime_template_is_rendered_deterministically():
    env = make_env()
    context = {"package_name": "acumatica_shop", "endpoint": tiny_endpoint()}
    first = runtime_files(env, context)
    assert first == runtime_files(make_env(), context)
    names = {path.removeprefix("_runtime/").removesuffix(".py") for path in first}
    assert set(OURS) <= names
    assert list(first) == sorted(first)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    package = render_runtime(tmp_path_factory.mktemp("check"))
    return [package / "_runtime" / f"{name}.py" for name in OURS]


def test_rendered_runtime_is_black_clean(rendered):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "-q",
            "-l",
            "100",
            "-t",
            "py310",
            *map(str, rendered),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_rendered_runtime_passes_mypy_strict(rendered):
    root = rendered[0].parents[1]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--no-incremental",
            *map(str, rendered),
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
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
    assert [line.split(":")[1] for line in errors] == ["9", "10", "11", "12", "13", "14"], (
        result.stdout
    )
    assert 'has no attribute "statsu"' in result.stdout
