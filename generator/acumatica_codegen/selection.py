"""Generate only what an integration uses: ``include`` / ``exclude`` of top-level entities.

The entities the kept ones use (detail lines, linked entities) are kept too, so the package
stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .errors import UserError, did_you_mean
from .ir import Endpoint, Entity


def select_entities(
    endpoint: Endpoint, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Endpoint:
    """``endpoint`` with only the included top-level entities (all when ``include`` is empty)."""
    if not include and not exclude:
        return endpoint
    top_level = {e.name for e in endpoint.top_level_entities}
    for option, names in (("include", include), ("exclude", exclude)):
        for name in names:
            if name not in top_level:
                close = did_you_mean(name, top_level)
                hint = f"; {close}" if close else ""
                raise UserError(
                    f"{option}: {name!r} is not a top-level entity of {endpoint.name} "
                    f"{endpoint.version}{hint}"
                )
    roots = (set(include) or top_level) - set(exclude)
    if not roots:
        raise UserError(
            f"include/exclude leave no top-level entity of {endpoint.name} {endpoint.version} "
            "to generate; check [tool.acumatica-codegen] include and exclude"
        )
    kept: set[str] = set()
    pending = sorted(roots)
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        kept.add(name)
        pending.extend(f.entity for f in endpoint.entity(name).fields if f.entity is not None)
    entities = tuple(
        e if e.name in roots or not e.top_level else _demoted(e)
        for e in endpoint.entities
        if e.name in kept
    )
    return replace(endpoint, entities=entities)


def _demoted(entity: Entity) -> Entity:
    """A top-level entity kept only because another uses it: a model, without an API."""
    return replace(
        entity,
        top_level=False,
        attribute_name=None,
        actions=(),
        has_custom_action=False,
        keys=(),
    )
