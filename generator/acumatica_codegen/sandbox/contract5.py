"""Contract 5 (Default 26.200.001) in the sandbox: the OData 4.01 query options and their errors.

A contract-5 endpoint takes nested expansion with a ``$select`` per level
(``$expand=MainContact($select=Email;$expand=Address($select=City))``, files of detail lines as
``Details($expand=files)``) and custom fields in ``$select`` (``$select=OrderNbr,Document.UsrRef``).
The contract-4 spellings answer 400, worded as Acumatica words a query it cannot read:
``$custom``, ``A/B`` paths, ``substringof``, ``datetimeoffset'...'`` and ``cf.String(f=...)``
(the filter rules live in ``odata``, their wording here).

These rules come from the same third-party digest of Acumatica's 2026 R2 integration guide as the
client runtime's ``runtime/dialect.py``: the two must agree, and the end-to-end tests
(``tests/test_contract5_e2e.py``) run a generated client against this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ir import Entity, FieldKind
from . import errors

if TYPE_CHECKING:  # entities reads filters through odata, which words its errors from here
    from .entities import EntityService, Shape

ODATA_EXCEPTION = "Microsoft.OData.ODataException"
INVALID_QUERY = "The query specified in the URI is not valid."

# How a contract-4 construct on a contract-5 endpoint is refused (``odata`` formats the filter ones).
SUBSTRINGOF = "Unknown function 'substringof': contract version 5 speaks OData 4.01, use contains(Field,'text')"
TYPED_LITERAL = (
    "{0} is a contract-4 literal: contract version 5 speaks OData 4.01, write {1} without quotes"
)
CUSTOM_FIELD_F = (
    "{0}(f='View.Field') is the contract-4 form: contract version 5 writes {0}('View.Field')"
)
BARE_LITERAL_ON_CONTRACT_4 = (
    "{0} is an OData 4.01 literal, which contract-5 endpoints take: this endpoint's contract "
    "writes datetimeoffset'...' and guid'...'"
)
CUSTOM_PARAMETER = (
    "The query option $custom is not supported by contract version 5: ask for custom fields in "
    "$select ($select=View.Field)."
)
EXPAND_PATH = "'{0}' is a contract-4 path: contract version 5 expands nested entities as {1}."


def query_error(message: str) -> errors.SandboxHTTPError:
    """400 for query options a contract-5 endpoint cannot read, as its OData layer says it."""
    return errors.exception_error(
        400, f"{INVALID_QUERY} {message}", ODATA_EXCEPTION, "PX.Api.ContractBased.OData.Parse"
    )


@dataclass
class Level:
    """One level of a nested query: the fields it selects and the entities expanded in it."""

    fields: list[str] = field(default_factory=list)
    children: dict[str, Level] = field(default_factory=dict)

    def shape(self) -> Shape:
        """As the renderer reads it: ``select`` None (every field) unless this level selects;
        the expanded children are selected too, with their own shapes."""
        from .entities import Shape

        custom = {name: True for name in self.fields if "." in name}
        plain = [name for name in self.fields if "." not in name]
        select: dict[str, Any] | None = None
        if self.fields:  # custom fields alone select only themselves, as contract 5 reads it
            select = {name: None for name in [*plain, *self.children]}
        expand: dict[str, Any] = {name: {} for name in self.children}
        children = {name: child.shape() for name, child in self.children.items()}
        return Shape(select, expand, custom, children)


def parse_query(select: str | None, expand: str | None, custom: str | None) -> Level:
    """``$select`` and ``$expand`` of a contract-5 request as a tree of levels; 400 for
    ``$custom`` and for ``A/B`` paths."""
    if custom is not None and custom.strip():
        raise query_error(CUSTOM_PARAMETER)
    root = Level()
    _read_select(root, select or "")
    _read_expand(root, expand or "")
    return root


def _read_select(level: Level, text: str) -> None:
    for name in _split(text, ","):
        if "/" in name:
            raise query_error(EXPAND_PATH.format(name, _nested(name)))
        if "(" in name or not name:
            raise query_error(f"'{name}' is not a field name.")
        level.fields.append(name)


def _read_expand(level: Level, text: str) -> None:
    for item in _split(text, ","):
        name, _, options = item.partition("(")
        name = name.strip()
        if "/" in name:
            raise query_error(EXPAND_PATH.format(name, _nested(name)))
        if not name or (options and not options.endswith(")")):
            raise query_error(f"'{item}' is not an expansion: write Name or Name($select=...).")
        child = level.children.setdefault(name, Level())
        for option in _split(options[:-1], ";") if options else ():
            key, equals, value = option.partition("=")
            if key.strip() == "$select" and equals:
                _read_select(child, value)
            elif key.strip() == "$expand" and equals:
                _read_expand(child, value)
            else:
                raise query_error(
                    f"'{option}' in the expansion of {name}: only $select and $expand nest."
                )


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside parentheses, parts stripped, empty ones dropped."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise query_error(f"Unbalanced parentheses in '{text}'.")
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if depth != 0:
        raise query_error(f"Unbalanced parentheses in '{text}'.")
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def _nested(path: str) -> str:
    """``A/B/C`` as contract 5 writes it: ``A($expand=B($expand=C))``."""
    head, _, rest = path.partition("/")
    return f"{head}($expand={_nested(rest)})" if rest else head


def check_query(service: EntityService, entity: Entity, level: Level) -> None:
    """400 for a field or expansion the entity does not have, at any level."""
    plain = {name: None for name in level.fields if "." not in name}
    service._check_tree(entity, plain, "$select")
    service._check_tree(entity, {name: {} for name in level.children}, "$expand")
    for name, child in level.children.items():
        if name == "files":
            continue
        fld = entity.fields_by_wire_name[name]
        sub = service.nested(fld)
        if sub is None or fld.kind not in (FieldKind.DETAIL, FieldKind.LINKED):
            raise errors.bad_request(
                f"$expand: '{name}' of {entity.name} has no sub-fields", "parameters"
            )
        check_query(service, sub, child)
