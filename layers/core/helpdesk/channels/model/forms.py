"""Website forms: what a form asks, and the rules that tell a person's submission from a bot's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)|\[url[=\]]")
_MARKUP = re.compile(
    r"(?i)<\s*/?\s*(?:script|iframe|object|embed|svg|img|a|style|form)\b|javascript:|\bon\w+\s*="
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class FieldKind(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    TEXTAREA = "textarea"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    max_length: int = 200


@dataclass(frozen=True)
class FormSpec:
    """A form on a customer-facing site; its answers open a ticket in `mailbox`."""

    id: str
    title: str
    mailbox: str
    fields: tuple[FormField, ...]
    origins: tuple[str, ...] = ()  # sites allowed to post it from a browser (exact origins)
    honeypot: str = "website"  # hidden from people by the embed; only bots fill it
    min_seconds: int = 3  # a person needs longer than this from seeing the form to sending it
    max_age_seconds: int = 86_400
    max_links: int = 2
    per_client: tuple[int, int] = (10, 600)  # submissions per client address per seconds
    per_address: tuple[int, int] = (3, 3600)  # submissions per sender e-mail per seconds
    captcha: bool = False

    def allows(self, origin: str) -> bool:
        """No Origin is a server or a form without a browser's script; a browser's Origin must be listed."""
        return not origin or origin.rstrip("/") in {o.rstrip("/") for o in self.origins}

    @property
    def email_field(self) -> str:
        return next((f.name for f in self.fields if f.kind is FieldKind.EMAIL), "email")


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"  # the sender is told what to fix (422) or to wait (429); the submission is kept
    HELD = "held"  # answered like an accepted one (a bot learns nothing); kept for review


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    reasons: tuple[str, ...] = ()
    problems: dict[str, str] = field(default_factory=dict)  # field -> what to fix, shown to the sender


def clean_value(value: str) -> str:
    return _CONTROLS.sub("", value).replace("\r\n", "\n").strip()


def field_problems(spec: FormSpec, answers: dict[str, str]) -> dict[str, str]:
    """What the sender must fix, per field: required, too long, not an address. Unknown fields are ignored."""
    problems = {}
    for f in spec.fields:
        value = answers.get(f.name, "")
        if f.required and not value:
            problems[f.name] = f"{f.label} is required"
        elif len(value) > f.max_length:
            problems[f.name] = f"{f.label} is longer than {f.max_length} characters"
        elif f.kind is FieldKind.EMAIL and value and not _ADDRESS.fullmatch(value):
            problems[f.name] = f"{f.label} is not an e-mail address"
    return problems


def content_signals(spec: FormSpec, answers: dict[str, str]) -> list[str]:
    """Reasons a filled-in form looks like spam, in words staff read when reviewing it."""
    reasons = []
    if answers.get(spec.honeypot):
        reasons.append(f"honeypot: the hidden field '{spec.honeypot}' was filled in")
    text = "\n".join(answers.get(f.name, "") for f in spec.fields)
    links = len(_LINK.findall(text))
    if links > spec.max_links:
        reasons.append(f"links: {links} links (at most {spec.max_links})")
    marked = [f.name for f in spec.fields if _MARKUP.search(answers.get(f.name, ""))]
    if marked:
        reasons.append(f"markup: script or HTML in {', '.join(marked)}")
    return reasons


def timing_signal(spec: FormSpec, shown_at: datetime | None, now: datetime) -> str:
    if shown_at is None:
        return "timing: no valid form token (the form was not loaded from us)"
    elapsed = (now - shown_at).total_seconds()
    if elapsed < spec.min_seconds:
        return (
            f"too_fast: sent {elapsed:.1f} s after the form was shown (a person needs {spec.min_seconds} s)"
        )
    if elapsed > spec.max_age_seconds:
        return "stale: the form was shown more than a day ago; load it again"
    return ""
