"""Endpoint versions and names: how versions order, and how a document names its endpoint.

One rule for every command: ``diff`` (is the version going backwards?), ``fetch`` (listing an
instance's endpoints, checking a downloaded document), ``demo`` (the newest example) and the
builder (the IR's name and version) all read these, so they cannot disagree.
"""

from __future__ import annotations

import re

# "Default/24.200.001" (info.title) or ".../entity/Default/24.200.001" (base path, server URL)
_NAMED = re.compile(r"(?:^|/)(?:entity/)?(?P<name>[^/]+)/(?P<version>[0-9][^/]*)/?$")
_PART_SEPARATORS = re.compile(r"[.\-_]")
_RUNS = re.compile(r"\d+|\D+")

VersionKey = tuple[tuple[tuple[int, int | str], ...], ...]


def version_key(version: str) -> VersionKey:
    """A sort key that orders versions as people read them.

    Parts split at ``.``, ``-`` and ``_``; inside a part, runs of digits compare as numbers and
    other runs as text (a number before text, so an int is never compared with a str):
    ``24.2b`` < ``24.10`` < ``24.200.001`` < ``24.200.001b`` < ``24.200.002``. Leading zeros do
    not count (``24.200.001`` equals ``24.200.1``).
    """
    return tuple(
        tuple((0, int(run)) if run.isdigit() else (1, run) for run in _RUNS.findall(part))
        for part in _PART_SEPARATORS.split(version.strip())
    )


def endpoint_identity(text: str | None) -> tuple[str, str] | None:
    """``("Default", "24.200.001")`` from how a document names its endpoint, else None.

    Acumatica names the endpoint twice: ``info.title`` is ``Default/24.200.001`` and the base
    path (Swagger ``basePath``, OpenAPI ``servers[].url``) ends in ``/entity/Default/24.200.001``.
    Either form is read here; a version starts with a digit.
    """
    if not text:
        return None
    match = _NAMED.search(text.strip())
    return (match.group("name"), match.group("version")) if match else None
