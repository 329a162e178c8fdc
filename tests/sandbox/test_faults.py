"""Fault injection: --fail-rate (deterministic under --seed) and --latency-ms."""

from __future__ import annotations

import time

import httpx
from sandbox_helpers import BASE_24, WEBSHOP_24

from acumatica_codegen.sandbox import Sandbox


def bearer_client(sb: Sandbox) -> httpx.Client:
    grant = httpx.post(
        f"{sb.url}/identity/connect/token",
        data={"grant_type": "password", "client_id": "t", "username": "admin", "password": "123"},
    ).json()
    return httpx.Client(
        base_url=sb.url, headers={"Authorization": f"Bearer {grant['access_token']}"}
    )


def failure_pattern(seed: int, requests: int = 200) -> list[int]:
    with Sandbox(WEBSHOP_24, fail_rate=0.25, seed=seed) as sb, bearer_client(sb) as client:
        return [client.get(f"{BASE_24}/StockItem").status_code for _ in range(requests)]


def test_fail_rate_is_about_the_asked_share_and_repeats_under_a_seed() -> None:
    first, again, other = failure_pattern(1), failure_pattern(1), failure_pattern(2)
    assert first == again
    assert first != other
    failures = first.count(500)
    assert set(first) == {200, 500}
    assert 30 <= failures <= 70  # 25% of 200, with room for chance


def test_an_injected_failure_looks_like_a_stale_session_and_ends_it() -> None:
    with Sandbox(WEBSHOP_24, fail_rate=1.0, seed=3) as sb:
        client = httpx.Client(base_url=sb.url)
        assert (
            client.post("/entity/auth/login", json={"name": "admin", "password": "123"}).status_code
            == 204
        )
        # Sign-in, swagger.json and the stats are never failed.
        assert client.get(f"{BASE_24}/swagger.json").status_code == 200
        response = client.get(f"{BASE_24}/Customer")
        assert response.status_code == 500
        body = response.json()
        assert set(body) == {"message", "exceptionMessage", "exceptionType", "stackTrace"}
        assert "session has expired" in body["exceptionMessage"]
        assert client.get(f"{BASE_24}/Customer").status_code == 401  # the session is gone
        stats = client.get("/sandbox/stats").json()
        assert stats["open_sessions"] == 0
        assert stats["injected_failures"] == 1
        assert stats["expired_sessions"] == 1
        client.close()


def test_ids_repeat_under_a_seed() -> None:
    def first_id() -> str:
        with Sandbox(WEBSHOP_24, seed=11) as sb, bearer_client(sb) as client:
            return str(
                client.put(f"{BASE_24}/StockItem", json={"InventoryID": {"value": "A"}}).json()[
                    "id"
                ]
            )

    assert first_id() == first_id()


def test_latency_delays_every_answer() -> None:
    with Sandbox(WEBSHOP_24, latency_ms=60) as sb:
        started = time.perf_counter()
        for _ in range(3):
            assert httpx.get(f"{sb.url}/entity").status_code == 200
        assert time.perf_counter() - started >= 0.18


def test_concurrent_requests_are_counted_in_flight() -> None:
    import concurrent.futures

    with Sandbox(WEBSHOP_24, latency_ms=100) as sb:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: httpx.get(f"{sb.url}/entity"), range(8)))
        stats = sb.stats()
        assert stats["max_in_flight_seen"] >= 4
        assert stats["in_flight"] == 0
