"""``acumatica-codegen inspect``: what an endpoint document holds, for humans."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..builder import build_ir
from ..ir import Endpoint
from ..spec import read_document


@click.command("inspect")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--entities", "show_entities", is_flag=True, help="Also list every top-level entity.")
def inspect_command(spec: Path, show_entities: bool) -> None:
    """Summarize the endpoint document SPEC: format, endpoint, version and what it holds."""
    document = read_document(spec)
    endpoint = build_ir(document)
    click.echo(summary(endpoint, str(spec)))
    if show_entities:
        click.echo("")
        click.echo(entity_table(endpoint))


def summary(endpoint: Endpoint, source: str) -> str:
    """A small aligned table of counts."""
    fields = [f for e in endpoint.entities for f in e.fields]
    kinds = Counter(f.kind.value for f in fields)
    rows = [
        ("document", source),
        ("format", endpoint.source_format),
        ("endpoint", endpoint.name),
        ("version", endpoint.version),
        ("contract", _contract(endpoint)),
        ("entities", str(len(endpoint.entities))),
        ("top-level entities", str(len(endpoint.top_level_entities))),
        ("actions", str(len(endpoint.actions))),
        ("fields", f"{len(fields)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"),
        ("value types", ", ".join(v.name for v in endpoint.value_types) or "-"),
        ("custom field types", str(len(endpoint.custom_field_types))),
        ("sha256", endpoint.spec_sha256),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)


def _contract(endpoint: Endpoint) -> str:
    """``5``, or what an unknown contract is read as."""
    if endpoint.contract_version is None:
        return "unknown (info.version is not a number): read as contract 4 or older"
    return str(endpoint.contract_version)


def entity_table(endpoint: Endpoint) -> str:
    """One line per top-level entity: name, screen, fields, actions, keys."""
    header = ("entity", "screen", "fields", "actions", "keys")
    rows = [
        (
            e.name,
            " ".join(filter(None, [e.screen_name, f"({e.screen_id})" if e.screen_id else ""])),
            str(len(e.fields)),
            str(len(e.actions)),
            ", ".join(e.keys) or "id",
        )
        for e in endpoint.top_level_entities
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )
