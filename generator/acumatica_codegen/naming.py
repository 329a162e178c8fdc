"""Acumatica names → Python names, once and deterministically.

Rules, in order:
1. ``snake_case`` splits words at case changes and keeps acronyms whole: ``CustomerID`` →
   ``customer_id``, ``TAMEmployeeName`` → ``tam_employee_name``. Acronyms split as people read
   them: before ``ID`` (``BOMID`` → ``bom_id``), in the plural (``FileURLs`` → ``file_urls``) and
   before a lower-case joining word (``LocationIDfromBranch`` → ``location_id_from_branch``); a
   capital and its number stay one word (``F1099Box`` → ``f1099_box``); the words Acumatica
   writes joined in lower case are spelled out (``NumberofPeriods`` → ``number_of_periods``,
   ``JOINED_WORDS``). Anything that is not an ASCII letter or digit separates words; accents are
   dropped (``Ünïcode`` → ``unicode``); a name that starts with a digit gets a ``n`` prefix
   (``2ndLine`` → ``n2nd_line``).
2. A Python keyword or a reserved name (a builtin used in annotations, a method of the base class,
   for classes a name the generated module imports) gets a trailing underscore (``Class`` →
   ``class_``, an entity ``Value`` → class ``Value_``), as PEP 8 suggests.
3. When names collide (``ShipVia`` and ``Ship_Via``), the most conventional spelling keeps the plain
   name — no punctuation, fewest capitals — and the others get an exact spelling that marks every
   capital (``OrderNBR`` → ``order_n_b_r``) and every run of punctuation (``Ship_Via`` →
   ``ship__via``).
   Only if that still collides is a number added. The plain names of conventional fields therefore
   do not change when an upgrade adds a look-alike.
"""

from __future__ import annotations

import functools
import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping

from .errors import UserError

# Names a generated model's body must not shadow: builtins and imports used in annotations.
ANNOTATION_NAMES = frozenset(
    {
        "str", "int", "float", "bool", "list", "dict", "tuple", "object", "bytes",
        "Any", "ClassVar", "Decimal", "datetime", "UUID", "Unset", "UNSET", "Model",
        "CustomFields", "FileLink", "FieldRef", "EntityRef", "field", "dataclass", "Select",
        "DateOnly", "Sequence",
    }
)  # fmt: skip

# Every name a generated models or API module binds besides its entity classes: what
# templates/package/models/ and templates/package/api/ import (runtime field specs, value helpers,
# typing and scalar types, the API base classes) and define. An entity class named like one would
# shadow it, so class names avoid them; tests/test_render.py checks every rendered module against
# this set, so a new template import cannot be forgotten here.
GENERATED_MODULE_NAMES = frozenset(
    {
        "annotations", "importlib", "Any", "ClassVar", "TYPE_CHECKING", "Decimal", "datetime",
        "UUID", "Model", "Fields", "Value", "Plain", "Linked", "Detail", "Custom", "Files",
        "FieldRef", "UNSET", "Unset", "CustomFields", "FileLink", "EntityApi", "AsyncEntityApi",
        "FieldSpec", "wrap_parameters", "httpx", "_MODULES", "__all__", "__getattr__", "__dir__",
        "Select", "SelectAttribute", "MultiSelectAttribute", "Sequence", "DateOnly", "Map",
        "DecimalAttribute", "SelectRef", "MultiSelectRef", "LinkedRef", "DetailRef", "Literal",
        "overload",
    }
)  # fmt: skip

# Words, in order of preference at each position:
_WORD = re.compile(
    r"""
    [A-Z]{2,}s(?![a-z])                  # an acronym's plural: FileURLs -> URLs
    | [A-Z]{2,}(?=(?:from|to|in|of|for|and|by|on|per|with)(?![a-z]))
                                         # an acronym before a lower-case joining word: IDfrom
    | (?!(?:GU|UU)ID(?![a-z]))[A-Z]{2,}(?=ID(?![a-z]))
                                         # an acronym before ID: BOMID -> BOM, ID (not GUID)
    | [A-Z]+(?=[A-Z][a-z])               # an acronym before a word: TAMEmployee -> TAM
    | [A-Z][0-9]+                        # a letter and its number: L3Code -> L3, F1099Box -> F1099
    | [A-Z]?[a-z]+ | [A-Z]+ | [0-9]+[a-z]*
    """,
    re.VERBOSE,
)

# Words Acumatica writes joined in lower case ("UseAddressfromBranchID", "NumberofPeriods"): the
# ones in its real endpoint documents, each spelled out. A fixed list rather than a dictionary
# search, so "distribution" never becomes "distributi_on"; tests/fixtures/python_names.txt shows
# every name of the real documents, so a new joined word there shows up in review.
JOINED_WORDS: Mapping[str, tuple[str, ...]] = {
    joined.replace(" ", ""): tuple(joined.split())
    for joined in (
        "accrue on", "address from", "add to", "amount in", "amount to", "applied to",
        "available for", "available in", "banks from", "benefit increases taxable wage",
        "carryover after", "compare to", "contact with", "contributes to", "date of", "date to",
        "day of", "deduction and", "deduction decreases taxable wage", "disburse from",
        "hand in", "hours per", "include in", "information for", "invoices by", "issue in",
        "is up to date", "letters by", "location from", "mark for", "method for", "number of",
        "only from", "orders by", "overtime hours", "pay for all", "percent of", "post to",
        "prices and", "rules for the", "shipping and", "shipping in", "statements by",
        "subject to", "tax on", "threshold for", "time days", "transferred to", "used for",
        "validated by", "waiting for", "year for", "years of",
    )
}  # fmt: skip


