"""Key fields of entities: the built-in table, per-entity overrides, and the ``id`` fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from acumatica_codegen.keys import KEYLESS, KNOWN_KEYS, resolve_keys
from real_corpus import real_endpoint
from testkit import REAL_SPEC_NAMES


def test_a_known_entity_gets_its_keys_from_the_table_in_url_order():
    fields = ["OrderNbr", "OrderType", "Description", "id"]
    assert resolve_keys("SalesOrder", fields) == ("OrderType", "OrderNbr")


def test_an_unknown_entity_has_no_keys():
    assert resolve_keys("WebShopBasket", ["BasketID", "id"]) == ()


def test_a_table_entry_applies_only_when_every_key_field_exists():
    # A custom endpoint may map SalesOrder without OrderType: fall back to id, never half a key.
    assert resolve_keys("SalesOrder", ["OrderNbr", "id"]) == ()


def test_an_override_wins_over_the_table():
    overrides = {"SalesOrder": ["OrderNbr"]}
    assert resolve_keys("SalesOrder", ["OrderType", "OrderNbr"], overrides) == ("OrderNbr",)


def test_an_override_applies_to_an_entity_the_table_does_not_know():
    assert resolve_keys("Basket", ["BasketID"], {"Basket": ("BasketID",)}) == ("BasketID",)


def test_an_override_for_another_entity_changes_nothing():
    fields = ["CustomerID"]
    assert resolve_keys("Customer", fields, {"Vendor": ["VendorID"]}) == ("CustomerID",)


def test_overrides_come_back_as_a_tuple():
    assert isinstance(resolve_keys("A", [], {"A": ["X", "Y"]}), tuple)


def test_the_first_entry_whose_fields_all_exist_applies():
    # Ledger is keyed by LedgerID in Default and by LedgerCD in GLConsolidation.
    assert resolve_keys("Ledger", ["LedgerID", "Type"]) == ("LedgerID",)
    assert resolve_keys("Ledger", ["LedgerCD", "BalanceType"]) == ("LedgerCD",)


# "screen AR303000 key", "screen GL103003 key (GLConsolidation)", "inferred: ...", "unverified: ..."
SOURCE = re.compile(r"screen [A-Z]{2}\d{6} key( \(.+\))?|(inferred|unverified): .+")


def test_every_table_entry_is_well_formed_and_says_where_it_comes_from():
    for entity, entries in KNOWN_KEYS.items():
        assert entity.isidentifier() and entity[0].isupper()
        assert entries, entity
        for entry in entries:
            assert entry.fields and len(set(entry.fields)) == len(entry.fields), entity
            assert SOURCE.fullmatch(entry.source), (entity, entry.source)


def test_no_entity_is_both_keyed_and_keyless_unless_a_shape_explains_it():
    # LaborCostRate has rows keyed by RecordID in Default 20, and is a filter from 22 on.
    assert sorted(set(KNOWN_KEYS) & set(KEYLESS)) == ["LaborCostRate"]
    assert all(reason.strip() for reason in KEYLESS.values())


@pytest.mark.parametrize("name", REAL_SPEC_NAMES)
def test_every_top_level_entity_of_a_real_document_has_keys_or_a_reason_for_none(
    name: str, real_specs_dir: Path
) -> None:
    endpoint = real_endpoint(real_specs_dir / name)
    unexplained = [
        entity.name
        for entity in endpoint.top_level_entities
        if not entity.keys and entity.name not in KEYLESS
    ]
    assert unexplained == [], f"add them to keys.KNOWN_KEYS or keys.KEYLESS ({name})"
    # A keyless reason must not hide keys that would apply.
    wrongly_keyless = [e.name for e in endpoint.top_level_entities if e.keys and e.name in KEYLESS]
    assert set(wrongly_keyless) <= {"LaborCostRate"}


def test_every_entry_for_the_corpus_endpoints_matches_a_real_entity(real_specs_dir: Path) -> None:
    # Catches an entry that names a field the document lacks (it would silently fall back to id):
    # e.g. CustomerLocation is keyed by Customer, not CustomerID. Only Manufacturing entries
    # ("unverified") have no document to be checked against.
    used: set[tuple[str, tuple[str, ...]]] = set()
    for name in REAL_SPEC_NAMES:
        for entity in real_endpoint(real_specs_dir / name).top_level_entities:
            used.add((entity.name, entity.keys))
    unused = [
        (entity, entry.fields)
        for entity, entries in KNOWN_KEYS.items()
        for entry in entries
        if not entry.source.startswith("unverified") and (entity, entry.fields) not in used
    ]
    assert unused == []
