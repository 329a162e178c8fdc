"""How long `acumatica-codegen diff` takes on the real Default 23.200.001 → 24.200.001 upgrade.

Target: under one second for the whole command (process start, both documents loaded into IRs,
compared, Markdown written). Prints the phases in-process and the command end to end.

    .venv/bin/python benchmarks/diff_speed.py [SPECS_DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "generator"))

from acumatica_codegen.builder import load_endpoint  # noqa: E402
from acumatica_codegen.diff import diff_endpoints  # noqa: E402
from generate_speed import DOCUMENT, specs_dir  # noqa: E402

TARGET_SECONDS = 1.0
RUNS = 5


def _best(values: list[float]) -> str:
    return f"best {min(values) * 1000:7.1f} ms   median {statistics.median(values) * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="?", help="folder of the real endpoint documents")
    specs = specs_dir(parser.parse_args().specs)
    old, new = specs / "Default_23.200.001.json", specs / DOCUMENT
    if not old.is_file():
        sys.exit(f"need {old} (pass the folder or set ACUMATICA_SPECS_DIR)")

    phases: dict[str, list[float]] = {
        "load 23 (Swagger 2.0)": [],
        "load 24 (OpenAPI 3.0.1)": [],
        "compare": [],
        "markdown + json": [],
    }
    for _ in range(RUNS):
        t0 = time.perf_counter()
        a = load_endpoint(old)
        t1 = time.perf_counter()
        b = load_endpoint(new)
        t2 = time.perf_counter()
        result = diff_endpoints(a, b)
        t3 = time.perf_counter()
        result.to_markdown()
        result.to_json()
        t4 = time.perf_counter()
        for key, value in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            phases[key].append(value)
    print(f"Default 23.200.001 → 24.200.001: {result.summary()}")
    print("in-process phases:")
    for key, values in phases.items():
        print(f"  {key:<26} {_best(values)}")

    # The console script's entry point, run the way the installed `acumatica-codegen` runs it.
    entry = "from acumatica_codegen.cli import main; main()"
    command = [sys.executable, "-c", entry, "diff", str(old), str(new)]
    env = dict(os.environ, PYTHONPATH=str(REPO / "generator"))
    wall: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
    verdict = "OK" if min(wall) < TARGET_SECONDS else "OVER TARGET"
    print(
        f"`acumatica-codegen diff` end to end ({RUNS} runs): {_best(wall)}   target < {TARGET_SECONDS:g} s: {verdict}"
    )


if __name__ == "__main__":
    main()
