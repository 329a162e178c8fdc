"""Compare two endpoints through their IRs: what an Acumatica upgrade changes for callers.

Both sides are IRs, so a Swagger 2.0 document and an OpenAPI 3.0 document of the same endpoint are
no change at all. An entity added or removed is reported as such, not field by field: its fields
come and go with it. Its actions are listed, though (callers gain or lose those methods), and a
top-level one is listed with the top-level changes (its ``client.<entity>`` attribute comes or goes).

What breaks existing callers of a generated client:

- an entity, field, action or action parameter that is removed;
- a field or parameter whose Python type changes: another scalar (``StringValue`` → ``IntValue``),
  another kind (a linked entity becoming a detail list), another nested entity;
- an entity that loses its paths (its ``client.<entity>`` attribute disappears);
- a Python name that changes although the wire name did not (collision resolution moved it);
- worse, a Python name callers use that now reaches another wire name (``TAM`` was ``tam``; an
  added ``Tam`` takes ``tam`` and ``TAM`` becomes ``t_a_m``): old code runs and silently reads and
  writes the other field. Fields, action parameters, actions, classes and client attributes.

- a move to another system contract (``info.version`` 4 → 5): hand-written ``$filter``,
  ``$expand`` and ``$custom`` strings speak another query dialect (stated at the top of the report).

A removed and an added field of one entity whose names and Python types look alike
(``LastModified`` → ``LastModifiedDateTime``) are still a removal and an addition for callers;
the report pairs them as a likely rename, so the reviewer sees where the data went.

Warnings (not changes): the two documents are different endpoints, or the version goes backwards
(OLD and NEW swapped?).

Not breaking: additions, and wire-only changes the codec absorbs (a plain string becoming a
``StringValue`` wrapper, ``ShortValue`` becoming ``IntValue``: both are ``int`` in Python).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .digest import QUERY_DIALECT_CHANGES
from .ir import Action, Endpoint, Entity, Field, FieldKind, Scalar
from .selection import select_both
from .versions import version_key

#: Lists longer than this fold into a <details> block in Markdown.
FOLD_AFTER = 12
#: Breaking changes are what a reviewer must see: they fold only when there are very many.
BREAKING_FOLD_AFTER = 40


def type_label(item: Field) -> str:
    """How a field's type reads in a report: ``StringValue``, ``string``, ``SalesOrderDetail[]``."""
    if item.kind is FieldKind.VALUE:
        return item.value_type or f"{item.scalar.value} value"
    if item.kind is FieldKind.PLAIN:
        return str(item.scalar.value)
    if item.kind is FieldKind.DETAIL:
        return f"{item.entity}[]"
    if item.kind is FieldKind.LINKED:
        return item.entity or "entity"
    return str(item.kind.value)  # custom, files


# What a retype means for code that reads and writes the field, by the new Python type.
_RETYPE_HINTS = {
    Scalar.STRING_SELECT: "read `.id` and `.description`; a plain id still assigns",
    Scalar.INT_SELECT: "read `.id` and `.description`; a plain id still assigns",
    Scalar.STRING_MULTI_SELECT: "a list of `Select`; plain ids still assign",
    Scalar.DATE: "a `datetime.date`; a `datetime` assigned is sent as its date",
}
_PYTHON_NAMES = {Scalar.DATE: "date"}  # the annotation says DateOnly; callers see datetime.date


def python_label(item: Field) -> str:
    """The Python type callers use for a field: ``str``, ``Select[str]``, ``date``; ``""`` when
    it is not a single value (details, linked entities, ...)."""
    if item.kind not in (FieldKind.VALUE, FieldKind.PLAIN):
        return ""
    return _PYTHON_NAMES.get(item.scalar, item.scalar.annotation)


def _python_shape(item: Field) -> tuple[str, str, str | None]:
    """What a caller of the generated code sees: VALUE and PLAIN of one scalar look alike."""
    if item.kind in (FieldKind.VALUE, FieldKind.PLAIN):
        return ("scalar", item.scalar.value, None)
    return (item.kind.value, "", item.entity)


def is_breaking_type_change(old: Field, new: Field) -> bool:
    """Whether changing ``old`` into ``new`` changes the Python type callers use."""
    return _python_shape(old) != _python_shape(new)


