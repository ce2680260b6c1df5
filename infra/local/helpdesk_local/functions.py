"""Runs the template's functions in-process: the same handler modules Lambda would import, the same events."""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpdesk_local.template import ACCOUNT_ID, Resolver


@dataclass
class LambdaContext:
    function_name: str
    timeout_seconds: int
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = ""
    log_stream_name: str = "local"
    function_version: str = "$LATEST"
    invoked_function_arn: str = ""
    _deadline: float = 0.0

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


@dataclass
class LocalFunction:
    name: str
    code_dir: Path
    handler_path: str  # "module.attribute"
    timeout: int
    environment: dict[str, str]
    events: dict[str, dict[str, Any]]
    observe: Callable[[str, bool], None] | None = None  # (function name, raised) after every invocation
    _handler: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handler(self) -> Any:
        with self._lock:
            if self._handler is None:
                module_name, attribute = self.handler_path.rsplit(".", 1)
                if str(self.code_dir) not in sys.path:
                    sys.path.insert(0, str(self.code_dir))
                self._handler = getattr(importlib.import_module(module_name), attribute)
        return self._handler

    def invoke(self, event: dict[str, Any]) -> Any:
        return self.observed(lambda: self.handler()(event, lambda_context(self.name, self.timeout)))

    def observed(self, call: Callable[[], Any]) -> Any:
        """Runs one invocation (here or in another environment) and reports whether it raised."""
        if self.observe is None:
            return call()
        try:
            result = call()
        except Exception:
            self.observe(self.name, True)
            raise
        self.observe(self.name, False)
        return result


def lambda_context(name: str, timeout: int) -> LambdaContext:
    region = os.environ.get("AWS_REGION", "")
    return LambdaContext(
        function_name=name,
        timeout_seconds=timeout,
        invoked_function_arn=f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{name}",
        _deadline=time.monotonic() + timeout,
    )


def load_functions(resolver: Resolver, root: Path) -> dict[str, LocalFunction]:
    template = resolver.template
    globals_ = template.get("Globals", {}).get("Function", {})
    functions = {}
    for name, spec in template["Resources"].items():
        if spec["Type"] != "AWS::Serverless::Function":
            continue
        props = spec.get("Properties", {})
        env = {
            **resolver.resolve(globals_.get("Environment", {}).get("Variables", {})),
            **resolver.resolve(props.get("Environment", {}).get("Variables", {})),
        }
        functions[name] = LocalFunction(
            name=name,
            code_dir=(root / props["CodeUri"]).resolve(),
            handler_path=props["Handler"],
            timeout=int(props.get("Timeout", globals_.get("Timeout", 3))),
            environment={k: str(v) for k, v in env.items()},
            events={
                k: {"Type": e["Type"], **resolver.resolve(e.get("Properties", {}))}
                for k, e in props.get("Events", {}).items()
            },
        )
    return functions


def shared_environment(functions: dict[str, LocalFunction]) -> dict[str, str]:
    """All functions share one process locally, so they must agree on every environment value."""
    merged: dict[str, str] = {}
    for fn in functions.values():
        for key, value in fn.environment.items():
            if merged.get(key, value) != value:
                raise ValueError(f"functions disagree on {key}; the local stack runs them in one process")
            merged[key] = value
    return merged
