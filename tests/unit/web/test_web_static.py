"""Static checks of web/: modules parse, imports resolve and are preloaded, nothing loads from elsewhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

WEB = Path(__file__).resolve().parents[3] / "web"
SITES = ["console", "cabinet", "storefront"]
IMPORT = re.compile(r"""^\s*import\s+(?:[^"';]+?\s+from\s+)?["']([^"']+)["']""", re.M)
REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//|from\s+["']https?:"""
)


def resolve(site: str, origin: Path, spec: str) -> Path:
    if spec.startswith("/shared/"):
        return WEB / "shared" / spec.removeprefix("/shared/")
    if spec.startswith("/"):
        return WEB / site / spec.lstrip("/")
    return (origin.parent / spec).resolve()


def module_graph(site: str, entry: Path) -> set[Path]:
    seen: set[Path] = set()
    todo = [entry]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo += [resolve(site, module, spec) for spec in IMPORT.findall(module.read_text())]
    return seen


@pytest.mark.parametrize("site", SITES)
def test_every_import_resolves_and_every_module_is_preloaded(site: str) -> None:
    index = (WEB / site / "index.html").read_text()
    graph = module_graph(site, WEB / site / "app.js")
    assert all(m.is_file() for m in graph), [str(m) for m in graph if not m.is_file()]
    preloaded = {
        resolve(site, WEB / site / "index.html", p)
        for p in re.findall(r'rel="modulepreload" href="([^"]+)"', index)
    }
    assert graph - {WEB / site / "app.js"} == preloaded


def test_nothing_is_fetched_from_another_origin() -> None:
    offenders = [
        str(path.relative_to(WEB))
        for path in WEB.rglob("*")
        if path.suffix in {".html", ".css", ".js"} and REMOTE.search(path.read_text())
    ]
    assert offenders == []


def test_the_remote_pattern_catches_cdn_links() -> None:
    assert REMOTE.search('<script src="https://cdn.example/x.js">')
    assert REMOTE.search("@import url(//fonts.example/css)")
    assert not REMOTE.search('<link rel="stylesheet" href="/shared/ui.css">')


# One node process parses every file (as an ES module, or as a classic script for auth.js) without running it.
PARSE = """
const vm = require("vm"), fs = require("fs");
const failures = [];
for (const file of process.argv.slice(1)) {
  const code = fs.readFileSync(file, "utf8");
  try {
    if (file.endsWith("/auth.js")) new vm.Script(code, { filename: file });
    else new vm.SourceTextModule(code, { identifier: file });
  } catch (error) { failures.push(file + ": " + error.message); }
}
console.log(JSON.stringify(failures));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="!!! node not installed: JS syntax not checked !!!")
def test_every_module_parses() -> None:
    modules = [str(m) for m in sorted(WEB.rglob("*.js"))]
    done = subprocess.run(
        ["node", "--experimental-vm-modules", "--no-warnings", "-e", PARSE, *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []
