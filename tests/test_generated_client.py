"""The committed example client (generated/WebShop_24.200.001) end to end over httpx.MockTransport:
sign-in on first use, sign-out always, CRUD with model instances, typed actions with polling.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from testkit import use_example_package

use_example_package()

import acumatica_web_shop as shop  # noqa: E402
from acumatica_web_shop.models import Customer, Payment, SalesOrder, SalesOrderDetail  # noqa: E402

BASE = "https://erp.example.com/entity/WebShop/24.200.001"


class FakeAcumatica:
    """Just enough of Acumatica to see what the client sends."""

    def __init__(self, action_polls: int = 2) -> None:
        self.requests: list[httpx.Request] = []
        self.action_polls = action_polls
        self.polls_left = 0
        self.signed_in = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == "/entity/auth/login":
            self.signed_in = True
            return httpx.Response(204, headers={"Set-Cookie": "ASP.NET_SessionId=abc; path=/"})
        if path == "/entity/auth/logout":
            self.signed_in = False
            return httpx.Response(204)
        if not self.signed_in:
            return httpx.Response(401, json={"message": "You are not logged in."})
        if request.method == "PUT" and path.endswith("/SalesOrder"):
            body = json.loads(request.content)
            return httpx.Response(200, json={**body, "id": "5b6c0000-0000-0000-0000-000000000001"})
        if request.method == "GET" and path.endswith("/SalesOrder"):
            return httpx.Response(
                200, json=[{"OrderNbr": {"value": "SO001"}}, {"OrderNbr": {"value": "SO002"}}]
            )
        if request.method == "GET" and path.endswith("/SalesOrder/SO/SO001"):
            return httpx.Response(
                200, json={"OrderType": {"value": "SO"}, "OrderNbr": {"value": "SO001"}}
            )
        if request.method == "DELETE":
            return httpx.Response(204)
        if request.method == "POST" and "/Payment/" in path:
            self.polls_left = self.action_polls
            return httpx.Response(
                202, headers={"Location": "/entity/WebShop/24.200.001/Payment/status/42"}
            )
        if request.method == "GET" and path.endswith("/status/42"):
            if self.polls_left:
                self.polls_left -= 1
                return httpx.Response(
                    202, headers={"Location": "/entity/WebShop/24.200.001/Payment/status/42"}
                )
            return httpx.Response(
                204, headers={"Location": "/entity/WebShop/24.200.001/Payment/never-follow-me"}
            )
        return httpx.Response(500, json={"message": f"unexpected {request.method} {path}"})

    def calls(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


def make_client(fake: FakeAcumatica) -> shop.Client:
    client = shop.Client(
        "https://erp.example.com",
        auth=shop.CookieAuth(name="admin", password="s3cret", tenant="Company", branch="HQ"),
        http_client=httpx.Client(transport=httpx.MockTransport(fake)),
        action_poll_interval=0,
    )
    return client


def test_package_exposes_endpoint_version_and_builds_urls_from_them() -> None:
    assert (shop.ENDPOINT, shop.VERSION) == ("WebShop", "24.200.001")
    assert len(shop.SPEC_SHA256) == 64
    fake = FakeAcumatica()
    with make_client(fake) as client:
        client.sales_order.list()
    assert f"GET {httpx.URL(BASE).path}/SalesOrder" in fake.calls()


def test_client_signs_in_lazily_and_signs_out_on_exit() -> None:
    fake = FakeAcumatica()
    with make_client(fake) as client:
        assert fake.requests == []
        orders = client.sales_order.list(top=2)
    calls = fake.calls()
    assert calls[0] == "POST /entity/auth/login"
    assert calls[-1] == "POST /entity/auth/logout"
    login = json.loads(fake.requests[0].content)
    assert login == {"name": "admin", "password": "s3cret", "tenant": "Company", "branch": "HQ"}
    assert fake.requests[-1].headers["Content-Length"] == "0"
    assert [o.order_nbr for o in orders] == ["SO001", "SO002"]
    assert all(isinstance(o, SalesOrder) for o in orders)


def test_client_signs_out_when_user_code_raises() -> None:
    fake = FakeAcumatica()
    with pytest.raises(RuntimeError, match="boom"):
        with make_client(fake) as client:
            client.sales_order.list()
            raise RuntimeError("boom")
    assert fake.calls()[-1] == "POST /entity/auth/logout"
    assert not fake.signed_in


def test_put_sends_wrapped_values_and_returns_a_model() -> None:
    fake = FakeAcumatica()
    order = SalesOrder(
        order_type="SO",
        customer_id="C001",
        description=None,
        details=[SalesOrderDetail(inventory_id="WIDGET", order_qty=Decimal("2.5"))],
    )
    with make_client(fake) as client:
        saved = client.sales_order.put(order, expand=SalesOrder.f.details)
    put = next(r for r in fake.requests if r.method == "PUT")
    assert put.url.params["$expand"] == "Details"
    assert json.loads(put.content) == {
        "OrderType": {"value": "SO"},
        "CustomerID": {"value": "C001"},
        "Description": {"value": None},
        "Details": [{"InventoryID": {"value": "WIDGET"}, "OrderQty": {"value": 2.5}}],
    }
    assert isinstance(saved, SalesOrder)
    assert saved.details is not None and saved.details[0].order_qty == Decimal("2.5")


def test_typed_get_by_keys_and_delete_by_keys_use_key_segments_in_order() -> None:
    fake = FakeAcumatica()
    with make_client(fake) as client:
        order = client.sales_order.get_by_keys(order_type="SO", order_nbr="SO001")
        client.sales_order.delete_by_keys("SO", "SO001")
    assert order.order_nbr == "SO001"
    assert "DELETE /entity/WebShop/24.200.001/SalesOrder/SO/SO001" in fake.calls()


def test_typed_action_posts_parameters_and_polls_until_204() -> None:
    fake = FakeAcumatica(action_polls=2)
    payment = Payment(type="Payment", reference_nbr="000042")
    with make_client(fake) as client:
        client.payment.card_operation(payment, tran_type="AUT", amount=Decimal("10.00"))
    post = next(r for r in fake.requests if r.method == "POST" and "/Payment/" in r.url.path)
    assert post.url.path.endswith("/Payment/CardOperation")
    body = json.loads(post.content)
    assert body["entity"] == {"Type": {"value": "Payment"}, "ReferenceNbr": {"value": "000042"}}
    assert body["parameters"] == {"TranType": {"value": "AUT"}, "Amount": {"value": 10}}
    polls = [c for c in fake.calls() if c.endswith("/status/42")]
    assert len(polls) == 3  # two 202s, then the 204
    assert not any("never-follow-me" in c for c in fake.calls())


def test_async_client_from_the_same_template_does_the_same() -> None:
    fake = FakeAcumatica()

    async def main() -> list[Any]:
        async with shop.AsyncClient(
            "https://erp.example.com",
            auth=shop.CookieAuth(name="admin", password="s3cret"),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(fake)),
            action_poll_interval=0,
        ) as client:
            orders = await client.sales_order.list()
            await client.payment.release_payment(Payment(type="Payment", reference_nbr="1"))
            return orders

    orders = asyncio.run(main())
    assert [o.order_nbr for o in orders] == ["SO001", "SO002"]
    assert fake.calls()[0] == "POST /entity/auth/login"
    assert fake.calls()[-1] == "POST /entity/auth/logout"


def test_customer_model_round_trips_unknown_keys_and_errors() -> None:
    wire = {
        "CustomerID": {"value": "C001", "error": "Customer is on hold"},
        "_links": {"self": "/entity/WebShop/24.200.001/Customer/x"},
        "NewServerField": {"value": 1},
        "error": "The record has errors",
    }
    customer = Customer.from_dict(wire)
    assert customer.customer_id == "C001"
    assert customer.field_errors == {"CustomerID": "Customer is on hold"}
    assert customer.error == "The record has errors"
    assert customer.to_dict() == wire


def test_action_status_polls_never_wait_past_the_action_deadline() -> None:
    fake = FakeAcumatica(action_polls=3)
    poll_timeouts: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/status/42"):
            poll_timeouts.append(request.extensions["timeout"]["read"])
        return fake(request)

    client = shop.Client(
        "https://erp.example.com",
        auth=shop.CookieAuth(name="admin", password="s3cret"),
        http_client=httpx.Client(transport=httpx.MockTransport(handler), timeout=60),
        action_poll_interval=0,
        action_timeout=5,
    )
    with client:
        client.payment.release_payment(Payment(type="Payment", reference_nbr="1"))
    assert len(poll_timeouts) == 4
    assert all(1.0 <= timeout <= 5 for timeout in poll_timeouts)
