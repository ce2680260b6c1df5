"""An API function's import is its cold start (docs/performance.md, "Cold starts"): the route modules import
their pydantic views inside the routes, and PyJWT loads with the first token verified. Importing a handler
in a fresh interpreter must load neither, or every cold start pays for all the routes' models. A consumer
(queue, stream, schedule) loads its message model and no context's services, adapters or public surface."""

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
CONSUMERS = sorted(
    p.stem
    for p in (ROOT / "functions").glob("*/*.py")
    if p.stem == p.parent.name and p.stem not in API_HANDLERS
)
_PROBE = "import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"


def heavy(module: str) -> bool:
    """A context's use cases, AWS adapters or public surface, the mail parser, the API edge, or PyJWT."""
    parts = module.split(".")
    if parts[0] != "helpdesk":
        return module == "jwt"
    return parts[1:2] in (["mail"], ["api"]) or bool({"services", "adapters", "public"} & set(parts))


def loaded_by(module: str) -> list[str]:
    paths = [ROOT / "functions" / module, ROOT / "layers" / "core", ROOT / "infra" / "local", ROOT]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in paths)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", API_HANDLERS)
def test_importing_an_api_handler_loads_no_view_models_and_no_jwt(module: str) -> None:
    loaded = [m for m in loaded_by(module) if m == "jwt" or (m.startswith("helpdesk.") and ".views" in m)]
    assert loaded == [], f"{module} loads {loaded} at import"


@pytest.mark.parametrize("module", CONSUMERS)
def test_importing_a_consumer_loads_no_services_adapters_or_public_surfaces(module: str) -> None:
    """The channel reply worker once loaded every channel view, the tickets context and the HTML sanitiser
    for its one queue message (3.0x a bare boto3 import)."""
    loaded = [m for m in loaded_by(module) if heavy(m)]
    assert loaded == [], f"{module} loads {loaded} at import"


SQS_CONSUMERS = [m for m in CONSUMERS if "sqs_worker(" in (ROOT / "functions" / m / f"{m}.py").read_text()]


@pytest.mark.parametrize("module", SQS_CONSUMERS)
def test_a_queue_consumer_does_not_load_every_event_model_powertools_has(module: str) -> None:
    """Powertools' batch module imports its parser's models of all event sources when pydantic is loaded
    before it (helpdesk/batch_records.py): about a third of a consumer's cold start."""
    assert "aws_lambda_powertools.utilities.parser.models" not in loaded_by(module)


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
