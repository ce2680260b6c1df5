"""Customers are known by their mail address; organisations by their mail domain (never a free-mail
domain)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "proton.me",
        "protonmail.com",
        "mail.ru",
        "yandex.ru",
        "ya.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "rambler.ru",
        "mail.com",
        "zoho.com",
        "t-online.de",
        "qq.com",
        "163.com",
    }
)


def stable_id(*parts: str) -> str:
    """A deterministic id: the same inputs always name the same entity, which makes retries idempotent."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


# C0/C1 controls, and the invisible format characters (bidi overrides, zero-width) that disguise an address.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_EDGES = re.compile(r"^[\s\x00-\x1f\x7f]+|[\s\x00-\x1f\x7f]+$")


def normalise_email(address: str) -> str:
    return address.strip().lower()


# What a reply can be sent to: SES takes no SMTPUTF8, so a local part is 7-bit and a domain ASCII (punycode).
PLAIN_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$"
)


def mail_address(address: str) -> str:
    """The stored form of a mail address, or "" when it cannot be one: a control or bidi character inside it
    would show another address than the real one, and anything a reply's To cannot carry would fail every
    later reply of its ticket (422). An internationalised domain is kept in its punycode form."""
    value = _EDGES.sub("", address or "").lower()
    if _HIDDEN.search(value):
        return ""
    local, _, domain = value.rpartition("@")
    try:
        domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    value = f"{local}@{domain}"
    return value if PLAIN_ADDRESS.fullmatch(value) else ""


def shown_text(value: str) -> str:
    """A sender-supplied value made safe to list: controls and invisible format characters removed."""
    return _HIDDEN.sub("", value or "")


def mail_domain(address: str) -> str:
    return normalise_email(address).rpartition("@")[2]


def organisation_domain(address: str, free_mail: frozenset[str] = FREE_MAIL_DOMAINS) -> str | None:
    domain = mail_domain(address)
    if not domain or domain in free_mail:
        return None
    return domain


@dataclass(frozen=True)
class Organisation:
    id: str
    domain: str
    name: str

    @classmethod
    def for_domain(cls, domain: str) -> Organisation:
        return cls(id=stable_id("org", domain), domain=domain, name=domain)

    @property
    def claimed(self) -> bool:
        """A registered customer's organisation owns the domain (not the id derived from the domain)."""
        return self.id != stable_id("org", self.domain)


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    name: str = ""
    organisation_id: str | None = None
    undeliverable: bool = False
    undeliverable_reason: str = ""
    # Registered customers (sign-up, purchase, an account) keep their organisation; the others follow their
    # mail domain's organisation.
    registered: bool = False
    language: str = ""  # the language they write in (ISO 639-1), kept until a mail clearly shows another

    @classmethod
    def for_email(
        cls, email: str, name: str = "", organisation_id: str | None = None, language: str = ""
    ) -> Customer:
        email = normalise_email(email)
        return cls(
            id=customer_id_for(email),
            email=email,
            name=name,
            organisation_id=organisation_id,
            language=language,
        )

    def mark_undeliverable(self, reason: str) -> Customer:
        return replace(self, undeliverable=True, undeliverable_reason=reason)


def customer_id_for(email: str) -> str:
    return stable_id("customer", normalise_email(email))
