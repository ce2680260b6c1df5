"""A function's further execution environments: child processes that import the handler once, answer each
event, report a raising handler as a failed invocation, and are replaced when they die."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpdesk_local.environments import InvocationFailed, ProcessEnvironment
from helpdesk_local.functions import LocalFunction

pytestmark = pytest.mark.unit
HANDLER = """
import os

imported_in = os.getpid()
calls = []


def handler(event, context):
    if event.get("die"):
        os._exit(3)
    if event.get("raise"):
        raise ValueError("the handler refused")
    calls.append(event["n"])
    return {"pid": os.getpid(), "imported_in": imported_in, "calls": list(calls),
            "name": context.function_name, "env": os.environ.get("TOY_SETTING")}
"""


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProcessEnvironment:
    (tmp_path / "toy.py").write_text(HANDLER)
    monkeypatch.setenv("TOY_SETTING", "from-the-stack")
    observed: list[tuple[str, bool]] = []
    fn = LocalFunction(
        "ToyFunction", tmp_path, "toy.handler", 30, {}, {}, observe=lambda n, r: observed.append((n, r))
    )
    env = ProcessEnvironment(fn, 1)
    env.observed = observed  # type: ignore[attr-defined]
    yield env
    env.close()


def test_a_child_imports_the_handler_once_and_keeps_its_module_state(environment: ProcessEnvironment) -> None:
    first = environment.invoke({"n": 1})
    second = environment.invoke({"n": 2})
    assert first["pid"] != os.getpid() and second["pid"] == first["pid"] == first["imported_in"]
    assert second["calls"] == [1, 2]
    assert first["name"] == "ToyFunction" and first["env"] == "from-the-stack"
    assert environment.observed == [("ToyFunction", False), ("ToyFunction", False)]  # type: ignore[attr-defined]


def test_a_raising_handler_is_a_failed_invocation_with_its_traceback(environment: ProcessEnvironment) -> None:
    with pytest.raises(InvocationFailed, match="the handler refused"):
        environment.invoke({"raise": True})
    assert environment.invoke({"n": 7})["calls"] == [7]  # the same environment goes on
    assert environment.observed[0] == ("ToyFunction", True)  # type: ignore[attr-defined]


def test_a_dead_environment_fails_its_batch_and_a_fresh_one_takes_the_next(
    environment: ProcessEnvironment,
) -> None:
    before = environment.invoke({"n": 1})["pid"]
    with pytest.raises(InvocationFailed, match="died"):
        environment.invoke({"die": True})
    after = environment.invoke({"n": 2})
    assert after["pid"] != before and after["calls"] == [2]
