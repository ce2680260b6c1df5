"""Automatic replies (RFC 3834, vendor headers, vacation notices) and bulk mail: never to be answered."""

from __future__ import annotations

import re
from email.message import Message

from helpdesk.mail.mailparts import header

_VACATION_SUBJECT_RE = re.compile(
    r"\b(?:out of (?:the )?office|auto(?:matic)?[ -]?(?:reply|response|answer)|vacation"
    r"|away from (?:the )?office"
    r"|on (?:leave|holiday|vacation)|abwesenheit|automatische antwort|nicht im büro|urlaub|absence|absent"
    r"|réponse automatique|respuesta automática|fuera de la oficina|risposta automatica|fuori sede"
    r"|automatisch antwoord|afwezig|odpowiedź automatyczna|poza biurem|automatisk svar|frånvaro|ferie)\b"
    r"|автоответ|автоматический ответ|отпуск|вне офиса|нет в офисе|отсутств|не в офисе|自動応答|自动回复"
    r"|不在",
    re.IGNORECASE,
)
_VACATION_BODY_RE = re.compile(
    r"\b(?:i am|i'm|i will be) (?:currently )?(?:out of (?:the )?office|on (?:vacation|holiday|leave)|away)"
    r"|\bwill (?:be )?(?:back|return) (?:on|in|to the office)\b|\bwith limited access to (?:e-?mail"
    r"|my email)\b"
    r"|\bich bin (?:bis|vom|derzeit|zur zeit|ab)\b[^\n]{0,100}\b(?:abwesend|nicht im büro|urlaub)"
    r"|я (?:в отпуске|нахожусь в отпуске|отсутствую)|буду (?:в офисе|отсутствовать)|вернусь",
    re.IGNORECASE,
)
# The prefixes mail servers put before the subject of an automatic answer ("Automatic reply: <subject>").
_AUTO_SUBJECT_PREFIX_RE = re.compile(
    r"^\s*(?:auto(?:matic)?[ -]?(?:reply|response|answer)?|autoreply|autoresponder|vacation(?: reply)?"
    r"|out of (?:the )?office(?: reply| notice)?|автоответ"
    r"|автоматический ответ|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique"
    r"|respuesta autom[áa]tica|risposta automatica|automatisch antwoord|odpowied[źz] automatyczna"
    r"|automatiskt svar|自動応答|自动回复)\s*:",
    re.IGNORECASE,
)
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Vacation", "X-Mail-Autoreply")
# RFC 3834 answers come from a person's mailbox; a system sender's automatic mail is none (as sisimai reads).
_SYSTEM_SENDER_RE = re.compile(r"\b(?:root|postmaster|mailer-daemon)@", re.IGNORECASE)


def auto_reply_kind(msg: Message, text: str) -> str | None:
    """``vacation`` for an out-of-office answer, ``auto`` for other automatic or bulk mail, else None."""
    submitted = header(msg, "Auto-Submitted").lower()
    subject = header(msg, "Subject")
    vacation = bool(_VACATION_SUBJECT_RE.search(subject)) or bool(_VACATION_BODY_RE.search(text[:2000]))
    system = bool(_SYSTEM_SENDER_RE.search(header(msg, "From")))
    if submitted and not submitted.startswith("no"):
        return "vacation" if vacation or submitted.startswith("auto-") and not system else "auto"
    if (
        any(header(msg, name) for name in _AUTO_HEADERS)
        or header(msg, "X-Apple-Action").lower() == "vacation"
    ):
        return "vacation"
    suppress = header(msg, "X-Auto-Response-Suppress").lower()
    if suppress and any(word in suppress for word in ("all", "oof", "autoreply")) and vacation:
        return "vacation"
    if header(msg, "X-MS-Exchange-Inbox-Rules-Loop") or header(msg, "X-MS-Exchange-Generated-Message-Source"):
        return "auto"
    precedence = header(msg, "Precedence").lower()
    if precedence == "auto_reply" and not system:
        return "vacation"
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return "vacation" if vacation else "auto"
    if header(msg, "List-Id") or header(msg, "List-Unsubscribe") or header(msg, "Feedback-ID"):
        return "auto"
    if _AUTO_SUBJECT_PREFIX_RE.match(subject):
        return "vacation"
    if _VACATION_SUBJECT_RE.search(subject) and _VACATION_BODY_RE.search(text[:2000]):
        return "vacation"
    return None
