"""Parse JSON text that may be hostile: what ``json.loads`` cannot take is an error saying where.

``json.loads`` recurses once per level of nesting and gives up with a ``RecursionError`` near
Python's recursion limit (about 1,000 levels), and refuses an integer of more than 4,300 digits
with a bare ``ValueError`` (Python's guard against slow conversions): a document nested 5,000
deep, or one holding such a number, would otherwise end a command in a traceback. Real endpoint
documents nest fewer than 20 levels and hold short numbers. Only when the parser gives up is the
text scanned again (iteratively) to find the place; a document that parses costs nothing more.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Any

# Tokens that matter for the place: strings (skipped whole, they may hold brackets), punctuation.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]', re.DOTALL)
# How much of a pointer a message shows: enough to name the schema.
SHOWN_POINTER_TOKENS = 6


class JsonTextError(ValueError):
    """JSON that ``json.loads`` cannot take: what, and where (pointer, line and column)."""

    def __init__(self, problem: str, pointer: str, line: int, column: int) -> None:
        super().__init__(f"{problem} (at line {line}, column {column})")
        self.pointer = pointer  # the outermost levels on the way to the place
        self.line = line
        self.column = column


class TooDeep(JsonTextError):
    """JSON nested deeper than the parser can follow."""

    def __init__(self, depth: int, pointer: str, line: int, column: int) -> None:
        super().__init__(
            f"nested {depth} levels deep, deeper than a JSON reader follows; endpoint documents "
            "nest fewer than 20 levels",
            pointer,
            line,
            column,
        )
        self.depth = depth


def loads(text: str) -> Any:
    """``json.loads(text)``; a ``JsonTextError`` instead of a ``RecursionError`` or the bare
    ``ValueError`` of a too-long integer. Malformed JSON raises ``json.JSONDecodeError``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        failure = ""  # raised below, so the error does not chain a 1,000-frame traceback
    except ValueError as error:
        failure = str(error)
    raise _long_number(text, failure) if failure else deepest_point(text)


def deepest_point(text: str) -> TooDeep:
    """Where ``text`` nests deepest: its depth, line, column and the pointer leading there."""
    scan = _Scan()
    depth, position, pointer = 0, 0, ""
    for match in _TOKEN.finditer(text):
        scan.feed(match.group())
        if len(scan.frames) > depth:
            depth, position = len(scan.frames), match.start()
            pointer = scan.pointer(inner=False)
    line, column = _line_and_column(text, position)
    return TooDeep(depth, pointer, line, column)


def _long_number(text: str, failure: str) -> JsonTextError:
    """Where ``text`` holds the integer too long for ``json.loads`` (outside strings); the
    parser's own ``failure`` message if the scan finds none."""
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    scan = _Scan()
    position, digits = 0, 0
    last = 0
    for match in _TOKEN.finditer(text):
        number = re.search(rf"\d{{{limit + 1},}}", text[last : match.start()])
        if number:
            position, digits = last + number.start(), len(number.group())
            break
        scan.feed(match.group())
        last = match.end()
    line, column = _line_and_column(text, position)
    if not digits:
        return JsonTextError(f"not JSON a reader can convert: {failure}", "", line, column)
    return JsonTextError(
        f"a number of {digits} digits, longer than a JSON reader converts ({limit}); endpoint "
        "documents hold no such number",
        scan.pointer(inner=True),
        line,
        column,
    )


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)


class _Scan:
    """The open objects and arrays at a point of the text, token by token."""

    def __init__(self) -> None:
        self.frames: list[_Frame] = []

    def feed(self, token: str) -> None:
        top = self.frames[-1] if self.frames else None
        if token in "{[":
            self.frames.append(_Frame(is_object=token == "{"))
        elif token in "}]":
            if self.frames:
                self.frames.pop()
        elif top is None:
            return
        elif token == ",":
            top.next_member()
        elif top.is_object and top.expecting_key:
            top.key, top.expecting_key = _string_value(token), False

    def pointer(self, *, inner: bool) -> str:
        """The pointer (its outermost levels) to the innermost open container or, with
        ``inner``, to the member being read in it."""
        frames = self.frames if inner else self.frames[:-1]
        return "".join(f"/{frame.token()}" for frame in frames[:SHOWN_POINTER_TOKENS])


@dataclass
class _Frame:
    """One open object or array while scanning: where in it the scan is."""

    is_object: bool
    key: str = ""
    index: int = 0
    expecting_key: bool = True

    def next_member(self) -> None:
        if self.is_object:
            self.expecting_key = True
        else:
            self.index += 1

    def token(self) -> str:
        if not self.is_object:
            return str(self.index)
        return self.key.replace("~", "~0").replace("/", "~1")


def _string_value(token: str) -> str:
    try:
        value = json.loads(token)
    except ValueError:
        return token.strip('"')
    return value if isinstance(value, str) else token
