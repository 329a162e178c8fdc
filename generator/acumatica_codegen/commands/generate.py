"""``acumatica-codegen generate``: endpoint document → client package."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..builder import load_endpoint
from ..config import EndpointConfig, load_config
from ..errors import UserError
from ..render import default_package_name, write_package
from ..selection import select_entities


@click.command()
@click.argument("spec", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Folder that receives <package>/.")
@click.option("--package", help="Import name of the package (default: acumatica_<endpoint>).")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 and list the files that differ when the output is stale.",
)
@click.option(
    "--config",
    "pyproject",
    type=click.Path(path_type=Path, dir_okay=False),
    help="pyproject.toml to read [tool.acumatica-codegen] from (default: the nearest one).",
)
def generate(
    spec: Path | None, output: Path | None, package: str | None, check: bool, pyproject: Path | None
) -> None:
    """Generate a typed client package from SPEC, or every endpoint configured in pyproject.toml.

    With SPEC, -o OUT is required and the package lands in OUT/<package>/. Without SPEC, each
    [[tool.acumatica-codegen.endpoints]] entry is regenerated, and files that no longer belong
    are removed.
    """
    if spec is not None:
        if output is None:
            raise UserError("generate SPEC needs -o OUT (the folder that receives the package)")
        targets = [EndpointConfig(spec=spec, output=output, package=package)]
    else:
        if output is not None or package is not None:
            raise UserError("-o and --package go with SPEC; without SPEC, pyproject.toml says where")
        config = load_config(pyproject)
        if not config.endpoints:
            raise UserError(f"{config.path}: [tool.acumatica-codegen] lists no endpoints")
        targets = list(config.endpoints)
    stale: list[str] = []
    for target in targets:
        stale.extend(_generate_one(target, check=check))
    if check and stale:
        click.echo(f"{len(stale)} generated file(s) are stale; run `acumatica-codegen generate`:")
        for path in stale:
            click.echo(f"  {path}")
        sys.exit(1)


def _generate_one(target: EndpointConfig, *, check: bool) -> list[str]:
    started = time.perf_counter()
    endpoint = load_endpoint(target.spec, key_overrides=target.keys)
    endpoint = select_entities(endpoint, target.include, target.exclude)
    package = target.package or default_package_name(endpoint)
    result = write_package(
        endpoint, target.output, package, spec_name=Path(target.spec).name, check=check
    )
    shown = _shown(result.project_dir)
    if check:
        state = "up to date" if not result.changed else f"{len(result.changed)} file(s) differ"
        click.echo(f"{package} ({endpoint.name} {endpoint.version}) in {shown}: {state}")
        return [f"{shown}/{path}" for path in result.changed]
    seconds = time.perf_counter() - started
    click.echo(
        f"Generated {package} ({endpoint.name} {endpoint.version}) in {shown}: "
        f"{len(result.written) + result.unchanged} files, {len(result.written)} written, "
        f"{len(result.removed)} removed ({seconds:.1f} s)"
    )
    return []


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
