"""Many workers, one licence (issue 12's done-means): a fleet of worker processes on the sandbox.

Worker processes (``--workers``, each with ``--threads`` threads and one generated ``Client``)
share the sandbox's licence through a real ``redis-server`` and ``Fleet``: ``--operations`` in
all (half upserts of a customer, half one-record lists), against a sandbox that allows
``--sessions`` API users, ``--concurrent`` requests at once and ``--per-minute`` requests per
minute, and ends ``--stale`` of the entity requests' sessions (a stale-session 500). ``--kill``
workers are killed with SIGKILL once ``--kill-after`` of the operations are done.

Checked and printed: the sandbox's peaks (sessions open, requests in flight as they arrive, the
busiest minute), 429s (none), the surviving workers' operations (each done, or failed with a clear
``AcumaticaError``: no traceback), sessions open at the end, sign-ins against the stale sessions
injected, and requests per minute against the licence's cap (target: within 10%).

    .venv/bin/python benchmarks/fleet.py                 # 8 x 25, 2,000 operations: ~4 minutes
    .venv/bin/python benchmarks/fleet.py --operations 400 --per-minute 1200   # a quick look

The suite runs a smaller fleet through ``run()`` (tests/runtime/test_runtime_fleet_sandbox.py).
"""

from __future__ import annotations

import argparse
import collections
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
import uuid
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from client_overhead import sandbox as start_sandbox
from redis_server import RedisServer, redis_binary

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generated" / "WebShop_24.200.001" / "acumatica_web_shop"
USER, PASSWORD = "fleet", "Fleet-PASSWORD-5521"


@dataclass
class Settings:
    workers: int = 8
    threads: int = 25
    operations: int = 2000
    sessions: int = 2
    concurrent: int = 10
    per_minute: int = 600
    stale: float = 0.05
    kill: int = 2
    kill_after: float = 0.3
    latency_ms: float = 20.0
    lease: float = 10.0  # a killed worker's slots and session membership end after this
    seed: int = 12


