"""Convert crisp-oss/email-reply-parser's nodeunit expectations into JSON, once.

    python -m tests.corpus.convert_crisp_email_reply_parser /path/to/email-reply-parser-git-dir

Reads test/test.js at HEAD with `git show`; every exported function is a test. Its assertions are read line
by line against the forms below; a line of any other form stops the conversion, so nothing is dropped
silently. Their notions become ours:

- visible text (`getVisibleText()`, `parseReply()`): the reply equals, holds or lacks it;
- quoted text (`parseReplied()`): what is elided holds or lacks it;
- a fragment's text or pattern goes where the fragment is: hidden (elided) or visible (the reply). The test's
  `isHidden` says where; `isQuoted` or `isSignature` true means hidden (their parser hides both). Without a
  word from the test, their model decides: a first fragment with text is visible; a fragment starts only at
  a quote header, a change between quoted and unquoted lines or a signature line, all hidden, so the fragment
  after a visible first one is hidden; a fragment starting with `>` is quoted, so hidden. Other fragments
  without a word are skipped;
- a visible first fragment whose text is given, with one or two fragments in all, is the whole reply (the
  reply equals it); a single visible fragment whose text is not given is the whole mail. Otherwise the first
  line of the mail after that text opens the second fragment, so it is elided.

Skipped, and counted: fragment counts that decide nothing above, "at least n fragments", flags of fragments
without a text, `quoted.length > 0`, "some fragment is a signature". Copies the fixtures (and the mails
written inline in test.js) and the licence into tests/corpus/data/. Test data only (MIT).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "crisp-email-reply-parser"
_FUNCTION = re.compile(r"^export function (\w+)\(test\)\s*\{(.*?)(?=^export function |\Z)", re.S | re.M)
_JS_STRING = r'"((?:[^"\\]|\\.)*)"'
_JS_REGEX = r"/((?:[^/\\\n]|\\.)+)/([gimsuy]*)"
_FRAGMENT = r"(?:reply\.)?fragments\[(\d+)\](?:\.toString\(\))?(?:\.trim\(\))?"
_COMMON = re.compile(r"const COMMON_FIRST_FRAGMENT = '((?:[^'\\]|\\.)*)';", re.S)
_FIXTURE = re.compile(r'get_email\("(\w+)"\)|"/fixtures/(\w+)\.txt"')
_INLINE = re.compile(r"var emailContent = `([^`]*)`;")
_REGEX_VAR = re.compile(rf"const (\w+) = {_JS_REGEX};")
_TEXT_VAR = re.compile(
    r"(?:let|var) (\w+) = (?:email\.getVisibleText\(\)|parser\.(parseReply|parseReplied)\()"
)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "'": "'", "\\": "\\", "\n": ""}

# Each form: (pattern of one assertion line without `test.` and its `;`, what it says).
_FORMS = [
    (re.compile(r"equal\((\d+), (?:reply\.)?fragments\.length\)"), "count"),
    (re.compile(r"equal\(true, fragments\.length >= \d+\)"), "skip: at least n fragments"),
    (re.compile(r"equal\(true, quoted\.length > 0\)"), "skip: quoted text not empty"),
    (re.compile(r"equal\(true, fragments\.some\(.*\)\)"), "skip: some fragment is a signature"),
    (re.compile(r"deepEqual\(\[([^\]]*)\], _\.map\(\w+\.fragments, .*return f\.(is\w+)\(\);.*\)\)"), "flags"),
    (re.compile(r"equal\((true|false), fragments\[(\d+)\]\.(is\w+)\(\)\)"), "flag"),
    (re.compile(rf"equal\((?:{_JS_STRING}|(COMMON_FIRST_FRAGMENT)), {_FRAGMENT}\)"), "fragment text"),
    (re.compile(rf"equal\((true|false), ?{_JS_REGEX}\.test\({_FRAGMENT}\)\)"), "fragment pattern"),
    (re.compile(rf"equal\((\w+)\.test\({_FRAGMENT}\), (true|false)\)"), "fragment pattern variable"),
    (re.compile(rf"equal\((true|false), {_JS_REGEX}\.test\((\w+)\)\)"), "text pattern"),
    (
        re.compile(rf"equal\((?:{_JS_STRING}|(COMMON_FIRST_FRAGMENT)), (email\.getVisibleText\(\)|\w+)\)"),
        "text",
    ),
]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text, flags=re.S)


def _literal(pattern: str) -> str | None:
    """The plain text a regular expression stands for, when it has no special character."""
    plain = re.sub(r"\\([^\w\s])", r"\1", pattern)
    return None if re.search(r"[\\^$.|?*+()\[\]{}]", re.sub(r"\\[^\w\s]", "", pattern)) else plain


@dataclass
class _Fragment:
    flags: dict[str, tuple[bool, int]] = field(default_factory=dict)
    texts: list[tuple[str, int]] = field(default_factory=list)
    patterns: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Test:
    """One test's assertions, numbered; each ends converted (it gave or placed a piece) or skipped (why)."""

    assertions: int = 0
    used: set[int] = field(default_factory=set)
    skipped: dict[int, str] = field(default_factory=dict)
    count: tuple[int, int] | None = None
    fragments: dict[int, _Fragment] = field(default_factory=dict)
    found: dict[str, Any] = field(default_factory=dict)

    def fragment(self, index: int) -> _Fragment:
        return self.fragments.setdefault(index, _Fragment())

    def add(self, key: str, piece: str) -> None:
        self.found.setdefault(key, []).append(piece)

    def add_pattern(self, side: str, pattern: str, holds: bool) -> None:
        plain = _literal(pattern)
        if plain is None and holds:
            self.add(f"{side}_matches", pattern)
        elif plain is not None:
            self.add(f"{side}_{'contains' if holds else 'lacks'}", plain)
        else:
            raise ValueError(f"no counterpart for a pattern the text lacks: {pattern}")

    def hidden(self, index: int) -> tuple[bool | None, set[int]]:
        """Whether the fragment is hidden, and the assertions that say so."""
        flags = self.fragments.get(index, _Fragment()).flags
        if "isHidden" in flags:
            return flags["isHidden"][0], {flags["isHidden"][1]}
        said = {
            line for name, (value, line) in flags.items() if value and name in ("isQuoted", "isSignature")
        }
        if said:
            return True, said
        if index == 0:
            return False, set()
        if index == 1 and self.hidden(0)[0] is False:
            return True, self.hidden(0)[1]
        quoted = any(p.startswith("^>") for p, _ in self.fragment(index).patterns)
        return (True, set()) if quoted else (None, set())

    def tally(self) -> Counter[str]:
        reasons = [self.skipped[n] for n in range(self.assertions) if n not in self.used]
        return Counter(converted=len(self.used)) + Counter(reasons)


