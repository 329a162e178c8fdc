"""Contract 5 facts taken from a third-party digest of Acumatica's 2026 R2 integration guide.

They could not be checked against Acumatica's own pages, so they are kept here, together, and
nowhere else in the generator: when Acumatica's documentation says otherwise, this is the one
module to change. The generated runtime cannot import the generator; the one fact it needs
(``SELECT_REQUEST_KEYS``) is repeated in its ``values`` module, and a test keeps the two equal.

Facts read from the real Default 26.200.001 document itself (select and date-only value types,
``info.version`` "5", PATCH, 409) are not digest facts: the builder reads them from the document.
"""

from __future__ import annotations

#: A request names a select choice by its id alone: ``{"value": {"id": "CL"}}``.
SELECT_REQUEST_KEYS = ("id",)

#: What moving from contract 4 (or older) to contract 5 changes in the query options, as
#: ``(contract 4, contract 5)``: the diff report states these at the top of such an upgrade.
QUERY_DIALECT_CHANGES = (
    ("`$filter=substringof('Cof', CustomerName)`", "`$filter=contains(CustomerName, 'Cof')`"),
    (
        "literals in quotes: `LastModifiedDateTime gt datetimeoffset'2024-07-15T10:00:00Z'`",
        "bare literals: `LastModifiedDateTime gt 2024-07-15T10:00:00Z`, `Date gt 2025-06-17`",
    ),
    ("`$custom=Document.UsrField`", "custom fields are asked for with `$select`"),
    (
        "`$expand=MainContact/Address`",
        "nested: `$expand=MainContact($select=Email;$expand=Address($select=City))`",
    ),
    ("select fields compared as text", "select fields compare their id; `any()`/`all()` on lists"),
)
