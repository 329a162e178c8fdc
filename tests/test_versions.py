"""One rule for ordering endpoint versions and for how a document names its endpoint."""

from __future__ import annotations

import pytest
from acumatica_codegen.versions import endpoint_identity, version_key


@pytest.mark.parametrize(
    "ordered",
    [
        ["20.200.001", "22.200.001", "23.200.001", "24.200.001"],
        ["24.2b", "24.10", "24.200.001", "24.200.001b", "24.200.002"],
        ["6.00.001", "17.200.001", "24.200.001"],
        ["24.200.001-beta", "24.200.002", "24.300"],
        ["1.0", "1.0.0", "1.0.1", "1.1"],
    ],
)
def test_versions_order_as_people_read_them(ordered):
    assert sorted(reversed(ordered), key=version_key) == ordered


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("24.2b", "24.200.001"),
        ("24.200.001", "24.rc.1"),
        ("24.200.001", "24.200.x"),
        ("2b", "10"),
        ("24..1", "24.1"),
        ("", "1"),
    ],
)
def test_a_number_and_text_in_the_same_place_compare_without_a_type_error(older, newer):
    # fetch's old key compared the int 200 with the str "2b" and raised TypeError
    assert version_key(older) < version_key(newer)
    assert sorted([newer, older], key=version_key) == [older, newer]


def test_leading_zeros_do_not_change_the_order():
    assert version_key("24.200.001") == version_key("24.200.1")


@pytest.mark.parametrize(
    ("text", "identity"),
    [
        ("Default/24.200.001", ("Default", "24.200.001")),
        (" Default/24.200.001 ", ("Default", "24.200.001")),
        ("/entity/Default/24.200.001", ("Default", "24.200.001")),
        ("/entity/Default/24.200.001/", ("Default", "24.200.001")),
        ("https://erp.example.com/site/entity/MANUFACTURING/24.200.001", ("MANUFACTURING", "24.200.001")),
        ("Acumatica/Default/24.200.001", ("Default", "24.200.001")),
        ("Default", None),
        ("Default/latest", None),
        ("", None),
        (None, None),
    ],
)  # fmt: skip
def test_a_document_names_its_endpoint_by_title_or_base_path(text, identity):
    assert endpoint_identity(text) == identity
