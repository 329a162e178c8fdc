"""The intermediate representation: one endpoint, normalized.

Every consumer (render, diff, sandbox, inspect) reads these frozen dataclasses, never the raw
document. Swagger 2.0 and OpenAPI 3.x documents that describe the same endpoint give equal IRs.
Python names are assigned here, once (see ``naming``), so every consumer agrees on them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property


class Scalar(str, enum.Enum):
    """The Python-level type of a value, whatever wrapper carries it on the wire."""

    STRING = "string"
    INT = "int"
    DECIMAL = "decimal"
    FLOAT = "float"
    BOOL = "bool"
    DATETIME = "datetime"
    DATE = "date"  # contract 5 DateOnlyValue (``format: date``): ``{"value": "2026-09-09"}``
    GUID = "guid"
    # Contract 5 selects: ``{"value": {"id": "CL", "description": "Completed"}}``.
    STRING_SELECT = "string_select"  # StringSingleSelectValue: a string id
    INT_SELECT = "int_select"  # IntSingleSelectValue: an integer id
    STRING_MULTI_SELECT = "string_multi_select"  # StringMultiSelectValue: a list of string ids
    ANY = "any"  # a type the document does not pin down: passed through untouched

    @property
    def annotation(self) -> str:
        """The annotation generated code uses for this scalar."""
        return _ANNOTATIONS[self]


_ANNOTATIONS = {
    Scalar.STRING: "str",
    Scalar.INT: "int",
    Scalar.DECIMAL: "Decimal",
    Scalar.FLOAT: "float",
    Scalar.BOOL: "bool",
    Scalar.DATETIME: "datetime",
    # ``datetime.date`` under the runtime's alias: a field named ``date`` (SalesOrder.Date) is
    # common and would shadow the bare name in the class body.
    Scalar.DATE: "DateOnly",
    Scalar.GUID: "UUID",
    Scalar.STRING_SELECT: "Select[str]",
    Scalar.INT_SELECT: "Select[int]",
    Scalar.STRING_MULTI_SELECT: "list[Select[str]]",
    Scalar.ANY: "Any",
}


class FieldKind(str, enum.Enum):
    """How a field travels on the wire."""

    VALUE = "value"  # {"value": ..., "error": ...} wrapper, e.g. StringValue
    PLAIN = "plain"  # a bare JSON scalar (id, rowNumber, error, older contracts' plain strings)
    DETAIL = "detail"  # a list of detail entities
    LINKED = "linked"  # one nested (linked) entity
    CUSTOM = "custom"  # {View: {Field: {"type": "CustomStringField", "value": ...}}}
    FILES = "files"  # a list of FileLink {id, filename, href}
    MAP = "map"  # a JSON object of named items (``_links``, ``_workflowActions``), not wrapped


@dataclass(frozen=True)
class ValueType:
    """A ``*Value`` wrapper schema (``StringValue``) or a ``Custom*Field`` schema."""

    name: str
    scalar: Scalar
    has_error: bool  # the wrapper declares an ``error`` property


@dataclass(frozen=True)
class Field:
    """One property of an entity (or one parameter of an action)."""

    wire_name: str  # as on the wire: "CustomerID"
    python_name: str  # unique within its entity: "customer_id"
    kind: FieldKind
    scalar: Scalar  # VALUE, PLAIN and MAP (its items): the value's type; otherwise Scalar.ANY
    # VALUE: the wrapper's schema name, e.g. "StringValue"; MAP: the items' schema, if named
    value_type: str | None = None
    entity: str | None = None  # DETAIL and LINKED: the nested entity's schema name
    description: str | None = None


@dataclass(frozen=True)
class Action:
    """An action of a top-level entity: ``POST /{Entity}/{Action}``."""

    name: str  # wire name: "ReleaseSalesInvoice"
    python_name: str  # method name: "release_sales_invoice"
    schema_name: str  # the invocation schema: "ReleaseSalesInvoice"
    entity: str  # the entity it applies to: "SalesInvoice"
    parameters: tuple[Field, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Entity:
    """An entity schema: top-level (it has paths), or a detail/linked entity used inside others."""

    name: str  # schema name, also the Python class name when it is a valid identifier
    class_name: str  # Python class name
    module_name: str  # models module that defines it (one module per entity family)
    fields: tuple[Field, ...]
    description: str | None = None
    # Top-level entities only:
    top_level: bool = False
    attribute_name: str | None = None  # client attribute: "sales_order"
    screen_name: str | None = None  # "Sales Orders"
    screen_id: str | None = None  # "SO301000"
    actions: tuple[Action, ...] = ()
    has_custom_action: bool = False  # the /{Entity}/{actionName} catch-all exists
    keys: tuple[str, ...] = ()  # wire names of the key fields, in URL order ("" when unknown)

    @cached_property
    def fields_by_wire_name(self) -> dict[str, Field]:
        return {f.wire_name: f for f in self.fields}

    def field(self, wire_name: str) -> Field:
        """The field named ``wire_name`` on the wire (KeyError if absent)."""
        return self.fields_by_wire_name[wire_name]


@dataclass(frozen=True)
class Endpoint:
    """One endpoint document, normalized."""

    name: str  # "Default"
    version: str  # "24.200.001"
    # Where the IR came from; not part of equality, so both formats of one endpoint compare equal.
    source_format: str = field(compare=False)  # "swagger-2.0" or "openapi-3.0.1"
    spec_sha256: str = field(compare=False)
    value_types: tuple[ValueType, ...]  # *Value wrappers, sorted by name
    custom_field_types: tuple[ValueType, ...]  # Custom*Field schemas, sorted by name
    entities: tuple[Entity, ...]  # every entity, sorted by name
    # The system contract the endpoint is built on, from ``info.version`` ("4" for Default
    # 20.200.001-25.200.001, "5" for 26.200.001). None when the document gives no whole number
    # there: read as contract 4 and earlier (what every consumer did before contract 5).
    contract_version: int | None = None

    @cached_property
    def entities_by_name(self) -> dict[str, Entity]:
        return {e.name: e for e in self.entities}

    def entity(self, name: str) -> Entity:
        """The entity whose schema name is ``name`` (KeyError if absent)."""
        return self.entities_by_name[name]

    @property
    def is_contract_5(self) -> bool:
        """Contract 5 or later: selects, date-only values and the OData 4.01 query dialect."""
        return self.contract_version is not None and self.contract_version >= 5

    @property
    def top_level_entities(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.top_level)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for e in self.entities for a in e.actions)
