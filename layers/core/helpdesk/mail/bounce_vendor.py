"""Messages that one mail server writes by itself (no remote reply), mapped to reason classes.

These are the servers' own strings (qmail and qmail-ldap, Exim, Smail, OpenSMTPD, Domino/Notes, GroupWise,
Courier, Sun Messaging Server, fml, MailMarshal, Verizon, Facebook, Japanese carriers ...), so a match names
the reason more surely than generic wording: a notice that carries no status code gets its pseudo code from
them. They are fixed strings, looked up as substrings of the lower-cased text (a regex per phrase cost more
than all other reason rules together). Failure codes of one system are in `bounce_vendor_codes`.
"""

from __future__ import annotations

# fmt: off
_VENDOR: list[tuple[str, tuple[str, ...]]] = [
    # A refused greeting (qmail-remote's and Exim's wording) blocked the client, whatever the server's words:
    # the first entry. A refusal on connecting names no command, so the server's words decide there.
    ("blocked", (
        "but my name was rejected", "smtp error from remote mail server after ehlo",
        "smtp error from remote mail server after helo", "smtp error from remote mailer after ehlo",
        "smtp error from remote mailer after helo",
    )),
    ("undefined", ("--- delivery report unavailable ---",)),
    ("hostunknown", (
        "couldn't find any host named", "couldn't find any host by that name",
        "all host address lookups failed permanently", "all relevant mx records point to non-existent hosts",
        "illegal host/domain name found", "invalid domain name", "as the remote domain doesnt exist",
        "as the remote domain doesn't exist", "dns server returned answer with no data", " ... unknown host",
    )),
    ("notaccept", (
        "an mx or srv record indicated no smtp service", "no host found for existing smtp connection",
        "no mx found for domain", "no mx found for destination", "destination seem to reject all mails",
        "couldn't find a mail exchanger or ip address",
    )),
    ("networkerror", (
        "although i'm listed as a best-preference mx or a for that host", "no valid route to remote mx",
        "no valid route to destination", "address family mismatch on destination mxs",
        "all routes to destination blocked", "could not retrieve source address",
        "temporary failure in mx lookup", "exceeded maximum hop count", "responded with code nxdomain",
        "had no relevant answers.",
    )),
    ("systemerror", (
        "delivery to file forbidden", "delivery to pipe forbidden", "local delivery failed",
        "lmtp error after",
        "illegal value in ldap attribute", "ldap attribute is not given but mandatory",
        "timeout while performing search on ldap server", "too many results returned but needs to be unique",
        "temporary failure in ldap lookup", "unable to login into ldap server", "automatic homedir creat",
        "error while executing qmail-forward", "error in automatic homedir creation",
        "bad interpreter: no such file", "this domain's dns violates rfc 1035",
        "several matches found in domino directory", "loop back warning", "unix from loop",
        "has detected a loop condition", "loops back to myself",
    )),
    ("syntaxerror", (
        "angle-brackets nested too deep", 'expected word or "<"', "domain missing in source-routed address",
    )),
    ("contenterror", ('too many "received" headers',)),
    ("mailboxfull", ("error: quota exceed",)),
    ("userunknown", (
        "not listed in domino directory", "not listed in public name & address book",
        "no se encuentra en el directorio de domino", "non répertorié dans l'annuaire domino",
        "domino ディレクトリには見つかりません", "ディレクトリのリストにありません",
        "no mailbox here by that name",
        "invalid final delivery userid", "no such user here",
        "because the address couldn't be found. check for typos", "no valid recipients for this mm",
        "(user not found)",
    )),
    ("filtered", (
        "cannot route mail to user", "mail delivery failed... user unknown",
        "refused due to recipient preferences",
    )),
    ("suspend", (
        "mailaddress is administrativly disabled", "mailaddress is administrativley disabled",
        "mailaddress is administratively disabled", "mailaddress is administrativeley disabled",
        "account is temporarily limited", "this address no longer accepts mail",
    )),
    ("expired", (
        "could not deliver for the last", "your message was not delivered within",
        "delivery to the following recipient has been delayed", "all hosts have been failing for a long time",
    )),
    ("rejected", (
        "not member article from", " are not member", " are not a member", "reject mail from ",
        "reject spammers:", "header may cause mail loop", "rule imposed mailbox access for",
        "but sender was rejected", "delivery not authorized, message refused",
    )),
    ("securityerror", ("security alert", "could not retrieve credentials")),
    ("norelaying", ("due to the following smtp relay error",)),
    ("spamdetected", (
        "blacklisted url in message", "message refused by mailmarshal spamprofiler",
        "message refused by trustwave seg spamprofiler", "message rejected for policy reasons",
    )),
]
# fmt: on


def refused_session(text: str) -> bool:
    """Whether the notice says the server refused the session before any recipient was named."""
    low = " ".join(text.lower().split())
    return any(phrase in low for phrase in _VENDOR[0][1])


def vendor_reason(text: str) -> str | None:
    """The reason a mail server's own message names, or None (its failure codes: `coded_reason`)."""
    low = " ".join(text.lower().split())
    for reason, phrases in _VENDOR:
        if any(phrase in low for phrase in phrases):
            return reason
    return None
