"""Wire ↔ model speed: a SalesOrder with 100 detail lines, ours beside pydantic v2.

Ours: `SalesOrder.from_dict(wire)` + `.to_dict()` on the package generated from Default 24.200.001.
Peer: `SalesOrder.model_validate(wire)` + `.model_dump(exclude_unset=True, by_alias=True)` on the
models datamodel-code-generator writes for the same document (pydantic v2). Same payload, same run,
measured in alternation. Target: ours no slower (ratio ours/peer ≤ 1).

The payload: every value field of SalesOrder and of SalesOrderDetail holds a plausible value in
its wire form `{"Field": {"value": ...}}` (types taken from the document through our IR), plus
`id` and `rowNumber` as the server sends them.

    .venv/bin/python benchmarks/codec_speed.py [--lines 100] [--profile] [SPECS_DIR]

`--profile` adds where our round trip spends its time (cProfile, by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import os
import pstats
import statistics
import sys
import tempfile
import timeit
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "generator"))

from acumatica_codegen.builder import load_endpoint  # noqa: E402
from acumatica_codegen.ir import Entity, FieldKind, Scalar  # noqa: E402
from generate_speed import DOCUMENT, specs_dir  # noqa: E402
from import_time import generate_dcg, generate_ours  # noqa: E402

REPEATS = 7


def plausible(wire_name: str, scalar: Scalar, line: int) -> Any:
    """A value the server could send for this field on detail line `line` (0: the order)."""
    if scalar is Scalar.BOOL:
        return (line + len(wire_name)) % 2 == 0
    if scalar is Scalar.INT:
        return line + 1
    if scalar is Scalar.DECIMAL:
        return round(10 + line * 1.25 + len(wire_name) / 4, 2)
    if scalar is Scalar.FLOAT:
        return 0.5 + line
    if scalar is Scalar.DATETIME:
        return f"2024-05-{1 + line % 28:02d}T09:30:00+02:00"
    if scalar is Scalar.GUID:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{wire_name}/{line}"))
    return f"{wire_name[:10].upper()}{line:04d}"


def record(entity: Entity, line: int) -> dict[str, Any]:
    """Every value field of `entity` filled, in wire form, plus id and rowNumber."""
    wire: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_OID, f"{entity.name}/{line}")),
        "rowNumber": line + 1,
    }
    for field in entity.fields:
        if field.kind is FieldKind.VALUE:
            wire[field.wire_name] = {"value": plausible(field.wire_name, field.scalar, line)}
    return wire


def sales_order(document: Path, lines: int) -> dict[str, Any]:
    endpoint = load_endpoint(document)
    order = record(endpoint.entity("SalesOrder"), 0)
    detail = endpoint.entity("SalesOrderDetail")
    order["Details"] = [record(detail, line) for line in range(1, lines + 1)]
    return order


def per_call_us(functions: dict[str, Callable[[], Any]]) -> dict[str, float]:
    """Median µs per call of each function, measured in alternation (REPEATS rounds)."""
    timers = {name: timeit.Timer(function) for name, function in functions.items()}
    numbers = {name: max(1, timer.autorange()[0] // 2) for name, timer in timers.items()}
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(REPEATS):
        for name, timer in timers.items():
            samples[name].append(timer.timeit(numbers[name]) / numbers[name] * 1e6)
    return {name: statistics.median(values) for name, values in samples.items()}


def profile_ours(round_trip: Callable[[], Any], count: int = 14) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(200):
        round_trip()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(count)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="?", help="folder holding Default_24.200.001.json")
    parser.add_argument("--lines", type=int, default=100, help="detail lines in the SalesOrder")
    parser.add_argument("--profile", action="store_true", help="cProfile our round trip")
    args = parser.parse_args()
    document = specs_dir(args.specs) / DOCUMENT
    wire = sales_order(document, args.lines)

    with tempfile.TemporaryDirectory(prefix="bench-codec-") as tmp_name:
        tmp = Path(tmp_name)
        project, pkg = generate_ours(document, tmp / "ours")
        dcg_dir = generate_dcg(document, tmp / "dcg")
        if dcg_dir is None:
            sys.exit("datamodel-code-generator is not installed (pip install -e '.[bench]')")
        sys.path[:0] = [str(project), str(dcg_dir)]
        ours = importlib.import_module(f"{pkg}.models").SalesOrder
        peer = importlib.import_module("default_models").SalesOrder

        # Both sides must carry the whole payload, or the comparison means nothing.
        assert ours.from_dict(wire).to_dict() == wire, "ours does not round-trip the payload"
        dumped = peer.model_validate(wire).model_dump(
            mode="json", exclude_unset=True, by_alias=True
        )
        if dumped != wire:
            print("  warning: pydantic's round trip differs from the payload")

        ours_obj, peer_obj = ours.from_dict(wire), peer.model_validate(wire)
        figures = per_call_us(
            {
                "ours": lambda: ours.from_dict(wire).to_dict(),
                "peer": lambda: peer.model_validate(wire).model_dump(
                    exclude_unset=True, by_alias=True
                ),
                "ours decode": lambda: ours.from_dict(wire),
                "ours encode": ours_obj.to_dict,
                "peer decode": lambda: peer.model_validate(wire),
                "peer encode": lambda: peer_obj.model_dump(exclude_unset=True, by_alias=True),
                "peer json": lambda: peer.model_validate(wire).model_dump(
                    mode="json", exclude_unset=True, by_alias=True
                ),
            }
        )

    values = sum(1 for v in wire.values() if isinstance(v, dict))
    detail_values = sum(1 for v in wire["Details"][0].values() if isinstance(v, dict))
    print(
        f"SalesOrder round trip: {values} value fields + {args.lines} detail lines of "
        f"{detail_values} value fields; µs per round trip, median of {REPEATS} rounds"
    )
    print(f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"pydantic {importlib.import_module('pydantic').VERSION})")  # fmt: skip
    rows = [
        ("ours  from_dict + to_dict", "ours", "ours decode", "ours encode"),
        ("peer  model_validate + model_dump(exclude_unset, by_alias)", "peer", "peer decode", "peer encode"),
    ]  # fmt: skip
    for label, total, decode, encode in rows:
        print(
            f"  {label:<60} {figures[total]:9.0f} µs"
            f"   (decode {figures[decode]:7.0f}, encode {figures[encode]:7.0f})"
        )
    print(
        f"  {'peer  same, model_dump(mode=json): JSON-ready like ours':<60} {figures['peer json']:9.0f} µs"
    )
    ratio = figures["ours"] / figures["peer"]
    verdict = "OK" if ratio <= 1.0 else "OVER TARGET (ours is slower)"
    print(f"ratio ours/peer: {ratio:.2f}   target ≤ 1.00: {verdict}")
    if args.profile:
        print("  cProfile of 200 round trips of ours, by own time:")
        print(profile_ours(lambda: ours.from_dict(wire).to_dict()))


if __name__ == "__main__":
    main()
