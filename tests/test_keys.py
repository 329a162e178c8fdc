"""Key fields of entities: the built-in table, per-entity overrides, and the ``id`` fallback."""

from __future__ import annotations

from acumatica_codegen.keys import DEFAULT_KEYS, resolve_keys


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


def test_the_table_is_well_formed():
    for entity, keys in DEFAULT_KEYS.items():
        assert entity.isidentifier() and entity[0].isupper()
        assert isinstance(keys, tuple) and keys
        assert len(set(keys)) == len(keys), entity


def test_every_table_entry_matches_a_top_level_entity_of_a_real_default_endpoint(real_specs_dir):
    # Catches a table entry that names a field the Default endpoint does not have (it would
    # silently fall back to id): e.g. CustomerLocation is keyed by Customer, not CustomerID.
    from acumatica_codegen.builder import load_endpoint

    resolved: set[str] = set()
    for document in sorted(real_specs_dir.glob("Default_*.json")):
        for entity in load_endpoint(document).top_level_entities:
            if entity.name in DEFAULT_KEYS and entity.keys == DEFAULT_KEYS[entity.name]:
                resolved.add(entity.name)
    assert sorted(set(DEFAULT_KEYS) - resolved) == []