@dataclass
class Report:
    settings: Settings
    elapsed: float  # seconds from the first worker's start to the last survivor's end
    stats: dict[str, int]  # the sandbox's /sandbox/stats after the run
    survivors: list[dict[str, Any]] = field(default_factory=list)
    killed: int = 0
    leases_left: int = 0  # slots and memberships still in Redis after the leases ended
    samples: list[tuple[float, int]] = field(default_factory=list)  # (time, requests so far)

    def minutes(self) -> list[int]:
        """Requests the sandbox received in each 60 s window that lies within the run, one
        window starting at each sample: the licence's cap applies to every one of them."""
        counts = []
        for start, before in self.samples:
            inside = [n for t, n in self.samples if start + 59 <= t <= start + 60]
            if inside:  # the window's last sample (at most 60 s on: never more than a minute)
                counts.append(inside[-1] - before)
        return counts

    @property
    def operations_done(self) -> int:
        return sum(s["done"] for s in self.survivors)

    @property
    def unclear(self) -> list[str]:
        return [text for s in self.survivors for text in s["unclear"]]

    def problems(self) -> list[str]:
        """Every way the run missed the done-means (empty when it met them)."""
        s, stats = self.settings, self.stats
        found = []
        if stats["max_open_sessions_seen"] > s.sessions:
            found.append(f"{stats['max_open_sessions_seen']} sessions open at once")
        if stats["max_in_flight_seen"] > s.concurrent:
            found.append(f"{stats['max_in_flight_seen']} requests in flight at once")
        if stats["too_many_requests"]:
            found.append(f"{stats['too_many_requests']} answers 429")
        if self.unclear:
            found.append(f"{len(self.unclear)} operations failed without a clear error")
        expected = (s.workers - s.kill) * (s.operations // s.workers)
        accounted = sum(w["done"] + sum(w["errors"].values()) for w in self.survivors)
        if accounted != expected:
            found.append(f"{accounted} of the survivors' {expected} operations accounted for")
        if stats["open_sessions"]:
            found.append(f"{stats['open_sessions']} sessions open at the end")
        minutes = self.minutes()
        if minutes and sum(minutes) / len(minutes) < 0.9 * s.per_minute:
            found.append(f"{sum(minutes) / len(minutes):.0f} requests per minute on average")
        if stats["busiest_minute_requests"] > s.per_minute:
            found.append(f"{stats['busiest_minute_requests']} requests in the busiest minute")
        if self.leases_left:
            found.append(f"{self.leases_left} leases left in Redis after they should have ended")
        if self.killed != s.kill:
            found.append(f"{self.killed} workers killed mid-run, not {s.kill}")
        if len(self.survivors) != s.workers - s.kill:
            found.append(f"{len(self.survivors)} workers reported, not {s.workers - s.kill}")
        return found

    def lines(self) -> list[str]:
        s, stats = self.settings, self.stats
        errors: collections.Counter[str] = collections.Counter()
        for survivor in self.survivors:
            errors.update(survivor["errors"])
        minutes = self.minutes()
        if minutes:
            mean = sum(minutes) / len(minutes)
            per_minute = (
                f"{mean:.0f} of the cap {s.per_minute} ({mean / s.per_minute:.1%}) on average over "
                f"every 60 s window of the run (lowest {min(minutes)}, highest {max(minutes)})"
            )
        else:
            per_minute = "the run is shorter than a minute: no whole window to measure"
        return [
            f"fleet: {s.workers} workers x {s.threads} threads, {s.operations} operations, "
            f"{s.kill} killed with SIGKILL after {s.kill_after:.0%}; sandbox: {s.sessions} API "
            f"users, {s.concurrent} concurrent, {s.per_minute}/min, {s.stale:.0%} stale sessions, "
            f"{s.latency_ms:g} ms latency",
            f"  sessions open at once (max)     {stats['max_open_sessions_seen']}"
            f"   (limit {s.sessions}); open at the end: {stats['open_sessions']}",
            f"  requests in flight (max)        {stats['max_in_flight_seen']}"
            f"   (limit {s.concurrent}); the sandbox queued {stats['delayed_requests']}",
            f"  answers 429                     {stats['too_many_requests']}",
            f"  sign-ins                        {stats['logins']}   for "
            f"{stats['injected_failures']} stale sessions injected (bound: stale + workers = "
            f"{stats['injected_failures'] + s.workers})",
            f"  survivors' operations           {self.operations_done} done, "
            f"{sum(errors.values())} failed with a clear error, {len(self.unclear)} unclear",
            *(f"    {count} x {message}" for message, count in errors.most_common(5)),
            f"  requests per minute             {per_minute}",
            f"  busiest minute at the sandbox   {stats['busiest_minute_requests']}; "
            f"{stats['requests']} requests in {self.elapsed:.1f} s, "
            f"{self.operations_done / self.elapsed * 60:.0f} survivors' operations per minute",
            f"  leases left after {s.lease:g} s        {self.leases_left}",
        ]


# The parent: Redis, the sandbox, the workers ---------------------------------------------------


def run(settings: Settings, redis_url: str | None = None) -> Report:
    """Run the fleet; ``redis_url`` of a running Redis, else one is started for the run."""
    if redis_url is None:
        binary = redis_binary()
        if binary is None:
            raise SystemExit("redis-server is not installed (apt-get install redis-server)")
        with tempfile.TemporaryDirectory() as folder, RedisServer(binary, Path(folder)) as redis:
            return run(settings, redis.url)
    with sandbox(settings) as url:
        return _run_fleet(settings, redis_url, url)


def sandbox(settings: Settings) -> AbstractContextManager[str]:
    """``acumatica-codegen sandbox`` with the licence's limits, in its own process."""
    return start_sandbox(
        f"--max-sessions={settings.sessions}",
        f"--max-concurrent-requests={settings.concurrent}",
        f"--max-requests-per-minute={settings.per_minute}",
        f"--fail-rate={settings.stale}",
        f"--latency-ms={settings.latency_ms}",
        f"--seed={settings.seed}",
        f"--user={USER}:{PASSWORD}",
        "--no-reference-checks",
    )


def sandbox_stats(url: str) -> dict[str, int]:
    with urllib.request.urlopen(f"{url}/sandbox/stats", timeout=10) as answer:
        stats: dict[str, int] = json.load(answer)
        return stats


def _run_fleet(settings: Settings, redis_url: str, url: str) -> Report:
    name = f"bench-{uuid.uuid4().hex[:8]}"
    each = settings.operations // settings.workers
    started = time.monotonic()
    workers = []
    for index in range(settings.workers):
        job = {
            "index": index,
            "url": url,
            "redis_url": redis_url,
            "name": name,
            "operations": each,
            "settings": asdict(settings),
        }
        command = [sys.executable, __file__, "--worker", json.dumps(job)]
        workers.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    victims = workers[: settings.kill]
    samples: list[tuple[float, int]] = []
    outputs: dict[int, str] = {}
    readers = [
        threading.Thread(target=lambda i=i, w=w: outputs.__setitem__(i, w.communicate()[0]))
        for i, w in enumerate(workers)
    ]
    for reader in readers:
        reader.start()
    while any(reader.is_alive() for reader in readers[settings.kill :]):
        requests = sandbox_stats(url)["requests"]
        samples.append((time.monotonic(), requests))
        if victims and victims[0].poll() is None:
            if requests >= settings.kill_after * settings.operations:  # well under way
                for victim in victims:
                    victim.send_signal(signal.SIGKILL)
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    for reader in readers:
        reader.join()
    survivors = []
    for index in range(settings.kill, settings.workers):
        lines = outputs.get(index, "").strip().splitlines()
        survivors.append(json.loads(lines[-1]) if lines else {"done": 0, "errors": {}})
    stats = sandbox_stats(url)
    time.sleep(settings.lease + 1)  # the killed workers' leases end
    leases = _leases(redis_url, name)
    killed = sum(victim.returncode == -signal.SIGKILL for victim in victims)
    report = Report(settings, elapsed, stats, survivors, killed, leases, samples)
    report.stats["open_sessions"] = sandbox_stats(url)["open_sessions"]
    return report


def _leases(redis_url: str, name: str) -> int:
    """Live slots and session memberships the fleet still holds in Redis."""
    import redis

    with redis.Redis.from_url(redis_url) as connection:
        now = connection.time()
        now_ms = now[0] * 1000 + now[1] // 1000
        keys = [k for k in connection.keys(f"{name}:*") if k.endswith((b":slots", b":users"))]
        return sum(int(connection.zcount(key, now_ms, "+inf")) for key in keys)


# A worker --------------------------------------------------------------------------------------


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """One worker process: ``threads`` threads share one client and run its operations."""
    sys.path.insert(0, str(PACKAGE))
    import acumatica_web_shop as shop
    from acumatica_web_shop.models import Customer

    settings = Settings(**job["settings"])
    fleet = shop.Fleet(
        job["redis_url"],
        name=job["name"],
        concurrent_requests=settings.concurrent,
        requests_per_minute=settings.per_minute,
        sessions=1,  # one shared API user; the budget's second seat is the margin for a crash
        fleet_size=settings.workers,
        lease=settings.lease,
    )
    operations = iter(range(job["operations"]))
    take = threading.Lock()
    done = 0
    errors: collections.Counter[str] = collections.Counter()
    unclear: list[str] = []

    def work(client: Any) -> None:
        nonlocal done
        while True:
            with take:
                number = next(operations, None)
            if number is None:
                return
            try:
                if number % 2:
                    client.customer.list(top=1)
                else:
                    key = f"W{job['index']}-{number}"
                    client.customer.put(Customer(customer_id=key, customer_name=f"Fleet {key}"))
                with take:
                    done += 1
            except shop.AcumaticaError as exc:
                with take:
                    errors[f"{type(exc).__name__}: {exc}"[:200]] += 1
            except Exception:
                with take:
                    unclear.append(traceback.format_exc())

    auth = shop.CookieAuth(USER, PASSWORD)
    with shop.Client(
        job["url"], auth=auth, fleet=fleet, max_concurrency=settings.threads, timeout=8.0
    ) as client:
        threads = [threading.Thread(target=work, args=(client,)) for _ in range(settings.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {"done": done, "errors": dict(errors), "unclear": unclear}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    defaults = Settings()
    for name, value in asdict(defaults).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))), flush=True)
        return 0
    settings = Settings(**{name: getattr(args, name) for name in asdict(defaults)})
    report = run(settings)
    print("\n".join(report.lines()))
    for problem in report.problems():
        print(f"  NOT MET: {problem}")
    for text in report.unclear[:3]:
        print(text)
    return 1 if report.problems() else 0


if __name__ == "__main__":
    raise SystemExit(main())
