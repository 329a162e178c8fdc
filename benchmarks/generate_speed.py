"""How long `acumatica-codegen generate` takes on Default 24.200.001, beside the peers.

Target: under 3 s for the whole command (fresh process, formatting included). Each run is a fresh
process writing into a fresh temporary folder; the figure is the median. The peers run on the same
document, their own way:

- datamodel-code-generator (models only; it reads OpenAPI 3 only, so the 24.200.001 document),
  from this venv (`pip install -e '.[bench]'`);
- openapi-python-client, when found: `$OPENAPI_PYTHON_CLIENT`, this venv's bin folder, or PATH. It
  is kept out of the bench extra because it brings `rich`, which httpx then imports on every
  `import httpx` and would skew import_time.py; see benchmarks/README.md for its own venv.

A peer that fails on the document is reported in one line with the reason.

    .venv/bin/python benchmarks/generate_speed.py [--runs 5] [--peer-runs 3] [--no-opc] [SPECS_DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCUMENT = "Default_24.200.001.json"
TARGET_SECONDS = 3.0


def specs_dir(argument: str | None) -> Path:
    """The folder of real endpoint documents: argument, $ACUMATICA_SPECS_DIR, or ../shared/specs."""
    folder = Path(
        argument
        or os.environ.get("ACUMATICA_SPECS_DIR")
        or REPO.parent / "shared" / "specs" / "acumatica"
    )
    if not (folder / DOCUMENT).is_file():
        sys.exit(f"need {folder / DOCUMENT} (pass the folder or set ACUMATICA_SPECS_DIR)")
    return folder


def tool(name: str, env_var: str | None = None) -> str | None:
    """A console script: from $env_var, beside this interpreter, or on PATH."""
    if env_var and os.environ.get(env_var):
        return str(Path(os.environ[env_var]).absolute())
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def one_line_reason(completed: subprocess.CompletedProcess[str]) -> str:
    """The last meaningful line a failed command printed."""
    lines = [line.strip() for line in (completed.stderr + completed.stdout).splitlines()]
    lines = [line for line in lines if line and not line.startswith(("warn", "Warning"))]
    return f"exit {completed.returncode}: {lines[-1][:160] if lines else 'no output'}"


def time_runs(
    name: str,
    build_command: Callable[[Path], list[str]],
    runs: int,
    env: dict[str, str] | None = None,
) -> float | None:
    """Run a command `runs` times, each in a fresh process and output folder; print the median."""
    wall: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
            command = build_command(Path(tmp))
            start = time.perf_counter()
            try:
                completed = subprocess.run(
                    command, cwd=tmp, env=env, capture_output=True, text=True, check=False
                )
            except OSError as error:  # the peer cannot even start
                print(f"  {name:<34} FAILED ({error})")
                return None
            elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            print(f"  {name:<34} FAILED ({one_line_reason(completed)})")
            return None
        wall.append(elapsed)
    spread = f"min {min(wall):6.2f} s  max {max(wall):6.2f} s"
    print(f"  {name:<34} median {statistics.median(wall):6.2f} s   ({len(wall)} runs; {spread})")
    return statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="?", help="folder holding Default_24.200.001.json")
    parser.add_argument("--runs", type=int, default=5, help="runs of acumatica-codegen")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of each peer")
    parser.add_argument("--no-opc", action="store_true", help="skip openapi-python-client")
    args = parser.parse_args()
    document = specs_dir(args.specs) / DOCUMENT

    print(f"generate {document.name} (730 schemas, 877 paths); wall time of the whole command")
    print(f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start)")
    ours = tool("acumatica-codegen")
    if ours is None:
        sys.exit("acumatica-codegen is not installed in this venv (pip install -e .)")
    median = time_runs(
        "acumatica-codegen generate",
        lambda tmp: [ours, "generate", str(document), "-o", str(tmp / "out")],
        args.runs,
    )

    dcg = tool("datamodel-codegen")
    if dcg is None:
        print("  datamodel-code-generator           not installed (pip install -e '.[bench]')")
    else:
        time_runs(
            "datamodel-code-generator (models)",
            lambda tmp: [
                dcg,
                "--input", str(document),
                "--input-file-type", "openapi",
                "--output-model-type", "pydantic_v2.BaseModel",
                "--output", str(tmp / "models.py"),
            ],
            args.peer_runs,
        )  # fmt: skip

    opc = None if args.no_opc else tool("openapi-python-client", "OPENAPI_PYTHON_CLIENT")
    if opc is None:
        print("  openapi-python-client              skipped (not found; see benchmarks/README.md)")
    else:
        # Its post-generation hooks call `ruff`, which lives beside it in its own venv.
        env = dict(os.environ, PATH=f"{Path(opc).parent}{os.pathsep}{os.environ['PATH']}")
        time_runs(
            "openapi-python-client generate",
            lambda tmp: [opc, "generate", "--path", str(document), "--output-path", str(tmp / "c")],
            args.peer_runs,
            env,
        )

    if median is not None:
        verdict = "OK" if median < TARGET_SECONDS else "OVER TARGET"
        print(f"target: acumatica-codegen under {TARGET_SECONDS:g} s: {verdict}")


if __name__ == "__main__":
    main()
