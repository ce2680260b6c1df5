"""Convert github/email_reply_parser's Ruby test expectations into JSON, once.

    python -m tests.corpus.convert_github_email_reply_parser /path/to/email_reply_parser-git-dir

Reads test/email_reply_parser_test.rb at HEAD with `git show` and keeps what its assertions say about the
visible reply: `parse_reply` results (exact), and a fragment's text or pattern, placed in the reply or in
what is elided by the test's own `hidden?` list (the first fragment, when no list is given, is the reply).
Copies the fixtures and the licence into tests/corpus/data/. Test data only (MIT).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "github-email-reply-parser"
_METHOD = re.compile(r"\n  def (test_\w+)(.*?)(?=\n  def |\Z)", re.S)
_FIXTURE = re.compile(r'email\(:?"?(\w+)"?\)|EMAIL_FIXTURE_PATH\.join\("([\w.]+)"\)')
_HIDDEN = re.compile(r"assert_equal \[([^\]]*)\],\s*reply\.fragments\.map \{ \|f\| f\.hidden\? \}")
_RUBY_STRING = r'"((?:[^"\\]|\\.)*)"'
_PARSE_REPLY = re.compile(rf"assert_equal\s+{_RUBY_STRING},\s*EmailReplyParser\.parse_reply\(body\)")
_FRAGMENT_EQUAL = re.compile(rf"assert_equal\s+{_RUBY_STRING},\s*reply\.fragments\[(\d+)\]\.to_s")
_FRAGMENT_TEXT = re.compile(rf"assert_match\(?\s*{_RUBY_STRING},\s*reply\.fragments\[(\d+)\]\.to_s")
_FRAGMENT_PATTERN = re.compile(r"assert_match\(?\s*/((?:[^/\\]|\\.)*)/,\s*reply\.fragments\[(\d+)\]\.to_s")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _expectations(body: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    hidden_list = _HIDDEN.search(body)
    hidden = [h.strip() == "true" for h in hidden_list.group(1).split(",")] if hidden_list else None

    def where(index: int) -> str | None:
        if hidden is not None and index < len(hidden):
            return "elided" if hidden[index] else "reply"
        return "reply" if index == 0 else None

    for m in _PARSE_REPLY.finditer(body):
        found["reply_equals"] = _unescape(m.group(1))
    for regex, kind in (
        (_FRAGMENT_EQUAL, "contains"),
        (_FRAGMENT_TEXT, "contains"),
        (_FRAGMENT_PATTERN, "matches"),
    ):
        for m in regex.finditer(body):
            side = where(int(m.group(2)))
            piece = _unescape(m.group(1)) if kind == "contains" else m.group(1)
            if side and piece.strip():
                found.setdefault(f"{side}_{kind}", []).append(piece)
    return found


def main(repo: str) -> None:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, check=True).stdout

    source = git("show", "HEAD:test/email_reply_parser_test.rb").decode("utf-8")
    cases = {}
    for name, body in _METHOD.findall(source):
        fixture = _FIXTURE.search(body)
        expected = _expectations(body)
        if fixture and expected:
            file = fixture.group(1) + ".txt" if fixture.group(1) else fixture.group(2)
            cases[name] = {"input": f"emails/{file}", **expected}
    (OUT / "emails").mkdir(parents=True, exist_ok=True)
    for fixture in sorted({c["input"] for c in cases.values()}):
        (OUT / fixture).write_bytes(git("show", f"HEAD:test/{fixture}"))
    (OUT / "LICENSE").write_bytes(git("show", "HEAD:LICENSE"))
    commit = git("rev-parse", "HEAD").decode().strip()
    (OUT / "SOURCE.txt").write_text(
        f"https://github.com/github/email_reply_parser at commit {commit}: "
        "test/emails/* and the assertions of test/email_reply_parser_test.rb about the reply, converted by "
        "tests/corpus/convert_github_email_reply_parser.py. MIT licence (LICENSE).\n"
    )
    (OUT / "expected.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
