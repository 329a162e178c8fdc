"""How long `acumatica-codegen generate` takes on a very large (synthetic) endpoint document.

The document is built by this script in a temporary folder (never committed): top-level entities
shaped like Acumatica's (the usual nine paths each, verbose responses, a detail entity, actions,
every field a value wrapper with a description), until the document reaches the size asked for.
Some field names are longer than a line, as generated custom endpoints have, so some generated
files carry a line over the limit and go through black: that was where a 50 MB document spent
most of its 17 minutes.

    .venv/bin/python benchmarks/big_document.py [--megabytes 50] [--long-names-every 4]
        [--runs 1] [--profile] [--keep FOLDER]

Each run is a fresh process writing into a fresh folder; the figure is the median wall time.
``--profile`` runs one generation under cProfile in this process and prints the top functions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WRAPPERS = ("StringValue", "DecimalValue", "IntValue", "BooleanValue", "DateTimeValue")
WRAPPER_TYPES = {
    "StringValue": {"type": "string"},
    "DecimalValue": {"type": "number", "format": "decimal"},
    "IntValue": {"type": "integer", "format": "int32"},
    "BooleanValue": {"type": "boolean"},
    "DateTimeValue": {"type": "string", "format": "date-time"},
}
ERRORS = {
    code: {"description": text, "schema": {"$ref": "#/definitions/HttpError"}}
    for code, text in (
        ("401", "The user is not logged in to the system."),
        ("500", "Internal server error."),
    )
}
QUERY = [
    {"in": "query", "name": name, "description": f"The {name} option of the request.", "type": "string"}
    for name in ("$select", "$filter", "$expand", "$custom")
]  # fmt: skip


def field_name(entity: int, index: int, long_names_every: int) -> str:
    if long_names_every and entity % long_names_every == 0 and index == 0:
        # 110 characters: the generated FieldRef line cannot fit in 100
        return f"UsrIntegrationExternalReferenceIdentifierForSynchronisationWithTheWarehouseSystem{entity:06d}Number"
    return f"Field{index:02d}Of{entity:05d}"


def entity_schema(entity: int, long_names_every: int) -> dict[str, Any]:
    properties = {
        field_name(entity, index, long_names_every): {
            "$ref": f"#/definitions/{WRAPPERS[index % len(WRAPPERS)]}",
            "description": f"Field {index} of entity {entity}: what the screen shows in this box.",
        }
        for index in range(40)
    }
    properties["Details"] = {
        "type": "array",
        "items": {"$ref": f"#/definitions/Thing{entity:05d}Detail"},
    }
    return {
        "allOf": [
            {"$ref": "#/definitions/Entity"},
            {"type": "object", "description": f"Thing number {entity}.", "properties": properties},
        ]
    }  # fmt: skip


def detail_schema(entity: int) -> dict[str, Any]:
    properties = {
        f"Line{index:02d}": {"$ref": f"#/definitions/{WRAPPERS[index % len(WRAPPERS)]}"}
        for index in range(15)
    }
    return {
        "allOf": [{"$ref": "#/definitions/Entity"}, {"type": "object", "properties": properties}]
    }


def entity_paths(name: str) -> dict[str, Any]:
    ref = {"$ref": f"#/definitions/{name}"}
    ok = {"200": {"description": "The record.", "schema": ref}, **ERRORS}
    ids = {"in": "path", "name": "ids", "required": True, "type": "string", "description": "Keys."}
    body = {"in": "body", "name": "entity", "required": True, "schema": ref}
    action = {"in": "body", "name": "invocation", "required": True}
    done = {"204": {"description": "The action is done."}, "202": {"description": "Running."}}
    return {
        f"/{name}": {
            "get": {"tags": [name], "parameters": QUERY, "responses": {
                "200": {"description": "The list.", "schema": {"type": "array", "items": ref}},
                **ERRORS}},
            "put": {"tags": [name], "parameters": [*QUERY, body], "responses": ok},
        },
        f"/{name}/{{id}}": {"get": {"tags": [name], "parameters": QUERY, "responses": ok},
                            "delete": {"tags": [name], "responses": ERRORS}},
        f"/{name}/{{ids}}": {"get": {"tags": [name], "parameters": [ids, *QUERY], "responses": ok},
                             "delete": {"tags": [name], "parameters": [ids], "responses": ERRORS}},
        f"/{name}/{{ids}}/files/{{filename}}": {"put": {"tags": [name], "responses": ERRORS}},
        f"/{name}/$adHocSchema": {"get": {"tags": [name], "responses": ok}},
        f"/{name}/Release{name}": {"post": {"tags": [name], "parameters": [
            {**action, "schema": {"$ref": f"#/definitions/Release{name}"}}],
            "responses": {**done, **ERRORS}}},
    }  # fmt: skip


def build_document(megabytes: float, long_names_every: int) -> str:
    """A Swagger 2.0 endpoint document of about ``megabytes`` MB (deterministic)."""
    definitions: dict[str, Any] = {
        name: {"type": "object", "properties": {"value": schema, "error": {"type": "string"}}}
        for name, schema in WRAPPER_TYPES.items()
    }
    definitions["Entity"] = {
        "type": "object",
        "properties": {"id": {"type": "string", "format": "uuid"}, "note": {"$ref": "#/definitions/StringValue"}},
    }  # fmt: skip
    definitions["HttpError"] = {"type": "object", "properties": {"message": {"type": "string"}}}
    paths: dict[str, Any] = {}
    tags = []
    target = megabytes * 1_000_000
    size, entity = 0, 0
    while size < target:
        name = f"Thing{entity:05d}"
        definitions[name] = entity_schema(entity, long_names_every)
        definitions[f"{name}Detail"] = detail_schema(entity)
        definitions[f"Release{name}"] = {
            "type": "object",
            "properties": {"entity": {"$ref": f"#/definitions/{name}"}},
        }
        paths.update(entity_paths(name))
        tags.append({"name": name, "description": f"Things {entity} (TH{entity:06d})"})
        size += len(json.dumps(definitions[name], indent=1))
        size += len(json.dumps(definitions[f"{name}Detail"], indent=1))
        size += len(json.dumps(entity_paths(name), indent=1)) + 400
        entity += 1
    document = {
        "swagger": "2.0",
        "info": {"title": "Big/1.0.0", "version": "4"},
        "basePath": "/entity/Big/1.0.0",
        "paths": paths,
        "definitions": definitions,
        "tags": tags,
    }  # fmt: skip
    return json.dumps(document, indent=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0, help="size of the document")
    parser.add_argument(
        "--long-names-every", type=int, default=4, help="one entity in N has an over-long field name (0: none)"
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=1, help="runs of acumatica-codegen generate")
    parser.add_argument("--profile", action="store_true", help="profile one run in this process")
    parser.add_argument("--keep", type=Path, help="also write the document to this file")
    args = parser.parse_args()

    started = time.perf_counter()
    text = build_document(args.megabytes, args.long_names_every)
    entities = text.count('"/Thing') // 7  # seven paths per top-level entity
    print(
        f"document: {len(text) / 1e6:.1f} MB, {entities} top-level entities, "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    if args.keep:
        args.keep.write_text(text, encoding="utf-8")
    print(f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start)")
    with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
        document = Path(tmp) / "Big_1.0.0.json"
        document.write_text(text, encoding="utf-8")
        del text
        if args.profile:
            profile(document, Path(tmp) / "profiled")
            return
        ours = Path(sys.executable).parent / "acumatica-codegen"
        wall: list[float] = []
        cpu: list[float] = []
        for run in range(args.runs):
            out = Path(tmp) / f"out{run}"
            start, cpu_start = time.perf_counter(), _children_cpu()
            completed = subprocess.run(
                [str(ours), "generate", str(document), "-o", str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            wall.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - cpu_start)
            if completed.returncode != 0:
                sys.exit(
                    f"generate failed (exit {completed.returncode}): {completed.stderr[-500:]}"
                )
            print(f"  run {run + 1}: {wall[-1]:.1f} s wall, {cpu[-1]:.1f} s CPU")
            print(f"    {completed.stdout.strip()}")
        if wall:
            print(
                f"acumatica-codegen generate: median {statistics.median(wall):.1f} s wall, "
                f"{statistics.median(cpu):.1f} s CPU"
            )


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes: steadier than wall time on a
    shared machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def profile(document: Path, out: Path) -> None:
    import cProfile
    import pstats

    from acumatica_codegen.cli import main as cli_main

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        cli_main(["generate", str(document), "-o", str(out)])
    except SystemExit:
        pass
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(25)


if __name__ == "__main__":
    main()
