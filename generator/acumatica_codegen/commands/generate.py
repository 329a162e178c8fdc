"""``acumatica-codegen generate``: endpoint document → client package."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from ..builder import load_endpoint
from ..config import EndpointConfig, load_config
from ..errors import UserError
from ..ir import Endpoint
from ..naming import check_package_name
from ..render import default_package_name, write_package
from ..selection import select_entities


@click.command()
@click.argument("spec", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Folder that receives <package>/."
)
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
        if pyproject is not None:
            raise UserError(
                "--config goes without SPEC: generate either SPEC -o OUT, or what the config lists"
            )
        if package is not None:
            check_package_name(package, "--package: ")
        targets = [EndpointConfig(spec=spec, output=output, package=package)]
    else:
        if output is not None or package is not None:
            raise UserError(
                "-o and --package go with SPEC; without SPEC, pyproject.toml says where"
            )
        config = load_config(pyproject)
        if not config.endpoints:
            raise UserError(f"{config.path}: [tool.acumatica-codegen] lists no endpoints")
        targets = list(config.endpoints)
    jobs = [_Job.load(target) for target in targets]
    _refuse_shared_outputs(jobs)
    stale: list[tuple[str, str]] = []
    for job in jobs:
        stale.extend(job.run(check=check))
    if check and stale:
        counts = _counts(state for _, state in stale)
        command = "acumatica-codegen generate"
        if spec is not None:
            command += f" {spec} -o {output}" + (f" --package {package}" if package else "")
        elif pyproject is not None:
            command += f" --config {pyproject}"
        click.echo(f"generated files are not up to date ({counts}); run `{command}`:")
        for path, state in stale:
            click.echo(f"  {path} ({state})")
        sys.exit(1)


def _counts(states: Iterable[str]) -> str:
    """``"2 missing, 1 differs"``: how many changed files are in each state."""
    tally = Counter(states)
    return ", ".join(
        f"{tally[state]} {'differ' if state == 'differs' and tally[state] > 1 else state}"
        for state in ("missing", "differs", "no longer generated")
        if tally[state]
    )


@dataclass
class _Job:
    """One endpoint to generate: its configuration and its IR, read once."""

    target: EndpointConfig
    endpoint: Endpoint
    package: str
    seconds: float

    @classmethod
    def load(cls, target: EndpointConfig) -> _Job:
        started = time.perf_counter()
        endpoint = load_endpoint(target.spec, key_overrides=target.keys)
        endpoint = select_entities(endpoint, target.include, target.exclude)
        package = default_package_name(endpoint) if target.package is None else target.package
        return cls(target, endpoint, package, time.perf_counter() - started)

    def run(self, *, check: bool) -> list[tuple[str, str]]:
        """Write (or compare) the package; returns the stale files and their state when checking."""
        started = time.perf_counter()
        endpoint, package = self.endpoint, self.package
        result = write_package(
            endpoint, self.target.output, package, spec_name=self.target.spec.name, check=check
        )
        shown = _shown(result.project_dir)
        if check:
            states = [(f"{shown}/{path}", result.state(path)) for path in result.changed]
            state = _counts(s for _, s in states) or "up to date"
            click.echo(f"{package} ({endpoint.name} {endpoint.version}) in {shown}: {state}")
            return states
        seconds = self.seconds + time.perf_counter() - started
        click.echo(
            f"Generated {package} ({endpoint.name} {endpoint.version}) in {shown}: "
            f"{len(result.written) + result.unchanged} files, {len(result.written)} written, "
            f"{len(result.removed)} removed ({seconds:.1f} s)"
        )
        return []


def _refuse_shared_outputs(jobs: list[_Job]) -> None:
    """Two entries writing one folder would overwrite each other and never pass --check."""
    seen: dict[tuple[Path, str], Path] = {}
    for job in jobs:
        where = (job.target.output.resolve(), job.package)
        if where in seen:
            raise UserError(
                f"[tool.acumatica-codegen]: {seen[where].name} and {job.target.spec.name} both "
                f"generate {job.package} into {job.target.output}; give one of them another "
                "output or package"
            )
        seen[where] = job.target.spec


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
