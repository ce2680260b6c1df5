"""Read a Perl test file's calls of one function with their arguments, by walking the little Perl such
files are written in: literals, `my` assignments, `for`/`foreach` and `while (... = splice ...)` loops,
`glob`, `keys`, subs taking `shift`, `subtest NAME => sub {...}`, `||`, `?:` and `=~ /re/`.

Used once, by tests/corpus/convert_bounceparser.py; anything else in a statement it does not follow is
skipped, and anything it cannot evaluate inside a followed statement raises.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from typing import Any

_TOKEN = re.compile(
    r"""\s+|\#[^\n]*|(?P<tok>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|qw\s*\([^)]*\)|\d+|[$@%][A-Za-z_][\w:]*"""
    r"""|=>|->|=~|\|\||&&|==|[A-Za-z_]\w*|[()\[\]{},;?:=<>.!+*-])""",
    re.S,
)
_REGEX = re.compile(r"\s*/((?:[^/\\]|\\.)*)/[a-z]*")
_OPEN = {"(": ")", "[": "]", "{": "}"}
_ESCAPES = {"n": "\n", "t": "\t"}


class Flat(list):  # type: ignore[type-arg]
    """A list in list context: its items join the surrounding list."""


def tokens(source: str) -> list[str]:
    found: list[str] = []
    pos = 0
    while pos < len(source):
        if found and found[-1] == "=~":
            m = _REGEX.match(source, pos)
            if m:
                found.append("/" + m.group(1))
                pos = m.end()
                continue
        m = _TOKEN.match(source, pos)
        if not m:
            raise ValueError(f"cannot read Perl at {source[pos : pos + 60]!r}")
        if m.group("tok"):
            found.append(m.group("tok"))
        pos = m.end()
    return found


def truthy(value: Any) -> bool:
    return value not in (None, "", "0", 0) and value != []


