"""Parse JSON text that may be hostile: too deep a nesting is an error that says where.

``json.loads`` recurses once per level of nesting and gives up with a ``RecursionError`` near
Python's recursion limit (about 1,000 levels): a document nested 5,000 deep would otherwise end a
command in a traceback. Real endpoint documents nest fewer than 20 levels. Only when the parser
gives up is the text scanned again (iteratively) to find where the nesting runs deep; a document
that parses costs nothing more.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# Tokens that matter for nesting: strings (skipped whole, they may hold brackets) and punctuation.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]', re.DOTALL)
# How much of the pointer to the deepest point a message shows: enough to name the schema.
SHOWN_POINTER_TOKENS = 6


class TooDeep(ValueError):
    """JSON nested deeper than the parser can follow: how deep, and where."""

    def __init__(self, depth: int, pointer: str, line: int, column: int) -> None:
        super().__init__(
            f"nested {depth} levels deep (deepest at line {line}, column {column}), deeper "
            "than a JSON reader follows; endpoint documents nest fewer than 20 levels"
        )
        self.depth = depth
        self.pointer = pointer  # of the outermost levels on the way to the deepest point
        self.line = line
        self.column = column


def loads(text: str) -> Any:
    """``json.loads(text)``; a ``TooDeep`` instead of a ``RecursionError``.

    Other problems raise ``json.JSONDecodeError`` as ``json.loads`` does.
    """
    try:
        return json.loads(text)
    except RecursionError:
        pass  # outside the handler, so the TooDeep does not chain a 1,000-frame traceback
    raise deepest_point(text)


def deepest_point(text: str) -> TooDeep:
    """Where ``text`` nests deepest: its depth, line, column and the pointer leading there."""
    frames: list[_Frame] = []
    depth, position, pointer = 0, 0, ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        top = frames[-1] if frames else None
        if token in "{[":
            frames.append(_Frame(is_object=token == "{"))
            if len(frames) > depth:
                depth, position = len(frames), match.start()
                # each enclosing container's current key or index leads to the one inside it
                shown = frames[: min(len(frames) - 1, SHOWN_POINTER_TOKENS)]
                pointer = "".join(f"/{frame.token()}" for frame in shown)
        elif token in "}]":
            if frames:
                frames.pop()
        elif top is None:
            continue
        elif token == ",":
            top.next_member()
        elif top.is_object and top.expecting_key:
            top.key, top.expecting_key = _string_value(token), False
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return TooDeep(depth=depth, pointer=pointer, line=line, column=column)


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