@dataclass(frozen=True)
class TypeChange:
    """A field (``Entity.Field``) or action parameter (``Entity.Action(Param)``) that changed type."""

    name: str
    old: str
    new: str
    breaking: bool
    # What callers see: ("str", "Select[str]", "reads as `Select` ..."); empty when not a value.
    python: tuple[str, str, str] = ("", "", "")

    @property
    def consequence(self) -> str:
        """`` (Python: `str` → `Select[str]`: read .id ...)`` for a breaking retype into a
        contract-5 value (select, date-only); other retypes read well from their wire names."""
        old, new, hint = self.python
        if not self.breaking or not hint or not old or old == new:
            return ""
        return f" (Python: `{old}` → `{new}`: {hint})"


@dataclass(frozen=True)
class LikelyRename:
    """A removed and an added field of one entity that look like one field renamed."""

    entity: str
    old: str
    new: str


@dataclass(frozen=True)
class ParameterChanges:
    """How the parameters of one action (``Entity.Action``) changed."""

    action: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[TypeChange, ...] = ()

    @property
    def breaking(self) -> bool:
        return bool(self.removed) or any(c.breaking for c in self.changed)


@dataclass(frozen=True)
class Rename:
    """A Python name that changed while the wire name stayed (``Entity.Field``: ``a`` → ``a_2``)."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Repointed:
    """A Python name callers use that now reaches another wire name.

    ``name`` is how callers write it (``SalesOrder.tam``, ``SalesOrder.hold(reason=)``,
    ``models.Contact``, ``client.contact``); ``what`` is ``field``, ``parameter``, ``action`` or
    ``entity``; ``old`` and ``new`` are the wire names it reached before and reaches now.
    """

    name: str
    what: str
    old: str
    new: str


@dataclass(frozen=True)
class Diff:
    """The changes from ``old`` to ``new``; every list sorted, so output is deterministic."""

    old_endpoint: str
    old_version: str
    new_endpoint: str
    new_version: str
    added_entities: tuple[str, ...] = ()
    removed_entities: tuple[str, ...] = ()
    added_top_level: tuple[str, ...] = ()  # has paths now, had none (gained them, or is new)
    removed_top_level: tuple[str, ...] = ()  # had paths, has none now (lost them, or is removed)
    added_fields: tuple[str, ...] = ()
    removed_fields: tuple[str, ...] = ()
    changed_fields: tuple[TypeChange, ...] = ()
    added_actions: tuple[str, ...] = ()
    removed_actions: tuple[str, ...] = ()
    changed_action_parameters: tuple[ParameterChanges, ...] = ()
    renamed: tuple[Rename, ...] = field(default=())
    repointed: tuple[Repointed, ...] = ()
    include: tuple[str, ...] = ()  # the selection compared (diff --include/--exclude), if any
    exclude: tuple[str, ...] = ()
    # The system contracts (Endpoint.contract_version): None when a document does not say.
    old_contract: int | None = None
    new_contract: int | None = None
    likely_renames: tuple[LikelyRename, ...] = ()  # pairs among removed_fields and added_fields

    @property
    def contract_changed(self) -> bool:
        """The upgrade moves to another system contract (both documents say which)."""
        return (
            self.old_contract is not None
            and self.new_contract is not None
            and self.old_contract != self.new_contract
        )

    @property
    def contract_line(self) -> str | None:
        """``contract 4 → 5: ...``: what the move means for query strings callers wrote."""
        if not self.contract_changed:
            return None
        line = f"system contract {self.old_contract} → {self.new_contract}"
        if self.new_contract is not None and self.new_contract >= 5 > (self.old_contract or 0):
            line += (
                ": the query dialect is OData 4.01; hand-written `$filter`, `$expand` and "
                "`$custom` strings must be rewritten"
            )
        return line

    # -- questions -------------------------------------------------------------------------------

    @property
    def breaking_changes(self) -> tuple[str, ...]:
        """One line per change that breaks existing callers, most disruptive first."""
        # A removed entity is one change: its paths and actions go with it.
        gone = set(self.removed_entities)
        # First: old code keeps running against another wire name, with no error anywhere.
        lines = [_repointed_line(r) for r in self.repointed]
        if self.contract_line:
            lines.insert(0, self.contract_line)
        lines += [f"entity `{n}` removed" for n in self.removed_entities]
        lines += [
            f"`{n}` is no longer a top-level entity (no paths)"
            for n in self.removed_top_level
            if n not in gone
        ]
        lines += [f"field `{n}` removed" for n in self.removed_fields]
        lines += [
            f"field `{c.name}` changed type: `{c.old}` → `{c.new}`{c.consequence}"
            for c in self.changed_fields
            if c.breaking
        ]
        lines += [f"action `{n}` removed" for n in self.removed_actions if _owner(n) not in gone]
        for action in self.changed_action_parameters:
            lines += [f"action `{action.action}`: parameter `{p}` removed" for p in action.removed]
            lines += [
                f"action `{action.action}`: parameter `{c.name}` changed type: `{c.old}` → `{c.new}`"
                for c in action.changed
                if c.breaking
            ]
        lines += [f"Python name of `{r.name}` changed: `{r.old}` → `{r.new}`" for r in self.renamed]
        return tuple(lines)

    @property
    def breaking(self) -> bool:
        return bool(self.breaking_changes)

    @property
    def renamed_to(self) -> dict[str, str]:
        """Removed field (``Entity.Old``) → the added field it likely became (``New``)."""
        return {f"{r.entity}.{r.old}": r.new for r in self.likely_renames}

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.contract_changed,
                self.added_entities,
                self.removed_entities,
                self.added_top_level,
                self.removed_top_level,
                self.added_fields,
                self.removed_fields,
                self.changed_fields,
                self.added_actions,
                self.removed_actions,
                self.changed_action_parameters,
                self.renamed,
                self.repointed,
            )
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        """What makes the comparison itself suspect: other endpoints, or a version going back."""
        result = []
        if self.old_endpoint != self.new_endpoint:
            result.append(
                f"the documents describe different endpoints (`{self.old_endpoint}` and "
                f"`{self.new_endpoint}`): this compares two contracts, not an upgrade of one"
            )
        if version_key(self.old_version) > version_key(self.new_version):
            result.append(
                f"the version goes backwards ({self.old_version} → {self.new_version}): "
                "are OLD and NEW swapped? Give the older document first"
            )
        return tuple(result)

    @property
    def selection(self) -> str | None:
        """``"limited to: `Customer`, `SalesOrder` and what they use"``; None for everything."""
        if not self.include and not self.exclude:
            return None
        roots = ", ".join(f"`{n}`" for n in self.include) or "all top-level entities"
        without = ", ".join(f"`{n}`" for n in self.exclude)
        if without:
            roots += f" except {without}," if not self.include else f" (without {without})"
        uses = "what it uses" if len(self.include) == 1 else "what they use"
        return f"limited to: {roots} and {uses}"

    # -- renderings ------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: stable keys, sorted lists."""
        return {
            "old": {
                "endpoint": self.old_endpoint,
                "version": self.old_version,
                "contract": self.old_contract,
            },
            "new": {
                "endpoint": self.new_endpoint,
                "version": self.new_version,
                "contract": self.new_contract,
            },
            "contract_change": (
                {
                    "from": self.old_contract,
                    "to": self.new_contract,
                    "query_dialect": [
                        {"before": before.replace("`", ""), "after": after.replace("`", "")}
                        for before, after in _dialect_changes(self)
                    ],
                }
                if self.contract_changed
                else None
            ),
            "selection": (
                {
                    "include": list(self.include),
                    "exclude": list(self.exclude),
                    "description": self.selection.replace("`", ""),
                }
                if self.selection
                else None
            ),
            "breaking": self.breaking,
            "added_entities": list(self.added_entities),
            "removed_entities": list(self.removed_entities),
            "added_top_level_entities": list(self.added_top_level),
            "removed_top_level_entities": list(self.removed_top_level),
            "added_fields": list(self.added_fields),
            "removed_fields": list(self.removed_fields),
            "changed_fields": [
                {"field": c.name, "from": c.old, "to": c.new, "breaking": c.breaking}
                | ({"python": {"from": c.python[0], "to": c.python[1]}} if c.consequence else {})
                for c in self.changed_fields
            ],
            "likely_renames": [
                {"entity": r.entity, "from": r.old, "to": r.new} for r in self.likely_renames
            ],
            "added_actions": list(self.added_actions),
            "removed_actions": list(self.removed_actions),
            "changed_action_parameters": [
                {
                    "action": a.action,
                    "added": list(a.added),
                    "removed": list(a.removed),
                    "changed": [
                        {"parameter": c.name, "from": c.old, "to": c.new, "breaking": c.breaking}
                        for c in a.changed
                    ],
                    "breaking": a.breaking,
                }
                for a in self.changed_action_parameters
            ],
            "renamed_in_python": [
                {"name": r.name, "from": r.old, "to": r.new} for r in self.renamed
            ],
            "repointed_python_names": [
                {"name": r.name, "kind": r.what, "from": r.old, "to": r.new} for r in self.repointed
            ],
            "breaking_changes": [line.replace("`", "") for line in self.breaking_changes],
            "warnings": [line.replace("`", "") for line in self.warnings],
        }

    def summary(self) -> str:
        """One line: what changed, counted."""
        parts: list[str] = []
        breaking = len(self.breaking_changes)
        parts.append(f"{breaking} breaking change{'' if breaking == 1 else 's'}")
        for label, added, removed in (
            ("entities", self.added_entities, self.removed_entities),
            ("fields", self.added_fields, self.removed_fields),
            ("actions", self.added_actions, self.removed_actions),
        ):
            if added or removed:
                parts.append(f"{label} +{len(added)} −{len(removed)}")
        if self.changed_fields:
            parts.append(f"{len(self.changed_fields)} field type{_s(self.changed_fields)} changed")
        if self.changed_action_parameters:
            parts.append(
                f"{len(self.changed_action_parameters)} action"
                f"{_s(self.changed_action_parameters)} with changed parameters"
            )
        if self.is_empty:
            return "no changes"
        return ", ".join(parts)

    def to_markdown(self) -> str:
        """A report that reads well as a pull-request comment: summary, breaking changes first."""
        return "\n".join(_markdown(self)).rstrip() + "\n"


