"""Acumatica names → Python names: snake_case, keywords, non-identifiers, collisions."""

from __future__ import annotations

import itertools
import keyword
import random

import pytest
from acumatica_codegen.errors import UserError
from acumatica_codegen.naming import (
    ANNOTATION_NAMES,
    RESERVED_PACKAGE_NAMES,
    assign_names,
    check_package_name,
    exact_snake_case,
    pascal_case,
    snake_case,
)


def assert_usable(name: str) -> None:
    assert name.isidentifier(), name
    assert not keyword.iskeyword(name), name


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("CustomerID", "customer_id"),
        ("TAMEmployeeName", "tam_employee_name"),
        ("OrderNbr", "order_nbr"),
        ("rowNumber", "row_number"),
        ("note", "note"),
        ("BAccountID", "b_account_id"),
        ("Address2", "address_2"),
        ("Order-Nbr", "order_nbr"),
        ("Field With Space", "field_with_space"),
        ("Ünïcode", "unicode"),
        ("2ndLine", "n2nd_line"),
        ("日本", "u65e5_672c"),
    ],
)
def test_snake_case_splits_words_at_case_changes_and_keeps_acronyms_whole(wire, python):
    assert snake_case(wire) == python


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("FileURLs", "file_urls"),  # an acronym's plural
        ("WCCCodes", "wcc_codes"),  # not a plural: an acronym before a word
        ("DefaultLocationIDfromBranch", "default_location_id_from_branch"),
        ("OnHand", "on_hand"),  # one capital before "and" is a word, not an acronym
        ("IsNonStock", "is_non_stock"),
        ("BOMID", "bom_id"),
        ("BOMRevision", "bom_revision"),
        ("ECOID", "eco_id"),
        ("GUID", "guid"),  # an acronym that ends in ID is not an ID
        ("NoteUUID", "note_uuid"),
        ("NumberofPeriods", "number_of_periods"),  # words Acumatica writes joined
        ("UseAddressfromBranchID", "use_address_from_branch_id"),
        (
            "MaximumPercentofNetPayforallGarnishments",
            "maximum_percent_of_net_pay_for_all_garnishments",
        ),
        ("Distribution", "distribution"),  # ends in "on", not a joined word
        ("QtyOnHandinWarehouse", "qty_on_hand_in_warehouse"),
        ("F1099Box", "f1099_box"),  # a letter and its number are one word
        ("L3Code", "l3_code"),
        ("AddressLine2", "address_line_2"),  # a word and its number are two
    ],
)
def test_acronyms_and_joined_words_split_as_people_read_them(wire, python):
    assert snake_case(wire) == python


def test_the_names_of_every_real_document_match_the_reviewed_list(real_specs_dir):
    # tests/fixtures/python_names.txt is the reviewed list: a naming change shows there as a diff
    # (regenerate it with tests/python_names.py, read the diff, commit it).
    from python_names import FIXTURE, name_lines
    from real_corpus import real_endpoint
    from testkit import REAL_SPEC_NAMES

    lines = name_lines(real_endpoint(real_specs_dir / name) for name in REAL_SPEC_NAMES)
    assert lines == FIXTURE.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("wire", ["", " ", "_", "-", "日本", "🚀", "2", "２nd", "a\u2028b"])
def test_snake_case_is_a_valid_identifier_even_for_names_without_ascii_letters(wire):
    assert snake_case(wire).isidentifier()


def test_names_without_any_ascii_letters_stay_distinct():
    assert snake_case("日本") != snake_case("中国")


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("Class", "class_"),
        ("From", "from_"),
        ("Import", "import_"),
        ("lambda", "lambda_"),
        ("Return", "return_"),
        ("Global", "global_"),
        ("Async", "async_"),
        ("None", "none"),  # lower-cased, no longer a keyword
        ("True", "true"),
    ],
)
def test_keywords_get_a_trailing_underscore(wire, python):
    assert assign_names([wire]) == {wire: python}


@pytest.mark.parametrize(
    ("wire", "python"), [("Type", "type"), ("match", "match"), ("Case", "case")]
)
def test_soft_keywords_stay_plain_names(wire, python):
    # Valid attribute and parameter names; Acumatica has many ``Type`` fields.
    assert assign_names([wire]) == {wire: python}


@pytest.mark.parametrize("wire", ["str", "int", "list", "dict", "bool", "field"])
def test_builtins_and_annotation_names_are_escaped_when_reserved(wire):
    assert assign_names([wire], reserved=ANNOTATION_NAMES) == {wire: wire + "_"}


@pytest.mark.parametrize("wire", ["Decimal", "Model", "UUID", "Any", "ClassVar"])
def test_class_names_that_shadow_imports_are_escaped_when_reserved(wire):
    assert assign_names([wire], style="pascal", reserved=ANNOTATION_NAMES) == {wire: wire + "_"}


