"""Black's layout for the few generated lines that need it, at a small part of black's cost.

Templates and the layout helpers in ``render`` emit black's layout already; only a line that
stays over the limit (a very long Acumatica name) needs black. Passing each such file through
black took most of a 50 MB document's 17 minutes, and black's time grows with what it is given:
a 50-field ``Fields(...)`` table or ``__init__`` signature costs it 50 ms, one line of it 1 ms.
So black gets the least that decides the long line's layout:

- a line that is one whole element of an exploded bracket (a call argument, a parameter, a tuple
  or list item, ending in its comma) is formatted alone inside a stand-in bracket of the same
  kind: black splits an exploded bracket into one line per element and lays out each of them
  on its own, so this is what it gives in place;
- any other long line takes its whole statement (for a ``def`` or ``class``, only the header,
  given a stand-in ``pass`` body).

Each piece is dedented and formatted with the limit reduced by its indentation: black measures
a line with its indentation, so the result is what black gives in place. Whole-file black is the
fallback: a statement holding a multi-line string (its text would change with the indentation)
or one black cannot read on its own. Tests check that the result is what black leaves unchanged.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

LINE_LENGTH = 100
_STAND_IN_BODY = "    pass\n"
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# The stand-in bracket an element is formatted in, by the kind of bracket it stands in.
_BRACKETS = {
    "call": ("f(\n", ")\n"),
    "parameters": ("def f(\n", "):\n" + _STAND_IN_BODY),
    # a second item: the comma of a one-item tuple is not a "magic" trailing comma to black
    "tuple": ("(\n", "    None,\n)\n"),
    "list": ("[\n", "    None,\n]\n"),
}


_Element = ast.expr | ast.arg | ast.keyword


@dataclass(frozen=True)
class _Piece:
    """Lines ``first``..``last`` (1-based) of a file, to be laid out by black at ``indent``."""

    first: int
    last: int
    indent: int
    head: str  # what goes before the dedented lines (a stand-in bracket), and after
    tail: str


def black_stable(files: dict[str, str]) -> dict[str, str]:
    """``files`` with each Python file's over-long lines laid out as black lays them out.

    The runtime (``_runtime/``) is the same for every endpoint and kept black-clean by its own
    tests; other files and files without a long line come back unchanged.
    """
    return {
        path: (
            _black_stable(path, text) if path.endswith(".py") and "/_runtime/" not in path else text
        )
        for path, text in files.items()
    }


def _black_stable(path: str, text: str) -> str:
    long_lines = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) > LINE_LENGTH and not _is_comment(line)
    ]
    if not long_lines:
        return text
    lines = text.splitlines(keepends=True)
    pieces = _pieces(ast.parse(text), lines, long_lines)
    for piece in sorted(pieces, key=lambda p: p.first, reverse=True):  # earlier numbers stay right
        formatted = _format_piece(piece, lines[piece.first - 1 : piece.last])
        if formatted is None:
            return _black_whole(path, text)
        lines[piece.first - 1 : piece.last] = [formatted]
    return "".join(lines)


def _pieces(tree: ast.Module, lines: list[str], numbers: list[int]) -> list[_Piece]:
    """What to format for the long lines ``numbers``: elements alone, else their statements."""
    elements: set[_Piece] = set()
    statements: set[_Piece] = set()
    for number in numbers:
        statement = _innermost_statement(tree.body, number)
        if statement is None or _is_docstring(statement) or _unsplittable(statement, lines):
            continue  # black leaves these lines as they are
        element = _element_on(statement, number, lines)
        if element is not None:
            elements.add(element)
        else:
            statements.add(_statement_piece(statement, number, lines))
    merged: list[_Piece] = []
    for piece in sorted(statements, key=lambda p: (p.first, p.last)):
        if merged and piece.first <= merged[-1].last:  # overlapping: one statement
            whole = merged[-1]
            merged[-1] = _Piece(whole.first, max(whole.last, piece.last), whole.indent, "", "")
        else:
            merged.append(piece)
    # an element inside a statement (or an outer element) taken whole is formatted with it
    outer = [*merged, *elements]
    alone = [
        element
        for element in elements
        if not any(
            other != element and other.first <= element.first and element.last <= other.last
            for other in outer
        )
    ]
    return merged + alone


def _unsplittable(statement: ast.stmt, lines: list[str]) -> bool:
    """``target = name`` on one line, the name too long for a line of its own: nothing to split.

    Black would wrap the value in parentheses only if it then fitted (its right-hand split gives
    up when the body can neither be split nor made short enough), and a bare name has no bracket
    or delimiter to split at. Asking black costs it tens of milliseconds for such a line.
    """
    if not (
        isinstance(statement, ast.Assign)
        and statement.lineno == statement.end_lineno
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], (ast.Name, ast.Attribute))
        and isinstance(statement.value, ast.Name)
    ):
        return False
    indent = len(lines[statement.lineno - 1]) - len(lines[statement.lineno - 1].lstrip(" "))
    return indent + 4 + len(statement.value.id) > LINE_LENGTH


def _element_on(statement: ast.stmt, number: int, lines: list[str]) -> _Piece | None:
    """The innermost element of an exploded bracket that holds line ``number``: it starts its
    line and its comma follows it. None when the line is in no such element."""
    best: _Piece | None = None
    for kind, start, end in _elements(statement):
        first, last = start.lineno, end.end_lineno or end.lineno
        if not first <= number <= last or (best and last - first >= best.last - best.first):
            continue
        indent = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
        after = lines[last - 1][end.end_col_offset or 0 :].strip()
        if start.col_offset == indent and after.startswith(","):
            best = _Piece(first, last, indent, *_BRACKETS[kind])
    return best


def _elements(statement: ast.stmt) -> Iterator[tuple[str, _Element, _Element]]:
    """``(bracket kind, first node, last node)`` of every element of a bracket in ``statement``
    (a parameter's last node is its default, when it has one)."""
    for node in _own_nodes(statement):
        if isinstance(node, ast.Call):
            arguments: list[_Element] = [*node.args, *node.keywords]
            for argument in arguments:
                yield "call", argument, argument
        elif isinstance(node, (ast.Tuple, ast.List)):
            kind = "tuple" if isinstance(node, ast.Tuple) else "list"
            for item in node.elts:
                yield kind, item, item
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _parameters(node.args)


def _own_nodes(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of ``statement`` outside the statements nested in it (a def's body)."""
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.stmt)
        )


def _parameters(arguments: ast.arguments) -> Iterator[tuple[str, _Element, _Element]]:
    """Each parameter and its default (defaults line up with the last parameters)."""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
    defaults += arguments.defaults
    pairs = [
        *zip(positional, defaults, strict=True),
        *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
    ]
    for parameter, default in pairs:
        yield "parameters", parameter, default if default is not None else parameter


def _statement_piece(statement: ast.stmt, number: int, lines: list[str]) -> _Piece:
    """The statement holding line ``number``; for a def or class header, the header alone."""
    first, last = _first_line(statement), statement.end_lineno or statement.lineno
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
    body = getattr(statement, "body", None)
    if isinstance(statement, _DEFINITIONS) and body and body[0].lineno > number:
        last = body[0].lineno - 1
        while last > number and (not lines[last - 1].strip() or _is_comment(lines[last - 1])):
            last -= 1  # blank lines and comments before the body are not the header
        return _Piece(first, last, indent, "", _STAND_IN_BODY)
    return _Piece(first, last, indent, "", "")


def _innermost_statement(body: list[ast.stmt], number: int) -> ast.stmt | None:
    for node in body:
        if not _first_line(node) <= number <= (node.end_lineno or node.lineno):
            continue
        inner = getattr(node, "body", None)
        if isinstance(inner, list) and inner and number >= inner[0].lineno:
            for block in (inner, getattr(node, "orelse", []), getattr(node, "finalbody", [])):
                found = _innermost_statement(block, number)
                if found is not None:
                    return found
        return node
    return None


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _format_piece(piece: _Piece, lines: list[str]) -> str | None:
    """The piece's lines as black lays them out in place; None when only the whole file will do.

    An element sits one level inside its stand-in bracket, so it is dedented to 4 spaces.
    """
    source = "".join(lines)
    if '"""' in source or "'''" in source:
        return None  # a multi-line string's text would change with the indentation
    level = 4 if piece.head else 0
    shift = piece.indent - level
    body = "".join(" " * level + line[piece.indent :] if line.strip() else line for line in lines)
    formatted = _black_format(piece.head + body + piece.tail, LINE_LENGTH - shift)
    if formatted is None or not formatted.startswith(piece.head):
        return None  # e.g. an elif header on its own
    if not formatted.endswith(piece.tail) or not formatted.removesuffix(piece.tail).endswith("\n"):
        return None
    inner = formatted[len(piece.head) : len(formatted) - len(piece.tail)]
    pad = " " * shift
    return "".join(pad + line if line.strip() else line for line in inner.splitlines(True))


def _black_whole(path: str, text: str) -> str:
    """The whole file through black: the slow way, for what pieces alone cannot do."""
    formatted = _black_format(text, LINE_LENGTH)
    if formatted is None:  # a template bug, never user input: fail loudly
        raise RuntimeError(f"generated {path} is not valid Python")
    return formatted


def _black_format(text: str, line_length: int) -> str | None:
    """``text`` as black formats it, or None when black cannot parse it."""
    import black  # imported here: most runs never need it
    from black.mode import Mode, TargetVersion
    from black.parsing import InvalidInput

    mode = Mode(line_length=line_length, target_versions={TargetVersion.PY310})
    try:
        return black.format_str(text, mode=mode)
    except InvalidInput:
        return None
