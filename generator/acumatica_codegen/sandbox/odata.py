"""The OData ``$filter`` subset Acumatica accepts, parsed once and compiled to a predicate.

Grammar (keywords are case-sensitive lower case, as in OData)::

    expr     := or
    or       := and ("or" and)*
    and      := not ("and" not)*
    not      := "not" not | compare
    compare  := operand [("eq"|"ne"|"gt"|"ge"|"lt"|"le") operand]
    operand  := "(" expr ")" | call | literal | path
    call     := substringof(a, b) | startswith(a, b) | endswith(a, b) | contains(a, b)
              | tolower(a) | toupper(a) | trim(a) | length(a)
              | cf.String(f='View.Field')   (also cf.Decimal, cf.Int, cf.Boolean, cf.DateTime, cf.Guid)
    literal  := 'text' ('' escapes a quote) | 12 | -1.5 | 1.5m | true | false | null
              | datetimeoffset'2024-01-31T10:00:00Z' | datetime'2024-01-31' | guid'...'
    path     := Name("/"Name)*                     e.g. Status, MainContact/Email

String comparisons ignore case, as SQL Server's default collation does on a real instance.
The module knows nothing about entities: the caller resolves each path to a getter and a scalar.

Contract 5 endpoints (``contract5=True``) speak OData 4.01 instead (``contract5`` has the rules and
the wording): ``contains(a, b)``, bare literals (``2024-01-31``, ``2024-01-31T10:00:00Z``, GUIDs),
``cf.String('View.Field')`` and the select kinds, ``Colors/any(v: v eq 'RED')`` and ``all``; the
contract-4 spellings (``substringof``, ``datetimeoffset'...'``, ``f=``) answer 400.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ir import Scalar
from . import contract5
from .errors import article

Getter = Callable[[Any], Any]
Resolver = Callable[[str], "tuple[Getter, Scalar]"]
Predicate = Callable[[Any], bool]


class FilterError(ValueError):
    """A ``$filter`` that cannot be parsed or does not fit the entity."""

    def __init__(self, message: str, position: int | None = None) -> None:
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"{message}{where}")


# --------------------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<typed>(?:datetimeoffset|datetime|guid|time)'(?:[^']|'')*')
  | (?P<string>'(?:[^']|'')*')
  | (?P<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-]))
  | (?P<moment>\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?(?![\w-]))
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?(?![\w]))
  | (?P<punct>[(),=:])
  | (?P<name>[A-Za-z_$][\w.$]*(?:/[A-Za-z_$][\w.$]*)*)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # "typed" "string" "number" "punct" "name" "end"
    text: str
    pos: int


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise FilterError(f"unexpected character {text[pos]!r}", pos)
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append(_Tok(kind, match.group(), pos))
        pos = match.end()
    tokens.append(_Tok("end", "", len(text)))
    return tokens


# ---------------------------------------------------------------------------------- value model


@dataclass(frozen=True)
class _Operand:
    """A compiled operand: a getter over the record and the scalar its values have."""

    get: Getter
    scalar: Scalar
    is_literal: bool = False
    literal: Any = None


def _parse_datetime(text: str) -> datetime:
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def normalize(value: Any, scalar: Scalar) -> Any:
    """Turn a stored or literal value into something that compares correctly for ``scalar``.

    Returns None for None; raises ValueError/TypeError when the value does not fit.
    """
    if value is None:
        return None
    if scalar is Scalar.STRING:
        return str(value).casefold()
    if scalar in (Scalar.INT, Scalar.DECIMAL, Scalar.FLOAT):
        if isinstance(value, bool):
            raise TypeError("a boolean is not a number")
        if isinstance(value, (int, Decimal)):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        return Decimal(str(value).strip())
    if scalar is Scalar.DATETIME:
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        if isinstance(value, date):  # a bare date literal: its midnight, UTC
            return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
        return _parse_datetime(str(value))
    if scalar is Scalar.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        return date.fromisoformat(text) if len(text) == 10 else _parse_datetime(text).date()
    if scalar is Scalar.BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "false"):
            return text == "true"
        raise ValueError(f"{value!r} is not a boolean")
    if scalar is Scalar.GUID:
        return uuid.UUID(str(value))
    if isinstance(value, str):
        return value.casefold()
    return value


def _constant(value: Any, scalar: Scalar) -> _Operand:
    def get(record: Any) -> Any:
        return value

    return _Operand(get, scalar, True, value)


def _literal(tok: _Tok, contract_5: bool) -> _Operand:
    """A literal token as an operand; its scalar is what the literal itself says."""
    if tok.kind in ("moment", "guid"):
        if not contract_5:
            raise FilterError(contract5.BARE_LITERAL_ON_CONTRACT_4.format(tok.text), tok.pos)
        try:
            if tok.kind == "guid":
                return _constant(uuid.UUID(tok.text), Scalar.GUID)
            if len(tok.text) == 10:
                return _constant(date.fromisoformat(tok.text), Scalar.DATE)
            return _constant(_parse_datetime(tok.text), Scalar.DATETIME)
        except ValueError:
            raise FilterError(f"{tok.text} is not a valid date or time", tok.pos) from None
    if tok.kind == "string":
        value: Any = tok.text[1:-1].replace("''", "'")
        return _constant(value, Scalar.STRING)
    if tok.kind == "number":
        text = tok.text.rstrip("mMdDfFlL")
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            raise FilterError(f"bad number {tok.text!r}", tok.pos) from None
        scalar = Scalar.INT if re.fullmatch(r"-?\d+", text) else Scalar.DECIMAL
        return _constant(value, scalar)
    # typed literal: prefix'...'
    prefix, _, rest = tok.text.partition("'")
    body = rest[:-1].replace("''", "'")
    if contract_5 and prefix in ("datetimeoffset", "datetime"):
        raise FilterError(contract5.TYPED_LITERAL.format(tok.text, body), tok.pos)
    try:
        if prefix in ("datetimeoffset", "datetime"):
            value = _parse_datetime(body)
            return _constant(value, Scalar.DATETIME)
        if prefix == "guid":
            value = uuid.UUID(body)
            return _constant(value, Scalar.GUID)
    except ValueError:
        raise FilterError(f"{tok.text} is not a valid {prefix} literal", tok.pos) from None
    raise FilterError(f"{prefix} literals are not supported", tok.pos)


# -------------------------------------------------------------------------------------- parser

MAX_DEPTH = 64  # parentheses and "not"s; deeper filters are refused, not evaluated recursively
_COMPARE = {"eq", "ne", "gt", "ge", "lt", "le"}
_STRING_FUNCTIONS = {"substringof", "startswith", "endswith", "contains"}
_UNARY_FUNCTIONS = {"tolower", "toupper", "trim", "length"}
_CUSTOM_TYPES = {
    "cf.String": Scalar.STRING,
    "cf.Decimal": Scalar.DECIMAL,
    "cf.Double": Scalar.FLOAT,
    "cf.Int": Scalar.INT,
    "cf.Short": Scalar.INT,
    "cf.Long": Scalar.INT,
    "cf.Byte": Scalar.INT,
    "cf.Boolean": Scalar.BOOL,
    "cf.DateTime": Scalar.DATETIME,
    "cf.Guid": Scalar.GUID,
    # contract 5 custom selects, compared by id
    "cf.StringSingleSelect": Scalar.STRING,
    "cf.IntSingleSelect": Scalar.INT,
    "cf.StringMultiSelect": Scalar.STRING_MULTI_SELECT,
}


_CONTRACT_4_CUSTOM_TYPES = frozenset(
    name for name, scalar in _CUSTOM_TYPES.items() if "Select" not in name
)


class _Parser:
    def __init__(
        self,
        text: str,
        resolve: Resolver,
        resolve_custom: Resolver | None,
        contract_5: bool = False,
    ) -> None:
        self.contract_5 = contract_5
        self.tokens = _tokenize(text)
        self.index = 0
        self.resolve = resolve
        self.resolve_custom = resolve_custom
        self.depth = 0

    def nest(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FilterError("$filter is nested too deeply", pos)

    # helpers
    @property
    def tok(self) -> _Tok:
        return self.tokens[self.index]

    def advance(self) -> _Tok:
        tok = self.tokens[self.index]
        self.index += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.advance()
        if tok.text != text:
            found = repr(tok.text) if tok.kind != "end" else "the end"
            raise FilterError(f"expected {text!r}, found {found}", tok.pos)

    def at_keyword(self, word: str) -> bool:
        return self.tok.kind == "name" and self.tok.text == word

    # grammar
    def parse(self) -> Predicate:
        if self.tok.kind == "end":
            raise FilterError("empty $filter")
        node = self.parse_or()
        if self.tok.kind != "end":
            raise FilterError(f"unexpected {self.tok.text!r}", self.tok.pos)
        return _as_predicate(node, self.tokens[0].pos)

    def parse_or(self) -> Any:
        left = self.parse_and()
        while self.at_keyword("or"):
            pos = self.advance().pos
            right = self.parse_and()
            lp, rp = _as_predicate(left, pos), _as_predicate(right, pos)
            left = lambda r, lp=lp, rp=rp: lp(r) or rp(r)  # noqa: E731
        return left

    def parse_and(self) -> Any:
        left = self.parse_not()
        while self.at_keyword("and"):
            pos = self.advance().pos
            right = self.parse_not()
            lp, rp = _as_predicate(left, pos), _as_predicate(right, pos)
            left = lambda r, lp=lp, rp=rp: lp(r) and rp(r)  # noqa: E731
        return left

    def parse_not(self) -> Any:
        if self.at_keyword("not"):
            pos = self.advance().pos
            self.nest(pos)
            inner = _as_predicate(self.parse_not(), pos)
            self.depth -= 1
            return lambda r, p=inner: not p(r)
        return self.parse_compare()

    def parse_compare(self) -> Any:
        left = self.parse_operand()
        if self.tok.kind == "name" and self.tok.text in _COMPARE:
            op_tok = self.advance()
            right = self.parse_operand()
            if not isinstance(left, _Operand) or not isinstance(right, _Operand):
                raise FilterError(f"'{op_tok.text}' compares two values", op_tok.pos)
            return _compare(op_tok, left, right)
        return left

    def parse_operand(self) -> Any:
        tok = self.tok
        if tok.text == "(" and tok.kind == "punct":
            self.advance()
            self.nest(tok.pos)
            inner = self.parse_or()
            self.expect(")")
            self.depth -= 1
            return inner
        if tok.kind in ("string", "number", "typed", "moment", "guid"):
            self.advance()
            return _literal(tok, self.contract_5)
        if tok.kind == "name":
            self.advance()
            if tok.text in ("true", "false"):
                value = tok.text == "true"
                return _constant(value, Scalar.BOOL)
            if tok.text == "null":
                return _constant(None, Scalar.ANY)
            if self.tok.text == "(" and self.tok.kind == "punct":
                return self.parse_call(tok)
            if tok.text in _COMPARE or tok.text in ("and", "or", "not"):
                raise FilterError(f"unexpected {tok.text!r}", tok.pos)
            try:
                getter, scalar = self.resolve(tok.text)
            except KeyError as missing:
                raise FilterError(f"unknown field {missing.args[0]!r}", tok.pos) from None
            return _Operand(getter, scalar)
        found = repr(tok.text) if tok.kind != "end" else "the end"
        raise FilterError(f"expected a value, found {found}", tok.pos)

    def parse_call(self, name: _Tok) -> Any:
        self.expect("(")
        self.nest(name.pos)
        try:
            return self._call(name)
        finally:
            self.depth -= 1

    def _call(self, name: _Tok) -> Any:
        if name.text in _CUSTOM_TYPES:
            return self._custom_field(name)
        lambda_kind = name.text.rpartition("/")[2]
        if self.contract_5 and "/" in name.text and lambda_kind in ("any", "all"):
            return self._lambda(name, name.text.rpartition("/")[0], lambda_kind)
        if self.contract_5 and name.text == "substringof":
            raise FilterError(contract5.SUBSTRINGOF, name.pos)
        return self._function(name)

    def _custom_field(self, name: _Tok) -> _Operand:
        """``cf.String(f='View.Field')`` (contract 4) or ``cf.String('View.Field')`` (5)."""
        spelling = "'View.Field'" if self.contract_5 else "f='View.Field'"
        arg = self.advance()
        if arg.text == "f" and self.contract_5:
            raise FilterError(contract5.CUSTOM_FIELD_F.format(name.text), arg.pos)
        if not self.contract_5:
            if arg.text != "f":
                raise FilterError(f"{name.text} takes {spelling}", arg.pos)
            self.expect("=")
        field_tok = arg if self.contract_5 else self.advance()
        if field_tok.kind != "string":
            raise FilterError(f"{name.text} takes {spelling}", field_tok.pos)
        self.expect(")")
        if name.text not in _CONTRACT_4_CUSTOM_TYPES and not self.contract_5:
            raise FilterError(f"{name.text} needs a contract-5 endpoint", name.pos)
        if self.resolve_custom is None:
            raise FilterError("custom fields cannot be filtered here", name.pos)
        try:
            getter, _ = self.resolve_custom(field_tok.text[1:-1].replace("''", "'"))
        except KeyError as missing:
            raise FilterError(f"unknown custom field {missing.args[0]!r}", field_tok.pos) from None
        return _Operand(getter, _CUSTOM_TYPES[name.text])

    def _lambda(self, name: _Tok, path: str, kind: str) -> Predicate:
        """``Colors/any(v: v eq 'RED')``: the condition on each chosen id of a multi-select."""
        try:
            get, scalar = self.resolve(path)
        except KeyError as missing:
            raise FilterError(f"unknown field {missing.args[0]!r}", name.pos) from None
        if scalar is not Scalar.STRING_MULTI_SELECT:
            raise FilterError(f"{kind}() is for multi-select fields; {path} is not one", name.pos)
        variable = self.advance()
        if variable.kind != "name":
            raise FilterError(f"{kind}() takes a variable first: {kind}(v: v eq 'A')", variable.pos)
        self.expect(":")
        outer = self.resolve

        def resolve_item(item_path: str) -> tuple[Getter, Scalar]:
            if item_path != variable.text:
                raise KeyError(item_path)  # inside the lambda only its variable is known
            return (lambda item: item), Scalar.STRING

        self.resolve = resolve_item
        try:
            test = _as_predicate(self.parse_or(), variable.pos)
        finally:
            self.resolve = outer
        self.expect(")")
        quantifier = any if kind == "any" else all
        return lambda record: quantifier(test(item) for item in (get(record) or ()))

    def _function(self, name: _Tok) -> Any:
        args = [self.parse_or()]
        while self.tok.text == "," and self.tok.kind == "punct":
            self.advance()
            args.append(self.parse_or())
        self.expect(")")
        for arg in args:
            if not isinstance(arg, _Operand):
                raise FilterError(f"{name.text}() takes values, not conditions", name.pos)
        if name.text in _STRING_FUNCTIONS:
            if len(args) != 2:
                raise FilterError(f"{name.text}() takes two arguments", name.pos)
            return _string_function(name.text, args[0], args[1])
        if name.text in _UNARY_FUNCTIONS:
            if len(args) != 1:
                raise FilterError(f"{name.text}() takes one argument", name.pos)
            return _unary_function(name.text, args[0])
        raise FilterError(f"unknown function {name.text}()", name.pos)


def _as_predicate(node: Any, pos: int) -> Predicate:
    if isinstance(node, _Operand):
        if node.scalar not in (Scalar.BOOL, Scalar.ANY):
            raise FilterError("a condition is expected here", pos)
        get = node.get
        return lambda r: get(r) is True
    return node  # type: ignore[no-any-return]


def _text(value: Any) -> str | None:
    return None if value is None else str(value).casefold()


def _string_function(name: str, first: _Operand, second: _Operand) -> Predicate:
    a, b = first.get, second.get

    def check(record: Any) -> bool:
        x, y = _text(a(record)), _text(b(record))
        if x is None or y is None:
            return False
        if name == "substringof":
            return x in y  # substringof(needle, haystack)
        if name == "startswith":
            return x.startswith(y)  # startswith(field, prefix)
        if name == "endswith":
            return x.endswith(y)
        return y in x  # contains(haystack, needle)

    return check


def _unary_function(name: str, arg: _Operand) -> _Operand:
    get = arg.get
    if name == "length":

        def length(record: Any) -> int | None:
            value = get(record)
            return None if value is None else len(str(value))

        return _Operand(length, Scalar.INT)
    transforms: dict[str, Callable[[str], str]] = {
        "tolower": str.lower,
        "toupper": str.upper,
        "trim": str.strip,
    }
    apply = transforms[name]

    def text(record: Any) -> str | None:
        value = get(record)
        return None if value is None else apply(str(value))

    return _Operand(text, Scalar.STRING)


def _compare(op_tok: _Tok, left: _Operand, right: _Operand) -> Predicate:
    op = op_tok.text
    # The field's scalar decides how both sides compare; a literal adapts to it.
    scalar = left.scalar if not left.is_literal else right.scalar
    if scalar is Scalar.ANY:
        scalar = right.scalar if left.scalar is Scalar.ANY else left.scalar
    sides = []
    for side in (left, right):
        if side.is_literal:
            try:
                value = normalize(side.literal, scalar)
            except (ValueError, TypeError, InvalidOperation, ArithmeticError):
                raise FilterError(
                    f"{side.literal!r} cannot be compared with "
                    f"{article(scalar.value)} {scalar.value} value",
                    op_tok.pos,
                ) from None
            sides.append((True, value, side.get))
        else:
            sides.append((False, None, side.get))
    (l_lit, l_val, l_get), (r_lit, r_val, r_get) = sides

    def value_of(is_lit: bool, lit: Any, get: Getter, record: Any) -> Any:
        if is_lit:
            return lit
        try:
            return normalize(get(record), scalar)
        except (ValueError, TypeError, InvalidOperation, ArithmeticError):
            return _UNCOMPARABLE

    def check(record: Any) -> bool:
        x = value_of(l_lit, l_val, l_get, record)
        y = value_of(r_lit, r_val, r_get, record)
        if x is _UNCOMPARABLE or y is _UNCOMPARABLE:
            return op == "ne"
        if op == "eq":
            return x == y  # type: ignore[no-any-return]
        if op == "ne":
            return x != y  # type: ignore[no-any-return]
        if x is None or y is None:
            return False
        try:
            if op == "gt":
                return x > y  # type: ignore[no-any-return]
            if op == "ge":
                return x >= y  # type: ignore[no-any-return]
            if op == "lt":
                return x < y  # type: ignore[no-any-return]
            return x <= y  # type: ignore[no-any-return]
        except TypeError:
            return False

    return check


_UNCOMPARABLE = object()


def compile_filter(
    text: str,
    resolve: Resolver,
    resolve_custom: Resolver | None = None,
    *,
    contract_5: bool = False,
) -> Predicate:
    """Compile ``$filter`` text into ``predicate(record) -> bool``.

    ``resolve(path)`` returns ``(getter, scalar)`` for a field path such as ``MainContact/Email``
    and raises KeyError for an unknown one; ``resolve_custom("View.Field")`` does the same for
    ``cf.String(f='View.Field')``. Raises FilterError with the position of the problem.
    """
    if len(text) > 10_000:
        raise FilterError("$filter is too long")
    parser = _Parser(text, resolve, resolve_custom, contract_5)
    try:
        return parser.parse()
    except RecursionError:
        raise FilterError("$filter is nested too deeply") from None
