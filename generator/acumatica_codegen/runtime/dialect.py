"""The query dialect of each system contract: how ``$filter``, ``$select``, ``$expand`` and custom
fields are written for an endpoint.

Contract 4 and earlier (Default 24.200.001, 25.200.001 and older) speak Acumatica's OData 3 dialect,
exactly as this runtime always wrote it. Contract 5 (Default 26.200.001, Acumatica 2026 R2) speaks
OData 4.01. The generated package knows its contract from the endpoint document (``CONTRACT`` in
its ``__init__``, the generated client's ``contract_version``); nothing here guesses it.

Digest facts
------------
The contract-5 column below comes from a third-party digest of Acumatica's 2026 R2 integration
guide that could not be checked against Acumatica's own pages. It is kept in this one place (the
README, "Upgrading to Acumatica 2026 R2", lists the same facts) so that a correction is one edit:

- ``contains(Field,'text')`` instead of ``substringof('text',Field)``;
- bare date and time literals (``LastModifiedDateTime gt 2019-07-15T10:00:00Z``,
  ``Date gt 2019-06-17``) instead of ``datetimeoffset'...'``;
- a select field compares its id (``Status eq 'CL'``), a multi-select takes ``any()``/``all()``
  over its ids (``Colors/any(v: v eq 'RED')``);
- custom fields in a filter as ``cf.StringSingleSelect('View.Field')`` (no ``f=``);
- nested expansion, ``MainContact($select=Email;$expand=Address($select=City))``, instead of
  ``MainContact/Address`` paths; files of detail lines as ``Details($expand=files)``;
- custom fields asked for with ``$select`` (``$custom`` is contract 4 only).

GUIDs are written bare in contract 5 as OData 4.01 writes them (an OData fact, not the digest's).
"""

from __future__ import annotations

from typing import Final

__all__ = ["CONTRACT_4", "CONTRACT_5", "Dialect", "dialect_for"]


class Dialect:
    """How one system contract writes queries: literal and function templates, and switches."""

    __slots__ = (
        "contract",
        "odata",
        "contains",
        "datetime_literal",
        "date_literal",
        "guid_literal",
        "utc_as_z",
        "custom_field",
        "lambdas",
        "nested_expand",
        "custom_in_select",
    )

    def __init__(
        self,
        *,
        contract: int,
        odata: str,
        contains: str,
        datetime_literal: str,
        date_literal: str,
        guid_literal: str,
        utc_as_z: bool,
        custom_field: str,
        lambdas: bool,
        nested_expand: bool,
        custom_in_select: bool,
    ) -> None:
        self.contract = contract  # the newest system contract that speaks this dialect
        self.odata = odata
        self.contains = contains  # "{field}" and "{text}" (a quoted literal)
        self.datetime_literal = datetime_literal  # "{}" is the ISO 8601 text
        self.date_literal = date_literal
        self.guid_literal = guid_literal
        self.utc_as_z = utc_as_z  # write UTC times as "...Z", not "...+00:00"
        self.custom_field = custom_field  # "{kind}" and "{name}" (a quoted 'View.Field')
        self.lambdas = lambdas  # any()/all() over multi-select values
        self.nested_expand = nested_expand  # A($select=x;$expand=B) rather than A/B paths
        self.custom_in_select = custom_in_select  # custom fields in $select, not $custom

    def __repr__(self) -> str:
        return f"<Dialect contract {self.contract} (OData {self.odata})>"


#: Contract 3 and 4: what the runtime has always written.
CONTRACT_4: Final = Dialect(
    contract=4,
    odata="3",
    contains="substringof({text},{field})",
    datetime_literal="datetimeoffset'{}'",
    date_literal="datetimeoffset'{}'",
    guid_literal="guid'{}'",
    utc_as_z=False,
    custom_field="cf.{kind}(f={name})",
    lambdas=False,
    nested_expand=False,
    custom_in_select=False,
)

#: Contract 5 (Default 26.200.001): OData 4.01, from the digest (see the module docstring).
CONTRACT_5: Final = Dialect(
    contract=5,
    odata="4.01",
    contains="contains({field},{text})",
    datetime_literal="{}",
    date_literal="{}",
    guid_literal="{}",
    utc_as_z=True,
    custom_field="cf.{kind}({name})",
    lambdas=True,
    nested_expand=True,
    custom_in_select=True,
)


def dialect_for(contract: int | None) -> Dialect:
    """The dialect of a system contract version; unknown or older ones speak contract 4's."""
    return CONTRACT_5 if contract is not None and contract >= 5 else CONTRACT_4
