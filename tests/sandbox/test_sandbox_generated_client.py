"""The committed example client (generated/WebShop_24.200.001) against the sandbox, over real HTTP."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

import pytest
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import WEBSHOP_24

sandbox = Sandbox.fixture(WEBSHOP_24, max_sessions=2, action_polls=2)


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
