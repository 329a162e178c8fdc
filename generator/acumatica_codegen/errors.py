"""Errors caused by what the user gave us.

A ``UserError`` ends a command with one line on stderr (``error: ...``) and exit code 2, never a
traceback. Its message says what is wrong, where (file, JSON pointer, option) and how to fix it.
"""

from __future__ import annotations


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