def _words(name: str) -> list[str]:
    """The lower-case words of an ASCII name, joined words spelled out."""
    words: list[str] = []
    for word in _WORD.findall(name):
        lower = word.lower()
        words.extend(JOINED_WORDS.get(lower, (lower,)))
    return words


def ascii_fold(name: str) -> str:
    """Drop accents and anything that has no ASCII spelling."""
    decomposed = unicodedata.normalize("NFKD", name)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _no_ascii_fallback(name: str) -> str:
    # A name with no ASCII letters at all (e.g. "日本") still needs a stable, distinct spelling.
    return "u" + "_".join(f"{ord(c):x}" for c in name if not c.isspace())


# Cached: the same few thousand field names recur in every entity of every document.
@functools.lru_cache(maxsize=8192)
def snake_case(name: str) -> str:
    """``CustomerID`` → ``customer_id``; never empty, always a valid identifier (maybe a keyword)."""
    words = _words(ascii_fold(name))
    if not words:
        return _no_ascii_fallback(name)
    result = "_".join(words)
    return "n" + result if result[0].isdigit() else result


def pascal_case(name: str) -> str:
    """``sales order`` → ``SalesOrder``; keeps an existing PascalCase name as it is."""
    folded = ascii_fold(name)
    if folded.isidentifier() and folded[0].isupper():
        return folded
    words = _WORD.findall(folded)
    if not words:
        return "U" + _no_ascii_fallback(name)[1:]
    result = "".join(w[0].upper() + w[1:] for w in words)
    return "N" + result if result[0].isdigit() else result


def exact_snake_case(name: str) -> str:
    """A spelling that keeps every capital and separator visible: ``OrderNBR`` → ``order_n_b_r``,
    ``Ship_Via`` → ``ship__via`` (a run of punctuation is a double underscore)."""
    out: list[str] = []
    separated = False  # the previous character was punctuation, already written as "__"
    for char in ascii_fold(name):
        if char.isupper():
            out.append(("_" if out and not separated else "") + char.lower())
            separated = False
        elif char.isalnum():
            out.append(char)
            separated = False
        elif not separated:
            out.append("__")
            separated = True
    result = "".join(out).strip("_") or _no_ascii_fallback(name)
    return "n" + result if result[0].isdigit() else result


def _conventionality(name: str) -> tuple[int, int, str]:
    """Sort key: the most conventional spelling of a name sorts first."""
    has_punctuation = int(not name.isalnum() or not name.isascii())
    capitals = sum(1 for c in name if c.isupper())
    return (has_punctuation, capitals, name)


# Hard keywords only (the same list on every Python from 3.7 on). Soft keywords such as ``type``
# and ``match`` are fine as attribute and parameter names, and Acumatica has many ``Type`` fields.
_KEYWORDS = frozenset(keyword.kwlist)


def _escape_reserved(name: str, reserved: frozenset[str]) -> str:
    while name in _KEYWORDS or name in reserved:
        name += "_"
    return name


def assign_names(
    wire_names: Iterable[str],
    *,
    style: str = "snake",
    reserved: Iterable[str] = (),
) -> dict[str, str]:
    """Assign a unique Python name to every wire name (see the module docstring for the rules).

    ``style`` is ``"snake"`` (attributes, methods, modules) or ``"pascal"`` (classes). The result
    does not depend on the order of ``wire_names``.
    """
    reserved_set = frozenset(reserved)
    convert = snake_case if style == "snake" else pascal_case
    exact = exact_snake_case if style == "snake" else (lambda n: pascal_case(n) + "_")
    result: dict[str, str] = {}
    taken: set[str] = set()
    for wire in sorted(set(wire_names), key=_conventionality):
        candidate = _escape_reserved(convert(wire), reserved_set)
        if candidate in taken:
            candidate = _escape_reserved(exact(wire), reserved_set)
        base, number = candidate, 2
        while candidate in taken:
            candidate = f"{base}_{number}"
            number += 1
        taken.add(candidate)
        result[wire] = candidate
    return result


# Modules a generated package imports (httpx and what httpx imports) and the generator itself: a
# package of that name would hide the real module from the generated code, or from its users.
RESERVED_PACKAGE_NAMES = frozenset(
    {
        "httpx", "httpcore", "h11", "h2", "anyio", "sniffio", "idna", "certifi",
        "exceptiongroup", "typing_extensions", "acumatica_codegen",
    }
)  # fmt: skip


def check_package_name(package: str, where: str = "") -> None:
    """A UserError unless ``package`` can be imported (lower case, an identifier, not a keyword)
    without hiding a module: the standard library, or what the generated package imports."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", package) or keyword.iskeyword(package):
        raise UserError(
            f"{where}package name {package!r} is not a valid lower-case Python package name "
            "(letters, digits and '_', not a keyword), e.g. acumatica_web_shop"
        )
    if package in sys.stdlib_module_names:
        what = "a standard-library module"
    elif package == "acumatica_codegen":
        what = "the generator's own package"
    elif package in RESERVED_PACKAGE_NAMES:
        what = "a library the generated package imports (httpx and its dependencies)"
    else:
        return
    example = f"{package}_client" if package.startswith("acumatica") else f"acumatica_{package}"
    raise UserError(
        f"{where}package name {package!r} is {what}: one of the two could not be imported; "
        f"choose another name, e.g. {example}"
    )
