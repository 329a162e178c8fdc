"""The sandbox: a local Acumatica contract-based REST API, simulated from any endpoint document.

``from acumatica_codegen.sandbox import Sandbox``; ``with Sandbox(spec, port=0) as sb: sb.url``.
The app itself is ``create_app`` (ASGI, starlette); ``acumatica-codegen sandbox SPEC`` serves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .options import SandboxOptions
    from .runner import Sandbox

__all__ = ["Sandbox", "SandboxOptions", "create_app"]

_LAZY = {"Sandbox": ".runner", "SandboxOptions": ".options", "create_app": ".app"}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name, __name__), name)
