"""Fault injection: --fail-rate (deterministic under --seed) and --latency-ms."""

from __future__ import annotations

import time

import httpx
from acumatica_codegen.sandbox import Sandbox
from sandbox_helpers import BASE_24, WEBSHOP_24


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


def test_conflicts_lose_writes_like_a_lock_violation() -> None:
    with Sandbox(WEBSHOP_24, conflict_rate=1.0, seed=1) as sb, bearer_client(sb) as client:
        response = client.put(f"{BASE_24}/StockItem", json={"InventoryID": {"value": "A"}})
        assert response.status_code == 500
        body = response.json()
        assert body["exceptionType"] == "PX.Data.PXLockViolationException"
        assert body["exceptionMessage"].startswith(
            "Another process has updated the 'StockItem' record"
        )
        assert (
            client.get(f"{BASE_24}/StockItem").json() == []
        )  # reads are never lost, nothing written
        assert sb.stats()["injected_conflicts"] == 1


def test_conflict_rate_hits_about_its_share_of_writes_only() -> None:
    with Sandbox(WEBSHOP_24, conflict_rate=0.5, seed=2) as sb, bearer_client(sb) as client:
        statuses = [
            client.put(f"{BASE_24}/StockItem", json={"InventoryID": {"value": f"I{n}"}}).status_code
            for n in range(60)
        ]
        assert 15 <= statuses.count(500) <= 45
        assert len(client.get(f"{BASE_24}/StockItem").json()) == statuses.count(200)


def test_rate_limit_answers_429_with_retry_after() -> None:
    with Sandbox(WEBSHOP_24, rate_limit=5) as sb, bearer_client(sb) as client:
        statuses = [client.get(f"{BASE_24}/StockItem") for _ in range(8)]
        assert [r.status_code for r in statuses[:5]] == [200] * 5
        limited = statuses[5]
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "1"
        assert "API Login Limit" not in limited.json()["exceptionMessage"]
        time.sleep(1.05)
        assert client.get(f"{BASE_24}/StockItem").status_code == 200
        assert sb.stats()["rate_limited"] == 3
