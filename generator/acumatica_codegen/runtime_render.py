"""Render the runtime every generated package carries (``templates/package/_runtime/``).

``runtime_files(env, context)`` returns ``{"_runtime/<name>.py": text}`` for every
``package/_runtime/<name>.py.jinja`` template. ``_client.py.jinja`` is the one source of both
transports: it is rendered twice, with ``is_async`` false into ``_runtime/_sync_client.py`` and
with ``is_async`` true into ``_runtime/_async_client.py``; ``async``/``await``, the lock and the
semaphore flavours are small template variables at its top.

Context keys the runtime templates read:

- ``package_name`` (str): the import name of the generated package; it names the logger.
- ``endpoint`` (``acumatica_codegen.ir.Endpoint``): available to templates; the runtime itself is
  endpoint-independent, so the same runtime is rendered for every endpoint.

``is_async`` is set here, never by the caller.

What the rendered runtime holds (``templates/package/_runtime/``; ``model`` and ``values`` are the
model side and documented there):

- ``errors``: ``AcumaticaError`` ▸ ``ValidationError`` (``field_errors`` through detail lines),
  ``NotFound``, ``PreconditionFailed``, ``RateLimited`` ▸ ``LoginLimit``, ``AuthError``,
  ``ServerError`` ▸ ``ConcurrencyError``, ``ActionTimeout``, ``TransportError``,
  ``ConfigurationError``; ``error_from_response`` classifies an answer.
- ``auth``: ``CookieAuth``, ``OAuth2Password``, ``OAuth2Token``, ``authorization_url``,
  ``exchange_code``. An ``Auth`` only says what to send; the client sends it, so one
  implementation serves both transports.
- ``query``: ``FieldRef``/``Filter`` (OData ``$filter``), ``custom_field``.
- ``_wire``: JSON (``Decimal`` exact both ways), query parameters, retry timing, stale-session
  detection, redaction and the JSON-lines exchange log. No I/O.
- ``_sync_client``/``_async_client``: ``SyncBaseClient``/``AsyncBaseClient`` (lazy sign-in,
  sign-out on exit, throttle, retries, re-login, actions) and ``EntityApi``/``AsyncEntityApi``.
  Raw responses: ``client.last_response`` (per thread / per task).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

RUNTIME_DIR = "package/_runtime/"
DUAL_TEMPLATE = "_client.py.jinja"
DUAL_OUTPUTS = (("_sync_client.py", False), ("_async_client.py", True))
SUFFIX = ".jinja"


def runtime_templates(env: jinja2.Environment) -> list[str]:
    """Names of the runtime templates, sorted (deterministic output order)."""
    return sorted(
        name
        for name in env.list_templates()
        if name.startswith(RUNTIME_DIR)
        and name.endswith(".py" + SUFFIX)
        and "/" not in name[len(RUNTIME_DIR) :]
    )


def runtime_files(env: jinja2.Environment, context: Mapping[str, Any]) -> dict[str, str]:
    """Relative path inside the package directory → rendered text, for the whole runtime."""
    files: dict[str, str] = {}
    for name in runtime_templates(env):
        template = env.get_template(name)
        filename = name[len(RUNTIME_DIR) : -len(SUFFIX)]
        if filename + SUFFIX == DUAL_TEMPLATE:
            for output, is_async in DUAL_OUTPUTS:
                files[f"_runtime/{output}"] = template.render({**context, "is_async": is_async})
        else:
            files[f"_runtime/{filename}"] = template.render({**context, "is_async": False})
    return dict(sorted(files.items()))
