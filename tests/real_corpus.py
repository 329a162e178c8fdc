"""The real endpoint documents, read once per test process.

Reading Default 24 costs about a second: the tests that look at every real document (keys, names,
black) share one IR per document through this cache instead of paying that in every test. The
``real_package`` fixture (conftest.py) shares the generated packages the same way.
"""

from __future__ import annotations

import functools
from pathlib import Path

from acumatica_codegen.builder import load_endpoint
from acumatica_codegen.ir import Endpoint


@functools.cache
def real_endpoint(path: Path) -> Endpoint:
    """The IR of one real document (``path`` under the ``real_specs_dir`` fixture)."""
    return load_endpoint(path)
