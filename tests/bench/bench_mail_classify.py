"""Classifier and reply-trimmer throughput on the public corpora, single core, best of several rounds.

Run: pytest tests/bench/bench_mail_classify.py -m bench -s
(writes docs/performance.md, section "Mail classification")
"""

from __future__ import annotations

import email
import email.policy
import platform
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.mailparts import body_texts
from helpdesk.mail.trim import reply_from_html, trim_reply

pytestmark = pytest.mark.bench

ROUNDS = 5
SECTION = "Mail classification"


def _best(work: Callable[[Any], object], items: Sequence[Any]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - started)
    return best


def _messages(paths: list[Path]) -> list[tuple[email.message.Message, str]]:
    out = []
    for path in paths:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        out.append((msg, "\n".join(body_texts(msg))))
    return out


def _write_section(root: Path, body: str) -> None:
    doc = root / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    section = f"## {SECTION}\n\n{body}\n"
    pattern = re.compile(rf"^## {SECTION}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    text = (
        pattern.sub(lambda _: section + "\n", text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section
    )
    doc.write_text(text.rstrip() + "\n", encoding="utf-8")


def test_classify_and_trim_throughput(corpus: Path, root: Path) -> None:
    bounces = _messages(sorted((corpus / "sisimai" / "bsd").glob("*.eml")))
    humans = _messages(sorted((corpus / "zammad").glob("*.box")))
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((corpus / "discourse-reply-trimmer" / "emails").glob("*"))
    ]
    pages = [p.read_text(encoding="utf-8") for p in sorted((corpus / "talon").rglob("*.html"))]
    rows = []
    for label, work, items in [
        ("`classify`, bounces and reports (sisimai)", lambda m: classify(*m), bounces),
        ("`classify`, helpdesk mail (zammad)", lambda m: classify(*m), humans),
        ("`trim_reply`, plain-text replies (discourse)", trim_reply, texts),
        ("`reply_from_html`, HTML replies (talon)", reply_from_html, pages),
    ]:
        seconds = _best(work, items)
        rows.append(
            f"| {label} | {len(items)} | {len(items) / seconds:,.0f} | {seconds / len(items) * 1e3:.2f} |"
        )
    table = "\n".join(["| work | items | items/s | ms/item |", "|---|---:|---:|---:|", *rows])
    note = (
        f"Parsed messages in memory (parsing not counted), one core, best of {ROUNDS} rounds, "
        f"Python {platform.python_version()}.\n"
        "Measured by `pytest tests/bench/bench_mail_classify.py -m bench -s`."
    )
    print(f"\n{table}")
    _write_section(root, f"{note}\n\n{table}")
    assert all(float(r.split("|")[3].replace(",", "")) > 50 for r in rows)
