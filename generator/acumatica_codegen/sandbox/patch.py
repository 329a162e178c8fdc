"""PATCH: update the fields a request names, on any endpoint of a 2025 R1 or newer build.

``PATCH /entity/{E}/{V}/{Entity}`` names its record by ``id`` or by its key fields in the body and
changes only the fields the body carries. It never inserts: a missing record answers 404 ("The
specified record cannot be found in the system."), and ``If-None-Match: *`` (insert only) answers
412. A build older than 2025 R1 (``--build-version``, or the newest endpoint version served)
answers 405, as such a server does.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from ..ir import Entity
from . import errors
from .entities import EntityService, blank_key
from .store import Record, TenantStore

# The first platform with PATCH: 2025 R1 (build 25.100).
FIRST_BUILD = (25, 100)
NOT_FOUND = "The specified record cannot be found in the system."
NO_INSERT = (
    "The PATCH method cannot be used for insertion of a record, but a header of the request "
    "specifies that the record has to be inserted."
)
_BUILD = re.compile(r"^(\d+)\.(\d+)")


def supported(build_version: str) -> bool:
    """Whether a server of this build takes PATCH."""
    match = _BUILD.match(build_version)
    return match is None or (int(match.group(1)), int(match.group(2))) >= FIRST_BUILD


def check_headers(headers: Any) -> None:
    if headers.get("if-none-match", "").strip() == "*":
        raise errors.exception_error(
            412,
            NO_INSERT,
            "PX.Api.ContractBased.PreconditionFailedException",
            "EntityService.Patch",
        )


def target(
    service: EntityService, tenant: TenantStore, entity: Entity, body: dict[str, Any]
) -> Record:
    """The record a PATCH body names (by ``id``, else by its keys); 404 when there is none."""
    table = tenant.table(service.endpoint.name, service.endpoint.version, entity.name)
    raw_id = body.get("id")
    if raw_id is not None:
        if not isinstance(raw_id, str):
            raise errors.bad_guid(raw_id)
        try:
            record_id: str | None = str(uuid.UUID(raw_id))
        except ValueError:
            raise errors.bad_guid(raw_id) from None
    else:
        values = [_plain(body.get(key)) for key in entity.keys]
        if not values or any(blank_key(v) for v in values):
            raise _not_found()
        record_id = table.by_key.get(service.key_of(entity, values))
    record = table.records.get(record_id) if record_id else None
    if record is None:
        raise _not_found()
    return record


def _plain(raw: Any) -> Any:
    return raw.get("value") if isinstance(raw, dict) else raw


def _not_found() -> errors.SandboxHTTPError:
    return errors.exception_error(404, NOT_FOUND, errors.NO_ENTITY, "EntityService.Patch")
