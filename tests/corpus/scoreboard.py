"""Pass rates of the mail classifier and reply trimmer on the public corpora: printed, and kept in docs/."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "mail-classify-corpus.md"
_HEAD = (
    "# Mail classification and reply extraction on the public corpora\n\n"
    "Written by `pytest -m corpus tests/corpus` (each corpus rewrites its own section).\n"
    "Every mail runs in LF and CRLF form; a field passes when it equals the corpus's expectation exactly.\n"
)


class Score:
    """Counts passes per field."""

    def __init__(self) -> None:
        self.passed: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def check(self, field: str, ok: bool) -> None:
        self.total[field] += 1
        self.passed[field] += bool(ok)

    def rate(self, field: str) -> float:
        return self.passed[field] / self.total[field] if self.total[field] else 0.0

    def table(self) -> str:
        rows = ["| field | passed | total | rate |", "|---|---:|---:|---:|"]
        for field in self.total:
            rows.append(f"| {field} | {self.passed[field]} | {self.total[field]} | {self.rate(field):.1%} |")
        return "\n".join(rows)


def publish(corpus: str, score: Score, note: str = "") -> None:
    """Print the table and replace this corpus's section of the doc."""
    section = f"## {corpus}\n\n{note}\n\n{score.table()}\n".replace("\n\n\n", "\n\n")
    print(f"\n{corpus}\n{score.table()}")
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else _HEAD
    pattern = re.compile(rf"^## {re.escape(corpus)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    text = (
        pattern.sub(lambda _: section + "\n", text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section
    )
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text.rstrip() + "\n", encoding="utf-8")


def crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
