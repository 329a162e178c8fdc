"""How long the package generated from Default 24.200.001 takes to import, beside the peers.

Targets: `import acumatica_default; acumatica_default.Client` under 100 ms, and the first model class
(`from acumatica_default.models import SalesOrder`) under 20 ms more. Each figure is measured with
`time.perf_counter` inside a fresh child process (interpreter start-up excluded, printed apart),
median of `--runs` processes, after one warm-up process that writes the `.pyc` files (both sides
get the same treatment).

The peers: the Default models module datamodel-code-generator writes (pydantic v2, one module),
and, when found (see generate_speed.py), openapi-python-client's `models` package.

    .venv/bin/python benchmarks/import_time.py [--runs 10] [--clean-venv] [--no-opc] [--profile] [SPECS_DIR]

`--profile` adds the modules that cost most under `python -X importtime` for our Client import.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_speed import DOCUMENT, specs_dir, tool  # noqa: E402

CLIENT_TARGET_MS = 100.0
MODEL_TARGET_MS = 20.0


def timed_steps(*steps: str) -> str:
    """Child code that runs each step and prints its wall and CPU milliseconds (all walls first)."""
    lines = ["import time", "_w, _c = [time.perf_counter()], [time.process_time()]"]
    for step in steps:
        lines += [step, "_w.append(time.perf_counter()); _c.append(time.process_time())"]
    lines.append("print(*[(b - a) * 1000 for t in (_w, _c) for a, b in zip(t, t[1:])])")
    return "\n".join(lines)


class Timing:
    """Wall and CPU milliseconds of one step over many processes."""

    def __init__(self, wall: list[float], cpu: list[float]) -> None:
        self.wall, self.cpu = statistics.median(wall), statistics.median(cpu)
        self.best = min(wall)

    def __str__(self) -> str:
        return f"{self.wall:7.1f} ms  (best {self.best:6.1f} ms, CPU {self.cpu:6.1f} ms)"


def child(code: str, path: Path, runs: int, python: str = sys.executable) -> list[Timing]:
    """Run `code` in `runs` fresh processes after one warm-up; a Timing per step it measured.

    The warm-up writes the ``.pyc`` files (pip does the same on install), so PYTHONDONTWRITEBYTECODE
    is dropped from the child's environment.
    """
    env = dict(os.environ, PYTHONPATH=str(path))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [python, "-c", code]
    subprocess.run(command, cwd=path, env=env, check=True, capture_output=True)
    rows = []
    for _ in range(runs):
        out = subprocess.run(command, cwd=path, env=env, check=True, capture_output=True, text=True)
        rows.append([float(x) for x in out.stdout.split()])
    steps = len(rows[0]) // 2
    return [Timing([r[i] for r in rows], [r[steps + i] for r in rows]) for i in range(steps)]


def interpreter_startup(runs: int) -> float:
    """Median wall time of `python -c pass`, for scale."""
    wall = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        wall.append(time.perf_counter() - start)
    return statistics.median(wall) * 1000


def generate_ours(document: Path, out: Path) -> tuple[Path, str]:
    """Generate our package; the project folder (for PYTHONPATH) and the import name."""
    command = [tool("acumatica-codegen") or "acumatica-codegen", "generate", str(document)]
    subprocess.run([*command, "-o", str(out)], check=True, capture_output=True)
    (project,) = [p for p in out.iterdir() if (p / "pyproject.toml").is_file()]
    return project, project.name


def generate_dcg(document: Path, out: Path) -> Path | None:
    """datamodel-code-generator's models as `default_models.py` in `out`, or None if absent."""
    dcg = tool("datamodel-codegen")
    if dcg is None:
        return None
    out.mkdir(parents=True, exist_ok=True)
    command = [dcg, "--input", str(document), "--input-file-type", "openapi"]
    command += ["--output-model-type", "pydantic_v2.BaseModel"]
    subprocess.run(
        [*command, "--output", str(out / "default_models.py")], check=True, capture_output=True
    )
    return out


def generate_opc(document: Path, out: Path) -> tuple[Path, str, str] | None:
    """openapi-python-client's project folder, package name and its venv's python, or None."""
    opc = tool("openapi-python-client", "OPENAPI_PYTHON_CLIENT")
    if opc is None:
        return None
    env = dict(os.environ, PATH=f"{Path(opc).parent}{os.pathsep}{os.environ['PATH']}")
    command = [opc, "generate", "--path", str(document), "--output-path", str(out / "opc")]
    completed = subprocess.run(command, cwd=out, env=env, capture_output=True, text=True)
    project = out / "opc"
    packages = (
        [p.name for p in project.iterdir() if (p / "__init__.py").is_file()]
        if project.is_dir()
        else []
    )
    if completed.returncode != 0 or not packages:
        print(f"  openapi-python-client failed: exit {completed.returncode}")
        return None
    return project, packages[0], str(Path(opc).parent / "python")


