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

# sisimai's names of the standard codes (RFC 3463, RFC 5248), per class: a code absent here names no reason.
STANDARD_REASON: dict[str, str] = {code: reason for reason, codes in {
    "authfailure": "4.7.24 4.7.26 5.7.20 5.7.21 5.7.22 5.7.23 5.7.24 5.7.26 5.7.29",
    "blocked": "4.2.1 4.7.1 4.7.2",
    "contenterror": "4.6.0 4.6.2 4.6.5 5.6.0 5.6.1 5.6.2 5.6.3 5.6.5 5.6.6 5.6.7 5.6.8 5.6.9",
    "exceedlimit": "4.2.3 5.2.3",
    "expired": "4.4.1 4.4.7",
    "failedstarttls": "5.7.30",
    "filtered": "4.2.4 5.1.4 5.2.0 5.2.1 5.2.4",
    "hasmoved": "4.1.6 5.1.6 5.7.17 5.7.18",
    "hostunknown": "5.1.2 5.4.4",
    "mailboxfull": "4.2.2 5.2.2",
    "mesgtoobig": "4.7.16 5.3.4 5.7.16",
    "networkerror": "4.4.2 4.4.4 4.4.6 4.4.8 5.4.0",
    "notaccept": "4.3.2 5.1.10 5.3.2 5.7.27",
    "rejected": "4.1.7 4.1.8 5.1.7 5.1.8",
    "requireptr": "4.7.25 5.7.25",
    "securityerror": "4.7.5 4.7.6 4.7.7 4.7.12 4.7.15 5.7.0 5.7.1 5.7.2 5.7.3 5.7.4 5.7.5 5.7.6 5.7.7 5.7.8"
    " 5.7.9 5.7.10 5.7.11 5.7.14 5.7.15 5.7.19",
    "spamdetected": "5.7.28",
    "suspend": "5.7.13",
    "syntaxerror": "5.5.2 5.5.6",
    "systemerror": "4.1.9 4.3.3 4.3.5 4.4.3 4.5.3 4.5.5 5.1.9 5.3.0 5.3.3 5.3.5 5.4.3 5.5.4 5.5.5",
    "systemfull": "4.3.1 4.4.5 5.3.1",
    "toomanyconn": "5.5.3",
    "userunknown": "5.1.0 5.1.1 5.1.3",
}.items() for code in codes.split()}

# sisimai's "pseudo" status detail for a reason found only in text: <class>.0.<detail>.
PSEUDO_STATUS: dict[str, str] = {
    "authfailure": "926", "badreputation": "975", "blocked": "971", "contenterror": "960",
    "exceedlimit": "923", "expired": "947", "failedstarttls": "976", "filtered": "910", "hasmoved": "916",
    "hostunknown": "912", "mailboxfull": "922", "mailererror": "939", "mesgtoobig": "934",
    "networkerror": "944", "norelaying": "909", "notaccept": "932", "notcompliantrfc": "974",
    "onhold": "901", "policyviolation": "972", "rejected": "918", "requireptr": "973",
    "securityerror": "970", "spamdetected": "980", "speeding": "946", "suppressed": "903",
    "suspend": "921", "systemerror": "930", "systemfull": "931", "syntaxerror": "902",
    "toomanyconn": "945", "undefined": "900", "userunknown": "911", "virusdetected": "981",
}
# A temporary failure: a filter that defers has its own detail; a missing mailbox or domain, or one that
# moved, is never temporary, so such a failure gets no pseudo code at all.
PSEUDO_STATUS_TEMPORARY: dict[str, str] = {
    **{k: v for k, v in PSEUDO_STATUS.items() if k not in ("userunknown", "hostunknown", "hasmoved")},
    "filtered": "924",
}
# fmt: on