def _read(body: str, common: str) -> _Test:
    test = _Test()
    regexes = {m.group(1): m.group(2) for m in _REGEX_VAR.finditer(body)}
    texts = {
        m.group(1): "quoted" if m.group(2) == "parseReplied" else "visible" for m in _TEXT_VAR.finditer(body)
    }
    for line in re.findall(r"^\s*test\.(.*?);?\s*(?://.*)?$", body, re.M):
        if line == "done()":
            continue
        n, test.assertions = test.assertions, test.assertions + 1
        form, m = next(((kind, m) for regex, kind in _FORMS if (m := regex.fullmatch(line))), ("", None))
        if m is None:
            raise ValueError(f"an assertion of no known form: {line}")
        if form.startswith("skip"):
            test.skipped[n] = form
        elif form == "count":
            test.count = int(m.group(1)), n
        elif form == "flags":
            for index, value in enumerate(v.strip() == "true" for v in m.group(1).split(",")):
                test.fragment(index).flags[m.group(2)] = value, n
        elif form == "flag":
            test.fragment(int(m.group(2))).flags[m.group(3)] = m.group(1) == "true", n
        elif form == "fragment text":
            test.fragment(int(m.group(3))).texts.append((common if m.group(2) else _unescape(m.group(1)), n))
        elif form == "fragment pattern":
            assert m.group(1) == "true", line
            test.fragment(int(m.group(4))).patterns.append((m.group(2), n))
        elif form == "fragment pattern variable":
            assert m.group(3) == "true", line
            test.fragment(int(m.group(2))).patterns.append((regexes[m.group(1)], n))
        elif form == "text pattern":
            side = {"visible": "reply", "quoted": "elided"}[texts[m.group(4)]]
            test.add_pattern(side, m.group(2), m.group(1) == "true")
            test.used.add(n)
        elif form == "text":
            target = m.group(3)
            assert target == "email.getVisibleText()" or texts[target] == "visible", line
            test.found["reply_equals"] = common if m.group(2) else _unescape(m.group(1))
            test.used.add(n)
    _place(test)
    return test


