"""Errors caused by what the user gave us.

A ``UserError`` ends a command with one line on stderr (``error: ...``) and exit code 2, never a
traceback. Its message says what is wrong, where (file, JSON pointer, option) and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UserError(Exception):
    """Bad input: a file, an option, a server answer the user can act on."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class SpecError(UserError):
    """An endpoint document that cannot be read or mapped."""

    def __init__(self, path: str, pointer: str, problem: str) -> None:
        where = f"{path}#{pointer}" if pointer else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.pointer = pointer
        self.problem = problem


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """``"did you mean A, B?"`` for the choices close to a ``name`` that is not one, else ``""``."""
    close = difflib.get_close_matches(name, sorted(choices), n=3)
    return f"did you mean {', '.join(close)}?" if close else ""


def listing(names: Iterable[str], shown: int = 12) -> str:
    """``"A, B, C"``, or the first ``shown`` names and how many there are in all."""
    ordered = sorted(names)
    if len(ordered) <= shown:
        return ", ".join(ordered) or "none"
    return f"{', '.join(ordered[:shown])}, ... ({len(ordered)} in all)"
