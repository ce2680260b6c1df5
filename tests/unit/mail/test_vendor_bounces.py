"""Bounces of mail systems the shared sample has no mail from, each written here in its published format.

The mails in `vendor_bounces/` are synthetic: their markers (subject, sender, start and end of the report,
where the recipient and the server's answer stand) are the ones sisimai's parser module for that system
documents; addresses and wording are our own. The expectations are what that module and sisimai's reason
tables give for such a mail: recipient, RFC 3463 status (``x.0.9xx`` is sisimai's pseudo code for a notice
without one), SMTP reply code and reason.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from helpdesk.mail.classify import classify
from helpdesk.mail.mailparts import body_texts
from helpdesk.mail.model import MailKind

pytestmark = pytest.mark.unit

MAILS = Path(__file__).parent / "vendor_bounces"
HARD = frozenset({"userunknown", "hostunknown", "hasmoved"})

EXPECTED: dict[str, list[tuple[str, str, str | None, str]]] = {  # mail: (recipient, status, reply, reason)
    "aol": [("nekochan@example.jp", "5.4.4", None, "hostunknown"),
            ("mikeneko@example.org", "5.2.2", "552", "mailboxfull")],
    "apachejames": [("kijitora@example.org", "5.1.1", "550", "userunknown")],
    "biglobe_2": [("shironeko@catv.example.jp", "5.0.910", None, "filtered")],
    "bigfoot": [("destination@example.net", "5.1.1", "553", "userunknown")],
    "biglobe": [("kuroneko@mail.biglobe.example.jp", "5.0.922", None, "mailboxfull")],
    "deutschetelekom": [("hachiware@t-online.example.de", "5.2.2", "552", "mailboxfull")],
    "smail": [("sabaneko@nyaan.example.com", "5.0.912", None, "hostunknown")],
    "facebook_2": [("calico@facebook.com", "5.7.1", "554", "blocked")],
    "facebook": [("tabby.cat@facebook.com", "5.1.1", "550", "filtered")],
    "google_2": [("sabineko@nxdomain.example.org", "5.0.912", None, "hostunknown")],
    "google": [("kijitora@example.jp", "5.0.911", "550", "userunknown")],
    "gsuite_2": [("kuroneko@example.net", "4.0.0", None, "networkerror")],
    "gsuite": [("mikeneko@example.co.jp", "5.1.0", "550", "userunknown")],
    "interscanmss_2": [("hachiware@neko.example.jp", "5.0.911", None, "userunknown")],
    "interscanmss": [("kijitora@example.co.jp", "5.1.1", "550", "userunknown")],
    "trendmicro": [("shironeko@example.co.jp", "5.1.1", "550", "userunknown")],
    "mailfoundry": [("kijitora@example.org", "5.2.2", "552", "mailboxfull")],
    "mailmarshal": [("kijitora@example.net", "5.1.1", "550", "userunknown")],
    "mailmarshalsmtp": [("mikeneko@example.net", "5.0.980", "554", "spamdetected")],
    "messagelabs_2": [("kijitora@example.net", "5.0.0", "553", "securityerror")],
    "messagelabs": [("sabineko@example.jp", "5.0.0", "550", "userunknown")],
    "mimecast": [("sabineko@neko.example.org", "5.1.1", None, "userunknown")],
    "mxlogic": [("kijitora@example.co.jp", "5.1.1", "550", "userunknown")],
    "notes_2": [("kijitora@notes.example.jp", "5.0.911", None, "userunknown")],
    "notes": [("hachiware@notes.example.jp", "5.0.911", None, "userunknown")],
    "surfcontrol": [("kuroneko@example.com", "5.0.910", "550", "filtered")],
    "verizon_2": [("5555550101@vzwpix.com", "5.0.911", None, "userunknown")],
    "verizon": [("5555550100@vtext.com", "5.0.911", "550", "userunknown")],
    "x4_2": [("kuroneko@nohost.example.net", "5.1.2", None, "hostunknown")],
    "x4_3": [("sabineko@example.org", "5.7.1", "554", "blocked")],
    "x4": [("mikeneko@example.jp", "5.1.1", "550", "userunknown")],
    "yandex": [("kijitora@example.jp", "5.1.1", "550", "userunknown"),
               ("mikeneko@example.jp", "5.2.2", "552", "mailboxfull")],
}  # fmt: skip


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_vendor_bounce_reads_as_its_parser_documents(name: str, crlf: bool) -> None:
    raw = (MAILS / f"{name}.eml").read_bytes()
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    kind, bounce = classify(msg, "\n".join(body_texts(msg)))
    assert kind is MailKind.BOUNCE and bounce is not None
    got = [(r.address, r.status, r.reply_code, r.reason, r.hard) for r in bounce.recipients]
    assert got == [(*row, row[3] in HARD) for row in EXPECTED[name]]


def test_every_mail_has_an_expectation() -> None:
    assert sorted(p.stem for p in MAILS.glob("*.eml")) == sorted(EXPECTED)
