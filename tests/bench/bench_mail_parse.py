"""Parse throughput on every corpus mail (LF and CRLF), single core, against the stdlib parser alone.

Run: pytest tests/bench/bench_mail_parse.py -m bench -s   (writes docs/performance.md, section "Mail parsing")
"""

from __future__ import annotations

import base64
import email
import os
import platform
import re
import time
from collections.abc import Callable
from email import policy
from pathlib import Path

import pytest
from helpdesk.mail import parser as parser_module
from helpdesk.mail.parser import parse_mail

from tests.corpus.cases import other_mails, stalwart_cases, tnef_cases, to_crlf, to_lf, zammad_cases

pytestmark = pytest.mark.bench

ROUNDS = 5


def corpus_mails(root: Path) -> list[bytes]:
    raws = [c.raw for c in zammad_cases(root)]
    raws += [c.raw for c in stalwart_cases(root) if c.form == "lf"]
    raws += [c.raw for c in tnef_cases(root)]
    raws += [path.read_bytes() for _, path in other_mails(root)]
    return [form(raw) for raw in raws for form in (to_lf, to_crlf)]


def best_seconds(work: Callable[[bytes], object], mails: list[bytes]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for raw in mails:
            work(raw)
        best = min(best, time.perf_counter() - started)
    return best


def stdlib_parse(raw: bytes) -> object:
    return email.message_from_bytes(raw, policy=policy.default)


def stdlib_with_bodies(raw: bytes) -> object:
    msg = email.message_from_bytes(raw, policy=policy.default)
    try:
        body = msg.get_body(("html", "plain"))  # type: ignore[attr-defined]
        text = body.get_content() if body is not None else ""
        files = [part.get_content() for part in msg.iter_attachments()]  # type: ignore[attr-defined]
    except Exception:  # the stdlib raises on odd MIME; the comparison only needs the time
        return None
    return text, files


def parse_only(raw: bytes) -> object:
    """parse_mail without the classifier, reply trimmer and ticket reference (the sibling modules)."""
    original = parser_module.fill_derived
    parser_module.fill_derived = lambda mail, msg: None
    try:
        return parse_mail(raw)
    finally:
        parser_module.fill_derived = original


def test_parse_throughput(corpus: Path, root: Path) -> None:
    mails = corpus_mails(corpus)
    megabytes = sum(map(len, mails)) / 1e6
    parse_mail(mails[0])  # warm the lazy imports
    rows = []
    for label, work in (
        ("`parse_mail`: bodies, sanitised HTML, attachments, hashes, classify, trim, ticket ref", parse_mail),
        ("`parse_mail` without the derived fields (classify, trim, ticket ref)", parse_only),
        ("stdlib `email.message_from_bytes(policy=default)` alone", stdlib_parse),
        ("stdlib parse + `get_body().get_content()` + attachments", stdlib_with_bodies),
    ):
        seconds = best_seconds(work, mails)
        rows.append(f"| {label} | {len(mails) / seconds:,.0f} | {megabytes / seconds:.1f} |")
    table = "\n".join(["| parser | mails/s | MB/s |", "|---|---:|---:|", *rows])
    table += "\n\n" + _large_mail_table()
    print("\n" + table)
    section = (
        "## Mail parsing\n\n"
        f"{len(mails)} corpus mails ({megabytes:.1f} MB: zammad, stalwart, sisimai, talon, tnefparse; "
        f"each in LF and CRLF form), one process, one core, best of {ROUNDS} rounds, "
        f"Python {platform.python_version()}.\n"
        "Measured by `pytest tests/bench/bench_mail_parse.py -m bench -s`. The machine is shared with other\n"
        "workers, so compare rows of one run rather than runs.\n\n"
        f"{table}\n"
    )
    _write_section(root / "docs" / "performance.md", section)
    assert rows


def _large_mail_table() -> str:
    """One SES-sized mail: a 28 MB attachment, base64, CRLF (about 38 MB on the wire)."""
    blob = base64.encodebytes(os.urandom(28_000_000))
    raw = (
        b"From: a@example.com\nSubject: big\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/zip; name=a.zip\n"
        b"Content-Transfer-Encoding: base64\n\n" + blob + b"--b--\n"
    ).replace(b"\n", b"\r\n")
    rows = []
    for label, work in (
        ("`parse_mail`", parse_mail),
        ("stdlib `message_from_bytes(policy=default)`", stdlib_parse),
    ):
        started = time.perf_counter()
        work(raw)
        rows.append(f"| {label} | {time.perf_counter() - started:.2f} |")
    header = f"| one {len(raw) / 1e6:.0f} MB mail (28 MB base64 attachment) | seconds |"
    return "\n".join([header, "|---|---:|", *rows])


def _write_section(path: Path, section: str) -> None:
    text = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(r"^## Mail parsing\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n")
