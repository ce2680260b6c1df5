"""`make venv` installs requirements.lock, then the project with --no-deps: a dependency declared in
pyproject.toml but missing from the lock is absent on a fresh clone (CI) while present on a dev machine."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement

from tests.support.template_stack import ROOT

pytestmark = pytest.mark.unit
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(d) for d in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pins = PIN.findall((ROOT / "requirements.lock").read_text())
    locked = {normal(name): version for name, version in pins}
    missing = [str(r) for r in declared if normal(r.name) not in locked]
    outside = [f"{r} (locked {locked[normal(r.name)]})" for r in declared
               if normal(r.name) in locked and locked[normal(r.name)] not in r.specifier]  # fmt: skip
    assert (missing, outside) == ([], [])
