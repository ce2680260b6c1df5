"""Convert zapier/email-reply-parser's unittest expectations into JSON, once.

    python -m tests.corpus.convert_email_reply_parser /path/to/email-reply-parser-git-dir

Reads test/test_email_reply_parser.py at HEAD with `git show`, keeps what its assertions say about the
visible reply (exact text, pieces it holds or lacks) and about what is hidden (a fragment the test marks
hidden is elided), copies the fixtures and the licence into tests/corpus/data/. Test data only (MIT).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "email-reply-parser"


def _fixture(method: ast.FunctionDef) -> str | None:
    for node in ast.walk(method):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_email":
            return f"emails/{node.args[0].value}.txt"  # type: ignore[attr-defined]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
            path = node.args[0]
            if isinstance(path, ast.Constant) and str(path.value).startswith("test/emails/"):
                return str(path.value).removeprefix("test/")
    return None


def _hidden(method: ast.FunctionDef) -> list[bool] | None:
    for node in ast.walk(method):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "assertEqual":
            first, second = node.args[0], node.args[1]
            if isinstance(first, ast.List) and "hidden" in ast.unparse(second):
                return [bool(e.value) for e in first.elts]  # type: ignore[attr-defined]
    return None


def _about(expr: ast.expr) -> tuple[str, int | None] | None:
    """('reply', None) for the parsed reply, ('fragment', i) for fragment i's content."""
    text = ast.unparse(expr)
    if "parse_reply" in text or text.startswith("message.reply"):
        return "reply", None
    if ".fragments[" in text and text.endswith(".content"):
        return "fragment", int(text.split(".fragments[")[1].split("]")[0])
    return None


def _expectations(method: ast.FunctionDef) -> dict[str, Any]:
    found: dict[str, Any] = {"reply_contains": [], "reply_lacks": [], "elided_contains": []}
    hidden = _hidden(method)

    def place(piece: str, about: tuple[str, int | None], negated: bool) -> None:
        kind, index = about
        if kind == "reply":
            found["reply_lacks" if negated else "reply_contains"].append(piece)
        elif hidden is not None and index is not None and index < len(hidden) and not negated:
            found["elided_contains" if hidden[index] else "reply_contains"].append(piece)

    for node in ast.walk(method):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr == "assertEqual" and len(node.args) >= 2:
            a, b = node.args[:2]
            const, other = (a, b) if isinstance(a, ast.Constant) else (b, a)
            about = _about(other)
            if isinstance(const, ast.Constant) and isinstance(const.value, str) and about == ("reply", None):
                found["reply_equals"] = const.value
        elif node.func.attr == "assertTrue" and node.args:
            test = node.args[0]
            if isinstance(test, ast.Compare) and isinstance(test.left, ast.Constant):
                about = _about(test.comparators[0])
                if about:
                    place(str(test.left.value), about, isinstance(test.ops[0], ast.NotIn))
            elif isinstance(test, ast.Call) and ast.unparse(test.func) == "re.match":
                pattern, subject = test.args[0], test.args[1]
                about = _about(subject)
                if about and isinstance(pattern, ast.Constant):
                    place(str(pattern.value).lstrip("^"), about, False)
    return {k: v for k, v in found.items() if v}


def main(repo: str) -> None:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, check=True).stdout

    def show(path: str) -> bytes:
        return git("show", f"HEAD:{path}")

    commit = git("rev-parse", "HEAD").decode().strip()
    tree = ast.parse(show("test/test_email_reply_parser.py").decode("utf-8"))
    cases = {}
    methods = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    for method in methods:
        fixture, expected = _fixture(method), _expectations(method)
        if fixture and expected:
            cases[method.name] = {"input": fixture, **expected}
    (OUT / "emails").mkdir(parents=True, exist_ok=True)
    for fixture in sorted({c["input"] for c in cases.values()}):
        (OUT / fixture).write_bytes(show(f"test/{fixture}"))
    (OUT / "LICENSE").write_bytes(show("LICENSE"))
    (OUT / "SOURCE.txt").write_text(
        f"https://github.com/zapier/email-reply-parser at commit {commit}: test/emails/* and the "
        "assertions of test/test_email_reply_parser.py about the reply, converted by "
        "tests/corpus/convert_email_reply_parser.py. MIT licence (LICENSE).\n"
    )
    (OUT / "expected.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
