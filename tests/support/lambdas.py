"""Imports a function's handler exactly as Lambda does (CodeUri on sys.path, Handler module.attribute)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from helpdesk_local.functions import LambdaContext

from tests.support.template_stack import ROOT, template


def handler_of(logical_id: str) -> Any:
    props = template()["Resources"][logical_id]["Properties"]
    module_name, attribute = props["Handler"].rsplit(".", 1)
    code_dir = str((ROOT / props["CodeUri"]).resolve())
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)
    module = importlib.import_module(module_name)
    return getattr(module, attribute)


def invoke(logical_id: str, event: dict[str, Any]) -> Any:
    import time

    context = LambdaContext(function_name=logical_id, timeout_seconds=30, _deadline=time.monotonic() + 30)
    return handler_of(logical_id)(event, context)


def sample_event(relative: str) -> dict[str, Any]:
    return json.loads((ROOT / "events" / relative).read_text())


def events_dir() -> Path:
    return ROOT / "events"