def _dialect_changes(diff: Diff) -> tuple[tuple[str, str], ...]:
    """The query-dialect changes an upgrade into contract 5 brings (none for other moves)."""
    if diff.contract_changed and (diff.new_contract or 0) >= 5 > (diff.old_contract or 0):
        return QUERY_DIALECT_CHANGES
    return ()


def _renamed_note(renamed_to: dict[str, str], qualified: str) -> str:
    new = renamed_to.get(qualified)
    return f" (likely renamed to `{new}`)" if new else ""


def _s(items: Iterable[object]) -> str:
    return "" if len(list(items)) == 1 else "s"


def _owner(qualified: str) -> str:
    """``"SalesOrder.Hold"`` → ``"SalesOrder"``."""
    return qualified.partition(".")[0]


def _repointed_line(repointed: Repointed) -> str:
    wire = "wire " if repointed.what in ("field", "parameter") else ""
    return (
        f"`{repointed.name}` now refers to a different {wire}{repointed.what}: "
        f"`{repointed.new}` (was `{repointed.old}`)"
    )


# --------------------------------------------------------------------------------------------
# The comparison


def diff_endpoints(
    old: Endpoint, new: Endpoint, *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Diff:
    """The changes that turn ``old`` into ``new``.

    ``include``/``exclude`` limit both sides as a project's selection limits what it generates
    (the named top-level entities and what they use); the report says so.
    """
    if include or exclude:
        old, new = select_both(old, new, include, exclude)
        result = diff_endpoints(old, new)
        return replace(result, include=tuple(include), exclude=tuple(exclude))
    old_entities, new_entities = old.entities_by_name, new.entities_by_name
    common = sorted(old_entities.keys() & new_entities.keys())

    added_fields: list[str] = []
    removed_fields: list[str] = []
    changed_fields: list[TypeChange] = []
    added_actions: list[str] = []
    removed_actions: list[str] = []
    changed_parameters: list[ParameterChanges] = []
    renamed: list[Rename] = []
    repointed = _repointed_entities(old, new)
    added_top: list[str] = []
    removed_top: list[str] = []

    for name in common:
        before, after = old_entities[name], new_entities[name]
        if before == after:
            continue
        repointed += _repointed_members(before, after)
        fields = _compare_fields(f"{name}.", before.fields, after.fields)
        added_fields += fields.added
        removed_fields += fields.removed
        changed_fields += fields.changed
        renamed += fields.renamed
        if before.top_level and not after.top_level:
            removed_top.append(name)
        elif after.top_level and not before.top_level:
            added_top.append(name)
        elif before.top_level and before.attribute_name != after.attribute_name:
            renamed.append(Rename(name, str(before.attribute_name), str(after.attribute_name)))
        if before.class_name != after.class_name:
            renamed.append(Rename(name, before.class_name, after.class_name))
        actions = _compare_actions(name, before, after)
        added_actions += actions.added
        removed_actions += actions.removed
        changed_parameters += actions.parameters
        renamed += actions.renamed

    # An added or removed entity: its fields come and go with it, but its client attribute (when
    # top-level) and its action methods are what callers gain or lose, so those are listed.
    added = sorted(new_entities.keys() - old_entities.keys())
    removed = sorted(old_entities.keys() - new_entities.keys())
    for name in added:
        after = new_entities[name]
        if after.top_level:
            added_top.append(name)
        added_actions += [f"{name}.{a.name}" for a in after.actions]
    for name in removed:
        before = old_entities[name]
        if before.top_level:
            removed_top.append(name)
        removed_actions += [f"{name}.{a.name}" for a in before.actions]

    return Diff(
        old_endpoint=old.name,
        old_version=old.version,
        new_endpoint=new.name,
        new_version=new.version,
        old_contract=old.contract_version,
        new_contract=new.contract_version,
        likely_renames=tuple(_likely_renames(old, new, removed_fields, added_fields)),
        added_entities=tuple(added),
        removed_entities=tuple(removed),
        added_top_level=tuple(sorted(added_top)),
        removed_top_level=tuple(sorted(removed_top)),
        added_fields=tuple(sorted(added_fields)),
        removed_fields=tuple(sorted(removed_fields)),
        changed_fields=tuple(sorted(changed_fields, key=lambda c: c.name)),
        added_actions=tuple(sorted(added_actions)),
        removed_actions=tuple(sorted(removed_actions)),
        changed_action_parameters=tuple(sorted(changed_parameters, key=lambda a: a.action)),
        renamed=tuple(sorted(renamed, key=lambda r: (r.name, r.old))),
        repointed=tuple(sorted(repointed, key=lambda r: (r.name, r.old))),
    )


def _repointed(
    label: str, what: str, old: Iterable[tuple[str, str]], new: Iterable[tuple[str, str]]
) -> list[Repointed]:
    """Python names on both sides that reach another wire name; ``old`` and ``new`` are
    ``(python name, wire name)`` pairs, ``label`` shows a name as callers write it (``"x.{}"``)."""
    before, after = dict(old), dict(new)
    return [
        Repointed(label.format(python), what, before[python], after[python])
        for python in sorted(before.keys() & after.keys())
        if before[python] != after[python]
    ]


def _repointed_entities(old: Endpoint, new: Endpoint) -> list[Repointed]:
    """Model classes and client attributes that now stand for another entity."""
    return _repointed(
        "models.{}",
        "entity",
        ((e.class_name, e.name) for e in old.entities),
        ((e.class_name, e.name) for e in new.entities),
    ) + _repointed(
        "client.{}",
        "entity",
        ((str(e.attribute_name), e.name) for e in old.top_level_entities),
        ((str(e.attribute_name), e.name) for e in new.top_level_entities),
    )


def _repointed_members(before: Entity, after: Entity) -> list[Repointed]:
    """Fields, actions and action parameters of one entity whose Python name moved to another."""
    owner = before.class_name
    result = _repointed(
        f"{owner}.{{}}",
        "field",
        ((f.python_name, f.wire_name) for f in before.fields),
        ((f.python_name, f.wire_name) for f in after.fields),
    )
    result += _repointed(
        f"{owner}.{{}}()",
        "action",
        ((a.python_name, a.name) for a in before.actions),
        ((a.python_name, a.name) for a in after.actions),
    )
    methods = {a.python_name: a for a in after.actions}
    for old_action in before.actions:
        new_action = methods.get(old_action.python_name)
        if new_action is None or new_action.name != old_action.name:
            continue  # a method that reaches another action is reported as such
        method = f"{owner}.{old_action.python_name}"
        result += _repointed(
            f"{method}({{}}=)",
            "parameter",
            ((p.python_name, p.wire_name) for p in old_action.parameters),
            ((p.python_name, p.wire_name) for p in new_action.parameters),
        )
    return result


# A removed and an added field pair up as a likely rename when one name extends the other
# (LastModified → LastModifiedDateTime) or the two are this similar (difflib's ratio).
RENAME_SIMILARITY = 0.8
RENAME_PREFIX_MIN = 4  # characters the shorter name must have to count as extended


def _rename_score(old: str, new: str) -> float:
    a, b = old.casefold(), new.casefold()
    if min(len(a), len(b)) >= RENAME_PREFIX_MIN and (a.startswith(b) or b.startswith(a)):
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < RENAME_SIMILARITY or matcher.quick_ratio() < RENAME_SIMILARITY:
        return 0.0  # upper bounds, far cheaper than ratio(): most pairs stop here
    ratio = matcher.ratio()
    return ratio if ratio >= RENAME_SIMILARITY else 0.0


def _likely_renames(
    old: Endpoint, new: Endpoint, removed: list[str], added: list[str]
) -> list[LikelyRename]:
    """Removed/added field pairs of one entity with alike names and the same Python type;
    each field pairs at most once, best match first."""
    added_by_owner: dict[str, list[str]] = {}
    for qualified in added:
        owner, _, name = qualified.partition(".")
        added_by_owner.setdefault(owner, []).append(name)
    candidates: list[tuple[float, str, str, str]] = []
    for qualified in removed:
        owner, _, name = qualified.partition(".")
        before = old.entity(owner).fields_by_wire_name[name]
        for other in added_by_owner.get(owner, []):
            after = new.entity(owner).fields_by_wire_name[other]
            score = _rename_score(name, other)
            if score and _python_shape(before) == _python_shape(after):
                candidates.append((-score, owner, name, other))
    result: list[LikelyRename] = []
    used: set[tuple[str, str]] = set()
    for _, owner, name, other in sorted(candidates):
        if (owner, "-" + name) in used or (owner, "+" + other) in used:
            continue
        used |= {(owner, "-" + name), (owner, "+" + other)}
        result.append(LikelyRename(owner, name, other))
    return sorted(result, key=lambda r: (r.entity, r.old))


@dataclass
class _Members:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[TypeChange] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)


