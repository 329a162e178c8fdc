"""How long `acumatica-codegen fetch` takes for the real Default 24.200.001 (2.5 MB) from the sandbox.

Sign-in, download, validation, sign-out and the atomic write, end to end as a process, over real
HTTP on loopback (so the figure is the tool's own cost, not a network's).

    .venv/bin/python benchmarks/fetch_speed.py [SPECS_DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "generator"))

from acumatica_codegen.sandbox import Sandbox  # noqa: E402
from generate_speed import DOCUMENT, specs_dir  # noqa: E402

RUNS = 5
PASSWORD = "bench-password"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="?", help="folder of the real endpoint documents")
    specs = specs_dir(parser.parse_args().specs)
    spec = specs / DOCUMENT
    entry = "from acumatica_codegen.cli import main; main()"
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO / "generator"),
        ACUMATICA_USERNAME="admin",
        ACUMATICA_PASSWORD=PASSWORD,
    )
    with (
        Sandbox(spec, port=0, users={"admin": PASSWORD}) as sandbox,
        tempfile.TemporaryDirectory() as out,
    ):
        command = [
            sys.executable, "-c", entry, "fetch", "--url", sandbox.url,
            "--endpoint", "Default", "--version", "24.200.001", "-o", f"{out}/Default.json",
        ]  # fmt: skip
        wall = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            wall.append(time.perf_counter() - start)
        stats = httpx.get(f"{sandbox.url}/sandbox/stats").json()
    print(
        f"`acumatica-codegen fetch` Default 24.200.001 ({spec.stat().st_size / 1e6:.1f} MB) from the "
        f"sandbox, {RUNS} runs: best {min(wall) * 1000:.0f} ms, median {statistics.median(wall) * 1000:.0f} ms"
    )
    print(
        f"sandbox sessions: {stats['logins']} logins, {stats['logouts']} logouts, "
        f"{stats['open_sessions']} open at the end"
    )


if __name__ == "__main__":
    main()
