"""Convert php-mime-mail-parser's PHPUnit expectations (tests/ParserTest.php, provideData) into JSON, once.

    python -m tests.corpus.convert_php_mime_mail_parser /path/to/php-mime-mail-parser-git-dir

Reads the repository at HEAD with `git show` (a bare mirror is enough), copies the mails the provider names
(except three that are only megabytes of lorem ipsum) with the licence into tests/corpus/data/, and writes
expected.json. Test data only: never shipped (MIT, see LICENSE there).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "php-mime-mail-parser"
TOO_BIG = 600_000
_TOKEN = re.compile(
    r"""\s*(?:(array\()|(\))|(,)|(=>)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+)|(true|false|null))"""
)
_DOUBLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "$": "$", "0": "\0"}


def php_array(text: str) -> Any:
    """The value of a PHP array literal made of arrays, strings, integers and booleans."""
    tokens: list[tuple[str, Any]] = []
    pos = 0
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot read PHP at {text[pos : pos + 60]!r}")
        pos = m.end()
        if m.group(1):
            tokens.append(("open", None))
        elif m.group(2):
            tokens.append(("close", None))
        elif m.group(3):
            tokens.append(("comma", None))
        elif m.group(4):
            tokens.append(("arrow", None))
        elif m.group(5) is not None:
            tokens.append(("value", re.sub(r"\\([\\'])", r"\1", m.group(5))))
        elif m.group(6) is not None:
            tokens.append(
                ("value", re.sub(r"\\(.)", lambda e: _DOUBLE_ESCAPES.get(e.group(1), e.group(0)), m.group(6)))
            )
        elif m.group(7):
            tokens.append(("value", int(m.group(7))))
        else:
            tokens.append(("value", {"true": True, "false": False, "null": None}[m.group(8)]))
    value, _ = _read(tokens, 0)
    return value


def _read(tokens: list[tuple[str, Any]], i: int) -> tuple[Any, int]:
    kind, value = tokens[i]
    if kind == "value":
        return value, i + 1
    assert kind == "open", tokens[i]
    items: list[Any] = []
    keyed: dict[Any, Any] = {}
    i += 1
    while tokens[i][0] != "close":
        item, i = _read(tokens, i)
        if tokens[i][0] == "arrow":
            keyed[item], i = _read(tokens, i + 1)
        else:
            items.append(item)
        if tokens[i][0] == "comma":
            i += 1
    return (keyed if keyed else items), i + 1


def _expectation(row: list[Any]) -> dict[str, Any]:
    mid, subject, from_list, _, to_list, _, text, html, attachments, embedded = row
    return {
        "mail": mid,
        "subject": subject,
        "from": [{"name": a["display"], "address": a["address"]} for a in from_list],
        "to": [{"name": a["display"], "address": a["address"]} for a in to_list],
        "text": text,  # ["MATCH", exact] or ["COUNT", n, substring]
        "html": html,
        "attachments": [
            {"filename": a[0], "size": a[1], "contains": a[2], "times": a[3], "content_type": a[4],
             "disposition": a[5]}
            for a in attachments
        ],
        "embedded_count": embedded,
    }  # fmt: skip


def main(repo: str) -> None:
    def show(path: str) -> bytes:
        done = subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], capture_output=True)
        return done.stdout if done.returncode == 0 else b""  # a blob the mirror does not hold

    commit = subprocess.run(
        ["git", "--git-dir", repo, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    )
    source = show("tests/ParserTest.php").decode("utf-8")
    body = source[source.index("function provideData()") :]
    literal = body[body.index("array(") : body.index(";", body.index("return $data") - 10)]
    literal = literal[: literal.rindex(")") + 1]
    rows = php_array(literal)
    OUT.mkdir(parents=True, exist_ok=True)
    cases = {}
    for row in rows:
        raw = show(f"tests/mails/{row[0]}")
        if not raw or len(raw) > TOO_BIG:
            continue
        (OUT / f"{row[0]}.eml").write_bytes(raw)
        cases[row[0]] = _expectation(row)
    (OUT / "LICENSE").write_bytes(show("LICENSE"))
    (OUT / "SOURCE.txt").write_text(
        "https://github.com/php-mime-mail-parser/php-mime-mail-parser at commit "
        f"{commit.stdout.strip()}: tests/mails/* (as NAME.eml) and the expectations of tests/ParserTest.php "
        "provideData, converted by tests/corpus/convert_php_mime_mail_parser.py. MIT licence (LICENSE). "
        f"Left out (over {TOO_BIG} bytes, or absent from the mirror): "
        f"{', '.join(r[0] for r in rows if r[0] not in cases)}.\n"
    )
    (OUT / "expected.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
