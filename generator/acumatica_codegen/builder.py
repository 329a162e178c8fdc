"""Build the IR from an endpoint document.

Newer documents (2025 R1+ builds) wrap a reference as ``{"anyOf": [{"$ref": ...}], "nullable": true}``;
an ``anyOf``/``oneOf``/``allOf`` around a single ``$ref`` is that reference wherever a schema is used.

Schemas are classified by what they are, read from the document itself rather than a fixed list:
- value wrappers: an object whose properties are ``value`` (and maybe ``error``), named ``*Value``;
- custom field types: schemas built on ``CustomField`` (``allOf`` with its ``$ref``);
- action invocations: request bodies of ``POST /{Entity}/{Action}`` (``entity`` + ``parameters``);
- plumbing: ``Entity``, ``CustomField``, ``HttpError``, ``FileLink``, and the items of contract 5
  selects (``StringSelectInnerValue``: what a select wrapper's ``value`` refers to);
- everything else with properties is an entity. Top-level entities are those with paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import naming, runtime_source
from .errors import UserError, did_you_mean, listing
from .ir import Action, Endpoint, Entity, Field, FieldKind, Scalar, ValueType
from .keys import resolve_keys
from .spec import Operation, SpecDocument, describe_json, escape_pointer, read_document
from .versions import endpoint_identity

ENDPOINT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,99}")
CONTRACT_VERSION = re.compile(r"\s*([0-9]{1,3})\s*")
ENDPOINT_VERSION = re.compile(r"[0-9][A-Za-z0-9_.-]{0,49}")
PLUMBING = frozenset({"Entity", "CustomField", "HttpError", "FileLink"})
# Keys that may stand beside a single-reference anyOf/oneOf/allOf without changing what it means.
REF_SIBLINGS = frozenset({"nullable", "description", "title", "readOnly", "writeOnly"})
SCREEN = re.compile(r"^(?P<name>.*?)\s*\((?P<id>[A-Za-z0-9]{2,}\d{3,})\)\s*$", re.DOTALL)
ACTION_PATH = re.compile(r"^/(?P<entity>[^/{}$]+)/(?P<action>[^/{}$]+)$")
ENTITY_PATH = re.compile(r"^/(?P<entity>[^/{}$]+)$")
CUSTOM_ACTION_PATH = re.compile(r"^/(?P<entity>[^/{}$]+)/\{actionName\}$")
# allOf is flattened recursively: a bound keeps a hostile chain from ending in a RecursionError.
MAX_ALLOF_DEPTH = 32

# Names every generated model, client and API class already uses for itself: read from the
# runtime's base classes (runtime_source), plus what the templates add beside them.
MODEL_RESERVED = (
    naming.ANNOTATION_NAMES
    | runtime_source.model_names()
    | {"f", "delete", "self", "cls"}  # the nested field-reference class; "delete" is a wire key
)
# Entity class names: an API module also defines <Class>Api and Async<Class>Api next to its imports.
CLASS_RESERVED = (
    MODEL_RESERVED
    | naming.GENERATED_MODULE_NAMES
    | {name.removesuffix("Api") for name in naming.GENERATED_MODULE_NAMES if name.endswith("Api")}
    | {
        name.removeprefix("Async").removesuffix("Api")
        for name in naming.GENERATED_MODULE_NAMES
        if name.startswith("Async") and name.endswith("Api")
    }
)
# Client attributes (one per top-level entity) and API methods (one per action).
CLIENT_RESERVED = runtime_source.client_names()
# The API module of an entity with keys defines get_by_keys and delete_by_keys itself (typed
# wrappers over the base's _get_by_keys and _delete_by_keys), so no action may take those names.
API_RESERVED = runtime_source.api_names() | {"self", "cls", "get_by_keys", "delete_by_keys"}


def load_endpoint(
    path: str | Path,
    *,
    key_overrides: Mapping[str, Sequence[str]] | None = None,
) -> Endpoint:
    """Read the endpoint document at ``path`` and build its IR."""
    return build_ir(read_document(path), key_overrides=key_overrides)


def build_ir(
    document: SpecDocument,
    *,
    key_overrides: Mapping[str, Sequence[str]] | None = None,
) -> Endpoint:
    """Normalize ``document`` into an ``ir.Endpoint``."""
    return _Builder(document, key_overrides or {}).build()


def document_identity(document: SpecDocument) -> tuple[str, str]:
    """The endpoint's name and version, as the document names them (title, else base path)."""
    for text, pointer in ((document.title, "/info/title"), (document.base_path, "")):
        identity = endpoint_identity(text)
        if identity:
            return _checked_identity(document, *identity, pointer or "/")
    pointer = "/basePath" if document.format == "swagger-2.0" else "/servers/0/url"
    document.fail(
        "/info/title",
        "cannot tell the endpoint's name and version: expected info.title like "
        f"'Default/24.200.001' or #{pointer} ending in '/entity/Default/24.200.001'",
    )
    raise AssertionError  # unreachable


