"""The ``acumatica-codegen`` command line.

Thin by design: each command parses its options, calls one function and prints. Commands live in
the module of the job they do and load lazily, so ``--help`` and every command start fast.
"""

from __future__ import annotations

import importlib
import signal
import sys
import threading
from types import FrameType, TracebackType
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


class SigtermAsInterrupt:
    """While active, SIGTERM ends the command like Ctrl-C does (a ``KeyboardInterrupt``).

    CI cancellation and ``docker stop`` send SIGTERM, whose default kills the process on the spot:
    ``finally`` blocks and context managers never run, and an Acumatica session (one of the
    licence's few API logins) stays open. As an interrupt, ``fetch`` and ``endpoints`` sign out
    and the sandbox shuts down. Only the first SIGTERM interrupts; another one during the
    clean-up is ignored so the sign-out can finish. Installed only in the main thread (Python
    allows no other); the previous handler comes back afterwards.
    """

    def __init__(self) -> None:
        self.received = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> SigtermAsInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGTERM, self._handle)
            self._installed = True
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._installed:
            previous = self._previous if self._previous is not None else signal.SIG_DFL
            signal.signal(signal.SIGTERM, previous)
            self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.received:
            self.received = True
            raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI, turning a UserError into one line and exit code 2.

    Ctrl-C and SIGTERM print "Aborted." after the clean-up ran (sign-out included); the exit code
    is 1 for Ctrl-C and 143 (128 + SIGTERM, as the shell reports a terminated process) for SIGTERM.
    """
    with SigtermAsInterrupt() as sigterm:
        try:
            return _main(argv)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("Aborted.", err=True)
            sys.exit(128 + signal.SIGTERM if sigterm.received else 1)


def _main(argv: list[str] | None) -> Any:
    try:
        return cli.main(args=argv, prog_name="acumatica-codegen", standalone_mode=False)
    except UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "acumatica-codegen"
        click.echo(f"error: {error.format_message()} (see '{command} --help')", err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
