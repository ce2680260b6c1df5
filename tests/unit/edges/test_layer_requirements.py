"""The core layer ships what the domain imports: its requirements match pyproject's runtime list, each
is pinned with hashes in the lock, and code that reads IANA zones (zoneinfo) has tzdata, since Lambda's
image has no /usr/share/zoneinfo."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[3]
NAME = re.compile(r"^([A-Za-z0-9_.-]+)")


def names(lines: list[str]) -> set[str]:
    found = (NAME.match(line.split("#")[0].strip()) for line in lines)
    return {m.group(1).lower().replace("_", "-") for m in found if m}


def layer() -> set[str]:
    return names((ROOT / "layers/core/requirements.txt").read_text().splitlines())


def runtime() -> set[str]:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    local = listed.index(next(d for d in listed if d.startswith("moto")))  # the local stack's part
    return names(listed[:local]) - {"boto3"}  # boto3 is in the Lambda runtime


def locked_with_hashes() -> set[str]:
    text = (ROOT / "requirements.lock").read_text()
    pinned = re.finditer(r"^([A-Za-z0-9_.-]+)==\S+ \\\n\s+--hash=sha256:", text, re.M)
    return {m.group(1).lower() for m in pinned}


def test_the_layer_ships_the_runtime_dependencies_each_pinned_with_hashes() -> None:
    assert layer() == runtime()
    assert layer() <= locked_with_hashes()


def test_code_that_reads_iana_zones_ships_tzdata() -> None:
    domain = ROOT / "layers/core/helpdesk"
    zones = [p for p in domain.rglob("*.py") if re.search(r"^\s*(from|import) zoneinfo", p.read_text(), re.M)]
    assert zones, "no module reads zones: drop tzdata"
    assert "tzdata" in layer() and "tzdata" in locked_with_hashes()