def _place(test: _Test) -> None:
    """Fragments' pieces into the reply or the elided part; a given count may make the first fragment all."""
    for index, fragment in sorted(test.fragments.items()):
        hidden, because = test.hidden(index)
        pieces = [n for _, n in fragment.texts + fragment.patterns]
        if hidden is None:
            test.skipped.update(dict.fromkeys(pieces, "skip: fragment whose place the test does not say"))
            continue
        side = "elided" if hidden else "reply"
        for text, _ in fragment.texts:
            test.add(f"{side}_contains", text)
        for pattern, _ in fragment.patterns:
            test.add_pattern(side, pattern, True)
        test.used.update(pieces)
        if pieces:
            test.used.update(because)
    first, hidden = test.fragments.get(0, _Fragment()), test.hidden(0)
    if test.count and test.count[0] in (1, 2) and hidden[0] is False:
        if len(first.texts) == 1:
            test.found["reply_equals"] = first.texts[0][0]
            test.found["reply_contains"].remove(first.texts[0][0])
            if not test.found["reply_contains"]:
                del test.found["reply_contains"]
            test.used.update({test.count[1], *hidden[1]})
        elif test.count[0] == 1:
            test.found["reply_is_whole_mail"] = True
            test.used.update({test.count[1], *(n for _, n in first.flags.values())})
    for n in range(test.assertions):
        if n not in test.used and n not in test.skipped:
            test.skipped[n] = "skip: fragment count or flag that places no piece"


def _line_after(mail: str, first: str) -> str | None:
    """The first line after a visible first fragment: it opens the second fragment, which is hidden.

    Their parser strips each line's trailing whitespace: the fragment is looked for in the mail so stripped.
    """
    lines = "\n".join(line.rstrip() for line in mail.replace("\r\n", "\n").split("\n"))
    start = lines.find(first.strip())
    rest = lines[start + len(first.strip()) :].split("\n") if start >= 0 else []
    return next((line.strip() for line in rest if line.strip()), None)


def main(repo: str) -> None:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, check=True).stdout

    source = git("show", "HEAD:test/test.js").decode("utf-8")
    common_match = _COMMON.search(source)
    assert common_match, "COMMON_FIRST_FRAGMENT not found"
    common = _unescape(common_match.group(1))
    cases, tally, mails = {}, Counter[str](), {}
    for name, body in _FUNCTION.findall(source):
        fixture, written = _FIXTURE.search(body), _INLINE.search(body)
        test = _read(body, common)
        tally.update(test.tally())
        if not test.found:
            continue
        if written:
            path, mail = f"inline/{name}.txt", written.group(1).encode("utf-8")
        elif fixture:
            path = f"fixtures/{fixture.group(1) or fixture.group(2)}.txt"
            mail = git("show", f"HEAD:test/{path}")
        else:
            raise ValueError(f"{name}: no mail")
        first = test.fragment(0).texts
        if test.hidden(0)[0] is False and first and "reply_equals" not in test.found:
            if after := _line_after(mail.decode("utf-8"), first[0][0]):
                test.add("elided_contains", after)
        mails[path] = mail
        cases[name] = {"input": path, **test.found}
    for folder in ("fixtures", "inline"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
    for path, mail in sorted(mails.items()):
        (OUT / path).write_bytes(mail)
    (OUT / "LICENSE").write_bytes(git("show", "HEAD:LICENSE"))
    commit = git("rev-parse", "HEAD").decode().strip()
    skipped = ", ".join(
        f"{n} {k.removeprefix('skip: ')}" for k, n in sorted(tally.items()) if k != "converted"
    )
    (OUT / "SOURCE.txt").write_text(
        f"https://github.com/crisp-oss/email-reply-parser at commit {commit}: test/fixtures/* used by a "
        "test, the two mails written inline in test/test.js (inline/<test>.txt), and the assertions of "
        "test/test.js about visible, quoted and hidden text, converted by "
        "tests/corpus/convert_crisp_email_reply_parser.py "
        f"({tally['converted']} assertions converted; skipped: {skipped}). MIT licence (LICENSE).\n"
    )
    (OUT / "expected.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(
        f"{len(cases)} cases, {tally['converted']} assertions converted, skipped: {skipped}; written to {OUT}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
