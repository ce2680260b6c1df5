"""The mail a license holder gets when staff change a license, in their language where a text exists (pure)."""
# ruff: noqa: E501  (one translated sentence per line reads and diffs better than wrapped fragments)

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.licensing.model.history import LicenseAction, LicenseEvent

DEFAULT_LANGUAGE = "en"
EXTENDED = "extend"  # a renewal staff made by hand reads as an extension to the customer

# (subject, what happened); {title} "Payments Plus — Standard", {domains}, {old}, {new}, {until}
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        LicenseAction.SUSPEND: ("Your {title} license is suspended", "your {title} license ({domains}) was suspended. While it is suspended, it does not validate online."),
        LicenseAction.RESUME: ("Your {title} license is active again", "your {title} license ({domains}) was resumed and validates again."),
        LicenseAction.REVOKE: ("Your {title} license was revoked", "your {title} license ({domains}) was revoked. Its key no longer works."),
        LicenseAction.TRANSFER: ("Your {title} license moved to {new}", "your {title} license moved from {old} to {new}."),
        LicenseAction.UPGRADE: ("Your {title} license was upgraded", "your license was upgraded to {title} ({domains})."),
        EXTENDED: ("Your {title} license now runs until {until}", "your {title} license ({domains}) was extended until {until}."),
        "transferred_away": ("Your {title} license was transferred", "your {title} license ({old}) was transferred to another holder. Its old key no longer works for you."),
        "hello": ("", "Hello {name},"),
        "why": ("", "Reason: {reason}"),
        "key": ("", "Your new license key (the previous key stops validating online):"),
        "key_in_cabinet": ("", "The license has a new key: {holder} received it, and it is in the cabinet."),
        "bye": ("", "Questions? Just answer this mail."),
    },
    "ru": {
        LicenseAction.SUSPEND: ("Лицензия {title} приостановлена", "ваша лицензия {title} ({domains}) приостановлена. Пока она приостановлена, онлайн-проверка не проходит."),
        LicenseAction.RESUME: ("Лицензия {title} снова действует", "ваша лицензия {title} ({domains}) возобновлена и снова проходит проверку."),
        LicenseAction.REVOKE: ("Лицензия {title} отозвана", "ваша лицензия {title} ({domains}) отозвана. Её ключ больше не действует."),
        LicenseAction.TRANSFER: ("Лицензия {title} перенесена на {new}", "ваша лицензия {title} перенесена с {old} на {new}."),
        LicenseAction.UPGRADE: ("Лицензия {title} повышена", "ваша лицензия повышена до {title} ({domains})."),
        EXTENDED: ("Лицензия {title} продлена до {until}", "ваша лицензия {title} ({domains}) продлена до {until}."),
        "transferred_away": ("Лицензия {title} передана", "ваша лицензия {title} ({old}) передана другому владельцу. Прежний ключ больше не действует."),
        "hello": ("", "Здравствуйте, {name}!"),
        "why": ("", "Причина: {reason}"),
        "key": ("", "Ваш новый лицензионный ключ (прежний перестаёт проходить онлайн-проверку):"),
        "key_in_cabinet": ("", "У лицензии новый ключ: его получил(а) {holder}, он есть в личном кабинете."),
        "bye": ("", "Вопросы? Просто ответьте на это письмо."),
    },
}  # fmt: skip


@dataclass(frozen=True)
class ChangeMail:
    subject: str
    text: str


def change_mail(
    event: LicenseEvent,
    title: str,
    domains: tuple[str, ...],
    name: str,
    language: str,
    key: str = "",
    key_holder: str = "",
) -> ChangeMail:
    """`key` only for the holder, only when it changed; `key_holder` tells the organisation's other contacts
    who got it. Action "transferred_away" tells a former holder's organisation."""
    texts = TEXTS.get((language or "").lower()[:2], TEXTS[DEFAULT_LANGUAGE])
    kind = EXTENDED if event.action == LicenseAction.RENEW else event.action
    old, _, new = event.detail.partition(" -> ")
    until = _day(event.detail) if event.action == LicenseAction.RENEW else ""
    values = {"title": title, "domains": ", ".join(domains), "old": old, "new": new, "until": until}
    subject, lead = (part.format(**values) for part in texts[kind])
    lines = [texts["hello"][1].format(name=name), "", lead]
    if event.reason:
        lines += ["", texts["why"][1].format(reason=event.reason)]
    if key:
        lines += ["", texts["key"][1], key]
    elif key_holder:
        lines += ["", texts["key_in_cabinet"][1].format(holder=key_holder)]
    lines += ["", texts["bye"][1]]
    return ChangeMail(subject, "\n".join(lines) + "\n")


def _day(iso: str) -> str:
    return f"{datetime.fromisoformat(iso):%Y-%m-%d}"
