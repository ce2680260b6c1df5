"""php-mime-mail-parser's expectations (converted from its PHPUnit provider) scored against our parse."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from helpdesk.mail.html_text import html_to_text
from helpdesk.mail.model import ParsedMail

from tests.corpus.cases import Case

ROOT = Path(__file__).resolve().parent / "data" / "php-mime-mail-parser"


def php_cases(root: Path = ROOT) -> Iterator[Case]:
    if not (root / "expected.json").exists():
        return
    for name, exp in json.loads((root / "expected.json").read_text(encoding="utf-8")).items():
        yield Case(
            "php-mime-mail-parser",
            name,
            (root / f"{name}.eml").read_bytes(),
            {"php": exp},
            file=f"{name}.eml",
        )


def score_php(mail: ParsedMail, exp: dict[str, Any]) -> dict[str, bool]:
    from tests.corpus.compare import html_words, same_text, same_words

    sender = exp["from"][0] if exp["from"] else None
    result = {
        "subject": same_text(mail.subject, exp["subject"]),
        "to": [a.address.lower() for a in mail.to] == [a["address"].lower() for a in exp["to"]],
        "text": _body(mail.text, exp["text"], same_words),
        "html": _body(
            mail.html, exp["html"], lambda got, want: same_words(html_words(got), html_words(want))
        ),
    }
    if sender:
        result["from"] = bool(mail.from_) and mail.from_.address.lower() == sender["address"].lower()
        # mailparse gives the address as the display name of an address written without one
        name = "" if sender["name"].lower() == sender["address"].lower() else sender["name"]
        result["from_name"] = bool(mail.from_) and same_text(mail.from_.name, name)
    got, want = mail.attachments, exp["attachments"]
    pairs = list(zip(got, want, strict=False))
    same_count = len(got) == len(want)
    result.update(
        attachments=same_count,
        att_names=same_count and all(same_text(g.filename, w["filename"]) for g, w in pairs),
        att_types=same_count and all(g.content_type == w["content_type"].lower() for g, w in pairs),
        att_content=same_count and all(_content(g.content, w) for g, w in pairs),
        att_disposition=same_count and all(g.disposition == w["disposition"] for g, w in pairs),
    )
    return result


def _body(got: str, expected: list[Any], match: Any) -> bool:
    """["MATCH", text]: the same words; ["COUNT", n, piece]: the piece n times (as markup, else as text)."""
    if expected[0] == "MATCH":
        return match(got, expected[1])
    times, piece = expected[1], expected[2].replace("\r\n", "\n")
    got = got.replace("\r\n", "\n")
    if got.count(piece) == times:
        return True
    words = " ".join(html_to_text(piece).split()) if "<" in piece else ""
    return bool(words) and " ".join(html_to_text(got).split()).count(words) == times


def _content(data: bytes, want: dict[str, Any]) -> bool:
    if len(data) != want["size"]:
        return False
    return not want["contains"] or data.count(want["contains"].encode("utf-8")) == want["times"]
