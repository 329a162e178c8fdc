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
