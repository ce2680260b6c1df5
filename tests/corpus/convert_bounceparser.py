"""Convert the expectations of Perl's Mail::DeliveryStatus::BounceParser test suite into JSON, once.

    python -m tests.corpus.convert_bounceparser /path/to/Mail-DeliveryStatus-BounceParser-git-dir

Reads the repository at HEAD with `git show` (a bare mirror is enough), follows every `check_report(...)`
call of t/*.t and xt/*.t through its loops and tables (tests/corpus/perl_tests.py), takes the few files that
call the parser directly from the table below, copies every t/corpus/*.msg and xt/corpus/*.msg as NAME.eml
with the licence into tests/corpus/data/bounceparser/, and writes expected.json. Test data only, never
shipped ("same terms as Perl itself", see LICENSE there).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.corpus.perl_tests import calls_of, truthy

OUT = Path(__file__).resolve().parent / "data" / "bounceparser"
# check_report (t/TestBounceParser.pm) checks is_bounce always, `reports` when given, the others when true.
FIELDS = "is_bounce reports addresses std_reason smtp_code status reason orig_message_id".split()
TODO_KEYS = {"todo_is_bounce": "is_bounce", "todo_std_reason": "std_reason"}
# t/message-too-large.t spells the key `std_reaons`, which check_report ignores: kept, flagged todo.
MISSPELT = {"std_reaons": "std_reason"}
MISSPELT_NOTE = "the .t file misspells std_reason (std_reaons), so the Perl suite never checks it"
# Test files that call the parser without check_report: what they assert, by hand (the original message,
# headers and text that t/orig-message.t and t/postfix.t compare are not kept). Rows: test, mail, fields,
# and what else the row needs (a parser option the expectation holds under, a note).
EXPLICIT: list[tuple[str, str, dict[str, Any], dict[str, str]]] = [
    ("t/postfix.t", "t/corpus/postfix.msg", {"is_bounce": 1, "addresses": ["bounce@dest.example.com"],
     "orig_message_id": "<20060527213404.GN13012@mta.domain-1.com>"}, {}),
    ("t/postfix.t", "t/corpus/postfix-orig.msg", {"addresses": ["original@dest.example.com"]}, {}),
    ("t/postfix.t", "t/corpus/postfix-orig.msg", {"addresses": ["final@dest.example.com"]},
     {"option": "prefer_final_recipient"}),
    ("t/orig-message.t", "t/corpus/postfix.msg", {"is_bounce": 1,
     "orig_message_id": "<20060527213404.GN13012@mta.domain-1.com>"}, {}),
    ("t/orig-message.t", "t/corpus/aol.unknown.msg", {"is_bounce": 1,
     "orig_message_id": "<200606062115.k56LFe7d012436@somehost.example.com>"}, {}),
    ("t/orig-message.t", "t/corpus/qmail.unknown.msg", {"is_bounce": 1,
     "orig_message_id": "<200608282008.k7SK8Bbu032023@somehost.example.com>"}, {}),
    ("t/warnings.t", "t/corpus/warning-1.msg", {"is_bounce": 1, "std_reason": "user_unknown"}, {}),
    ("t/warnings.t", "t/corpus/warning-2.msg", {"is_bounce": 1, "std_reason": "user_unknown"}, {}),
    ("t/warnings.t", "t/corpus/warning-3.msg", {"is_bounce": 1, "std_reason": "user_unknown"}, {}),
    ("t/warnings.t", "t/corpus/warning-4.msg", {"is_bounce": 1, "std_reason": "over_quota"}, {}),
    # "report is missing" there documents a fault (FIXME: "it should give a report!"): not kept.
    ("t/warnings.t", "t/corpus/warning-5.msg", {"is_bounce": 1}, {}),
    ("t/warnings.t", "t/corpus/warning-6.msg", {"is_bounce": 0}, {}),
    ("t/warnings.t", "t/corpus/warning-7.msg", {"is_bounce": 1, "std_reason": "over_quota"}, {}),
    ("t/warnings.t", "t/corpus/warning-8.msg", {"is_bounce": 0}, {"note": "transient nonfatal error"}),
    # Only `addresses >= 1` is asserted ("a bounce without < and > surrounding address").
    ("t/warnings.t", "t/corpus/warning-9.msg", {"min_addresses": 1}, {}),
]  # fmt: skip


class Mirror:
    def __init__(self, repo: str) -> None:
        self.repo = repo
        self.commit = self.git("rev-parse", "HEAD").decode().strip()
        self.paths = self.git("ls-tree", "-r", "--name-only", "HEAD").decode().split("\n")

    def git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", self.repo, *args], capture_output=True, check=True).stdout

    def show(self, path: str) -> bytes:
        return self.git("show", f"HEAD:{path}")


def _rows_of_check_report(test: str, args: list[Any]) -> list[dict[str, Any]]:
    path, given = args[0], dict(zip(args[1::2], args[2::2], strict=True))
    todo = {TODO_KEYS[k] for k, v in given.items() if k in TODO_KEYS and truthy(v)}
    rows = []
    for key, value in given.items():
        field = MISSPELT.get(key, key)
        if key in TODO_KEYS or (field not in ("is_bounce", "reports") and not truthy(value)):
            continue
        if field not in FIELDS:
            raise ValueError(f"{test}: check_report key {key!r} is not one it knows")
        row = {"path": path, "test": test, "field": field, "value": value}
        if field in todo or key in MISSPELT:
            row["todo"] = True
        if key in MISSPELT:
            row["note"] = MISSPELT_NOTE
        rows.append(row)
    return rows


def _normal(field: str, value: Any) -> Any:
    if field == "is_bounce":
        return bool(value)
    if field == "addresses":
        return [a.lower() for a in value]  # check_report compares them lower-cased
    return str(value) if field == "smtp_code" else value


def expectations(mirror: Mirror) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    tests = sorted(p for p in mirror.paths if p.endswith(".t"))
    for test in tests:
        source = mirror.show(test).decode("utf-8")
        if "check_report(" in source:
            for args in calls_of(source, "check_report", mirror.paths):
                rows += _rows_of_check_report(test, args)
    for test, path, fields, extra in EXPLICIT:
        source = mirror.show(test).decode("utf-8")
        assert path in source, (test, path)  # the table must still describe the file it names
        for field, value in fields.items():
            texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
            assert all(text in source for text in texts), (test, field, value)
            rows.append({"path": path, "test": test, "field": field, "value": value, **extra})
    for row in rows:
        row["value"] = _normal(row["field"], row["value"])
    return rows


def _mail_path(mirror: Mirror, path: str) -> tuple[str, str]:
    """The mail's path in the repository, and a note when the test names it elsewhere."""
    if path in mirror.paths:
        return path, ""
    moved = [p for p in mirror.paths if p.endswith("/" + path.rsplit("/", 1)[-1])]
    assert len(moved) == 1, path
    return moved[0], f"the test names {path}; the mail is {moved[0]}"


