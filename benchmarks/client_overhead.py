"""The generated client's cost against raw httpx, on the same sandbox route over real HTTP.

1. Overhead per request: a simple GET by id, sequentially, ours (``client.request`` = transport
   with session, throttle, retry and log bookkeeping; and the typed ``sales_order.get`` that also
   builds the model) against raw ``httpx.Client.get(...).json()``. Target: within 10%.
2. Async throughput with 10 requests in flight and 20 ms server latency: ``AsyncClient`` with
   ``max_concurrency=10`` against raw ``httpx.AsyncClient`` behind an ``asyncio.Semaphore(10)``.
   Ideal: 10 / 20 ms = 500 requests/s. Target: at least 90% of that, read on the steady rate
   (the 10th to the 90th percentile of answers, where exactly 10 are in flight: not while the
   1,000 gathered calls are being queued, nor in the tail); the end-to-end rate is printed too.
   The 20 ms latency server runs on uvloop when installed (``.[bench]``): its own cost comes out
   of the 20 ms budget. A bare asyncio-streams client shows what server and loopback allow.

Raw httpx keeps its session in httpx's cookie jar, as a hand-written client does; ours keeps it in
a small map and gives the httpx client it creates a jar that stores nothing (``http.cookiejar``
builds a ``Cookie`` header per request at a cost of about 90 us here).

The sandbox runs in its own process (``acumatica-codegen sandbox``), so it does not share the GIL
with the client being measured. Rounds alternate ours/peer and the medians are reported.

    .venv/bin/python benchmarks/client_overhead.py [--requests 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "generator"))

from acumatica_codegen.builder import load_endpoint  # noqa: E402
from acumatica_codegen.render import write_package  # noqa: E402

SPEC = REPO / "specs" / "WebShop_24.200.001.json"
PACKAGE = "acumatica_webshop_bench"
LOGIN = {"name": "admin", "password": "123"}


@contextmanager
def sandbox(*options: str) -> Iterator[str]:
    """Start ``acumatica-codegen sandbox`` in a subprocess; yield its URL."""
    code = "import sys; from acumatica_codegen.cli import main; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": str(REPO / "generator")}
    process = subprocess.Popen(
        [sys.executable, "-c", code, "sandbox", str(SPEC), "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on" not in line:
            raise SystemExit(f"the sandbox did not start: {line!r}")
        yield line.rsplit(" ", 1)[-1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def generated_package() -> ModuleType:
    out = Path(tempfile.mkdtemp(prefix="bench-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)  # no generated code is left behind
    write_package(load_endpoint(SPEC), out, PACKAGE)
    sys.path.insert(0, str(out / PACKAGE))
    importlib.import_module(f"{PACKAGE}.models")
    return importlib.import_module(PACKAGE)


def seed_order(url: str) -> str:
    with httpx.Client(base_url=url) as http:
        http.post("/entity/auth/login", json=LOGIN).raise_for_status()
        customer = {"CustomerID": {"value": "C1"}}  # the sandbox checks that the order's exists
        http.put("/entity/WebShop/24.200.001/Customer", json=customer).raise_for_status()
        body = {"OrderType": {"value": "SO"}, "CustomerID": {"value": "C1"}}
        order = http.put("/entity/WebShop/24.200.001/SalesOrder", json=body).json()
        http.post("/entity/auth/logout")
    return str(order["id"])


# 1. Overhead per request ---------------------------------------------------------------------


RAW_JAR = "raw httpx, session in its jar (get + json)"
RAW_HEADER = "raw httpx, session as a header (get + json)"


def overhead(pkg: ModuleType, count: int, rounds: int) -> None:
    """Interleave small batches of each contender so a busy machine slows them alike.

    Two peers: raw httpx keeping the session in httpx's cookie jar, as most hand-written clients
    do, and raw httpx sending the session cookies as a fixed header with a jar that keeps nothing,
    as our runtime does: against the second, the figure is our runtime's own cost alone."""
    batch = 50
    with sandbox("--max-sessions", "4") as url:
        order_id = seed_order(url)
        route = f"{url}/entity/WebShop/24.200.001/SalesOrder/{order_id}"
        raw = httpx.Client()
        raw.post(f"{url}/entity/auth/login", json=LOGIN).raise_for_status()
        session = "; ".join(f"{name}={value}" for name, value in raw.cookies.items())
        # the same jar that keeps nothing as our runtime's, so only the runtime's own work differs
        nothing = importlib.import_module(f"{PACKAGE}._runtime._wire").DiscardingCookieJar()
        bare = httpx.Client(cookies=nothing, headers={"Cookie": session})
        ours = pkg.Client(url, auth=pkg.CookieAuth(**LOGIN))
        path = f"SalesOrder/{order_id}"

        def raw_get(client: httpx.Client) -> None:
            response = client.get(route)
            response.raise_for_status()
            response.json()

        contenders: dict[str, Any] = {
            RAW_JAR: lambda: raw_get(raw),
            RAW_HEADER: lambda: raw_get(bare),
            "ours: client.request + json": lambda: ours.request("GET", path).json(),
            "ours: sales_order.get (typed model)": lambda: ours.sales_order.get(order_id),
        }
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for fn in contenders.values():
            fn()  # sign in, warm the connections
        for index in range(rounds * count // batch):
            names = list(contenders)
            first = index % len(names)
            names = names[first:] + names[:first]  # rotate who goes first
            for name in names:
                fn = contenders[name]
                started = time.perf_counter()
                for _ in range(batch):
                    fn()
                times[name].append((time.perf_counter() - started) / batch)
        ours.close()
        bare.close()
        raw.post(f"{url}/entity/auth/logout")
        raw.close()
    print(
        f"1. Overhead per request: GET /SalesOrder/{{id}} on the sandbox, {rounds * count} requests "
        f"each, interleaved batches of {batch}; median batch"
    )
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        line = f"   {name:<44} {value * 1e6:6.0f} us/request"
        if name.startswith("ours"):
            like_for_like = "request" in name  # the typed get also builds the model
            for peer_name, label in ((RAW_JAR, "jar"), (RAW_HEADER, "header")):
                peer = medians[peer_name]
                line += f"   {(value / peer - 1) * 100:+5.1f}% vs raw {label}"
                if like_for_like:
                    line += " (ok)" if value <= peer * 1.10 else " (OVER TARGET)"
        print(line)
    print(
        "   target: within +10% of raw httpx, read on `request + json` (the same work as the peers);"
        "\n   the typed get adds decoding into a SalesOrder model, which the peers do not do"
    )


# 2. Async throughput -------------------------------------------------------------------------

ECHO_SERVER = r"""
import asyncio, sys
LATENCY = float(sys.argv[1])
BODY = b"[]"
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"

async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length:
                await reader.readexactly(length)
            await asyncio.sleep(LATENCY)
            writer.write(HEAD + BODY if not head.startswith(b"POST /entity/auth") else
                         b"HTTP/1.1 204 No Content\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()

async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"listening on http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()

try:
    import uvloop  # the server's own cost comes out of the 20 ms budget: keep it small
except ImportError:
    asyncio.run(main())
else:
    uvloop.run(main())
"""


@contextmanager
def latency_server(latency_ms: float) -> Iterator[str]:
    """A minimal keep-alive HTTP server that answers ``[]`` after ``latency_ms``: no server CPU."""
    process = subprocess.Popen(
        [sys.executable, "-c", ECHO_SERVER, str(latency_ms / 1000)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().rsplit(" ", 1)[-1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


class Rates(NamedTuple):
    end_to_end: float  # requests/s from the first request sent to the last answer
    steady: float  # requests/s between the 10th and the 90th percentile of answers
    cpu: float  # client CPU seconds per request


def rates(started: float, cpu_started: float, answered: list[float]) -> Rates:
    """Rates from the answer times. The steady rate leaves out the start (``count`` tasks created
    and queued at once) and the tail (fewer than ``in_flight`` left): only there are exactly
    ``in_flight`` requests in flight."""
    cpu = time.process_time() - cpu_started
    answered.sort()
    count = len(answered)
    low, high = count // 10, count - count // 10 - 1
    steady = (high - low) / (answered[high] - answered[low])
    return Rates(count / (answered[-1] - started), steady, cpu / count)


async def gather_timed(send: Callable[[], Awaitable[Any]], count: int) -> Rates:
    """``count`` calls of ``send`` at once (the client under test keeps ``in_flight`` going)."""
    answered: list[float] = []

    async def one() -> None:
        await send()
        answered.append(time.perf_counter())

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(count)))
    return rates(started, cpu, answered)


async def throughput_floor(url: str, count: int, in_flight: int) -> Rates:
    """What the server and loopback allow: ``in_flight`` keep-alive sockets, a fixed request, no
    HTTP library (valid only against the bare latency server, which answers 2 bytes)."""
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    connections = [await asyncio.open_connection(host, int(port)) for _ in range(in_flight)]
    request = b"GET /entity/WebShop/24.200.001/SalesOrder?%24top=1 HTTP/1.1\r\nHost: x\r\n\r\n"
    answered: list[float] = []

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        for _ in range(n):
            writer.write(request)
            await reader.readuntil(b"\r\n\r\n")
            await reader.readexactly(2)
            answered.append(time.perf_counter())

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(r, w, count // in_flight) for r, w in connections))
    result = rates(started, cpu, answered)
    for _, writer in connections:
        writer.close()
    return result


async def throughput_raw(url: str, count: int, in_flight: int) -> Rates:
    route = f"{url}/entity/WebShop/24.200.001/SalesOrder"
    limit = asyncio.Semaphore(in_flight)
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    async with httpx.AsyncClient(limits=limits, timeout=60.0) as http:
        (await http.post(f"{url}/entity/auth/login", json=LOGIN)).raise_for_status()

        async def one() -> None:
            async with limit:
                response = await http.get(route, params={"$top": "1"})
                response.raise_for_status()
                response.json()

        await asyncio.gather(*(one() for _ in range(in_flight)))  # warm the pool
        result = await gather_timed(one, count)
        await http.post(f"{url}/entity/auth/logout")
    return result


async def throughput_ours(pkg: ModuleType, url: str, count: int, in_flight: int) -> Rates:
    client: Any = pkg.AsyncClient(
        url, auth=pkg.CookieAuth(**LOGIN), max_concurrency=in_flight, timeout=60.0
    )
    async with client:
        await asyncio.gather(*(client.sales_order.list(top=1) for _ in range(in_flight)))
        return await gather_timed(lambda: client.sales_order.list(top=1), count)


def sniffio_note() -> str:
    """httpcore 1.0.x re-imports sniffio at every async lock setup; anyio >= 4.11 no longer
    installs it, and a failed import is never cached (encode/httpcore#1103): about a quarter of
    the async client CPU here, for raw httpx and for us alike."""
    try:
        import sniffio  # noqa: F401
    except ImportError:
        return "sniffio absent: httpcore retries importing it per request (encode/httpcore#1103)"
    return "sniffio installed"


def loop_note() -> str:
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "servers on asyncio's loop (install .[bench] for uvloop)"
    return "servers on uvloop (the sandbox through uvicorn), clients on asyncio's loop"


def throughput(pkg: ModuleType, count: int, rounds: int, in_flight: int = 10) -> None:
    latency_ms = 20
    ideal = in_flight / (latency_ms / 1000)
    print(
        f"2. Async throughput: {in_flight} in flight, {latency_ms} ms latency, {count} requests, "
        f"median of {rounds} alternating rounds (ideal {ideal:.0f} req/s);\n"
        f"   {sniffio_note()}; {loop_note()}"
    )
    servers = (
        ("bare latency server (the target's setting)", lambda: latency_server(latency_ms)),
        (
            "sandbox (adds its own routing, store and JSON)",
            lambda: sandbox("--latency-ms", str(latency_ms), "--max-sessions", "4"),
        ),
    )
    for label, start in servers:
        contenders = {
            "raw httpx.AsyncClient + Semaphore": lambda url: throughput_raw(url, count, in_flight),
            "ours: AsyncClient.sales_order.list": lambda url: throughput_ours(
                pkg, url, count, in_flight
            ),
        }
        if label.startswith("bare"):
            contenders = {
                "floor: asyncio streams, no HTTP library": lambda url: throughput_floor(
                    url, count, in_flight
                ),
                **contenders,
            }
        results: dict[str, list[Rates]] = {name: [] for name in contenders}
        with start() as url:
            for _ in range(rounds):
                for name, run in contenders.items():
                    results[name].append(asyncio.run(run(url)))
        print(f"   on the {label}:")
        for name, values in results.items():
            steady = statistics.median(r.steady for r in values)
            whole = statistics.median(r.end_to_end for r in values)
            cpu = statistics.median(r.cpu for r in values)
            spread = f"{min(r.steady for r in values):.0f}-{max(r.steady for r in values):.0f}"
            line = (
                f"     {name:<40} {steady:4.0f} req/s ({spread}) {steady / ideal:6.1%}"
                f"   end to end {whole:4.0f} ({whole / ideal:5.1%})  client CPU {cpu * 1e6:4.0f} us"
            )
            if name.startswith("ours"):
                verdict = "ok" if steady >= 0.9 * ideal else "UNDER TARGET"
                line += f"  (target >= 90%: {verdict})"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--async-requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.async_requests < 100:
        parser.error(
            "--async-requests must be at least 100 (10 in flight, steady-rate percentiles)"
        )
    os.environ.pop("ACUMATICA_LOG", None)
    pkg = generated_package()
    overhead(pkg, args.requests, args.rounds)
    throughput(pkg, args.async_requests, args.rounds)


if __name__ == "__main__":
    main()
