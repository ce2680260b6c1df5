"""Attack test for the console's second fence (web/shared/mailhtml.js), run under node.

Values are given as the DOM hands them over, entities already decoded: `java&#x09;script:` arrives as
"java\\tscript:", which a browser's URL parser reads as `javascript:`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.unit,
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
]

SHARED = Path(__file__).resolve().parents[3] / "web" / "shared"

DROPPED = [
    ("href", "java\tscript:alert(1)"),  # <area href="java&#x09;script:alert(1)">
    ("href", " JaVa\nScRiPt:alert(1)"),
    ("href", "\x01javascript:alert(1)"),
    ("href", "vbscript:msgbox(1)"),
    ("href", "data:text/html,<script>alert(1)</script>"),
    ("src", "//evil.example/beacon.gif"),
    ("src", "\\\\evil.example\\beacon.gif"),
    ("src", " //evil.example/beacon.gif"),
    ("src", "http:evil.example/beacon.gif"),
    ("srcset", "https://evil.example/b.gif 2x"),
    ("background", "https://evil.example/t.gif"),
    ("onerror", "alert(1)"),
    ("ONclick", "alert(1)"),
    ("style", "background:url(https://evil.example/bg.gif)"),
    ("style", "color:red;border:u\\72l(https://evil.example/e.gif)"),
    ("style", "font-family:ur/**/l(https://evil.example/f.gif)"),
]
KEPT = [
    ("href", "https://example.com/"),
    ("href", "mailto:a@b.test"),
    ("href", "#top"),
    ("src", "cid:logo@x"),
    ("style", "color:red"),
    ("alt", "javascript: is just text here"),
]


def keep(tmp_path: Path, cases: list[tuple[str, str]]) -> list[bool]:
    for name in ("mailhtml.js", "dom.js"):
        shutil.copy(SHARED / name, tmp_path / name)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    script = (
        "import { keepAttribute } from './mailhtml.js';"
        "const cases = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(cases.map(([n, v]) => keepAttribute(n, v))));"
    )
    (tmp_path / "run.mjs").write_text(script)
    out = subprocess.run(
        ["node", str(tmp_path / "run.mjs"), json.dumps(cases)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(out.stdout)


def test_the_fence_drops_every_hostile_attribute(tmp_path: Path) -> None:
    kept = keep(tmp_path, DROPPED)
    assert [case for case, k in zip(DROPPED, kept, strict=True) if k] == []


def test_the_fence_keeps_ordinary_attributes(tmp_path: Path) -> None:
    assert keep(tmp_path, KEPT) == [True] * len(KEPT)
