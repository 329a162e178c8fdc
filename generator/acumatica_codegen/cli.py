"""The ``acumatica-codegen`` command line.

Thin by design: each command parses its options, calls one function and prints. Commands live in
the module of the job they do and load lazily, so ``--help`` and every command start fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .errors import UserError

# command name -> "module:attribute" of a click.Command, relative to this package
COMMANDS: dict[str, str] = {
    "generate": ".commands.generate:generate",
    "inspect": ".commands.inspect:inspect_command",
    "diff": ".commands.diff:diff_command",
    "fetch": ".commands.fetch:fetch_command",
    "endpoints": ".commands.fetch:endpoints_command",
    "sandbox": ".sandbox.command:sandbox_command",
    "demo": ".commands.demo:demo_command",
}


class LazyGroup(click.Group):
    """A group whose commands are imported only when they run (or when help lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name, __package__)
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="acumatica-codegen")
def cli() -> None:
    """Generate typed Python clients for Acumatica contract-based REST endpoints."""


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI, turning a UserError into one line and exit code 2."""
    try:
        return cli.main(args=argv, prog_name="acumatica-codegen", standalone_mode=False)
    except UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "acumatica-codegen"
        click.echo(f"error: {error.format_message()} (see '{command} --help')", err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
