"""Every Python name the generator gives the real endpoint documents, as review-able lines.

``tests/fixtures/python_names.txt`` keeps this list: a change to the naming rules shows there as a
diff of names, which a reviewer reads like any other. Regenerate it with
``python tests/python_names.py ../shared/specs/acumatica > tests/fixtures/python_names.txt``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from acumatica_codegen.ir import Endpoint

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "python_names.txt"
HEADER = "# kind  wire name  python name: every name of the real documents (tests/python_names.py)"


def name_lines(endpoints: Iterable[Endpoint]) -> list[str]:
    """``kind wire python`` for every entity, client attribute, field, action and action
    parameter, once each: the same wire name named differently in two places shows twice."""
    lines: set[str] = set()
    for endpoint in endpoints:
        for entity in endpoint.entities:
            lines.add(f"class {entity.name} {entity.class_name}")
            lines.add(f"module {entity.name} {entity.module_name}")
            if entity.attribute_name:
                lines.add(f"attribute {entity.name} {entity.attribute_name}")
            for field in entity.fields:
                lines.add(f"field {field.wire_name} {field.python_name}")
            for action in entity.actions:
                lines.add(f"action {action.name} {action.python_name}")
                for parameter in action.parameters:
                    lines.add(f"parameter {parameter.wire_name} {parameter.python_name}")
    return [HEADER, *sorted(lines)]


if __name__ == "__main__":
    from acumatica_codegen.builder import load_endpoint
    from testkit import REAL_SPEC_NAMES

    folder = Path(sys.argv[1])
    print("\n".join(name_lines(load_endpoint(folder / name) for name in REAL_SPEC_NAMES)))