def _checked_identity(
    document: SpecDocument, name: str, version: str, pointer: str
) -> tuple[str, str]:
    """Endpoint names and versions end up in URLs, file names and code: keep them plain."""
    if not ENDPOINT_NAME.fullmatch(name):
        document.fail(
            pointer,
            f"endpoint name {name!r} is not a plain name (letters, digits, '_', '-', '.'): "
            "Acumatica endpoint names look like 'Default' or 'MyEndpoint'",
        )
    if not ENDPOINT_VERSION.fullmatch(version):
        document.fail(
            pointer,
            f"endpoint version {version!r} is not a plain version (digits, letters, '.', '-'): "
            "Acumatica versions look like '24.200.001'",
        )
    return name, version


@dataclass
class _TopLevel:
    schema: str
    actions: dict[str, tuple[str, str]]  # action wire name → (invocation schema, pointer)
    has_custom_action: bool = False


class _Builder:
    def __init__(self, document: SpecDocument, key_overrides: Mapping[str, Sequence[str]]) -> None:
        self.doc = document
        self.key_overrides = key_overrides
        self.value_types: dict[str, ValueType] = {}
        self.custom_field_types: dict[str, ValueType] = {}
        self.select_items: set[str] = set()  # schemas a select wrapper's value refers to
        self.entity_names: frozenset[str] = frozenset()  # known once schemas are classified

    # -- the whole endpoint -------------------------------------------------------------------

    def build(self) -> Endpoint:
        name, version = document_identity(self.doc)
        top_level = self._top_level_entities()
        action_schemas = {
            schema for entry in top_level.values() for schema, _ in entry.actions.values()
        } | {f"{entity}CustomAction" for entity in top_level}
        top_level_schemas = {entry.schema for entry in top_level.values()}
        candidates: list[str] = []
        map_items: set[str] = set()  # schemas named as the items of a map property
        for schema_name in sorted(self.doc.schemas):
            if schema_name in PLUMBING or schema_name in action_schemas:
                continue
            node, pointer = self._schema(schema_name)
            if self._is_custom_field_type(node, pointer):
                self.custom_field_types[schema_name] = self._wrapper(schema_name, node, pointer)
            elif self._is_value_wrapper(schema_name, node, pointer):
                self.value_types[schema_name] = self._wrapper(schema_name, node, pointer)
            elif (
                properties := self._properties(node, pointer)
            ) or schema_name in top_level_schemas:
                candidates.append(schema_name)
                map_items.update(self._map_item_names(properties))
        # An entity's custom action (``_workflowActions`` items) is a model too, so the map is
        # typed; as an action's request body alone it stays out, as before.
        candidates += sorted(map_items & action_schemas - PLUMBING)
        entity_names = [
            n for n in candidates if n not in self.select_items or n in top_level_schemas
        ]
        for entry in top_level.values():
            if entry.schema not in entity_names:
                entity_names.append(entry.schema)
        self.entity_names = frozenset(entity_names)
        by_schema = {entry.schema: (path_name, entry) for path_name, entry in top_level.items()}
        if len(by_schema) < len(top_level):
            shared = sorted(
                f"/{path} and /{other}"
                for path, entry in top_level.items()
                for other, other_entry in top_level.items()
                if path < other and entry.schema == other_entry.schema
            )
            self.doc.fail(
                "/paths",
                f"{shared[0]} share one entity schema, which acumatica-codegen does not support; "
                "give each top-level entity its own schema",
            )
        class_names = naming.assign_names(entity_names, style="pascal", reserved=CLASS_RESERVED)
        modules = self._module_names(entity_names, sorted(by_schema))
        attributes = naming.assign_names(
            [by_schema[s][0] for s in by_schema], reserved=CLIENT_RESERVED
        )
        entities = []
        for schema_name in sorted(entity_names):
            fields = self._fields(schema_name)
            entity = Entity(
                name=schema_name,
                class_name=class_names[schema_name],
                module_name=modules[schema_name],
                fields=fields,
                description=self._description(schema_name),
            )
            if schema_name in by_schema:
                path_name, entry = by_schema[schema_name]
                entity = self._top_level(entity, path_name, entry, attributes[path_name])
            entities.append(entity)
        self._check_key_overrides(entities, f"{name} {version}")
        return Endpoint(
            name=name,
            version=version,
            source_format=self.doc.format,
            spec_sha256=self.doc.sha256,
            value_types=tuple(self.value_types[k] for k in sorted(self.value_types)),
            custom_field_types=tuple(
                self.custom_field_types[k] for k in sorted(self.custom_field_types)
            ),
            entities=tuple(entities),
            contract_version=self._contract_version(),
        )

    def _contract_version(self) -> int | None:
        """``info.version``: "4" or "5" in Acumatica's documents; None when it is not a number.

        Hand-written and third-party documents often carry their own version there ("1.0.0"):
        such a document is read as contract 4 and earlier, as every document was before contract 5.
        """
        info = self.doc.data.get("info")
        version = info.get("version") if isinstance(info, dict) else None
        if isinstance(version, int) and not isinstance(version, bool):
            return version
        match = CONTRACT_VERSION.fullmatch(version) if isinstance(version, str) else None
        return int(match.group(1)) if match else None

    def _schema(self, name: str) -> tuple[Any, str]:
        pointer = self.doc.schema_pointer(name)
        node, pointer = self.doc.resolve(self.doc.schemas[name], pointer)
        return self.doc.expect_object(node, pointer, "a schema object"), pointer

    # -- paths ---------------------------------------------------------------------------------

    def _top_level_entities(self) -> dict[str, _TopLevel]:
        """Path entity name → its schema and actions, from ``/{Entity}`` and ``/{Entity}/{Action}``."""
        operations = list(self.doc.operations())
        result: dict[str, _TopLevel] = {}
        for op in operations:
            match = ENTITY_PATH.match(op.path)
            if match:
                path_name = match.group("entity")
                schema = (
                    self._entity_schema_of(op) or result.get(path_name, _TopLevel("", {})).schema
                )
                if schema or path_name not in result:
                    result[path_name] = _TopLevel(schema or path_name, {})
        for op in operations:
            custom = CUSTOM_ACTION_PATH.match(op.path)
            if custom and custom.group("entity") in result and op.method == "post":
                result[custom.group("entity")].has_custom_action = True
            match = ACTION_PATH.match(op.path)
            if not match or op.method != "post" or match.group("entity") not in result:
                continue
            if op.body_ref is None:
                self.doc.fail(op.pointer, "expected an action request body that is a schema $ref")
            schema = self.doc.schema_name(op.body_ref, op.pointer)
            result[match.group("entity")].actions[match.group("action")] = (schema, op.pointer)
        return result

    def _entity_schema_of(self, op: Operation) -> str | None:
        ref = op.body_ref if op.method == "put" else op.response_ref if op.method == "get" else None
        return self.doc.schema_name(ref, op.pointer) if ref else None

    # -- classification --------------------------------------------------------------------------

    def _all_of_parts(
        self, node: dict[str, Any], pointer: str, visiting: frozenset[str] = frozenset()
    ) -> list[tuple[dict[str, Any], str]]:
        """The schema and its ``allOf`` parts, flattened depth first (base classes first)."""
        parts: list[tuple[dict[str, Any], str]] = []
        visiting = visiting | {pointer}
        if len(visiting) > MAX_ALLOF_DEPTH:
            self.doc.fail(
                pointer,
                f"allOf inherits more than {MAX_ALLOF_DEPTH} levels deep; Acumatica entities "
                "inherit one level (from Entity): fix or re-fetch the document",
            )
        for index, part in enumerate(self._all_of(node, pointer)):
            part_ref = f"{pointer}/allOf/{index}"
            part, part_pointer = self.doc.resolve(part, part_ref)
            part = self.doc.expect_object(part, part_pointer, "a schema object in allOf")
            if part_pointer in visiting:
                self.doc.fail(f"{part_ref}/$ref", f"allOf loops back to '#{part_pointer}'")
            parts.extend(self._all_of_parts(part, part_pointer, visiting))
        parts.append((node, pointer))
        return parts

    def _properties(self, node: dict[str, Any], pointer: str) -> dict[str, tuple[Any, str, bool]]:
        """Property name → (schema, pointer, inherited) across ``allOf``."""
        result: dict[str, tuple[Any, str, bool]] = {}
        inherited_pointers = {
            self.doc.ref_pointer(part["$ref"], f"{pointer}/allOf/{index}")
            for index, part in enumerate(self._all_of(node, pointer))
            if isinstance(part, dict) and isinstance(part.get("$ref"), str)
        }
        for part, part_pointer in self._all_of_parts(node, pointer):
            properties = self.doc.expect_object(
                part.get("properties", {}), f"{part_pointer}/properties", "an object of properties"
            )
            inherited = any(part_pointer.startswith(p) for p in inherited_pointers)
            for name, schema in properties.items():
                result[name] = (
                    schema,
                    f"{part_pointer}/properties/{escape_pointer(name)}",
                    inherited,
                )
        return result

    def _all_of(self, node: dict[str, Any], pointer: str) -> list[Any]:
        parts = node.get("allOf", [])
        if not isinstance(parts, list):
            self.doc.fail(
                f"{pointer}/allOf", f"expected a list of schemas, found {describe_json(parts)}"
            )
        return parts

    def _is_custom_field_type(self, node: dict[str, Any], pointer: str) -> bool:
        refs = [p.get("$ref", "") for p in self._all_of(node, pointer) if isinstance(p, dict)]
        return any(str(ref).endswith("/CustomField") for ref in refs)

    def _is_value_wrapper(self, name: str, node: dict[str, Any], pointer: str) -> bool:
        properties = self._properties(node, pointer)
        return name.endswith("Value") and "value" in properties

    def _wrapper(self, name: str, node: dict[str, Any], pointer: str) -> ValueType:
        properties = self._properties(node, pointer)
        if "value" not in properties:
            self.doc.fail(pointer, f"custom field type {name!r} has no 'value' property")
        schema, value_pointer, _ = properties["value"]
        scalar = self._select_scalar(schema, value_pointer) or self._scalar(
            schema, value_pointer, wrapper_name=name
        )
        return ValueType(name=name, scalar=scalar, has_error="error" in properties)

    def _select_scalar(self, schema: Any, pointer: str) -> Scalar | None:
        """A contract 5 select: the value is an ``{id, description}`` item, or a list of them."""
        schema = self._single_ref(self.doc.expect_object(schema, pointer, "a schema object"))
        many = schema.get("type") == "array" and isinstance(schema.get("items"), dict)
        if many:
            pointer = f"{pointer}/items"
            schema = self._single_ref(schema["items"])
        if not isinstance(schema.get("$ref"), str):
            return None
        item_name = self.doc.schema_name(schema["$ref"], pointer)
        item, item_pointer = self._schema(item_name)
        properties = self._properties(item, item_pointer)
        if "id" not in properties or not set(properties) <= {"id", "description"}:
            return None
        id_scalar = self._scalar(properties["id"][0], properties["id"][1])
        selects = {
            (Scalar.STRING, False): Scalar.STRING_SELECT,
            (Scalar.INT, False): Scalar.INT_SELECT,
            (Scalar.STRING, True): Scalar.STRING_MULTI_SELECT,
        }
        scalar = selects.get((id_scalar, many))
        if scalar is not None:
            self.select_items.add(item_name)
        return scalar  # anything else (a list of integer ids, say) stays Any, as before

    @staticmethod
    def _single_ref(schema: dict[str, Any]) -> dict[str, Any]:
        """``{"anyOf": [{"$ref": R}], "nullable": true}`` (or oneOf/allOf) is ``{"$ref": R}``.

        Newer documents write references that may be null this way. The schema's own description
        is kept; anything else around the reference (several parts, ``not``) is left as it is.
        """
        if "$ref" in schema:
            return schema
        wrappers = [key for key in ("anyOf", "oneOf", "allOf") if key in schema]
        if len(wrappers) != 1:
            return schema
        parts = schema[wrappers[0]]
        if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], dict)):
            return schema
        (part,) = parts
        if set(part) != {"$ref"} or set(schema) - {wrappers[0], *REF_SIBLINGS}:
            return schema
        if isinstance(schema.get("description"), str):
            return {"$ref": part["$ref"], "description": schema["description"]}
        return {"$ref": part["$ref"]}

    def _scalar(self, schema: Any, pointer: str, *, wrapper_name: str = "") -> Scalar:
        """The Python-level type of a JSON scalar schema."""
        schema = self._single_ref(self.doc.expect_object(schema, pointer, "a schema object"))
        schema, pointer = self.doc.resolve(schema, pointer)
        schema = self.doc.expect_object(schema, pointer, "a schema object")
        kind, fmt = schema.get("type"), schema.get("format")
        if fmt is not None and not isinstance(fmt, str):
            self.doc.fail(
                f"{pointer}/format", f"expected a format name, found {describe_json(fmt)}"
            )
        if isinstance(kind, list):  # OpenAPI 3.1: ["string", "null"] is a nullable string
            kinds = [k for k in kind if k != "null"]
            kind = kinds[0] if len(kinds) == 1 else None
        # Acumatica declares DecimalValue's value as a double; the wrapper's name says decimal.
        if fmt == "decimal" or (
            kind == "number" and wrapper_name.removeprefix("Custom").startswith("Decimal")
        ):
            return Scalar.DECIMAL
        if kind == "string":
            return {"date-time": Scalar.DATETIME, "date": Scalar.DATE, "uuid": Scalar.GUID}.get(
                fmt, Scalar.STRING
            )
        if kind == "integer":
            return Scalar.INT
        if kind == "number":
            return Scalar.FLOAT
        if kind == "boolean":
            return Scalar.BOOL
        if kind is None or kind in ("object", "array"):
            return Scalar.ANY
        self.doc.fail(
            f"{pointer}/type",
            f"cannot map type {kind!r}: expected string, integer, number, boolean, object or array",
        )
        raise AssertionError  # unreachable

    # -- entities and fields ---------------------------------------------------------------------

    def _fields(self, entity_name: str) -> tuple[Field, ...]:
        node, pointer = self._schema(entity_name)
        properties = self._properties(node, pointer)
        names = naming.assign_names(properties, reserved=MODEL_RESERVED - {"delete"})
        own, inherited = [], []
        for wire_name, (schema, field_pointer, is_inherited) in properties.items():
            field = self._field(wire_name, names[wire_name], schema, field_pointer)
            (inherited if is_inherited else own).append(field)
        order = lambda f: (f.wire_name.casefold(), f.wire_name)  # noqa: E731
        return tuple(sorted(own, key=order) + sorted(inherited, key=order))

    def _field(self, wire_name: str, python_name: str, schema: Any, pointer: str) -> Field:
        schema = self.doc.expect_object(schema, pointer, "a schema object")
        if "$ref" not in schema:  # the usual case needs no unwrapping (a call per property)
            schema = self._single_ref(schema)
        description = (
            schema.get("description") if isinstance(schema.get("description"), str) else None
        )
        common = {"wire_name": wire_name, "python_name": python_name, "description": description}
        if "$ref" in schema:
            target = self.doc.schema_name(schema["$ref"], pointer)
            if target in self.value_types:
                wrapper = self.value_types[target]
                return Field(
                    kind=FieldKind.VALUE, scalar=wrapper.scalar, value_type=target, **common
                )
            if (
                target in PLUMBING
                or target in self.custom_field_types
                or target in self.select_items
            ):
                self.doc.fail(
                    pointer,
                    f"cannot map a field of type {target!r}: expected a value wrapper or an entity",
                )
            return Field(kind=FieldKind.LINKED, scalar=Scalar.ANY, entity=target, **common)
        kind = schema.get("type")
        if kind == "array":
            items = self.doc.expect_object(
                schema.get("items", {}), f"{pointer}/items", "the schema of the items"
            )
            items = self._single_ref(items)
            if "$ref" in items:
                target = self.doc.schema_name(items["$ref"], f"{pointer}/items")
                if target == "FileLink":
                    return Field(kind=FieldKind.FILES, scalar=Scalar.ANY, **common)
                if target not in self.value_types and target not in PLUMBING:
                    return Field(kind=FieldKind.DETAIL, scalar=Scalar.ANY, entity=target, **common)
            return Field(kind=FieldKind.PLAIN, scalar=Scalar.ANY, **common)
        if kind == "object" and self._is_custom_map(schema, pointer):
            return Field(kind=FieldKind.CUSTOM, scalar=Scalar.ANY, **common)
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            return self._map_field(schema, pointer, common)
        return Field(kind=FieldKind.PLAIN, scalar=self._scalar(schema, pointer), **common)

    def _map_field(self, schema: dict[str, Any], pointer: str, common: dict[str, Any]) -> Field:
        """``{name: item}``: ``_links`` (items are URIs) or ``_workflowActions`` (items are the
        entity's custom action, a model); items of any other schema are kept as JSON objects."""
        items_pointer = f"{pointer}/additionalProperties"
        items = self._single_ref(schema["additionalProperties"])
        if isinstance(items.get("$ref"), str):
            item_name = self.doc.schema_name(items["$ref"], items_pointer)
            if item_name in self.entity_names:
                return Field(kind=FieldKind.MAP, scalar=Scalar.ANY, entity=item_name, **common)
            return Field(kind=FieldKind.MAP, scalar=Scalar.ANY, value_type=item_name, **common)
        return Field(kind=FieldKind.MAP, scalar=self._scalar(items, items_pointer), **common)

    def _map_item_names(self, properties: dict[str, tuple[Any, str, bool]]) -> Iterator[str]:
        """Schemas that map properties (``type: object`` with ``additionalProperties``) name as
        their items, e.g. ``CustomerCustomAction`` for ``_workflowActions``."""
        for schema, pointer, _ in properties.values():
            items = schema.get("additionalProperties") if type(schema) is dict else None
            if type(items) is not dict or schema.get("type") != "object":
                continue  # most properties: a $ref, with no additionalProperties at all
            ref = self._single_ref(items).get("$ref")
            if isinstance(ref, str):
                yield self.doc.schema_name(ref, f"{pointer}/additionalProperties")

    def _is_custom_map(self, schema: dict[str, Any], pointer: str) -> bool:
        """``{View: {Field: CustomField}}``: an object of objects of CustomField."""
        outer = schema.get("additionalProperties")
        inner = outer.get("additionalProperties") if isinstance(outer, dict) else None
        return isinstance(inner, dict) and str(inner.get("$ref", "")).endswith("/CustomField")

    def _description(self, schema_name: str) -> str | None:
        """The schema's own description: on the schema, else on its inline ``allOf`` part.

        Parts that are ``$ref``s are base classes (``Entity``); their text does not describe this one.
        """
        node, pointer = self._schema(schema_name)
        inline_parts = [
            p for p in self._all_of(node, pointer) if isinstance(p, dict) and "$ref" not in p
        ]
        for part in (node, *reversed(inline_parts)):
            description = part.get("description")
            if isinstance(description, str):
                return description
        return None

    def _module_names(self, entity_names: list[str], top_level: list[str]) -> dict[str, str]:
        """One models module per entity family: a top-level entity and the entities named after it."""
        family_modules = naming.assign_names(entity_names)
        prefixes = sorted(top_level, key=len, reverse=True)
        result = {}
        for name in entity_names:
            owner = next((p for p in prefixes if name.startswith(p)), name)
            result[name] = family_modules[owner]
        return result

    def _top_level(
        self, entity: Entity, path_name: str, entry: _TopLevel, attribute_name: str
    ) -> Entity:
        screen_name, screen_id = self._screen(path_name)
        method_names = naming.assign_names(entry.actions, reserved=API_RESERVED)
        actions = tuple(
            self._action(action_name, method_names[action_name], schema, pointer, entity.name)
            for action_name, (schema, pointer) in sorted(entry.actions.items())
        )
        keys = resolve_keys(entity.name, [f.wire_name for f in entity.fields], self.key_overrides)
        return Entity(
            name=entity.name,
            class_name=entity.class_name,
            module_name=entity.module_name,
            fields=entity.fields,
            description=entity.description,
            top_level=True,
            attribute_name=attribute_name,
            screen_name=screen_name,
            screen_id=screen_id,
            actions=actions,
            has_custom_action=entry.has_custom_action,
            keys=keys,
        )

    def _screen(self, tag_name: str) -> tuple[str | None, str | None]:
        description = self.doc.tags.get(tag_name)
        if not description:
            return None, None
        match = SCREEN.match(description.strip())
        if not match:
            return description.strip() or None, None
        return match.group("name").strip() or None, match.group("id")

    def _action(
        self, action_name: str, python_name: str, schema_name: str, pointer: str, entity: str
    ) -> Action:
        node, schema_pointer = self._schema(schema_name)
        properties = self._properties(node, schema_pointer)
        parameters: tuple[Field, ...] = ()
        if "parameters" in properties:
            params_schema, params_pointer, _ = properties["parameters"]
            params_schema, params_pointer = self.doc.resolve(params_schema, params_pointer)
            params_schema = self.doc.expect_object(
                params_schema, params_pointer, "a schema object of action parameters"
            )
            param_properties = self._properties(params_schema, params_pointer)
            names = naming.assign_names(
                param_properties, reserved={"entity", "self", "timeout", "parameters"}
            )
            parameters = tuple(
                self._field(wire, names[wire], schema, param_pointer)
                for wire, (schema, param_pointer, _) in sorted(param_properties.items())
            )
        description = node.get("description") if isinstance(node.get("description"), str) else None
        return Action(
            name=action_name,
            python_name=python_name,
            schema_name=schema_name,
            entity=entity,
            parameters=parameters,
            description=description,
        )

    def _check_key_overrides(self, entities: list[Entity], endpoint: str) -> None:
        by_name = {entity.name: entity for entity in entities}
        top_level = [entity.name for entity in entities if entity.top_level]
        fix = f"fix keys in [tool.acumatica-codegen] for {self.doc.path}"
        for entity_name, keys in sorted(self.key_overrides.items()):
            entity = by_name.get(entity_name)
            if entity is None:
                hint = did_you_mean(entity_name, top_level)
                raise UserError(
                    f"keys: no entity named {entity_name!r} in {endpoint} "
                    f"({hint + ' ' if hint else ''}top-level entities: {listing(top_level)}); {fix}"
                )
            if not entity.top_level:
                raise UserError(
                    f"keys: {entity_name!r} is not a top-level entity of {endpoint} (it has no "
                    f"paths, so nothing is looked up by its keys); {fix}"
                )
            if not keys:
                raise UserError(f"keys: {entity_name!r} lists no key fields; {fix}")
            for key in keys:
                field = entity.fields_by_wire_name.get(key)
                if field is None:
                    fields = [f.wire_name for f in entity.fields]
                    hint = did_you_mean(key, fields) or f"its fields: {listing(fields)}"
                    raise UserError(
                        f"keys: {entity_name!r} has no field {key!r} in {endpoint} ({hint}); {fix}"
                    )
                if (
                    field.kind not in (FieldKind.VALUE, FieldKind.PLAIN)
                    or field.scalar is Scalar.ANY
                ):
                    raise UserError(
                        f"keys: {entity_name}.{key} is not a simple value and cannot be a key; "
                        f"{fix}"
                    )