def _compare_fields(prefix: str, old: Iterable[Field], new: Iterable[Field]) -> _Members:
    """Fields (or parameters), matched by wire name; reported as ``{prefix}{wire name}``."""
    before = {f.wire_name: f for f in old}
    after = {f.wire_name: f for f in new}
    result = _Members(
        added=[f"{prefix}{n}" for n in sorted(after.keys() - before.keys())],
        removed=[f"{prefix}{n}" for n in sorted(before.keys() - after.keys())],
    )
    for wire_name in sorted(before.keys() & after.keys()):
        a, b = before[wire_name], after[wire_name]
        if type_label(a) != type_label(b):
            result.changed.append(
                TypeChange(
                    f"{prefix}{wire_name}",
                    type_label(a),
                    type_label(b),
                    is_breaking_type_change(a, b),
                    (python_label(a), python_label(b), _RETYPE_HINTS.get(b.scalar, "")),
                )
            )
        if a.python_name != b.python_name:
            result.renamed.append(Rename(f"{prefix}{wire_name}", a.python_name, b.python_name))
    return result


@dataclass
class _ActionChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    parameters: list[ParameterChanges] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)


def _compare_actions(owner: str, old: Entity, new: Entity) -> _ActionChanges:
    before: dict[str, Action] = {a.name: a for a in old.actions}
    after: dict[str, Action] = {a.name: a for a in new.actions}
    result = _ActionChanges(
        added=[f"{owner}.{n}" for n in sorted(after.keys() - before.keys())],
        removed=[f"{owner}.{n}" for n in sorted(before.keys() - after.keys())],
    )
    for name in sorted(before.keys() & after.keys()):
        a, b = before[name], after[name]
        qualified = f"{owner}.{name}"
        if a.python_name != b.python_name:
            result.renamed.append(Rename(qualified, a.python_name, b.python_name))
        if a.parameters == b.parameters:
            continue
        members = _compare_fields("", a.parameters, b.parameters)
        result.renamed += [Rename(f"{qualified}({r.name})", r.old, r.new) for r in members.renamed]
        if members.added or members.removed or members.changed:
            result.parameters.append(
                ParameterChanges(
                    action=qualified,
                    added=tuple(members.added),
                    removed=tuple(members.removed),
                    changed=tuple(members.changed),
                )
            )
    return result


