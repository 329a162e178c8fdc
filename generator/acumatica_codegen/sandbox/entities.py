"""Entity semantics over the IR: read a wire body into a record, render a record back, query.

Everything here follows the endpoint's own IR: which fields exist, how each travels
(``FieldKind``) and what its values must be (``Scalar``), which fields are keys.

Key fields a new record leaves out (or sends as null, ``""``, only whitespace or ``"<NEW>"``:
``blank_key``) get a screen default or a number where Acumatica gives one, else a 422 "'Order
Type' cannot be empty." on the field; ``key_rules`` has the rules and the tables.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..ir import Endpoint, Entity, Field, FieldKind, Scalar
from . import document_defaults, document_totals, errors, key_rules, odata
from .references import missing_references
from .store import Record, StoredFile, TenantStore
from .values import ValueProblem, coerce

# Fields every entity inherits from ``Entity``; rendered in fixed places, not as ordinary fields.
INHERITED = frozenset({"id", "rowNumber", "note", "custom", "error", "files"})
NEW_KEY = "<NEW>"
_GUID_SHAPE = re.compile(
    r"^[{(]?[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}[)}]?$"
)  # what Acumatica clients send for "number this for me"

# Integer wrappers narrower than Int64, as the .NET types behind them are.
_INT_RANGES = {
    "ByteValue": (0, 255),
    "ShortValue": (-(2**15), 2**15 - 1),
    "IntValue": (-(2**31), 2**31 - 1),
    "LongValue": (-(2**63), 2**63 - 1),
}


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# ------------------------------------------------------------------------------- query shapes


@dataclass
class Shape:
    """What to include when rendering: ``$select``, ``$expand`` and ``$custom``, as trees."""

    select: dict[str, Any] | None = None  # None: every field; else name -> subtree (None = all)
    expand: dict[str, Any] = field(default_factory=dict)  # name -> subtree ("files" included)
    custom: dict[str, Any] = field(default_factory=dict)  # "View.Field" -> True, path -> subtree
    # Contract 5: each expanded entity's own shape (its $select and $expand), by name.
    children: dict[str, Shape] | None = None

    def sub(self, name: str) -> Shape:
        if self.children is not None:
            return self.children.get(name) or Shape()
        select = None
        if self.select is not None:
            select = self.select.get(name)
        custom = self.custom.get(name)
        return Shape(
            select, self.expand.get(name) or {}, custom if isinstance(custom, dict) else {}
        )

    def selects(self, name: str) -> bool:
        return self.select is None or name in self.select


def _tree(paths: Iterable[str], leaf: Any = None) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path in paths:
        parts = [p.strip() for p in path.split("/")]
        if not all(parts):
            raise errors.bad_request(f"'{path}' is not a field path", "parameters")
        node = tree
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node.setdefault(parts[-1], leaf)
    return tree


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def parse_shape(select: str | None, expand: str | None, custom: str | None) -> Shape:
    """Parse ``$select``, ``$expand`` and ``$custom`` into a Shape."""
    if not select and not expand and not custom:
        return Shape()
    select_paths = _split(select)
    expand_tree = _tree(_split(expand), None)
    expand_tree = _leaves_to_dicts(expand_tree)
    custom_tree: dict[str, Any] = {}
    for item in _split(custom):
        prefix, _, leaf = item.rpartition("/")
        view, dot, name = leaf.partition(".")
        if not dot or not view or not name:
            raise errors.bad_request(f"'{item}' is not a custom field (View.Field)", "parameters")
        node = custom_tree
        for part in filter(None, prefix.split("/")):
            node = node.setdefault(part, {})
        node[leaf] = True
    return Shape(_tree(select_paths) if select_paths else None, expand_tree, custom_tree)


def _leaves_to_dicts(tree: dict[str, Any]) -> dict[str, Any]:
    return {k: _leaves_to_dicts(v) if isinstance(v, dict) else {} for k, v in tree.items()}


# ------------------------------------------------------------------------------- the service


@dataclass
class BodyErrors:
    """What was wrong with a PUT body: field errors (422) and unreadable parts (400)."""

    field_errors: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)
    structural: list[tuple[str, str]] = field(default_factory=list)  # ("entity.Details[0]", msg)


class EntityService:
    """Reads, writes and renders the records of one endpoint in one tenant's store."""

    def __init__(
        self,
        endpoint: Endpoint,
        new_id: Callable[[], str],
        auto_number: Iterable[str] = (),
        manual_number: Iterable[str] = (),
        key_defaults: Mapping[str, Any] | None = None,
        reference_checks: bool = True,
    ) -> None:
        self.endpoint = endpoint
        self.reference_checks = reference_checks
        # entity -> the status, dates and currency its screen fills on insert
        self.document_defaults = {
            entity.name: document_defaults.defaults_for(entity)
            for entity in endpoint.top_level_entities
        }
        # entity -> how its header totals follow from its lines (recomputed on every write)
        self.document_totals = {
            entity.name: document_totals.totals_for(entity)
            for entity in endpoint.top_level_entities
        }
        self.new_id = new_id
        self.auto_number = frozenset(name.lower() for name in auto_number)
        self.manual_number = frozenset(name.lower() for name in manual_number)
        # (entity, key) -> what a new record gets for that key when it leaves it out
        self.key_defaults = key_rules.screen_defaults(endpoint, key_defaults or {})
        self.base = f"/entity/{endpoint.name}/{endpoint.version}"
        self.custom_types = {t.name: t.scalar for t in endpoint.custom_field_types}
        self._plans: dict[str, list[tuple[str, FieldKind, Entity | None]]] = {}
        self._flat_plans: dict[str, tuple[list[str], list[str]]] = {}

    # -- lookups ------------------------------------------------------------------------------

    def top_level(self, name: str) -> Entity | None:
        entity = self.endpoint.entities_by_name.get(name)
        return entity if entity is not None and entity.top_level else None

    def nested(self, fld: Field) -> Entity | None:
        return self.endpoint.entities_by_name.get(fld.entity or "")

    @staticmethod
    def key_of(entity: Entity, values: Iterable[Any]) -> tuple[Any, ...]:
        """Key values compared as SQL Server does by default: text without regard to case."""
        return tuple(str(v).casefold() if v is not None else None for v in values)

    def record_key(self, entity: Entity, record: Record) -> tuple[Any, ...] | None:
        if not entity.keys:
            return None
        values = [record.get(k) for k in entity.keys]
        if any(blank_key(v) for v in values):
            return None
        return self.key_of(entity, values)

    def find(self, tenant: TenantStore, entity: Entity, record_id: str) -> Record | None:
        table = tenant.table(self.endpoint.name, self.endpoint.version, entity.name)
        found = table.records.get(record_id)  # ids are stored in canonical form
        if found is not None or not _GUID_SHAPE.match(record_id):
            return found
        try:
            return table.records.get(str(uuid.UUID(record_id)))
        except ValueError:
            return None

    def find_by_keys(self, tenant: TenantStore, entity: Entity, values: list[str]) -> Record:
        """The record whose key fields equal ``values`` (URL order); else NoEntitySatisfies..."""
        table = tenant.table(self.endpoint.name, self.endpoint.version, entity.name)
        if len(values) == 1:
            found = self.find(tenant, entity, values[0])
            if found is not None:
                return found
        if not entity.keys:
            raise errors.no_entity(entity.name)
        if len(values) != len(entity.keys):
            raise errors.bad_request(
                f"{entity.name} is addressed by {len(entity.keys)} key value(s) "
                f"({', '.join(entity.keys)}); the URL gives {len(values)}",
                "ids",
            )
        record_id = table.by_key.get(self.key_of(entity, values))
        if record_id is None:
            raise errors.no_entity(entity.name)
        return table.records[record_id]

    # -- reading a body -----------------------------------------------------------------------

    def apply(
        self,
        entity: Entity,
        target: Record,
        body: dict[str, Any],
        path: tuple[Any, ...],
        problems: BodyErrors,
    ) -> None:
        """Merge the wire ``body`` into ``target`` (a record), noting every problem."""
        fields = entity.fields_by_wire_name
        for name, raw in body.items():
            fld = fields.get(name)
            if fld is None or name in ("id", "rowNumber", "error", "files"):
                continue  # unknown properties are ignored, as Acumatica's reader does
            where = path + (name,)
            if fld.kind is FieldKind.VALUE:
                self._apply_value(fld, target, raw, where, problems)
            elif fld.kind is FieldKind.PLAIN:
                try:
                    target[name] = coerce(raw, fld.scalar)
                except ValueProblem as problem:
                    problems.field_errors.append((where, str(problem)))
            elif fld.kind is FieldKind.DETAIL:
                self._apply_detail(fld, target, raw, where, problems)
            elif fld.kind is FieldKind.LINKED:
                self._apply_linked(fld, target, raw, where, problems)
            elif fld.kind is FieldKind.CUSTOM:
                self._apply_custom(target, raw, where, problems)

    def _apply_value(
        self, fld: Field, target: Record, raw: Any, where: tuple[Any, ...], problems: BodyErrors
    ) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            problems.structural.append(
                (
                    _model_path(where),
                    f"Error converting value {_show(raw)} to type "
                    f"'PX.Api.ContractBased.Models.{fld.value_type or 'StringValue'}'.",
                )
            )
            return
        if "value" not in raw:
            return  # {} means "no change"
        try:
            value = coerce(raw["value"], fld.scalar)
            limits = _INT_RANGES.get(fld.value_type or "")
            if limits and value is not None and not limits[0] <= value <= limits[1]:
                raise ValueProblem(
                    f"Value was either too large or too small for {fld.value_type}: {value}."
                )
        except ValueProblem as problem:
            problems.field_errors.append((where, str(problem)))
            return
        target[fld.wire_name] = value

    def _apply_detail(
        self, fld: Field, target: Record, raw: Any, where: tuple[Any, ...], problems: BodyErrors
    ) -> None:
        sub = self.nested(fld)
        if raw is None or sub is None:
            return
        if not isinstance(raw, list) or not all(isinstance(line, dict) for line in raw):
            problems.structural.append((_model_path(where), "Expected an array of objects."))
            return
        lines: list[Record] = target.setdefault(fld.wire_name, [])
        by_id = {line["id"]: line for line in lines}
        for index, line_body in enumerate(raw):
            line_id = _guid(line_body.get("id"))
            if line_id is None and line_body.get("id") is not None:
                path = _model_path(where + (index, "id"))
                problems.structural.append((path, errors.bad_guid_message(line_body["id"])))
                continue
            existing = by_id.get(line_id) if line_id else None
            if line_body.get("delete") is True:
                if existing is not None:
                    lines.remove(existing)
                    del by_id[existing["id"]]
                continue
            if existing is None:
                existing = {"id": self.new_id()}
                lines.append(existing)
                by_id[existing["id"]] = existing
            self.apply(sub, existing, line_body, where + (index,), problems)

    def _apply_linked(
        self, fld: Field, target: Record, raw: Any, where: tuple[Any, ...], problems: BodyErrors
    ) -> None:
        sub = self.nested(fld)
        if raw is None or sub is None:
            return
        if not isinstance(raw, dict):
            problems.structural.append((_model_path(where), "Expected an object."))
            return
        linked = target.get(fld.wire_name)
        if linked is None:
            linked = target[fld.wire_name] = {"id": self.new_id()}
        self.apply(sub, linked, raw, where, problems)

    def _apply_custom(
        self, target: Record, raw: Any, where: tuple[Any, ...], problems: BodyErrors
    ) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
            problems.structural.append((_model_path(where), "Expected {View: {Field: {...}}}."))
            return
        custom = target.setdefault("custom", {})
        for view, view_fields in raw.items():
            for name, wrapper in view_fields.items():
                if not isinstance(wrapper, dict):
                    problems.structural.append(
                        (_model_path(where + (view, name)), "Expected a custom field object.")
                    )
                    continue
                type_name = wrapper.get("type")
                type_name = type_name if isinstance(type_name, str) else "CustomStringField"
                if "value" not in wrapper:
                    continue
                scalar = self.custom_types.get(type_name, Scalar.ANY)
                try:
                    value = coerce(wrapper["value"], scalar)
                except ValueProblem as problem:
                    problems.field_errors.append((where + (view, name), str(problem)))
                    continue
                custom.setdefault(view, {})[name] = {"type": type_name, "value": value}

    # -- writing ------------------------------------------------------------------------------

    def upsert(
        self, tenant: TenantStore, entity: Entity, body: dict[str, Any], mode: str
    ) -> tuple[Record, bool]:
        """Insert or update from a PUT body; returns (record, inserted).

        ``mode`` is "upsert", "insert" (``If-None-Match: *``) or "update" (``If-Match: *``).
        Raises SandboxHTTPError for 400/412/422/500 answers; the store changes only on success.
        """
        table = tenant.table(self.endpoint.name, self.endpoint.version, entity.name)
        existing: Record | None = None
        raw_id = body.get("id")
        if raw_id is not None:
            record_id = _guid(raw_id)
            if record_id is None:  # model binding fails before any lookup: 400, not "no entity"
                raise errors.bad_guid(raw_id)
            existing = table.records.get(record_id)
            if existing is None:
                if mode == "insert":
                    existing = None
                else:
                    raise errors.no_entity(entity.name)
        by_keys = existing is None and bool(entity.keys)
        if by_keys:
            key_values = [self._key_or_default(entity, k, body) for k in entity.keys]
            if not any(blank_key(v) or v == NEW_KEY for v in key_values):
                record_id = table.by_key.get(self.key_of(entity, key_values))
                existing = table.records.get(record_id) if record_id else None
        if existing is not None and mode == "insert":
            raise errors.precondition_failed(
                f"{errors.article(entity.name).capitalize()} {entity.name} record with the same "
                "key values already exists."
            )
        if existing is None and mode == "update":
            raise errors.precondition_failed(f"The {entity.name} record to update does not exist.")

        inserted = existing is None
        draft: Record = copy.deepcopy(existing) if existing is not None else {"id": self.new_id()}
        sent = body  # echoed as sent in a 422, "<NEW>" keys included
        if by_keys:  # "<NEW>", "" and "  " ask for a number or a default, as a missing key does
            for key in entity.keys:
                sent_key = _wrapped_value(body.get(key))
                if sent_key == NEW_KEY or (isinstance(body.get(key), dict) and blank_key(sent_key)):
                    body = dict(body)
                    body.pop(key)
        problems = BodyErrors()
        self.apply(entity, draft, body, (), problems)
        if problems.structural:
            raise errors.SandboxHTTPError(
                400,
                {
                    "message": "The request is invalid.",
                    "modelState": {where: [message] for where, message in problems.structural},
                },
            )
        if inserted:
            for key in entity.keys:
                default = self.key_defaults.get((entity.name, key))
                if default is not None and blank_key(draft.get(key)):
                    draft[key] = default
            document_defaults.fill(self.document_defaults.get(entity.name, {}), draft)
        document_totals.fill(entity, self.document_totals.get(entity.name), draft, body)
        self._check_keys(entity, draft, problems, inserted)
        if self.reference_checks:
            problems.field_errors.extend(missing_references(self, tenant, entity, body))
        if problems.field_errors:
            raise self.validation_error(entity, sent, problems, inserted)
        if inserted:
            self._number_keys(tenant, entity, draft)
        record_key = self.record_key(entity, draft)
        if record_key is not None:
            other = table.by_key.get(record_key)
            if other is not None and other != draft["id"]:
                raise errors.precondition_failed(
                    f"Another {entity.name} record already has these key values."
                )
        self._stamp(entity, draft, inserted)
        table.records[draft["id"]] = draft
        table.index(draft["id"], record_key)
        return draft, inserted

    def _key_or_default(self, entity: Entity, key: str, body: dict[str, Any]) -> Any:
        """The key value a body gives, else the key's screen default (None when neither)."""
        sent = _wrapped_value(body.get(key))
        if blank_key(sent) or sent == NEW_KEY:
            return self.key_defaults.get((entity.name, key), sent)
        return sent

    def numbered_key(self, entity: Entity, key: str) -> bool:
        """Whether a new ``entity`` record that leaves ``key`` out gets a number for it.

        Only the last key field is ever numbered: a document number (a name ending in ``Nbr``),
        a database identity (int or GUID) or an ``AUTO_NUMBERED_IDS`` key, unless
        ``manual_number`` names the entity; any last key when ``auto_number`` names the entity.
        """
        if not entity.keys or key != entity.keys[-1]:
            return False
        name = entity.name.lower()
        if name in self.manual_number:
            return False
        return name in self.auto_number or key_rules.numbered_by_default(entity, key)

    def _check_keys(
        self, entity: Entity, draft: Record, problems: BodyErrors, inserted: bool
    ) -> None:
        """A field error on every key left empty (``blank_key``) that nothing will number: on a
        new record, or an update that empties a key (it would be stored out of reach)."""
        for key in entity.keys:
            if blank_key(draft.get(key)) and not (inserted and self.numbered_key(entity, key)):
                problems.field_errors.append(((key,), f"'{display_name(key)}' cannot be empty."))

    def _number_keys(self, tenant: TenantStore, entity: Entity, draft: Record) -> None:
        """Number the missing keys ``numbered_key`` allows, as Acumatica's numbering sequences do."""
        for key in entity.keys:
            if not blank_key(draft.get(key)) or not self.numbered_key(entity, key):
                continue
            scalar = entity.field(key).scalar
            number = tenant.next_number(self.endpoint.name, entity.name, key)
            if scalar is Scalar.INT:
                draft[key] = number
            elif scalar is Scalar.GUID:
                draft[key] = self.new_id()
            else:
                draft[key] = f"{number:06d}"

    @staticmethod
    def _stamp(entity: Entity, draft: Record, inserted: bool) -> None:
        fields = entity.fields_by_wire_name
        stamp = now_iso()
        for name in ("LastModifiedDateTime", "LastModified"):
            fld = fields.get(name)
            if fld is not None and fld.scalar is Scalar.DATETIME:
                draft[name] = stamp
        created = fields.get("CreatedDateTime")
        if inserted and created is not None and created.scalar is Scalar.DATETIME:
            draft.setdefault("CreatedDateTime", stamp)

    def validation_error(
        self, entity: Entity, body: dict[str, Any], problems: BodyErrors, inserted: bool
    ) -> errors.SandboxHTTPError:
        """422: the entity as sent, with ``error`` on every failing field and a summary."""
        echo = copy.deepcopy(body)
        for where, message in problems.field_errors:
            _mark(echo, where, message)
        verb = "Inserting" if inserted else "Updating"
        label = entity.screen_name or entity.name
        echo["error"] = (
            f"{verb}  '{label}' record raised at least one error. Please review the errors."
        )
        return errors.SandboxHTTPError(422, echo)

    def delete(self, tenant: TenantStore, entity: Entity, record: Record) -> None:
        table = tenant.table(self.endpoint.name, self.endpoint.version, entity.name)
        table.remove(record["id"])
        for file_id in record.get("files", ()):
            tenant.files.pop(file_id, None)

    def touch(self, entity: Entity, record: Record) -> None:
        self._stamp(entity, record, False)

    # -- files ----------------------------------------------------------------------------------

    def attach(
        self,
        tenant: TenantStore,
        entity: Entity,
        record: Record,
        filename: str,
        content: bytes,
        content_type: str,
    ) -> StoredFile:
        """Attach (or replace) ``filename`` on ``record``."""
        files: list[str] = record.setdefault("files", [])
        for file_id in files:
            stored = tenant.files.get(file_id)
            if stored is not None and stored.name == filename:
                stored.content, stored.content_type = content, content_type
                return stored
        stored = StoredFile(
            self.new_id(), entity.name, record["id"], filename, content, content_type
        )
        tenant.files[stored.id] = stored
        files.append(stored.id)
        return stored

    def file_links(
        self, tenant: TenantStore, entity: Entity, record: Record
    ) -> list[dict[str, Any]]:
        keys = " ".join(str(record.get(k)) for k in entity.keys if record.get(k) is not None)
        label = f"{entity.screen_name or entity.name} ({keys or record['id']})"
        links = []
        for file_id in record.get("files", ()):
            stored = tenant.files.get(file_id)
            if stored is not None:
                links.append(
                    {
                        "id": stored.id,
                        "filename": f"{label}\\{stored.name}",
                        "href": f"{self.base}/files/{stored.id}",
                    }
                )
        return links

    # -- rendering ------------------------------------------------------------------------------

    def render(
        self,
        tenant: TenantStore,
        entity: Entity,
        record: Record,
        shape: Shape,
        row_number: int = 1,
        top: bool = True,
    ) -> dict[str, Any]:
        """The wire form of ``record``, as Acumatica answers it."""
        note = record.get("note")
        out: dict[str, Any] = {
            "id": record["id"],
            "rowNumber": row_number,
            "note": {"value": note if note is not None else ""},
        }
        select, expand = shape.select, shape.expand
        get = record.get
        if select is None and not expand:
            # The common answer (no $select, nothing expanded), in one pass without branches.
            value_names, plain_names = self._flat_plan(entity)
            for name in value_names:
                value = get(name)
                out[name] = {} if value is None else {"value": value}
            for name in plain_names:
                value = get(name)
                if value is not None:
                    out[name] = value
        else:
            self._render_fields(tenant, entity, record, shape, out)
        out["custom"] = self._render_custom(record, shape)
        if "files" in shape.expand:
            out["files"] = self.file_links(tenant, entity, record)
        if top:
            out["_links"] = {
                "self": f"{self.base}/{entity.name}/{record['id']}",
                "files:put": f"{self.base}/files/{entity.screen_id or 'Sandbox'}/{entity.name}/"
                f"{record['id']}/{{filename}}",
            }
        return out

    def _render_fields(
        self, tenant: TenantStore, entity: Entity, record: Record, shape: Shape, out: dict[str, Any]
    ) -> None:
        select, expand = shape.select, shape.expand
        get = record.get
        for name, kind, sub in self._plan(entity):
            if select is not None and name not in select:
                continue
            if kind is FieldKind.VALUE:
                value = get(name)
                out[name] = {} if value is None else {"value": value}
            elif kind is FieldKind.PLAIN:
                value = get(name)
                if value is not None:
                    out[name] = value
            elif sub is None or name not in expand:
                continue
            elif kind is FieldKind.DETAIL:
                inner = shape.sub(name)
                out[name] = [
                    self.render(tenant, sub, line, inner, index, top=False)
                    for index, line in enumerate(get(name) or (), start=1)
                ]
            elif (linked := get(name)) is not None:
                out[name] = self.render(tenant, sub, linked, shape.sub(name), 1, top=False)

    def _flat_plan(self, entity: Entity) -> tuple[list[str], list[str]]:
        """Names of the value fields and of the plain fields ``render`` writes (cached)."""
        flat = self._flat_plans.get(entity.name)
        if flat is None:
            plan = self._plan(entity)
            flat = self._flat_plans[entity.name] = (
                [name for name, kind, _ in plan if kind is FieldKind.VALUE],
                [name for name, kind, _ in plan if kind is FieldKind.PLAIN],
            )
        return flat

    def _plan(self, entity: Entity) -> list[tuple[str, FieldKind, Entity | None]]:
        """The fields ``render`` walks, in order, with their nested entity (cached per entity)."""
        plan = self._plans.get(entity.name)
        if plan is None:
            plan = self._plans[entity.name] = [
                (f.wire_name, f.kind, self.nested(f))
                for f in entity.fields
                if f.wire_name not in INHERITED
                and f.kind in (FieldKind.VALUE, FieldKind.PLAIN, FieldKind.DETAIL, FieldKind.LINKED)
            ]
        return plan

    @staticmethod
    def _render_custom(record: Record, shape: Shape) -> dict[str, Any]:
        if not shape.custom:
            return {}
        stored = record.get("custom") or {}
        out: dict[str, Any] = {}
        for leaf, wanted in shape.custom.items():
            if wanted is not True:
                continue
            view, _, name = leaf.partition(".")
            value = stored.get(view, {}).get(name) or {"type": "CustomStringField", "value": None}
            out.setdefault(view, {})[name] = dict(value)
        return out

    def full_shape(self, entity: Entity, depth: int = 4) -> Shape:
        """A Shape that expands every detail and linked entity (to ``depth`` levels) and files."""

        def expand(current: Entity, level: int) -> dict[str, Any]:
            tree: dict[str, Any] = {"files": {}}
            if level >= depth:
                return tree
            for name, kind, sub in self._plan(current):
                if sub is not None and kind in (FieldKind.DETAIL, FieldKind.LINKED):
                    tree[name] = expand(sub, level + 1)
            return tree

        return Shape(None, expand(entity, 0), {})

    def check_shape(self, entity: Entity, shape: Shape) -> None:
        """400 for a ``$select``/``$expand`` naming a field the entity does not have."""
        if shape.select is None and not shape.expand:
            return
        self._check_tree(entity, shape.select or {}, "$select")
        self._check_tree(entity, shape.expand, "$expand")

    def _check_tree(self, entity: Entity, tree: dict[str, Any], parameter: str) -> None:
        for name, subtree in tree.items():
            if parameter == "$expand" and name == "files":
                continue
            fld = entity.fields_by_wire_name.get(name)
            if fld is None:
                raise errors.bad_request(
                    f"{parameter}: {entity.name} has no field '{name}'", "parameters"
                )
            if subtree:
                sub = self.nested(fld)
                if sub is None or fld.kind not in (FieldKind.DETAIL, FieldKind.LINKED):
                    raise errors.bad_request(
                        f"{parameter}: '{name}' of {entity.name} has no sub-fields", "parameters"
                    )
                self._check_tree(sub, subtree, parameter)

    # -- querying -------------------------------------------------------------------------------

    def compile_filter(self, entity: Entity, text: str) -> odata.Predicate:
        contract_5 = self.endpoint.is_contract_5

        def resolve(path: str) -> tuple[odata.Getter, Scalar]:
            current = entity
            parts = path.split("/")
            chain: list[str] = []
            for index, part in enumerate(parts):
                fld = current.fields_by_wire_name.get(part)
                if fld is None:
                    raise KeyError(path)
                chain.append(part)
                last = index == len(parts) - 1
                if last:
                    if fld.kind not in (FieldKind.VALUE, FieldKind.PLAIN):
                        raise KeyError(path)
                    return _select_ids(_getter(tuple(chain)), fld.scalar)
                sub = self.nested(fld)
                if fld.kind is not FieldKind.LINKED or sub is None:
                    raise KeyError(path)
                current = sub
            raise KeyError(path)  # pragma: no cover - the loop always returns or raises

        def resolve_custom(name: str) -> tuple[odata.Getter, Scalar]:
            view, dot, fld = name.partition(".")
            if not dot or not view or not fld:
                raise KeyError(name)

            def get(record: Record) -> Any:
                value = ((record.get("custom") or {}).get(view) or {}).get(fld, {}).get("value")
                return _choice_id(value)

            return get, Scalar.ANY

        try:
            return odata.compile_filter(text, resolve, resolve_custom, contract_5=contract_5)
        except odata.FilterError as problem:
            raise errors.exception_error(
                400,
                f"$filter: {problem}",
                "PX.Api.ContractBased.OData.ODataException",
                "ParseFilter",
            ) from None


