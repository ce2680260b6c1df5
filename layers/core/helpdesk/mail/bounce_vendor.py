"""Messages that one mail server writes by itself (no remote reply), mapped to reason classes.

These are the servers' own strings (qmail and qmail-ldap, Exim, OpenSMTPD, Domino/Notes, Courier, Sun
Messaging Server, fml, Japanese carriers ...), so a match names the reason more surely than generic wording:
a notice that carries no status code gets its pseudo code from them.
"""

from __future__ import annotations

import re

# fmt: off
_VENDOR: list[tuple[str, str]] = [
    ("hostunknown", (
        r"couldn't find any host (?:named|by that name)|all host address lookups failed permanently"
        r"|all relevant mx records point to non-existent hosts|illegal host/domain name found"
        r"|\binvalid domain name\b|as the remote domain doesn'?t exist"
        r"|dns server returned answer with no data"
    )),
    ("notaccept", (
        r"an mx or srv record indicated no smtp service|no host found for existing smtp connection"
        r"|no mx found for (?:domain|destination)|destination seem to reject all mails"
        r"|couldn't find a mail exchanger or ip address"
    )),
    ("networkerror", (
        r"although i'm listed as a best-preference mx or a for that host"
        r"|no valid route to (?:remote mx|destination)"
        r"|address family mismatch on destination mxs|all routes to destination blocked"
        r"|could not retrieve source address|temporary failure in mx lookup|exceeded maximum hop count"
    )),
    ("systemerror", (
        r"delivery to (?:file|pipe) forbidden|\blocal delivery failed\b|\blmtp error after\b"
        r"|illegal value in ldap attribute|ldap attribute is not given but mandatory"
        r"|timeout while performing search on ldap server|too many results returned but needs to be unique"
        r"|temporary failure in ldap lookup|unable to login into ldap server|automatic homedir creat"
        r"|error (?:while executing qmail-forward|in automatic homedir creation)"
        r"|bad interpreter: no such file"
        r"|this domain's dns violates rfc 1035|several matches found in domino directory"
        r"|loop back warning|unix from loop|has detected a loop condition"
    )),
    ("syntaxerror", (
        r"angle-brackets nested too deep|expected word or \"<\"|domain missing in source-routed address"
    )),
    ("contenterror", r"too many \"received\" headers"),
    ("mailboxfull", r"\berror: quota exceed"),
    ("userunknown", (
        r"not listed in (?:domino directory|public name & address book)"
        r"|no se encuentra en el directorio de domino|non répertorié dans l'annuaire domino"
        r"|domino ディレクトリには見つかりません|ディレクトリのリストにありません"
        r"|no mailbox here by that name|invalid final delivery userid|\bno such user here\b"
        r"|because the address couldn't be found\. check for typos"
    )),
    ("filtered", r"cannot route mail to user|mail delivery failed\.\.\. user unknown"),
    ("suspend", r"mailaddress is administrativ\w* disabled|account is temporarily limited"),
    ("expired", (
        r"could not deliver for the last|your message was not delivered within"
        r"|delivery to the following recipient has been delayed|all hosts have been failing for a long time"
    )),
    ("rejected", (
        r"\bnot member article from|\bare not (?:a )?member|you are not a member of this mailing list"
        r"|\breject mail from\b|\breject spammers:|header may cause mail loop"
    )),
    ("securityerror", r"\bsecurity alert\b|could not retrieve credentials"),
    ("norelaying", r"due to the following smtp relay error"),
    ("spamdetected", r"blacklisted url in message"),
]
# Exchange 5.5/2000/2003 name the failure by an IMS diagnostic code: "MSEXCH:IMS:... (000C05A6)".
EXCHANGE_IMS_REASON: dict[str, str] = {
    "000C05A6": "userunknown", "000C0595": "filtered", "00010256": "systemerror", "000D06B5": "systemerror",
    "00120270": "networkerror", "00050311": "contenterror", "000502CC": "contenterror",
    "000B0981": "securityerror", "000B099C": "onhold", "000B09AA": "onhold", "000B09B6": "onhold",
}
# fmt: on
_PATTERNS = [(reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in _VENDOR]


_EXCHANGE_IMS_RE = re.compile(r"\bMSEXCH:IMS:[^\n]*?\(([0-9A-F]{8})\)", re.IGNORECASE)


def vendor_reason(text: str) -> str | None:
    """The reason a mail server's own message (or Exchange's IMS code) names, or None."""
    ims = _EXCHANGE_IMS_RE.search(text)
    if ims and EXCHANGE_IMS_REASON.get(ims.group(1).upper(), "onhold") != "onhold":
        return EXCHANGE_IMS_REASON[ims.group(1).upper()]
    for reason, pattern in _PATTERNS:
        if pattern.search(text):
            return reason
    return None