def importtime_top(project: Path, package: str, python: str, count: int = 12) -> list[str]:
    """The modules with the largest cumulative time under -X importtime (Client import)."""
    env = dict(os.environ, PYTHONPATH=str(project))
    code = f"import {package}; {package}.Client"
    out = subprocess.run(
        [python, "-X", "importtime", "-c", code],
        cwd=project, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = []
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append(
                (int(match.group(2)), int(match.group(1)), len(match.group(3)), match.group(4))
            )
    rows.sort(reverse=True)
    return [
        f"    {cumulative / 1000:7.1f} ms cumulative  {self_us / 1000:6.1f} ms self  {'  ' * (depth // 2)}{name}"
        for cumulative, self_us, depth, name in rows[:count]
    ]


def clean_venv(project: Path, folder: Path) -> str:
    """A venv holding only the generated package and httpx, as in production; its python."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = str(folder / "bin" / "python")
    command = [sys.executable, "-m", "pip", "--python", python, "install", "-q", str(project)]
    subprocess.run(command, check=True, capture_output=True)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="?", help="folder holding Default_24.200.001.json")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-opc", action="store_true", help="skip openapi-python-client")
    parser.add_argument("--profile", action="store_true", help="show -X importtime's top modules")
    parser.add_argument(
        "--clean-venv",
        action="store_true",
        help="import ours from a fresh venv holding only it and httpx (needs the package index)",
    )
    args = parser.parse_args()
    document = specs_dir(args.specs) / DOCUMENT

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp_name:
        tmp = Path(tmp_name)
        project, pkg = generate_ours(document, tmp / "ours")
        python, where = sys.executable, "this venv"
        if args.clean_venv:
            python, where = clean_venv(project, tmp / "venv"), "a venv of only it and httpx"
            project = tmp / "elsewhere"  # import from site-packages, not from the project folder
            project.mkdir()
        print(f"import time of the {DOCUMENT} client: median of {args.runs} fresh processes")
        print(
            f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; ours in {where})"
        )
        print(
            f"  {'python -c pass (start-up, for scale)':<66} {interpreter_startup(args.runs):7.1f} ms"
        )

        client, model = child(
            timed_steps(f"import {pkg}; {pkg}.Client", f"from {pkg}.models import SalesOrder"),
            project,
            args.runs,
            python,
        )
        (model_only,) = child(
            timed_steps(f"from {pkg}.models import SalesOrder"), project, args.runs, python
        )
        print(f"  ours  {f'import {pkg}; {pkg}.Client':<60} {client}")
        print(f"  ours  {'then from .models import SalesOrder (extra)':<60} {model}")
        print(f"  ours  {f'from {pkg}.models import SalesOrder (alone)':<60} {model_only}")

        peer_step = "from {} import SalesOrder"
        dcg_dir = generate_dcg(document, tmp / "dcg")
        if dcg_dir is None:
            print("  peer  datamodel-code-generator: not installed (pip install -e '.[bench]')")
        else:
            (peer,) = child(timed_steps(peer_step.format("default_models")), dcg_dir, args.runs)
            print(
                f"  peer  {'datamodel-code-generator: ' + peer_step.format('default_models'):<60} {peer}"
            )

        opc = None if args.no_opc else generate_opc(document, tmp)
        if opc is not None:
            opc_project, opc_pkg, opc_python = opc
            code = timed_steps(peer_step.format(f"{opc_pkg}.models"))
            (peer,) = child(code, opc_project, args.runs, opc_python)
            print(
                f"  peer  {'openapi-python-client: ' + peer_step.format('<pkg>.models'):<60} {peer}"
            )

        for measure in ("wall", "cpu"):
            verdicts = (
                f"Client under {CLIENT_TARGET_MS:g} ms: "
                + ("OK" if getattr(client, measure) < CLIENT_TARGET_MS else "OVER TARGET"),
                f"first model under {MODEL_TARGET_MS:g} ms more: "
                + ("OK" if getattr(model, measure) < MODEL_TARGET_MS else "OVER TARGET"),
            )
            print(f"target (median {measure}): " + "; ".join(verdicts))
        if os.getloadavg()[0] > (os.cpu_count() or 1):
            print("  note: the machine is loaded (load average above the CPU count): wall times")
            print("  include waiting for a CPU; the CPU figures are the steadier ones")
        if args.profile:
            print(f"  python -X importtime -c 'import {pkg}; {pkg}.Client', largest cumulative:")
            print("\n".join(importtime_top(project, pkg, python)))


if __name__ == "__main__":
    main()