def _select_ids(get: odata.Getter, scalar: Scalar) -> tuple[odata.Getter, Scalar]:
    """A select field filters by its id (contract 5): the getter answers ids, not choices."""
    if scalar is Scalar.STRING_SELECT or scalar is Scalar.INT_SELECT:
        plain = Scalar.STRING if scalar is Scalar.STRING_SELECT else Scalar.INT
        return (lambda record: _choice_id(get(record))), plain
    if scalar is Scalar.STRING_MULTI_SELECT:
        return (lambda record: [_choice_id(c) for c in get(record) or ()]), scalar
    return get, scalar


def _choice_id(value: Any) -> Any:
    """The id of a stored select choice (``{"id", "description"}``); anything else as it is."""
    return value.get("id") if isinstance(value, dict) else value


def _getter(chain: tuple[str, ...]) -> odata.Getter:
    if len(chain) == 1:
        name = chain[0]
        return lambda record: record.get(name)

    def get(record: Record) -> Any:
        value: Any = record
        for part in chain:
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    return get


def _guid(raw: Any) -> str | None:
    """The canonical form of a GUID sent as a JSON string; None for anything else."""
    if not isinstance(raw, str):
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def guid_or_none(raw: Any) -> str | None:
    """``_guid`` for other modules (the id of an action's target entity)."""
    return _guid(raw)


