"""An API function's import is its cold start (docs/performance.md, "Cold starts"): the route modules import
their pydantic views inside the routes, and PyJWT loads with the first token verified. Importing a handler
in a fresh interpreter must load neither, or every cold start pays for all the routes' models."""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys

import pytest

from tests.support.template_stack import ROOT

API_HANDLERS = ("staff_api", "public_api", "cabinet_api")
_PROBE = (
    "import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules"
    " if m == 'jwt' or (m.startswith('helpdesk.') and '.views' in m))))"
)


@pytest.mark.parametrize("module", API_HANDLERS)
def test_importing_an_api_handler_loads_no_view_models_and_no_jwt(module: str) -> None:
    paths = [ROOT / "functions" / module, ROOT / "layers" / "core", ROOT / "infra" / "local", ROOT]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in paths)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"{module} loads {loaded} at import"


def test_every_import_inside_a_route_names_something_that_exists() -> None:
    """The lazy imports run only when their route is called: a wrong name would show there, not at import."""
    checked = 0
    for path in sorted((ROOT / "functions").glob("*_api/*_routes/*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("helpdesk."):
                    module = importlib.import_module(inner.module or "")
                    missing = [a.name for a in inner.names if not hasattr(module, a.name)]
                    assert missing == [], f"{path.name}:{inner.lineno} imports missing {missing}"
                    checked += 1
    assert checked > 50
