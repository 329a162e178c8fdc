"""Requests per second the sandbox answers for a simple GET, on one core, beside a bare peer.

The sandbox (``acumatica-codegen sandbox``) and the peer (one bare starlette route returning the
same bytes) run in turn as separate processes pinned to the same single core, on the same uvicorn
with the same settings. A load generator pinned to another core keeps 32 keep-alive connections
busy with raw HTTP/1.1, so the server, not the client, is what gets measured. The gap between the
two figures is the sandbox's own cost: routing, session lookup, the store and rendering.

    .venv/bin/python benchmarks/sandbox_rps.py [--seconds 3] [--rounds 3] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "specs" / "WebShop_24.200.001.json"
BASE = "/entity/WebShop/24.200.001"
SERVER_CORE = 0
CLIENT_CORE = 1

PEER = r"""
import socket, sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

body = open(sys.argv[2], "rb").read()

async def record(request):
    return Response(body, media_type="application/json; charset=utf-8")

app = Starlette(routes=[Route("/{path:path}", record)])
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
sock.bind(("127.0.0.1", 0))
sock.listen(2048)
print(f"Peer listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
server.run(sockets=[sock])
"""

CLI = "import sys; from acumatica_codegen.cli import main; main(sys.argv[1:])"


def pin(core: int) -> None:
    if hasattr(os, "sched_setaffinity") and core < (os.cpu_count() or 1):
        os.sched_setaffinity(0, {core})


def env() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "generator"), environment.get("PYTHONPATH")])
    )
    return environment


def start(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env(),
        preexec_fn=lambda: pin(SERVER_CORE),
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if " on http://" not in line:
        process.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return process, line.rsplit(" ", 1)[1]


def prepare_sandbox(url: str) -> tuple[str, str]:
    """Sign in, create one stock item; return the session cookie and the GET path."""
    login = urllib.request.Request(
        f"{url}/entity/auth/login",
        data=json.dumps({"name": "admin", "password": "123"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(login) as response:
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie")]
    cookie = "; ".join(cookies)
    item = {
        "InventoryID": {"value": "BENCH-1"},
        "Description": {"value": "Benchmark item"},
        "DefaultPrice": {"value": 19.99},
    }
    put = urllib.request.Request(
        f"{url}{BASE}/StockItem",
        data=json.dumps(item).encode(),
        headers={"Content-Type": "application/json", "Cookie": cookie},
        method="PUT",
    )
    urllib.request.urlopen(put).read()
    return cookie, f"{BASE}/StockItem/BENCH-1"


async def hammer(
    url: str, path: str, cookie: str, seconds: float, connections: int
) -> tuple[int, int]:
    """Keep ``connections`` keep-alive connections busy for ``seconds``; return (answers, non-200s)."""
    host, port = url.removeprefix("http://").split(":")
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
        + (f"Cookie: {cookie}\r\n" if cookie else "")
        + "\r\n"
    ).encode()
    deadline = time.perf_counter() + seconds
    counts = [0, 0]

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while time.perf_counter() < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            counts[0] += 1
            counts[1] += status != 200
        writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return counts[0], counts[1]


def measure(url: str, path: str, cookie: str, seconds: float, connections: int) -> float:
    asyncio.run(hammer(url, path, cookie, min(1.0, seconds), connections))  # warm up
    started = time.perf_counter()
    answers, bad = asyncio.run(hammer(url, path, cookie, seconds, connections))
    elapsed = time.perf_counter() - started
    if bad:
        raise SystemExit(f"{bad} of {answers} answers were not 200")
    return answers / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one measured round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per server, alternating")
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    pin(CLIENT_CORE)

    body_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"sandbox-rps-body-{os.getpid()}.json"
    sandbox, url = start(["-c", CLI, "sandbox", str(SPEC), "--port", "0", "--max-sessions", "2"])
    peer = None
    try:
        cookie, path = prepare_sandbox(url)
        request = urllib.request.Request(f"{url}{path}", headers={"Cookie": cookie})
        body = urllib.request.urlopen(request).read()
        body_file.write_bytes(body)
        peer, peer_url = start(["-c", PEER, "peer", str(body_file)])
        # Both servers idle on the same core while the other is measured; alternating rounds
        # and keeping each one's best round keeps other load on the machine from favouring either.
        ours, theirs = [], []
        for _ in range(options.rounds):
            ours.append(measure(url, path, cookie, options.seconds, options.connections))
            theirs.append(measure(peer_url, path, "", options.seconds, options.connections))
    finally:
        for process in (sandbox, peer):
            if process is not None:
                process.terminate()
                process.wait()
        body_file.unlink(missing_ok=True)

    import uvicorn

    best_ours, best_theirs = max(ours), max(theirs)
    print(
        f"simple GET {path} ({len(body)} bytes), server pinned to one core, "
        f"uvicorn {uvicorn.__version__}, {options.connections} keep-alive connections, "
        f"best of {options.rounds} rounds of {options.seconds:g} s"
    )
    print(f"  sandbox (session check, key lookup, render) : {best_ours:8.0f} requests/s")
    print(f"  peer: bare starlette route, same bytes      : {best_theirs:8.0f} requests/s")
    print(f"  sandbox / peer                              : {best_ours / best_theirs:8.0%}")


if __name__ == "__main__":
    main()
