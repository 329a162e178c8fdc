"""The runtime as data for the generator: its files, the names it exports and the names it takes.

The runtime is ordinary Python in ``acumatica_codegen/runtime/`` (importable, linted, type-checked);
every generated package carries an unchanged copy as ``<package>/_runtime/``. What varies per
endpoint lives in generated modules (the custom-field table in the package ``__init__``); the logger
is named after the package the copy sits in.

Names are read from the source with ``ast``, never kept by hand beside it (hand-kept lists drifted:
an entity named ``Logger`` once took the client's ``logger`` attribute):

- ``public_names()``: what the generated package exports at its top, the ``__all__`` of the user-facing
  runtime modules.
- ``client_names()``, ``api_names()``, ``model_names()``: every attribute the base classes define or
  set (methods, properties, class attributes, ``self.x = ...``), inherited ones included, so an
  entity, action or field cannot be given one of them.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Generic

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"
# Runtime modules whose ``__all__`` the generated package re-exports at its top.
USER_FACING_MODULES = ("auth", "coordination", "errors", "query", "values")


@functools.cache
def runtime_files() -> dict[str, str]:
    """``{"_runtime/<name>.py": source}`` for every module of the runtime, sorted."""
    return {
        f"_runtime/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(RUNTIME_DIR.glob("*.py"))
    }


@functools.cache
def _module(name: str) -> ast.Module:
    return ast.parse((RUNTIME_DIR / f"{name}.py").read_text(encoding="utf-8"))


def public_names() -> dict[str, tuple[str, ...]]:
    """``{"._runtime.<module>": __all__}`` for the user-facing runtime modules."""
    return {f"._runtime.{name}": _dunder_all(name) for name in USER_FACING_MODULES}


def _dunder_all(module: str) -> tuple[str, ...]:
    for node in _module(module).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise LookupError(f"runtime module {module} declares no __all__")


@functools.cache
def client_names() -> frozenset[str]:
    """Every attribute of ``SyncBaseClient`` and ``AsyncBaseClient``."""
    return _class_names("_sync_client", "SyncBaseClient") | _class_names(
        "_async_client", "AsyncBaseClient"
    )


@functools.cache
def api_names() -> frozenset[str]:
    """Every attribute of ``EntityApi`` and ``AsyncEntityApi``."""
    return _class_names("_sync_client", "EntityApi") | _class_names(
        "_async_client", "AsyncEntityApi"
    )


@functools.cache
def model_names() -> frozenset[str]:
    """Every attribute of ``Model``, the base of every generated model class."""
    return _class_names("model", "Model")


def _class_names(module: str, class_name: str) -> frozenset[str]:
    tree = _module(module)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    names: set[str] = set(dir(type("AnyClass", (), {}))) | {"__annotations__", "__slots__"}
    pending = [class_name]
    while pending:
        node = classes[pending.pop()]
        names.update(_defined_names(node))
        for base in node.bases:
            base_name = base.value if isinstance(base, ast.Subscript) else base
            if isinstance(base_name, ast.Name) and base_name.id in classes:
                pending.append(base_name.id)
            elif isinstance(base_name, ast.Name) and base_name.id == "Generic":
                names.update(dir(Generic), {"__orig_bases__", "__parameters__"})
    return frozenset(names)


def _defined_names(node: ast.ClassDef) -> Iterator[str]:
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield item.name
        elif isinstance(item, ast.Assign):
            yield from (t.id for t in item.targets if isinstance(t, ast.Name))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            yield item.target.id
    for sub in ast.walk(node):  # self.<name> = ... anywhere in its methods
        targets = (
            sub.targets
            if isinstance(sub, ast.Assign)
            else [sub.target] if isinstance(sub, (ast.AnnAssign, ast.AugAssign)) else []
        )
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                yield target.attr
