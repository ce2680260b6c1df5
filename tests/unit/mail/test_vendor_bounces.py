"""Bounces of mail systems, each written here in the format sisimai's parser module for it documents.

First the systems the shared sample has no mail from; then (second table) every layout variant that
the parser modules of the sample's own systems handle (several recipients, delay notices, local
errors, session-stage refusals, vendor message tables, generic DSN field variants, feedback reports,
auto replies), whose expectations are what sisimai's own code gives for the mail.

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
VARIANTS: dict[str, list[tuple[str, str | None, str | None, str]]] = {
    "activehunter_1": [("buchi@example.co.jp", "5.1.1", "550", "userunknown")],
    "amazonses_1": [("kijitora@example.org", "5.1.1", "550", "userunknown"),
                   ("mikeneko@example.org", "5.2.2", "552", "mailboxfull")],
    "amazonses_2": [("kijitora@example.org", None, None, "feedback")],
    "amazonses_3": [("mikeneko@example.org", "2.6.0", "250", "delivered")],
    "arf_1": [("kijitora@example.net", None, None, "feedback")],
    "arf_2": [("mikeneko@example.net", None, None, "feedback")],
    "courier_1": [("kijitora@example.net", "5.1.1", "550", "userunknown")],
    "courier_3": [("sabineko@nohost.example.net", "5.0.0", None, "hostunknown")],
    "courier_4": [("tama@dnsfail.example.org", "5.0.0", None, "networkerror")],
    "domino_1": [("kijitora@example.jp", "5.0.911", None, "userunknown")],
    "domino_2": [("mikeneko@example.jp", "5.0.910", None, "filtered")],
    "domino_3": [("sabineko@example.jp", "5.0.930", None, "systemerror")],
    "domino_4": [("hachiware@example.net", "5.7.1", "550", "spamdetected")],
    "dragonfly_1": [("buchi@example.net", "5.1.1", "550", "userunknown")],
    "dragonfly_2": [("mike@slow.example.net", "5.0.947", None, "expired")],
    "einsundeins_1": [("sabineko@example.de", "5.0.934", None, "mesgtoobig")],
    "einsundeins_2": [("hachiware@example.net", "5.1.1", "550", "userunknown")],
    "exchange2003_1": [("kijitora@example.co.jp", "5.0.911", None, "userunknown"),
                      ("mikeneko@example.co.jp", "5.0.944", None, "networkerror")],
    "exchange2007_1": [("kijitora@example.jp", "5.1.1", "550", "userunknown")],
    "exchange2007_2": [("mikeneko@example.jp", "5.7.1", "550", "rejected"),
                      ("sabineko@example.jp", "5.2.3", "550", "exceedlimit")],
    "exchange2007_3": [("hachiware@slow.example.net", "4.4.7", None, "expired")],
    "exchange2007_4": [("tama@nohost.example.fr", "5.4.4", "554", "hostunknown")],
    "exchange2007_5": [("kuro@example.org", "5.7.1", "554", "blocked")],
    "exim_1": [("kijitora@example.net", "5.1.1", "550", "userunknown")],
    "exim_2": [("sabineko@nohost.example.org", "5.0.912", None, "hostunknown"),
              ("mikeneko@example.jp", "4.0.922", None, "mailboxfull")],
    "exim_3": [("hachiware@example.net", "4.7.1", "451", "blocked")],
    "exim_4": [("shironeko@example.co.jp", "5.7.1", "550", "securityerror")],
    "exim_5": [("tama@example.org", "5.0.971", "554", "blocked")],
    # Refused on connecting, words naming a missing PTR: the more specific reason wins over the refusal.
    "exim_10": [("tama@example.org", "5.0.973", "554", "requireptr")],
    "exim_6": [("nekochan@example.com", "5.0.930", None, "systemerror")],
    "exim_7": [("kuro@example.com", "5.0.912", None, "hostunknown")],
    "exim_8": [("buchi@example.net", "5.7.1", "550", "spamdetected")],
    "exim_9": [("kiji@example.com", "5.7.1", "554", "blocked")],
    "ezweb_1": [("tama@ezweb.ne.jp", "5.0.921", "550", "suspend")],
    "ezweb_2": [("kuro@ezweb.ne.jp", "5.0.947", None, "expired")],
    "gmail_1": [("kijitora@example.net", "5.0.971", "554", "blocked")],
    "gmail_2": [("sabineko@nohost.example.org", "5.0.912", None, "hostunknown")],
    "gmail_3": [("hachiware@slow.example.net", "4.0.947", None, "expired")],
    "gmail_4": [("tama@example.co.jp", "5.7.1", "550", "securityerror")],
    "gmx_1": [("kijitora@example.org", "5.1.1", "550", "userunknown")],
    "googleworkspace_1": [("kijitora@example.co.jp", "5.0.911", None, "userunknown")],
    "googleworkspace_2": [("sabineko@nohost.example.org", "5.0.944", None, "networkerror")],
    "googleworkspace_3": [("mikeneko@example.net", "5.7.1", "550", "norelaying")],
    "googleworkspace_4": [("tama@nullmx.example.com", "5.0.932", None, "notaccept")],
    "imailserver_1": [("sabineko@example.jp", "5.0.911", None, "userunknown")],
    "imailserver_2": [("hachiware@example.jp", "5.0.922", "552", "mailboxfull")],
    "messagingserver_1": [("kijitora@example.jp", "5.1.1", "550", "userunknown")],
    "mfilter_1": [("tama@example.co.jp", "5.1.1", "550", "userunknown")],
    "mfilter_2": [("kuro@example.co.jp", "4.2.2", "452", "mailboxfull")],
    "office365_1": [("kijitora@example.com", "5.1.10", "550", "userunknown")],
    "office365_2": [("mikeneko@example.com", "5.1.10", "550", "userunknown")],
    "office365_3": [("sabineko@example.org", "5.7.606", "550", "blocked")],
    "office365_4": [("tama@example.org", "5.2.2", "554", "mailboxfull")],
    "opensmtpd_1": [("kijitora@example.net", "5.2.2", "550", "mailboxfull"),
                   ("mikeneko@example.net", "5.1.1", "550", "userunknown")],
    "opensmtpd_2": [("hachiware@slow.example.org", "4.0.944", "421", "networkerror")],
    "opensmtpd_3": [("sabineko@nohost.example.net", "5.0.912", None, "hostunknown")],
    "opensmtpd_4": [("tama@example.org", "5.0.947", None, "expired")],
    "opensmtpd_5": [("kuro@nullmx.example.com", "5.0.932", None, "notaccept")],
    "postfix_1": [("kijitora@example.net", "5.1.1", "550", "userunknown"),
                 ("mikeneko@example.org", "4.2.2", "452", "mailboxfull")],
    "postfix_2": [("shironeko@example.co.jp", "5.7.1", "550", "norelaying")],
    "postfix_3": [("nekochan@home.example.jp", "5.0.910", None, "filtered")],
    "postfix_4": [("hachiware@example.org", "5.0.900", None, "undefined")],
    "postfix_5": [("kijitora@example.jp", "5.1.1", "550", "userunknown")],
    "postfix_6": [("sabineko@example.jp", "5.4.6", None, "systemerror")],
    "postfix_7": [("tora@example.net", "5.0.0", "554", "blocked")],
    "qmail_1": [("kijitora@example.net", "5.1.1", "550", "userunknown")],
    "qmail_10": [("chibi@example.net", "4.2.2", None, "mailboxfull")],
    "qmail_2": [("mikeneko@example.jp", "5.1.1", None, "userunknown"),
               ("sabineko@nohost.example.org", "5.1.2", None, "hostunknown")],
    "qmail_3": [("hachiware@example.net", "4.3.0", "451", "systemerror")],
    "qmail_4": [("tama@example.org", "5.1.8", "553", "rejected")],
    "qmail_5": [("kuro@example.co.jp", "5.5.4", "501", "blocked")],
    "qmail_6": [("buchi@example.jp", "5.2.1", None, "suspend")],
    "qmail_7": [("shiro@slow.example.net", "4.4.1", None, "networkerror")],
    "qmail_8": [("mike@example.com", "5.3.4", "552", "mesgtoobig")],
    "qmail_9": [("nyao@example.org", "5.0.921", None, "suspend")],
    "rfc3464_1": [("kijitora@example.org", "5.1.1", "550", "userunknown")],
    "rfc3464_2": [("sales@example.org", "5.2.2", "552", "mailboxfull")],
    "rfc3464_4": [("sabineko@example.org", "5.1.3", "553", "userunknown")],
    "rfc3464_5": [("hachiware@slow.example.org", "4.4.1", None, "expired")],
    "rfc3464_6": [("shiro@slow.example.net", "4.4.1", None, "expired")],
    "rfc3834_1": [("kijitora@example.org", None, None, "vacation")],
    "rfc3834_2": [("kijitora@example.org", None, None, "vacation")],
    "rfc3834_3": [("kijitora@example.org", None, None, "vacation")],
    "rfc3834_4": [("kijitora@example.org", None, None, "vacation")],
    "rfc3834_5": [("kijitora@example.org", None, None, "vacation")],
    "sendmail_1": [("kijitora@example.org", "5.1.1", "550", "userunknown")],
    "sendmail_2": [("mikeneko@example.net", "5.2.2", "552", "mailboxfull"),
                  ("sabineko@example.net", "5.7.1", "550", "rejected")],
    "sendmail_3": [("hachiware@slow.example.org", "4.4.1", None, "expired")],
    "sendmail_4": [("shironeko@nohost.example.net", "5.1.2", "550", "hostunknown")],
    "sendmail_5": [("info@example.co.jp", "5.1.1", "550", "userunknown")],
    "sendmail_6": [("tama@example.jp", "5.2.2", "552", "mailboxfull")],
    "v5sendmail_1": [("kijitora@example.org", "5.0.911", "550", "userunknown")],
    "v5sendmail_2": [("kijitora@example.org", "5.0.911", "550", "userunknown"),
                    ("mikeneko@example.org", "5.0.912", "550", "hostunknown")],
    "v5sendmail_3": [("sabineko@nohost.example.net", "5.0.912", "550", "hostunknown")],
    "v5sendmail_4": [("shironeko@example.net", "4.0.947", "421", "expired")],
    "v5sendmail_5": [("hachiware@example.co.jp", "5.0.922", "552", "mailboxfull")],
    "zoho_1": [("kijitora@example.co.jp", "5.1.1", "550", "userunknown"),
              ("shironeko@example.org", "5.0.910", "550", "filtered")],
    "zoho_2": [("mikeneko@example.co.jp", "5.2.2", "552", "mailboxfull")],
    "zoho_3": [("hachiware@slow.example.net", "4.0.947", "421", "expired")],
}  # fmt: skip
# Causes of the development misses on the two bounce handlers' corpora (docs/mail-corpus.md, eighth round),
# each written as a small mail of the layout it was found in; expectations as /tmp/sisi gives them.
CAUSES: dict[str, list[tuple[str, str | None, str | None, str]]] = {
    # sisimai reads "expired" again over the whole notice: a dropped connection is a refusal (why-blocked.go)
    "gmail_delay_dropped": [("kijitora@example.net", "4.0.971", None, "blocked")],
    "gmail_dropped": [("sabineko@example.net", "5.0.971", None, "blocked")],
    # phrases of sisimai's MailboxFull list our table lacked ("not enough disk space" is no system fullness)
    "qmail_quota_usage": [("mikeneko@example.org", "5.0.922", None, "mailboxfull")],
    "qmail_storage_space": [("sabineko@example.org", "5.0.922", None, "mailboxfull")],
    "qmail_disk_space": [("shironeko@example.org", "5.0.922", None, "mailboxfull")],
    # a Final-Recipient that is a delivery agent's route gives way to the Original-Recipient; "522" and
    # "511" are vendors' numbers, not SMTP replies (sisimai's smtp/reply lists)
    "messagingserver_route": [("mikeneko@example.org", "5.2.0", None, "mailboxfull")],
    "rfc3464_vendor_number": [("sabineko@example.net", "5.1.1", None, "userunknown")],
    # blank and whitespace-only lines before the header block (a store's export) are nothing
    "rfc3464_leading_blank_lines": [("kijitora@example.net", "5.1.1", None, "userunknown")],
    # qmail-remote's "does not like recipient." answers RCPT: "mailbox unavailable" is no filter there
    "qmail_rcpt_unavailable": [("hachiware@example.net", "5.0.911", "550", "userunknown")],
    # phrases of sisimai's Blocked list, and Exim's "unrouteable mail domain" on its NetworkError list
    "postfix_ip_blocked": [("kijitora@example.net", "5.0.0", "550", "blocked")],
    "exim_unrouteable_domain": [("mikeneko@example.invalid", "5.0.944", None, "networkerror")],
}  # fmt: skip
EXPECTED.update(VARIANTS)
EXPECTED.update(CAUSES)
KIND_OF_REASON = {"feedback": MailKind.FEEDBACK_REPORT, "delivered": MailKind.DELIVERY_REPORT,
                  "vacation": MailKind.AUTO_REPLY}  # fmt: skip


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_vendor_bounce_reads_as_its_parser_documents(name: str, crlf: bool) -> None:
    raw = (MAILS / f"{name}.eml").read_bytes()
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    kind, bounce = classify(msg, "\n".join(body_texts(msg)))
    rows = EXPECTED[name]
    assert kind is KIND_OF_REASON.get(rows[0][3], MailKind.BOUNCE) and bounce is not None
    got = [(r.address, r.status, r.reply_code, r.reason, r.hard) for r in bounce.recipients]
    assert got == [(*row, _hard(row[3], row[1])) for row in rows]


def _hard(reason: str, status: str | None) -> bool:
    return reason in HARD or reason == "notaccept" and (status or "5").startswith("5")


def test_every_mail_has_an_expectation() -> None:
    assert sorted(p.stem for p in MAILS.glob("*.eml")) == sorted(EXPECTED)