def main(repo: str) -> None:
    mirror = Mirror(repo)
    mails = sorted(p for p in mirror.paths if p.split("/")[1:2] == ["corpus"] and p.endswith(".msg"))
    assert len({p.rsplit("/", 1)[-1] for p in mails}) == len(mails), "two mails with one name"
    cases: dict[str, dict[str, Any]] = {}
    for row in expectations(mirror):
        source, moved = _mail_path(mirror, row.pop("path"))
        name = source.rsplit("/", 1)[-1].removesuffix(".msg") + ".eml"
        case = cases.setdefault(name, {"source": source, "expect": []})
        if moved:
            case["note"] = moved
        test = row.pop("test")
        same = [e for e in case["expect"] if {k: v for k, v in e.items() if k != "tests"} == row]
        if same:
            same[0]["tests"].append(test)
        else:
            case["expect"].append({**row, "tests": [test]})
    OUT.mkdir(parents=True, exist_ok=True)
    for path in mails:
        (OUT / (path.rsplit("/", 1)[-1].removesuffix(".msg") + ".eml")).write_bytes(mirror.show(path))
    (OUT / "LICENSE").write_bytes(mirror.show("LICENSE"))
    count = sum(len(c["expect"]) for c in cases.values())
    without = sorted(p.rsplit("/", 1)[-1] for p in mails if p.rsplit("/", 1)[-1][:-4] + ".eml" not in cases)
    (OUT / "SOURCE.txt").write_text(
        f"https://github.com/rjbs/Mail-DeliveryStatus-BounceParser at commit {mirror.commit}: "
        f"t/corpus/*.msg and xt/corpus/*.msg ({len(mails)} mails, as NAME.eml, byte for byte) and what "
        f"t/*.t and xt/*.t assert about them ({count} expectations on {len(cases)} mails in expected.json: "
        "is_bounce, reports, addresses, std_reason, smtp_code, status, reason text, orig_message_id; a todo "
        "one is one the Perl module itself does not meet yet, or never checks), converted by "
        "tests/corpus/convert_bounceparser.py: the check_report(...) calls are followed through their loops "
        "and tables mechanically; t/postfix.t, t/orig-message.t and t/warnings.t, which call the parser "
        "directly, are transcribed in a table there (the original-message texts they compare are not "
        f"kept). Mails no test names: {', '.join(without) or 'none'}. Licence: the same terms as Perl "
        "itself (LICENSE). Test data only, never shipped.\n"
    )
    (OUT / "expected.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(mails)} mails, {count} expectations on {len(cases)} of them, written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
