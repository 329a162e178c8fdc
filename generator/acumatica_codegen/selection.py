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
    where = f"{endpoint.name} {endpoint.version}"
    _check_names(("include", include), ("exclude", exclude), top_level, where)
    roots = (set(include) or top_level) - set(exclude)
    if not roots:
        raise UserError(
            f"include/exclude leave no top-level entity of {where} "
            "to generate; check [tool.acumatica-codegen] include and exclude"
        )
    return _keep(endpoint, roots)


def select_both(
    old: Endpoint, new: Endpoint, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[Endpoint, Endpoint]:
    """``old`` and ``new`` limited alike, for ``diff --include/--exclude``.

    A name must be a top-level entity of one side at least: an entity the upgrade adds or
    removes is still selected on the side that has it, so its coming or going is reported.
    """
    if not include and not exclude:
        return old, new
    tops = [{e.name for e in side.top_level_entities} for side in (old, new)]
    same = old.name == new.name
    where = f"{old.name} {old.version} or {'' if same else new.name + ' '}{new.version}"
    _check_names(("--include", include), ("--exclude", exclude), tops[0] | tops[1], where)
    roots = [((set(include) & top) if include else top) - set(exclude) for top in tops]
    if not roots[0] and not roots[1]:
        raise UserError(
            f"--include/--exclude leave no top-level entity of {where} to compare; "
            "check the names given"
        )
    return _keep(old, roots[0]), _keep(new, roots[1])


def _check_names(
    include: tuple[str, Sequence[str]],
    exclude: tuple[str, Sequence[str]],
    top_level: set[str],
    where: str,
) -> None:
    """Every name given to ``include``/``exclude`` must be a top-level entity of ``where``."""
    for option, names in (include, exclude):
        for name in names:
            if name not in top_level:
                close = did_you_mean(name, top_level)
                hint = f"; {close}" if close else ""
                raise UserError(f"{option}: {name!r} is not a top-level entity of {where}{hint}")


def _keep(endpoint: Endpoint, roots: set[str]) -> Endpoint:
    """``endpoint`` with the ``roots`` and every entity they use; the others used are demoted."""
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
