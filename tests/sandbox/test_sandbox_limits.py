"""Licence limits on requests: queued, then refused with 429; the peaks in /sandbox/stats."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from acumatica_codegen.sandbox import Sandbox
from acumatica_codegen.sandbox.auth import Stats
from acumatica_codegen.sandbox.errors import SandboxHTTPError
from acumatica_codegen.sandbox.limits import LicenceLimits
from acumatica_codegen.sandbox.options import SandboxOptions
from sandbox_helpers import BASE_24, WEBSHOP_24, cli_sandbox, signed_in


def parallel_gets(url: str, cookies: httpx.Cookies, count: int) -> list[httpx.Response]:
    def get(_: int) -> httpx.Response:
        return httpx.get(f"{url}{BASE_24}/Customer", cookies=cookies, timeout=30)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(get, range(count)))


def test_requests_over_the_concurrency_cap_wait_their_turn() -> None:
    with Sandbox(WEBSHOP_24, max_concurrent_requests=2, latency_ms=150) as sb:
        client = signed_in(sb.url)
        started = time.monotonic()
        answers = parallel_gets(sb.url, client.cookies, 6)
        elapsed = time.monotonic() - started
        stats = sb.stats()
    assert [a.status_code for a in answers] == [200] * 6
    assert elapsed >= 0.45  # six requests of 150 ms, two at a time
    assert stats["peak_concurrent_requests"] == 2
    assert stats["peak_queued_requests"] >= 1 and stats["delayed_requests"] >= 1
    assert stats["declined_requests"] == stats["too_many_requests"] == 0


def test_a_request_that_waits_longer_than_the_queue_timeout_gets_429() -> None:
    with Sandbox(
        WEBSHOP_24, max_concurrent_requests=1, latency_ms=1000, request_queue_timeout=0.1
    ) as sb:
        client = signed_in(sb.url)
        answers = parallel_gets(sb.url, client.cookies, 3)
        stats = sb.stats()
    refused = [a for a in answers if a.status_code == 429]
    assert len(refused) == 2 and sum(a.status_code == 200 for a in answers) == 1
    body = refused[0].json()
    assert body["exceptionMessage"].startswith("API Concurrent Request Limit: the licence allows 1")
    assert body["exceptionType"] == "PX.Data.PXException"
    assert refused[0].headers["Retry-After"] == "1"
    assert stats["declined_requests"] == stats["too_many_requests"] == 2
    assert stats["peak_concurrent_requests"] == 1


def test_requests_over_the_per_minute_cap_get_429_when_the_wait_is_too_long() -> None:
    with Sandbox(WEBSHOP_24, max_requests_per_minute=3, request_queue_timeout=1) as sb:
        client = signed_in(sb.url)  # the sign-in is one of the three
        assert client.get(f"{BASE_24}/Customer").status_code == 200
        assert client.get(f"{BASE_24}/Customer").status_code == 200
        refused = client.get(f"{BASE_24}/Customer")
        stats = sb.stats()
    assert refused.status_code == 429
    assert refused.json()["exceptionMessage"].startswith(
        "API Request Limit: the licence allows 3 requests per minute"
    )
    assert 55 <= int(refused.headers["Retry-After"]) <= 60
    assert stats["busiest_minute_requests"] == 3
    assert stats["declined_requests"] == 1


def test_the_per_minute_cap_delays_requests_to_the_window_first_come_first_served() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    options = SandboxOptions(max_requests_per_minute=2, request_queue_timeout=120)
    stats = Stats()
    limits = LicenceLimits(options, stats, clock=lambda: now[0], sleep=sleep)

    async def run() -> None:
        for _ in range(5):
            await limits.enter()
            limits.leave()
            now[0] += 1.0

    asyncio.run(run())
    # At t=0 and 1 two start; the third (t=2) waits for t=60, a minute after the first; the
    # fourth (t=61) starts at once; the fifth (t=62) waits for t=120, a minute after the third.
    assert slept == [58.0, 58.0]
    assert stats.delayed_requests == 2
    assert stats.busiest_minute_requests == 2


def test_a_declined_request_loses_no_slot() -> None:
    options = SandboxOptions(max_concurrent_requests=1, request_queue_timeout=0.05)
    limits = LicenceLimits(options, Stats())

    async def run() -> None:
        await limits.enter()
        with pytest.raises(SandboxHTTPError) as refused:
            await limits.enter()
        assert refused.value.status == 429
        limits.leave()
        await asyncio.wait_for(limits.enter(), 1)  # the slot is free again
        limits.leave()

    asyncio.run(run())
    assert limits.running == 0


def test_the_command_takes_the_limits_and_stats_report_them() -> None:
    args = ["--port", "0", "--max-concurrent-requests", "2", "--max-requests-per-minute", "100"]
    args += ["--request-queue-timeout", "5", "--latency-ms", "300"]
    with cli_sandbox(str(WEBSHOP_24), *args) as first:
        url = first.removeprefix("Sandbox listening on ")
        client = signed_in(url)
        assert all(a.status_code == 200 for a in parallel_gets(url, client.cookies, 5))
        stats = httpx.get(f"{url}/sandbox/stats").json()
    assert stats["peak_concurrent_requests"] == 2
    assert stats["busiest_minute_requests"] == 6
    for name in ("peak_queued_requests", "delayed_requests", "declined_requests"):
        assert name in stats
    assert stats["too_many_requests"] == 0