def blank_key(value: Any) -> bool:
    """Whether a key value counts as missing: None, "" or only whitespace (Acumatica trims key
    text, so "  " names no record either)."""
    return value is None or (isinstance(value, str) and not value.strip())


def display_name(wire_name: str) -> str:
    """A field's label as Acumatica's messages show it: "OrderType" -> "Order Type",
    "CustomerID" -> "Customer ID", "RefNbr" -> "Ref. Nbr." (roughly: the IR has no labels)."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", wire_name) or [wire_name]
    words = [{"Nbr": "Nbr.", "Ref": "Ref."}.get(word, word) for word in words]
    return " ".join(words)


def _wrapped_value(raw: Any) -> Any:
    return raw.get("value") if isinstance(raw, dict) else None


def _show(raw: Any) -> str:
    text = repr(raw) if not isinstance(raw, str) else f'"{raw}"'
    return text if len(text) <= 60 else text[:57] + "..."


def _model_path(where: tuple[Any, ...]) -> str:
    text = "entity"
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _mark(echo: Any, where: tuple[Any, ...], message: str) -> None:
    """Put ``error`` on the wrapper at ``where`` in the echoed body (and on its detail line)."""
    node = echo
    for part in where[:-1]:
        node = node[part]
    last = where[-1]
    wrapper = node.get(last) if isinstance(node, dict) else None
    if isinstance(wrapper, dict):
        wrapper["error"] = message
    else:
        node[last] = {"value": wrapper, "error": message}
