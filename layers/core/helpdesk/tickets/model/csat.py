"""Customer satisfaction: one survey per solve, rated good or bad once through a signed link."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Rating(StrEnum):
    GOOD = "good"
    BAD = "bad"


@dataclass(frozen=True)
class Survey:
    id: str
    ticket_id: str
    number: str
    mailbox: str
    agent: str | None  # who solved it: the ticket's assignee then
    customer: str
    sent_at: datetime
    rating: Rating | None = None
    rated_at: datetime | None = None
    comment: str = ""


@dataclass(frozen=True)
class TicketSurvey:
    """A ticket's survey with the token its customer rates it by (the one their mail's links carry)."""

    survey: Survey
    token: str


_TOKEN = re.compile(r"^([0-9a-f]{20})\.([0-9a-f]{32})$")


def _signature(survey_id: str, secret: bytes) -> str:
    return hmac.new(secret, b"csat:" + survey_id.encode(), hashlib.sha256).hexdigest()[:32]


def survey_token(survey_id: str, secret: bytes) -> str:
    return f"{survey_id}.{_signature(survey_id, secret)}"


def survey_id_of(token: str, secret: bytes) -> str | None:
    """The survey's id if the token is genuine, else None."""
    match = _TOKEN.fullmatch(token.strip().lower())
    if not match or not hmac.compare_digest(match[2], _signature(match[1], secret)):
        return None
    return match[1]


@dataclass(frozen=True)
class ScoreRow:
    key: str
    good: int
    bad: int

    @property
    def score(self) -> int | None:
        """Good ratings as a whole percentage of all ratings (Zendesk's CSAT score)."""
        total = self.good + self.bad
        return round(100 * self.good / total) if total else None


@dataclass(frozen=True)
class CsatReport:
    agents: list[ScoreRow]
    mailboxes: list[ScoreRow]
    total: ScoreRow


def scores(surveys: Iterable[Survey], key: Callable[[Survey], str]) -> list[ScoreRow]:
    tally: dict[str, list[int]] = {}
    for survey in surveys:
        if survey.rating is not None:
            counts = tally.setdefault(key(survey), [0, 0])
            counts[survey.rating is Rating.BAD] += 1
    return [ScoreRow(k, good, bad) for k, (good, bad) in sorted(tally.items())]


SURVEY_MAIL = {
    "en": (
        "Hello,\n\nyour request {number} is solved. How did we do?\n\n"
        "Good, I'm satisfied: {good}\nBad, I'm unsatisfied: {bad}\n\n"
        "One click is enough; you can add a comment on the page.\n\nYour support team\n"
    ),
    "ru": (
        "Здравствуйте!\n\nВаше обращение {number} решено. Как мы справились?\n\n"
        "Хорошо, я доволен: {good}\nПлохо, я недоволен: {bad}\n\n"
        "Достаточно одного нажатия; на странице можно оставить комментарий.\n\nВаша служба поддержки\n"
    ),
}


def survey_mail_text(language: str | None, number: str, good: str, bad: str) -> str:
    template = SURVEY_MAIL.get(language or "en", SURVEY_MAIL["en"])
    return template.format(number=number, good=good, bad=bad)
