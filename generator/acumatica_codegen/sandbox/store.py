"""In-memory data, one ``TenantStore`` per tenant.

A record is a plain dict keyed by wire names: ``id``; value and plain fields hold bare Python values
(already checked against their scalar); detail fields hold lists of line records; linked fields hold
one record; ``custom`` is ``{View: {Field: {"type": ..., "value": ...}}}``; ``files`` is a list of
file ids. Records keep insertion order, which is the order lists are answered in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]


@dataclass
class StoredFile:
    id: str
    entity: str
    record_id: str
    name: str
    content: bytes
    content_type: str


@dataclass
class EntityTable:
    """The records of one top-level entity, with a key index for upserts and GET by keys."""

    records: dict[str, Record] = field(default_factory=dict)  # id -> record, insertion order
    by_key: dict[tuple[Any, ...], str] = field(default_factory=dict)  # normalized keys -> id
    keys_of: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # id -> normalized keys

    def index(self, record_id: str, key: tuple[Any, ...] | None) -> None:
        old = self.keys_of.pop(record_id, None)
        if old is not None and self.by_key.get(old) == record_id:
            del self.by_key[old]
        if key is not None:
            self.by_key[key] = record_id
            self.keys_of[record_id] = key

    def remove(self, record_id: str) -> Record | None:
        self.index(record_id, None)
        return self.records.pop(record_id, None)


@dataclass
class TenantStore:
    name: str
    tables: dict[tuple[str, str, str], EntityTable] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    counters: dict[tuple[str, ...], int] = field(default_factory=dict)

    def table(self, endpoint: str, version: str, entity: str) -> EntityTable:
        key = (endpoint, version, entity)
        table = self.tables.get(key)
        if table is None:
            table = self.tables[key] = EntityTable()
        return table

    def next_number(self, *scope: str) -> int:
        value = self.counters.get(scope, 0) + 1
        self.counters[scope] = value
        return value


@dataclass
class Store:
    tenants: dict[str, TenantStore] = field(default_factory=dict)

    def tenant(self, name: str) -> TenantStore:
        store = self.tenants.get(name)
        if store is None:
            store = self.tenants[name] = TenantStore(name)
        return store