# --------------------------------------------------------------------------------------------
# Markdown


def _markdown(diff: Diff) -> Iterable[str]:
    same_name = diff.old_endpoint == diff.new_endpoint
    title = (
        f"{diff.old_endpoint} {diff.old_version} → {diff.new_version}"
        if same_name
        else f"{diff.old_endpoint} {diff.old_version} → {diff.new_endpoint} {diff.new_version}"
    )
    yield f"## Endpoint changes: {title}"
    yield ""
    if diff.selection:
        note = "changes to other entities are not reported"
        yield f"{diff.selection[0].upper()}{diff.selection[1:]} (`--include`/`--exclude`): {note}."
        yield ""
    for warning in diff.warnings:
        yield f"> ⚠️ **Warning:** {warning}"
        yield ""
    yield from _contract_section(diff)
    if diff.is_empty:
        yield "No changes to entities, fields or actions: the generated client keeps its API."
        return
    marker = "⚠️" if diff.breaking else "✅"
    yield f"{marker} **{diff.summary()}**"
    yield ""
    if diff.breaking:
        yield f"### ⚠️ Breaking changes ({len(diff.breaking_changes)})"
        yield ""
        yield from _fold(list(_breaking_lines(diff)), "breaking changes", after=BREAKING_FOLD_AFTER)
        yield ""
    yield from _entities_section(diff)
    yield from _fields_section(diff)
    yield from _actions_section(diff)
    if diff.renamed:
        yield "### Python names changed"
        yield ""
        lines = [f"- `{r.name}`: `{r.old}` → `{r.new}`" for r in diff.renamed]
        yield from _fold(lines, "renames")
        yield ""


