"""Render the runtime into a throwaway package, so tests can import it before render.py exists."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import jinja2

from acumatica_codegen import ir
from acumatica_codegen.runtime_render import runtime_files

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def make_env() -> jinja2.Environment:
    """The environment render.py builds, with the templates of this checkout."""
    from acumatica_codegen import render

    env = render.make_environment()
    env.loader = jinja2.FileSystemLoader(TEMPLATES)
    return env


def tiny_endpoint() -> ir.Endpoint:
    return ir.Endpoint(
        name="Shop",
        version="1.0.0",
        source_format="swagger-2.0",
        spec_sha256="0" * 64,
        value_types=(),
        custom_field_types=(),
        entities=(),
    )


def render_runtime(root: Path, package_name: str = "acumatica_shop") -> Path:
    """Write ``root/<package_name>/_runtime/*.py`` (and an empty package ``__init__``)."""
    package = root / package_name
    (package / "_runtime").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text('"""Test package."""\n')
    context = {"package_name": package_name, "endpoint": tiny_endpoint()}
    for relative, text in runtime_files(make_env(), context).items():
        (package / relative).write_text(text)
    return package


def import_runtime(root: Path, package_name: str = "acumatica_shop"):
    """Render and import ``<package_name>._runtime``; returns the package module."""
    render_runtime(root, package_name)
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    return importlib.import_module(package_name)
