"""Corpus cases with their expected results, in one shape: field -> expected value (absent = not asserted)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import getaddresses
from pathlib import Path
from typing import Any


@dataclass
class Case:
    corpus: str
    name: str
    raw: bytes
    expected: dict[str, Any]
    form: str = "lf"  # "lf" | "crlf"
    file: str = ""  # path below the corpus folder: decides the half (tests/corpus/halves.py)


def to_crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def to_lf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n")


def both_forms(cases: Iterator[Case]) -> Iterator[Case]:
    for case in cases:
        yield Case(case.corpus, case.name, to_lf(case.raw), case.expected, "lf", case.file)
        yield Case(case.corpus, case.name, to_crlf(case.raw), case.expected, "crlf", case.file)


def _emails(value: str | None) -> list[str]:
    return [a.lower() for _, a in getaddresses([value or ""]) if "@" in a]


def _zammad_body(body: str | None) -> str:
    # zammad shows this placeholder for an empty body
    return "" if (body or "").strip() == "no visible content" else body or ""


def zammad_cases(root: Path) -> Iterator[Case]:
    data = json.loads((root / "zammad" / "expected.json").read_text())
    for name, exp in data.items():
        if name.startswith("_"):
            continue
        raw = (root / "zammad" / exp["mail_file"]).read_bytes()
        expected: dict[str, Any] = {
            "subject": exp["subject"] or "",
            "from": (exp["from_email"] or "").lower(),
            "from_name": exp["from_display_name"] or "",
            "to": _emails(exp["to"]),
            "cc": _emails(exp["cc"]),
            "reply_to": _emails(exp["reply-to"]),
            "html" if exp["content_type"] == "text/html" else "text": _zammad_body(exp["body"]),
            "attachments": [
                {
                    "filename": a["filename"],
                    "content_type": a["mime_type"],
                    "size": a["size"],
                    "sha256": a["sha256"],
                    "content_id": a.get("content_id"),
                }
                for a in exp["attachments"]
                if not a.get("zammad_alternative")
            ],
        }
        yield Case("zammad", name, raw, expected, file=exp["mail_file"])


def stalwart_cases(root: Path) -> Iterator[Case]:
    base = root / "stalwart-mail-parser"
    for eml in sorted(base.glob("*/*.eml")):
        raw = eml.read_bytes()
        name = f"{eml.parent.name}/{eml.stem}"
        for form, suffix, data in (("lf", ".json", to_lf(raw)), ("crlf", ".crlf.json", to_crlf(raw))):
            spec = eml.with_name(eml.stem + suffix)
            if spec.exists():
                expected = stalwart_expected(json.loads(spec.read_text()))
                yield Case("stalwart", name, data, expected, form, f"{eml.parent.name}/{eml.name}")


def stalwart_expected(doc: dict[str, Any]) -> dict[str, Any]:
    parts = doc["parts"]
    headers = {str(h["name"]): h["value"] for h in parts[0]["headers"]} if parts else {}

    def text(key: str) -> str | None:
        value = headers.get(key)
        if isinstance(value, dict):
            inner = value.get("Text", value.get("TextList"))
            return " ".join(inner) if isinstance(inner, list) else inner
        return None

    def ids(key: str) -> list[str]:
        value = headers.get(key)
        if not isinstance(value, dict):
            return []
        inner = value.get("Text", value.get("TextList", []))
        return [inner] if isinstance(inner, str) else list(inner)

    def addresses(key: str) -> list[dict[str, str]]:
        value = headers.get(key)
        if not isinstance(value, dict) or "Address" not in value:
            return []
        address = value["Address"]
        found = list(address.get("List", []))
        for group in address.get("Group", []):
            found.extend(group.get("addresses") or [])
        return [{"name": a.get("name") or "", "address": (a.get("address") or "").lower()} for a in found]

    def body(indexes: list[int], kinds: tuple[str, ...]) -> str:
        pieces = []
        for i in indexes:
            kind, content = next(iter(parts[i]["body"].items()))
            if kind in kinds:
                pieces.append((kind, content))
        return json.dumps(pieces)

    senders = addresses("from")
    expected: dict[str, Any] = {
        "subject": text("subject") or "",
        "from": senders[0]["address"] if senders else None,
        "from_name": senders[0]["name"] if senders else None,
        "to": [a["address"] for a in addresses("to") if a["address"]],
        "cc": [a["address"] for a in addresses("cc") if a["address"]],
        "reply_to": [a["address"] for a in addresses("reply_to") if a["address"]],
        "date": headers.get("date", {}).get("DateTime") if isinstance(headers.get("date"), dict) else None,
        "message_id": (ids("message_id") or [None])[0],
        "in_reply_to": ids("in_reply_to"),
        "references": ids("references"),
        "text_parts": body(doc["text_body"], ("Text", "Html")),
        "html_parts": body(doc["html_body"], ("Text", "Html")),
        "attachments": [_stalwart_attachment(parts[i]) for i in doc["attachments"]],
    }
    return expected


def _stalwart_attachment(part: dict[str, Any]) -> dict[str, Any]:
    headers = {str(h["name"]): h["value"] for h in part["headers"]}

    def param(header: str, name: str) -> str | None:
        value = headers.get(header)
        attrs = (value or {}).get("ContentType", {}).get("attributes") if isinstance(value, dict) else None
        for attr in attrs or []:
            if attr["name"].lower() == name:
                return attr["value"]
        return None

    ctype = headers.get("content_type")
    mime = None
    if isinstance(ctype, dict) and "ContentType" in ctype:
        c = ctype["ContentType"]
        mime = f"{c['c_type']}/{c['c_subtype']}".lower() if c.get("c_subtype") else c["c_type"].lower()
    kind, content = next(iter(part["body"].items()))
    found: dict[str, Any] = {
        "filename": param("content_disposition", "filename") or param("content_type", "name"),
        "content_type": mime,
        "content_id": (headers.get("content_id") or {}).get("Text")
        if isinstance(headers.get("content_id"), dict)
        else None,
    }
    if kind in ("Binary", "InlineBinary"):
        data = bytes(content)
        found.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    elif kind in ("Text", "Html"):
        data = content.encode("utf-8")
        found.update(size=len(data), sha256=hashlib.sha256(data).hexdigest(), text=content)
    return found


def tnef_cases(root: Path) -> Iterator[Case]:
    data = json.loads((root / "tnefparse" / "expected.json").read_text())
    for name, exp in data.items():
        if name.startswith("_"):
            continue
        blob = (root / "tnefparse" / exp["input"]).read_bytes()
        yield Case(
            "tnefparse",
            name,
            wrap_tnef(blob),
            {"tnef_files": exp["attachments"], "tnef_body": exp["body"]},
            file=exp["input"],
        )


def wrap_tnef(blob: bytes) -> bytes:
    import base64

    encoded = base64.encodebytes(blob)
    return (
        b"From: Outlook User <user@example.com>\nTo: help@example.com\nSubject: winmail\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
        b'Content-Type: application/ms-tnef; name="winmail.dat"\nContent-Transfer-Encoding: base64\n'
        b'Content-Disposition: attachment; filename="winmail.dat"\n\n' + encoded + b"\n--b1--\n"
    )


ADDED = Path(__file__).resolve().parent / "data"


def other_mails(root: Path) -> Iterator[tuple[str, Path]]:
    """Every other mail in the corpora, the added ones included: used for robustness and LF/CRLF checks."""
    for pattern in ("sisimai/bsd/*.eml", "sisimai/not/*.eml", "talon/**/*.eml", "talon/*.eml"):
        for path in sorted(root.glob(pattern)):
            yield pattern.split("/")[0], path
    for path in sorted(ADDED.glob("*/**/*.eml")):
        yield path.relative_to(ADDED).parts[0], path