def test_extra_reserved_names_are_escaped():
    assert assign_names(["ToDict"], reserved={"to_dict"}) == {"ToDict": "to_dict_"}


def test_pascal_style_keeps_pascal_case_names_and_escapes_keywords():
    assert assign_names(["SalesOrder", "None", "sales order"], style="pascal") == {
        "SalesOrder": "SalesOrder",
        "None": "None_",
        "sales order": "SalesOrder_",  # collides with the conventional spelling
    }


@pytest.mark.parametrize(
    ("wire", "python"),
    [("sales order", "SalesOrder"), ("SalesOrder", "SalesOrder"), ("Order-Line", "OrderLine")],
)
def test_pascal_case_joins_words_and_keeps_pascal_case_names(wire, python):
    assert pascal_case(wire) == python


def test_snake_case_twins_are_both_kept_and_the_conventional_spelling_wins():
    names = assign_names(["Ship_Via", "ShipVia", "OrderNBR", "OrderNbr", "Order-Nbr"])
    assert names["ShipVia"] == "ship_via"
    assert names["OrderNbr"] == "order_nbr"
    assert names["OrderNBR"] == exact_snake_case("OrderNBR") == "order_n_b_r"
    assert names["Ship_Via"] == exact_snake_case("Ship_Via") == "ship__via"
    assert len(set(names.values())) == 5


def test_a_conventional_name_keeps_its_python_name_when_an_upgrade_adds_a_look_alike():
    before = assign_names(["OrderNbr", "ShipVia"])
    after = assign_names(["OrderNbr", "ShipVia", "OrderNBR", "Ship_Via", "ORDERNBR"])
    assert after["OrderNbr"] == before["OrderNbr"]
    assert after["ShipVia"] == before["ShipVia"]


def test_a_number_is_added_only_when_the_exact_spelling_collides_too():
    # "Error" has no exact spelling other than "error" (a leading capital has no underscore).
    assert assign_names(["error", "Error"]) == {"error": "error", "Error": "error_2"}


def test_collisions_with_reserved_names_are_resolved_without_dropping_a_field():
    names = assign_names(["Class", "Class_", "class"], reserved={"class_"})
    assert len(set(names.values())) == 3
    for name in names.values():
        assert_usable(name)


def test_assign_names_does_not_depend_on_input_order():
    wires = ["ShipVia", "Ship_Via", "OrderNBR", "OrderNbr", "Order-Nbr", "Class", "Class_",
             "error", "Error", "ID", "id"]  # fmt: skip
    expected = assign_names(wires)
    for permutation in itertools.islice(itertools.permutations(wires), 0, 5000, 97):
        assert assign_names(permutation) == expected


def test_duplicate_wire_names_are_named_once():
    assert assign_names(["A", "A"]) == {"A": "a"}


def _random_names(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "aAbBxX_- 19Üü日"
    pieces = ["Class", "From", "None", "id", "ID", "Order", "type", "str", "_"]
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) + rng.choice(pieces + [""])
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(20))
def test_random_names_get_unique_usable_order_independent_python_names(seed):
    wires = _random_names(seed, 60)
    names = assign_names(wires, reserved={"to_dict", "model"})
    assert set(names) == set(wires)
    assert len(set(names.values())) == len(names)
    for name in names.values():
        assert_usable(name)
        assert name not in {"to_dict", "model"}
    shuffled = list(wires)
    random.Random(seed + 1000).shuffle(shuffled)
    assert assign_names(shuffled, reserved={"to_dict", "model"}) == names
    pascal = assign_names(wires, style="pascal")
    assert len(set(pascal.values())) == len(pascal)
    for name in pascal.values():
        assert_usable(name)


@pytest.mark.parametrize(
    "package",
    sorted(RESERVED_PACKAGE_NAMES)
    + ["sys", "json", "os", "typing", "asyncio", "logging", "decimal", "uuid", "datetime"],
)
def test_a_package_name_that_would_hide_a_module_is_refused(package):
    with pytest.raises(UserError) as caught:
        check_package_name(package, "somewhere: ")
    message = str(caught.value)
    assert message.startswith(f"somewhere: package name {package!r} is ")
    assert "could not be imported" in message and "choose another name, e.g. " in message


def test_the_generated_package_dependencies_are_reserved_package_names():
    assert RESERVED_PACKAGE_NAMES >= {
        "httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "acumatica_codegen"
    }  # fmt: skip


@pytest.mark.parametrize("package", ["acumatica_web_shop", "my_shop", "httpx_client", "json_api"])
def test_an_ordinary_package_name_is_accepted(package):
    check_package_name(package)
