"""Failure codes that one mail system writes into its own notices, mapped to reason classes.

Exchange 5.5/2000/2003 name the failure by an IMS diagnostic code ("MSEXCH:IMS:... (000C05A6)"), Facebook by
its published response codes ("RCP-P2", postmaster.facebook.com/response_codes), Gmail's older notices by the
SMTP state where the remote server refused ("(state 14)" is RCPT), unless the server's answer carries a
specific status code, which then says more; Trend Micro InterScan writes "Unable to
deliver message to <address>" only for a recipient its relay refused. A code counts only in a notice that
names its system, since the same few characters mean nothing elsewhere. Some codes name their system by
their own shape: Exchange's and Microsoft 365's NDR codes ("#550 5.7.1 RESOLVER.RST.NotAuthorized;"),
Zoho's status line ("[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]") and
IMail's "Unknown user: a@b"; they say more than the status code beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class VendorCodes:
    marker: str  # lower-cased words that name the system in its notice
    code: re.Pattern[str]  # group 1 is the code
    reasons: dict[str, str]
    below_status: bool = False  # a specific status code in the text (no ".0") outranks the code


def _by_reason(table: dict[str, str]) -> dict[str, str]:
    return {code: reason for reason, codes in table.items() for code in codes.split()}


# fmt: off
_EXCHANGE_IMS = {
    "000C05A6": "userunknown", "000C0595": "filtered", "00010256": "systemerror", "000D06B5": "systemerror",
    "00120270": "networkerror", "00050311": "contenterror", "000502CC": "contenterror",
    "000B0981": "securityerror",
}
_FACEBOOK = _by_reason({
    "blocked": "POL-P1 POL-P2 POL-P3 POL-P4 POL-T1 POL-T2 POL-T3", "contenterror": "MSG-P2",
    "filtered": "RCP-P2 RCP-P3", "mesgtoobig": "MSG-P1 INT-P2", "notcompliantrfc": "MSG-P3",
    "rejected": "DNS-P1 DNS-P2 DNS-T1", "requireptr": "DNS-P3 DNS-T2", "spamdetected": "POL-P6",
    "suspend": "RCP-T4", "systemerror": "RCP-T1", "toomanyconn": "CON-T1 CON-T2 CON-T3 CON-T4 MSG-T1",
    "userunknown": "RCP-P1 INT-P1 INT-P3 INT-P4", "virusdetected": "POL-P5",
})
_GMAIL_STATE = _by_reason({
    "failedstarttls": "6 9", "systemerror": "8", "blocked": "13", "userunknown": "14", "filtered": "15 17 18",
})
_EXCHANGE_NDR = {
    "SMTPSEND.DNS.NONEXISTENTDOMAIN": "hostunknown", "SMTPSEND.DNS.MXLOOPBACK": "networkerror",
    "RESOLVER.ADR.BADPRIMARY": "systemerror", "RESOLVER.ADR.RECIPNOTFOUND": "userunknown",
    "RESOLVER.ADR.RECIPIENTNOTFOUND": "userunknown", "RESOLVER.ADR.EXRECIPNOTFOUND": "userunknown",
    "RESOLVER.ADR.RECIPLIMIT": "toomanyconn", "RESOLVER.ADR.INVALIDINSMTP": "systemerror",
    "RESOLVER.ADR.AMBIGUOUS": "systemerror", "RESOLVER.RST.AUTHREQUIRED": "securityerror",
    "RESOLVER.RST.NOTAUTHORIZED": "rejected", "RESOLVER.RST.RECIPSIZELIMIT": "exceedlimit",
    "QUEUE.EXPIRED": "expired",
}
# fmt: on
_SPECIFIC_STATUS_RE = re.compile(r"(?<![\d.])[245]\.[1-7]\.[1-9]\d{0,2}(?![\d.])")
_IMS_RE = re.compile(r"MSEXCH:IMS:[^\n]*?\(([0-9A-F]{8})\)", re.IGNORECASE)
_INTERSCAN_RE = re.compile(r"(Unable to deliver) message to <[^>\s]+@", re.IGNORECASE)
_EXCHANGE_NDR_RE = re.compile(r"[245]\.\d\.\d{1,3} ((?:RESOLVER|QUEUE|SMTPSEND)\.[\w.]+);")
_ZOHO_STATUS_RE = re.compile(
    r"^\[Status: \w+, Address: <[^>]+>, ResponseCode \d*, [^]]*(Host not reachable)", re.M
)
_IMAIL_RE = re.compile(r"^(Unknown user): \S+@", re.M)
_CODED = (
    VendorCodes("msexch:", _IMS_RE, _EXCHANGE_IMS),
    VendorCodes("facebook", re.compile(r"\b([A-Z]{3}-[PT]\d)\b"), _FACEBOOK),
    VendorCodes("google tried to deliver", re.compile(r"\(state (\d{1,2})\)"), _GMAIL_STATE, True),
    VendorCodes("interscan", _INTERSCAN_RE, {"UNABLE TO DELIVER": "userunknown"}),
    VendorCodes("", _EXCHANGE_NDR_RE, _EXCHANGE_NDR),
    VendorCodes("responsecode", _ZOHO_STATUS_RE, {"HOST NOT REACHABLE": "expired"}),
    VendorCodes("unknown user: ", _IMAIL_RE, {"UNKNOWN USER": "userunknown"}),
)


def coded_reason(text: str) -> str | None:
    """The reason a system's own failure code names in ``text``, or None."""
    low = " ".join(text.lower().split())
    for vendor in _CODED:
        if vendor.marker in low and not (vendor.below_status and _SPECIFIC_STATUS_RE.search(text)):
            found = vendor.code.search(text)
            if found and found.group(1).upper() in vendor.reasons:
                return vendor.reasons[found.group(1).upper()]
    return None
