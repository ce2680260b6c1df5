"""Tables of SMTP enhanced status codes (RFC 3463, RFC 5248) as reason classes."""

from __future__ import annotations

# fmt: off
# Codes (class dropped) that name one reason without needing the server's words.
STATUS_REASON: dict[str, str] = {
    "1.1": "userunknown", "1.2": "hostunknown", "1.3": "userunknown", "1.4": "userunknown",
    "1.6": "hasmoved", "1.7": "rejected", "1.8": "rejected", "1.10": "notaccept", "2.1": "suspend",
    "2.2": "mailboxfull", "2.3": "mesgtoobig", "2.4": "systemerror", "3.0": "systemerror",
    "3.1": "systemfull", "3.2": "notaccept", "3.4": "mesgtoobig", "3.5": "systemerror",
    "4.1": "networkerror", "4.2": "networkerror", "4.3": "systemerror", "4.4": "hostunknown",
    "4.5": "systemfull", "4.6": "networkerror", "4.7": "expired", "5.3": "toomanyconn",
    "5.4": "syntaxerror", "5.5": "syntaxerror", "6.0": "contenterror", "6.1": "contenterror",
    "6.2": "contenterror", "6.3": "contenterror", "6.5": "contenterror", "7.9": "policyviolation",
    "7.13": "suspend", "7.14": "suspend", "7.15": "securityerror", "7.16": "securityerror",
    "7.17": "securityerror", "7.18": "securityerror", "7.19": "securityerror", "7.20": "authfailure",
    "7.21": "authfailure", "7.22": "authfailure", "7.23": "authfailure", "7.24": "authfailure",
    "7.25": "requireptr", "7.26": "authfailure", "7.27": "notaccept", "7.509": "authfailure",
    "7.510": "notaccept", "7.606": "blocked", "7.508": "toomanyconn",
}

# sisimai's "pseudo" status detail for a reason found only in text: <class>.0.<detail>.
PSEUDO_STATUS: dict[str, str] = {
    "authfailure": "926", "badreputation": "975", "blocked": "971", "contenterror": "960",
    "exceedlimit": "923", "expired": "947", "failedstarttls": "976", "filtered": "910", "hasmoved": "916",
    "hostunknown": "912", "mailboxfull": "922", "mailererror": "939", "mesgtoobig": "934",
    "networkerror": "944", "norelaying": "909", "notaccept": "932", "notcompliantrfc": "974",
    "onhold": "901", "policyviolation": "972", "rejected": "918", "requireptr": "973",
    "securityerror": "970", "spamdetected": "980", "speeding": "946", "suppressed": "903",
    "suspend": "921", "systemerror": "930", "systemfull": "931", "syntaxerror": "902",
    "toomanyconn": "945", "userunknown": "911", "virusdetected": "981",
}
# A temporary failure: a filter that defers has its own detail; a missing mailbox or domain, or one that
# moved, is never temporary, so such a failure gets no pseudo code at all.
PSEUDO_STATUS_TEMPORARY: dict[str, str] = {
    **{k: v for k, v in PSEUDO_STATUS.items() if k not in ("userunknown", "hostunknown", "hasmoved")},
    "filtered": "924",
}
# fmt: on