def _breaking_lines(diff: Diff) -> Iterable[str]:
    """The breaking changes, removals grouped per entity so a long upgrade stays readable."""
    gone = set(diff.removed_entities)  # their paths and actions go with them: one line each
    if diff.contract_line:
        yield f"- {diff.contract_line} (see above)"
    for repointed in diff.repointed:
        yield f"- {_repointed_line(repointed)}: old code runs on, with no error"
    for name in diff.removed_entities:
        yield f"- entity `{name}` removed"
    for name in diff.removed_top_level:
        if name not in gone:
            yield f"- `{name}` is no longer a top-level entity (its client attribute is gone)"
    renamed_to = diff.renamed_to
    for owner, members in _by_owner(diff.removed_fields):
        names = ", ".join(f"`{m}`{_renamed_note(renamed_to, f'{owner}.{m}')}" for m in members)
        yield f"- `{owner}`: field{_s(members)} removed: {names}"
    for change in diff.changed_fields:
        if change.breaking:
            yield (
                f"- field `{change.name}` changed type: `{change.old}` → `{change.new}`"
                f"{change.consequence}"
            )
    for owner, members in _by_owner(diff.removed_actions):
        if owner not in gone:
            yield f"- `{owner}`: action{_s(members)} removed: {_codes(members)}"
    for action in diff.changed_action_parameters:
        if action.removed:
            yield (
                f"- action `{action.action}`: parameter{_s(action.removed)} removed: "
                f"{_codes(action.removed)}"
            )
        for change in action.changed:
            if change.breaking:
                yield (
                    f"- action `{action.action}`: parameter `{change.name}` changed type: "
                    f"`{change.old}` → `{change.new}`"
                )
    for rename in diff.renamed:
        yield f"- Python name of `{rename.name}` changed: `{rename.old}` → `{rename.new}`"


