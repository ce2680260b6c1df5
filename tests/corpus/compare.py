"""Loose comparison of a parse result with a corpus expectation, field by field."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import datetime
from typing import Any

from helpdesk.mail.html_text import html_to_text
from helpdesk.mail.model import ParsedMail

_WS = re.compile(r"\s+")


def loose(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u200b", "").replace("\ufeff", "")
    return _WS.sub(" ", text).strip()


def same_text(got: str | None, expected: str | None) -> bool:
    """Whitespace-insensitive; a U+FFFD in the expectation (undecodable there) matches any one character."""
    got, expected = loose(got), loose(expected)
    if "\ufffd" not in expected:
        return got == expected
    pattern = "".join("." if c == "\ufffd" else re.escape(c) for c in expected)
    return re.fullmatch(pattern, got, re.S) is not None or got.replace("\ufffd", "") == expected.replace(
        "\ufffd", ""
    )


def same_words(got: str, expected: str) -> bool:
    """For rendered bodies: all whitespace dropped, so that layout differences do not count."""
    strip = re.compile(r"[\s\u00a0]+|<https?://[^>]*>")
    return same_text(strip.sub("", loose(got)), strip.sub("", loose(expected)))


def html_words(html: str) -> str:
    return html_to_text(html)


def score(mail: ParsedMail, expected: dict[str, Any]) -> dict[str, bool]:
    if "php" in expected:
        from tests.corpus.php_expectations import score_php

        return score_php(mail, expected["php"])
    result: dict[str, bool] = {}
    if "subject" in expected:
        result["subject"] = same_text(mail.subject, expected["subject"])
    if expected.get("from") is not None:
        result["from"] = bool(mail.from_) and mail.from_.address.lower() == expected["from"]
    if expected.get("from_name") is not None:
        result["from_name"] = bool(mail.from_) and same_text(
            mail.from_.name.strip("'\""), expected["from_name"].strip("'\"")
        )
    for key in ("to", "cc", "reply_to"):
        if key in expected:
            result[key] = [a.address.lower() for a in getattr(mail, key)] == expected[key]
    if expected.get("date") is not None:
        result["date"] = _same_date(mail.date, expected["date"])
    if "message_id" in expected:
        wanted = expected["message_id"]
        result["message_id"] = mail.message_id == (wanted.strip("<>") if wanted else None)
    for key in ("in_reply_to", "references"):
        if key in expected:
            result[key] = getattr(mail, key) == [i.strip("<>") for i in expected[key]]
    if "text_parts" in expected:
        result["text"] = same_words(mail.text, _render(expected["text_parts"]))
    if "html_parts" in expected:
        parts = json.loads(expected["html_parts"])
        if any(kind == "Html" for kind, _ in parts):
            result["html"] = same_words(html_words(mail.html), _render(expected["html_parts"]))
        else:
            result["html"] = mail.html == ""
    if "text" in expected:
        result["text"] = same_words(mail.text, expected["text"])
    if "html" in expected:
        result["html"] = same_words(
            html_words(mail.html) if mail.html else mail.text, html_words(expected["html"])
        )
    if "attachments" in expected:
        result.update(_attachments(mail, expected["attachments"]))
    if "tnef_files" in expected:
        result["attachments"] = [a.filename for a in mail.attachments] == expected["tnef_files"]
        kind = expected["tnef_body"]
        if kind == "body":
            result["text"] = bool(mail.text.strip())
        elif kind == "htmlbody":
            result["html"] = bool(mail.html.strip())
    return result


def _render(parts_json: str) -> str:
    parts = json.loads(parts_json)
    return "\n".join(html_words(content) if kind == "Html" else content for kind, content in parts)


def _same_date(got: str | None, exp: dict[str, int]) -> bool:
    if not got:
        return False
    when = datetime.fromisoformat(got)
    offset = (exp["tz_hour"] * 60 + exp["tz_minute"]) * (-1 if exp["tz_before_gmt"] else 1)
    actual = when.utcoffset()
    fields = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    wanted = tuple(exp[k] for k in ("year", "month", "day", "hour", "minute", "second"))
    return fields == wanted and actual is not None and actual.total_seconds() == offset * 60


def _digests(content: bytes) -> set[str]:
    forms = {content, content.replace(b"\r\n", b"\n")}
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        forms.add(text.encode("utf-8"))
        forms.add(text.replace("\r\n", "\n").encode("utf-8"))
    return {hashlib.sha256(f).hexdigest() for f in forms}


def _attachments(mail: ParsedMail, expected: list[dict[str, Any]]) -> dict[str, bool]:
    got = mail.attachments
    names = types = contents = cids = len(got) == len(expected)
    for mine, exp in zip(got, expected, strict=False):
        if exp.get("filename") is not None:
            names = names and same_text(mine.filename, exp["filename"])
        if exp.get("content_type") is not None:
            types = types and mine.content_type == exp["content_type"].lower()
        if exp.get("sha256") is not None:
            contents = contents and exp["sha256"] in _digests(mine.content)
        cid = exp.get("content_id")
        cids = cids and (mine.content_id or None) == (cid.strip("<>") if cid else None)
    return {
        "attachments": len(got) == len(expected),
        "att_names": names,
        "att_types": types,
        "att_content": contents,
        "att_cid": cids,
    }
