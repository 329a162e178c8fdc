"""Sessions die as real ones do: idle timeout, restarts (on demand or at random), licence eviction.

And the resilience example the README recommends: the generated client's 25-order import survives
the modelled deaths on every seed.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in, wrap


def customers(client: httpx.Client) -> int:
    return client.get(f"{BASE_24}/Customer").status_code


def test_an_idle_session_ends_after_the_idle_timeout_and_a_busy_one_does_not() -> None:
    with Sandbox(WEBSHOP_24, session_idle_timeout=1.0) as sb:
        idle, busy = signed_in(sb.url), signed_in(sb.url)
        for _ in range(12):  # never idle for a second, even on a busy machine
            time.sleep(0.1)
            assert customers(busy) == 200
        assert customers(idle) == 401
        assert sb.stats()["expired_sessions"] == 1
        assert sb.stats()["open_sessions"] == 1


def test_expire_sessions_ends_every_session_like_a_restart() -> None:
    with Sandbox(WEBSHOP_24, max_sessions=3) as sb:
        first, second = signed_in(sb.url), signed_in(sb.url)
        assert sb.expire_sessions() == 2
        assert (customers(first), customers(second)) == (401, 401)
        again = signed_in(sb.url)
        answer = httpx.post(f"{sb.url}/sandbox/expire-sessions")
        assert answer.status_code == 200 and answer.json() == {"expired_sessions": 1}
        assert customers(again) == 401
        stats = sb.stats()
        assert (stats["restarts"], stats["expired_sessions"], stats["open_sessions"]) == (2, 3, 0)


def test_at_the_login_limit_a_new_sign_in_gets_429_by_default() -> None:
    with Sandbox(WEBSHOP_24, max_sessions=1) as sb:
        signed_in(sb.url)
        refused = httpx.post(
            f"{sb.url}/entity/auth/login", json={"name": "admin", "password": "123"}
        )
        assert refused.status_code == 429
        assert refused.json()["exceptionMessage"] == "API Login Limit"


def test_evict_idle_sessions_ends_the_session_idle_longest_instead() -> None:
    with Sandbox(WEBSHOP_24, max_sessions=2, evict_idle_sessions=True) as sb:
        oldest, recent = signed_in(sb.url), signed_in(sb.url)
        time.sleep(0.01)
        assert customers(oldest) == 200  # now ``recent`` is the one idle longest
        newcomer = signed_in(sb.url)
        assert (customers(oldest), customers(recent), customers(newcomer)) == (200, 401, 200)
        stats = sb.stats()
        assert (stats["evicted_sessions"], stats["open_sessions"], stats["login_limit_hits"]) == (
            1,
            2,
            0,
        )


def restart_pattern(seed: int) -> list[int]:
    with Sandbox(WEBSHOP_24, restart_rate=0.3, seed=seed) as sb:
        client = signed_in(sb.url)
        statuses = []
        for _ in range(12):
            status = customers(client)
            statuses.append(status)
            if status == 401:
                client.post("/entity/auth/login", json={"name": "admin", "password": "123"})
        return statuses


def test_restart_rate_ends_sessions_after_answering_and_repeats_under_a_seed() -> None:
    pattern = restart_pattern(8)
    assert pattern == restart_pattern(8)
    assert 401 in pattern and pattern[0] == 200
    # A restart follows an answered request: the request right after a sign-in always works.
    assert all(b == 200 for a, b in zip(pattern, pattern[1:], strict=False) if a == 401)


def test_the_command_takes_the_session_options() -> None:
    args = ["--port", "0", "--max-sessions", "1", "--evict-idle-sessions"]
    args += ["--session-idle-timeout", "30", "--restart-rate", "0"]
    with cli_sandbox(str(WEBSHOP_24), *args) as first:
        url = first.removeprefix("Sandbox listening on ")
        one, two = signed_in(url), signed_in(url)  # the second evicts the first
        assert (customers(one), customers(two)) == (401, 200)
        assert httpx.post(f"{url}/sandbox/expire-sessions").json() == {"expired_sessions": 1}


# -- the resilience example (README "Testing offline") --------------------------------------------


def import_orders(web_shop: Any, sandbox: Sandbox, count: int) -> None:
    """The README's example: an order import that must survive sessions dying under it."""
    models = importlib.import_module("acumatica_web_shop.models")
    auth = web_shop.CookieAuth(name="admin", password="123")
    with web_shop.Client(sandbox.url, auth=auth, action_poll_interval=0.001) as client:
        for n in range(count):
            order = client.sales_order.put(
                models.SalesOrder(customer_id="C1", external_ref=f"ORD-{n:03d}")
            )
            if n % 5 == 0:
                client.sales_order.put_sales_order_on_hold(order)


@pytest.mark.parametrize("seed", range(20))
def test_a_25_order_import_survives_restarts_on_every_seed(web_shop: Any, seed: int) -> None:
    with Sandbox(WEBSHOP_24, restart_rate=0.05, seed=seed, action_polls=1) as sandbox:
        sandbox.seed("Customer", wrap(CustomerID="C1"))
        import_orders(web_shop, sandbox, 25)
        orders = sandbox.records("SalesOrder")
        assert sorted(o["ExternalRef"]["value"] for o in orders) == [
            f"ORD-{n:03d}" for n in range(25)
        ]
        stats = sandbox.stats()
    assert stats["open_sessions"] == 0
    # One sign-in, then one per restart (none when the restart came after the last request).
    assert stats["logins"] in (stats["restarts"], stats["restarts"] + 1)
