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
    "onhold": "901", "syntaxerror": "902", "norelaying": "909", "filtered": "910", "userunknown": "911",
    "hostunknown": "912", "hasmoved": "916", "rejected": "918", "suspend": "921", "mailboxfull": "922",
    "exceedlimit": "923", "systemfull": "931", "notaccept": "932", "mesgtoobig": "934",
    "mailererror": "939", "networkerror": "944", "expired": "947", "contenterror": "960",
    "securityerror": "970", "blocked": "971", "policyviolation": "972", "requireptr": "973",
    "systemerror": "930", "toomanyconn": "945", "spamdetected": "980", "authfailure": "990",
    "virusdetected": "980", "badreputation": "971", "speeding": "976",
}
# fmt: on