class Walker:
    def __init__(self, source: str, files: Iterable[str], wanted: str) -> None:
        self.toks = tokens(source)
        self.files = sorted(files)
        self.wanted = wanted
        self.calls: list[list[Any]] = []
        self.subs: dict[str, int] = {}
        self.match: dict[int, int] = {}
        stack: list[int] = []
        for i, tok in enumerate(self.toks):
            if tok in _OPEN:
                stack.append(i)
            elif tok in _OPEN.values():
                self.match[stack.pop()] = i
        self.env: dict[str, Any] = {}
        self.pos = 0

    def run(self) -> list[list[Any]]:
        self.block(0, len(self.toks))
        return self.calls

    # -- statements
    def block(self, start: int, end: int) -> None:
        self.pos = start
        while self.pos < end:
            self.statement()

    def statement(self) -> None:
        t = self.toks
        tok = t[self.pos]
        if tok == ";":
            self.pos += 1
        elif tok == "my":
            self.assign()
        elif tok in ("for", "foreach"):
            self.pos += 2 if t[self.pos + 1] == "my" else 1
            var = t[self.pos]
            values = self.parenthesised()
            body = self.pos
            for value in values:
                self.scoped({var: value}, body)
            self.pos = self.match[body] + 1
        elif tok == "while" and "splice" in t[self.pos : self.match[self.pos + 1]]:
            self.splice_loop()
        elif tok == "subtest":
            while t[self.pos] != "sub":
                self.pos += 1
            body = self.pos + 1
            self.scoped({}, body)
            self.pos = self.match[body] + 1
        elif tok == "sub" and t[self.pos + 2] == "{":
            self.subs[t[self.pos + 1]] = self.pos + 2
            self.pos = self.match[self.pos + 2] + 1
        elif t[self.pos + 1 : self.pos + 2] == ["("] and (tok == self.wanted or tok in self.subs):
            args = self.parenthesised()
            if tok == self.wanted:
                self.calls.append(args)
            else:
                body = self.subs[tok]
                self.scoped({"@_": list(args)}, body)
        else:
            self.skip()

    def scoped(self, bind: dict[str, Any], body: int) -> None:
        saved, after = dict(self.env), self.pos
        self.env.update(bind)
        self.block(body + 1, self.match[body])
        self.env, self.pos = saved, after

    def skip(self) -> None:
        while self.pos < len(self.toks) and self.toks[self.pos] != ";":
            if self.toks[self.pos] == "{" and self.pos in self.match:
                self.pos = self.match[self.pos] + 1
                if self.toks[self.pos : self.pos + 1] != [";"]:
                    return
            elif self.toks[self.pos] in _OPEN:
                self.pos = self.match[self.pos] + 1
            else:
                self.pos += 1
        self.pos += 1

    def assign(self) -> None:
        self.pos += 1
        if self.toks[self.pos] == "(":
            names = [n for n in self.toks[self.pos + 1 : self.match[self.pos]] if n != ","]
            self.pos = self.match[self.pos] + 1
        else:
            names = [self.toks[self.pos]]
            self.pos += 1
        assert self.toks[self.pos] == "=", self.toks[self.pos - 3 : self.pos + 3]
        self.pos += 1
        values = self.items(";")
        self.pos += 1
        if len(names) == 1 and names[0][0] == "@":
            self.env[names[0]] = list(values)
        elif len(names) == 1 and names[0][0] == "%":
            self.env[names[0]] = dict(zip(values[::2], values[1::2], strict=True))
        else:
            for i, name in enumerate(names):
                self.env[name] = values[i] if i < len(values) else None

    def splice_loop(self) -> None:
        """while ( my ( $a, $b ) = splice @list, 0, N ) { ... }"""
        cond = self.toks[self.pos + 2 : self.match[self.pos + 1]]
        names = [n for n in cond[cond.index("(") + 1 : cond.index(")")] if n != ","]
        array = cond[cond.index("splice") + 1]
        body = self.match[self.pos + 1] + 1
        pending = list(self.env[array])
        while pending:
            taken, pending = pending[: len(names)], pending[len(names) :]
            self.scoped(dict(zip(names, taken, strict=True)), body)
        self.env[array] = []
        self.pos = self.match[body] + 1

    # -- expressions
    def parenthesised(self) -> list[Any]:
        while self.toks[self.pos] != "(":
            self.pos += 1
        self.pos += 1
        values = self.items(")")
        self.pos += 1
        return values

    def items(self, stop: str) -> list[Any]:
        values: list[Any] = []
        while self.toks[self.pos] != stop:
            if self.toks[self.pos] in (",", "=>"):
                self.pos += 1
                continue
            value = self.expr()
            values.extend(value if isinstance(value, Flat) else [value])
        return values

    def expr(self) -> Any:
        cond = self.either()
        if self.toks[self.pos] != "?":
            return cond
        self.pos += 1
        yes = self.expr()
        assert self.toks[self.pos] == ":"
        self.pos += 1
        no = self.expr()
        return yes if truthy(cond) else no

    def either(self) -> Any:
        value = self.matched()
        while self.toks[self.pos] == "||":
            self.pos += 1
            other = self.matched()
            value = value if truthy(value) else other
        return value

    def matched(self) -> Any:
        value = self.postfix()
        if self.toks[self.pos] == "=~":
            pattern = self.toks[self.pos + 1][1:]
            self.pos += 2
            return bool(re.search(pattern, value or ""))
        return value

    def postfix(self) -> Any:
        tok = self.toks[self.pos]
        if tok[0] == "$" and self.toks[self.pos + 1] == "{":
            self.pos += 1
            value: Any = self.env[f"%{tok[1:]}"]
        else:
            value = self.term()
        while self.toks[self.pos] in ("{", "->"):
            if self.toks[self.pos] == "->":
                self.pos += 1
            self.pos += 1
            key = self.key()
            self.pos += 1
            value = (value or {}).get(key)
        return value

    def key(self) -> Any:
        tok = self.toks[self.pos]
        if re.fullmatch(r"[A-Za-z_]\w*", tok) and self.toks[self.pos + 1] == "}":
            self.pos += 1
            return tok
        return self.expr()

    def term(self) -> Any:
        tok = self.toks[self.pos]
        self.pos += 1
        if tok[0] == "'":
            return re.sub(r"\\([\\'])", r"\1", tok[1:-1])
        if tok[0] == '"':
            return self.interpolate(tok[1:-1])
        if tok.isdigit():
            return int(tok)
        if tok.startswith("qw"):
            return Flat(tok[tok.index("(") + 1 : -1].split())
        if tok in _OPEN:
            values = self.items(_OPEN[tok])
            self.pos += 1
            if tok == "(":
                return Flat(values)
            return list(values) if tok == "[" else dict(zip(values[::2], values[1::2], strict=True))
        if tok[0] == "$":
            return self.env[tok]
        if tok[0] == "@":
            return Flat(self.env[tok])
        if self.toks[self.pos] == "=>":
            return tok
        if tok == "undef":
            return None
        if tok == "shift":
            return self.env["@_"].pop(0)
        if tok == "keys":
            return Flat(self.postfix_hash())
        if tok == "glob":
            pattern = self.term()
            pattern = pattern[0] if isinstance(pattern, Flat) else pattern
            return Flat(f for f in self.files if fnmatch.fnmatchcase(f, pattern))
        raise ValueError(f"cannot evaluate Perl {tok!r} near {self.toks[self.pos - 5 : self.pos + 5]}")

    def postfix_hash(self) -> dict[str, Any]:
        tok = self.toks[self.pos]
        self.pos += 1
        return self.env[tok]

    def interpolate(self, text: str) -> str:
        def value(m: re.Match[str]) -> str:
            if m.group(1):
                return _ESCAPES.get(m.group(1), m.group(1))
            return str(self.env[f"${m.group(2) or m.group(3)}"])

        return re.sub(r"\\(.)|\$\{(\w+)\}|\$(\w+)", value, text, flags=re.S)


def calls_of(source: str, function: str, files: Iterable[str]) -> list[list[Any]]:
    """The argument lists of every call of `function` the test file makes, in order; `glob` looks in
    `files` (the repository's paths)."""
    return Walker(source, files, function).run()
