"""The committed example client (generated/WebShop_24.200.001) against the sandbox, over real HTTP."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sandbox_helpers import REPO, WEBSHOP_24

from acumatica_codegen.sandbox import Sandbox

PACKAGE_ROOT = REPO / "generated" / "WebShop_24.200.001" / "acumatica_web_shop"
sandbox = Sandbox.fixture(WEBSHOP_24, max_sessions=2, action_polls=2)


def _loaded_modules() -> dict[str, ModuleType]:
    return {k: m for k, m in sys.modules.items() if k.split(".")[0] == "acumatica_web_shop"}


@pytest.fixture(scope="module")
def web_shop() -> Iterator[Any]:
    """The 24.200.001 package; another test may have imported it (or the 23.200.001 one) first."""
    if not (PACKAGE_ROOT / "acumatica_web_shop" / "__init__.py").is_file():
        pytest.skip("generated/WebShop_24.200.001 has not been generated")
    before = _loaded_modules()
    current = before.get("acumatica_web_shop")
    if current is not None and PACKAGE_ROOT in Path(current.__file__ or "").parents:
        yield current  # already the right package: share it, change nothing
        return
    for name in before:
        del sys.modules[name]
    sys.path.insert(0, str(PACKAGE_ROOT))
    try:
        package = importlib.import_module("acumatica_web_shop")
        assert package.VERSION == "24.200.001"
        yield package
    finally:
        sys.path.remove(str(PACKAGE_ROOT))
        for name in _loaded_modules():
            del sys.modules[name]
        sys.modules.update(before)


def test_crud_and_action_round_trip(web_shop: Any, sandbox: Sandbox) -> None:
    models = importlib.import_module("acumatica_web_shop.models")
    sandbox.seed("Customer", {"CustomerID": {"value": "C001"}})  # what the order refers to
    sandbox.seed("StockItem", {"InventoryID": {"value": "WIDGET"}})
    auth = web_shop.CookieAuth(name="admin", password="123")
    with web_shop.Client(sandbox.url, auth=auth, action_poll_interval=0.01) as client:
        created = client.sales_order.put(
            models.SalesOrder(
                order_type="SO",
                customer_id="C001",
                order_total=Decimal("12.50"),
                details=[models.SalesOrderDetail(inventory_id="WIDGET", order_qty=Decimal(2))],
            ),
            expand=["Details"],
        )
        assert created.order_nbr == "000001"
        assert created.order_total == Decimal("12.50")
        assert created.details[0].inventory_id == "WIDGET"
        fetched = client.sales_order.get_by_keys("SO", created.order_nbr)
        assert fetched.id == created.id
        assert [o.order_nbr for o in client.sales_order.list(filter="OrderTotal gt 10")] == [
            "000001"
        ]
        client.sales_order.cancel_sales_order(fetched)
        assert client.sales_order.get(created.id).status == "Canceled"
        with pytest.raises(web_shop.ValidationError):
            client.stock_item.put(models.StockItem(inventory_id="X", usr_age_restriction=999))
        client.sales_order.delete_by_keys("SO", created.order_nbr)
        with pytest.raises(web_shop.NotFound):
            client.sales_order.get_by_keys("SO", created.order_nbr)
    stats = sandbox.stats()
    assert stats["open_sessions"] == 0
    assert stats["logins"] == stats["logouts"] == 1