def _contract_section(diff: Diff) -> Iterable[str]:
    """The contract move, first: it changes every query string callers wrote by hand."""
    if not diff.contract_changed:
        return
    yield f"### ⚠️ System contract {diff.old_contract} → {diff.new_contract}"
    yield ""
    yield (
        f"{diff.old_endpoint} {diff.new_version} is built on contract {diff.new_contract} "
        f"(`info.version`), {diff.old_version} on contract {diff.old_contract}."
    )
    changes = _dialect_changes(diff)
    if changes:
        yield (
            "The generated client speaks the new contract; query strings written by hand "
            "(`filter=`, `expand=`, `custom=`) must change:"
        )
        yield ""
        yield "| Contract ≤ 4 | Contract 5 |"
        yield "|---|---|"
        yield from (f"| {before} | {after} |" for before, after in changes)
        yield ""
        yield (
            "_These dialect facts come from a third-party digest of Acumatica's 2026 R2 "
            "integration guide (`acumatica_codegen/digest.py`)._"
        )
    yield ""


def _entities_section(diff: Diff) -> Iterable[str]:
    groups = [
        ("Added", diff.added_entities),
        ("Removed", diff.removed_entities),
        ("Now top-level (a new client attribute)", diff.added_top_level),
        ("No longer top-level (a client attribute gone)", diff.removed_top_level),
    ]
    if not any(names for _, names in groups):
        return
    yield "### Entities"
    yield ""
    for label, names in groups:
        if names:
            yield f"**{label}** ({len(names)}): {_codes(names)}"
            yield ""


