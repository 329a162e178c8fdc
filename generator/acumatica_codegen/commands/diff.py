"""``acumatica-codegen diff OLD NEW``: what an endpoint upgrade changes for callers."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import UserError


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Markdown reads well as a pull-request comment; JSON is for scripts.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of stdout.",
)
@click.option(
    "--fail-on-breaking",
    is_flag=True,
    help="Exit with code 1 when a change breaks existing callers (for CI).",
)
@click.option(
    "--include",
    metavar="ENTITY",
    multiple=True,
    help="Compare only this top-level entity and what it uses (repeatable), like the config's "
    "include: changes elsewhere do not count.",
)
@click.option(
    "--exclude",
    metavar="ENTITY",
    multiple=True,
    help="Leave this top-level entity out (repeatable), like the config's exclude.",
)
def diff_command(
    old: Path,
    new: Path,
    output_format: str,
    output: Path | None,
    fail_on_breaking: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
) -> None:
    """Compare two endpoint documents (OLD and NEW) through their IRs.

    Reports entities, fields and actions added and removed, fields whose type changed and
    action parameters that changed, and marks what breaks existing callers. Swagger 2.0 and
    OpenAPI 3.0 documents of the same endpoint compare equal. With --include/--exclude (the
    [tool.acumatica-codegen] include/exclude of the project) only what the project generates is
    compared, and the report says so.
    """
    from ..builder import load_endpoint
    from ..diff import diff_endpoints

    for path in (old, new):
        if not path.is_file():
            raise UserError(f"{path}: no such file (give two endpoint documents: OLD NEW)")
    result = diff_endpoints(
        load_endpoint(old), load_endpoint(new), include=include, exclude=exclude
    )
    if output is not None or output_format == "json":  # Markdown on the terminal shows them
        for warning in result.warnings:
            click.echo(f"warning: {warning.replace('`', '')}", err=True)
    if output_format == "json":
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = result.to_markdown()
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(f"cannot write {output}: {error.strerror}") from None
        click.echo(f"{result.summary()} (report written to {output})", err=True)
    else:
        click.echo(text, nl=False)
    if fail_on_breaking and result.breaking:
        click.echo(
            f"error: {len(result.breaking_changes)} breaking change"
            f"{'' if len(result.breaking_changes) == 1 else 's'} (--fail-on-breaking)",
            err=True,
        )
        raise SystemExit(1)
