"""Issue 12's done-means, scaled to the suite: a fleet of worker processes on the sandbox's licence.

``benchmarks/fleet.py`` runs the full size (8 workers x 25 threads, 2,000 operations, 600/min,
about four minutes); here 4 workers x 5 threads run 300 operations at 1,200/min, one killed with
SIGKILL mid-run, in about 20 s. Same code, same checks (``Report.problems``), figures printed.
"""

from __future__ import annotations

from typing import Any

import fleet as fleet_benchmark


def test_a_fleet_keeps_the_licence_limits_and_survives_a_killed_worker(redis_url: Any, capsys):
    settings = fleet_benchmark.Settings(
        workers=4, threads=5, operations=300, per_minute=1200, kill=1, lease=3.0
    )
    report = fleet_benchmark.run(settings, redis_url)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.problems() == []
    stats = report.stats
    assert stats["max_open_sessions_seen"] <= 2 and stats["max_in_flight_seen"] <= 10
    assert stats["too_many_requests"] == 0 and stats["open_sessions"] == 0
    # One sign-in per stale session the sandbox injected, plus at most one per worker.
    assert stats["logins"] <= stats["injected_failures"] + settings.workers
    assert stats["busiest_minute_requests"] <= settings.per_minute
    each = settings.operations // settings.workers
    assert report.operations_done >= 0.95 * (settings.workers - settings.kill) * each