def _fields_section(diff: Diff) -> Iterable[str]:
    if not (diff.added_fields or diff.removed_fields or diff.changed_fields):
        return  # likely renames come from added and removed fields: nothing without them
    yield "### Fields"
    yield ""
    if diff.added_fields:
        yield from _grouped("Added", diff.added_fields)
    if diff.removed_fields:
        yield from _grouped("Removed", diff.removed_fields)
    if diff.likely_renames:
        yield f"**Likely renamed** ({len(diff.likely_renames)}): removed and added, alike in name and type"
        yield ""
        lines = [f"- `{r.entity}`: `{r.old}` → `{r.new}`" for r in diff.likely_renames]
        yield from _fold(lines, "likely renames")
        yield ""
    if diff.changed_fields:
        yield f"**Type changed** ({len(diff.changed_fields)})"
        yield ""
        rows = ["| Field | From | To | Python | Breaking |", "|---|---|---|---|---|"] + [
            f"| `{c.name}` | `{c.old}` | `{c.new}` | {_python_cell(c)} | "
            f"{'yes' if c.breaking else 'no'} |"
            for c in diff.changed_fields
        ]
        yield from _fold(rows, "type changes", header_rows=2)
        yield ""


def _python_cell(change: TypeChange) -> str:
    old, new, _ = change.python
    if not old or not new:
        return ""
    return f"`{old}`" if old == new else f"`{old}` → `{new}`"


def _actions_section(diff: Diff) -> Iterable[str]:
    if not (diff.added_actions or diff.removed_actions or diff.changed_action_parameters):
        return
    yield "### Actions"
    yield ""
    if diff.added_actions:
        yield from _grouped("Added", diff.added_actions)
    if diff.removed_actions:
        yield from _grouped("Removed", diff.removed_actions)
    if diff.changed_action_parameters:
        yield f"**Parameters changed** ({len(diff.changed_action_parameters)})"
        yield ""
        lines = []
        for action in diff.changed_action_parameters:
            parts = [f"+`{p}`" for p in action.added] + [f"−`{p}`" for p in action.removed]
            parts += [f"`{c.name}`: `{c.old}` → `{c.new}`" for c in action.changed]
            flag = " ⚠️" if action.breaking else ""
            lines.append(f"- `{action.action}`{flag}: {', '.join(parts)}")
        yield from _fold(lines, "actions")
        yield ""


def _by_owner(qualified: Iterable[str]) -> list[tuple[str, list[str]]]:
    """``["A.x", "A.y", "B.z"]`` → ``[("A", ["x", "y"]), ("B", ["z"])]``."""
    by_owner: dict[str, list[str]] = {}
    for name in qualified:
        owner, _, member = name.partition(".")
        by_owner.setdefault(owner, []).append(member)
    return sorted(by_owner.items())


def _codes(names: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _grouped(label: str, qualified: tuple[str, ...]) -> Iterable[str]:
    """``Entity.Member`` names as one line per entity: ``- `SalesOrder`: `A`, `B```."""
    yield f"**{label}** ({len(qualified)})"
    yield ""
    lines = [f"- `{owner}`: {_codes(members)}" for owner, members in _by_owner(qualified)]
    yield from _fold(lines, "entities")
    yield ""


def _fold(
    lines: list[str], what: str, *, header_rows: int = 0, after: int = FOLD_AFTER
) -> Iterable[str]:
    """Long lists fold into a <details> block so a PR comment stays scannable."""
    if len(lines) - header_rows <= after:
        yield from lines
        return
    yield f"<details><summary>Show {len(lines) - header_rows} {what}</summary>"
    yield ""
    yield from lines
    yield ""
    yield "</details>"
