"""The receiving server's SPF, DKIM and DMARC verdicts, as SES writes them into the mail it stores.

SES prepends ``Authentication-Results: amazonses.com; spf=...; dkim=...; dmarc=...`` above the sender's own
headers (the same verdicts as the receipt's spfVerdict, dkimVerdict, dmarcVerdict). Only the topmost such
header is trusted, and only when its authserv-id is the receiving server's: a sender can write any header
below it, never above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

SES_AUTHSERV_ID = "amazonses.com"
_RESULT = re.compile(r"(?:^|;)\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)


class AuthVerdict(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"
    GRAY = "GRAY"  # no policy, neutral, soft results, or nothing trustworthy to read
    PROCESSING_FAILED = "PROCESSING_FAILED"


_VERDICTS = {
    "pass": AuthVerdict.PASS,
    "fail": AuthVerdict.FAIL,
    "hardfail": AuthVerdict.FAIL,
    "temperror": AuthVerdict.PROCESSING_FAILED,
    "permerror": AuthVerdict.PROCESSING_FAILED,
}


@dataclass(frozen=True)
class MailAuth:
    spf: AuthVerdict = AuthVerdict.GRAY
    dkim: AuthVerdict = AuthVerdict.GRAY
    dmarc: AuthVerdict = AuthVerdict.GRAY

    @property
    def failed(self) -> bool:
        return AuthVerdict.FAIL in (self.spf, self.dkim, self.dmarc)


def receipt_verdicts(topmost: str | None, authserv_id: str = SES_AUTHSERV_ID) -> MailAuth:
    """Verdicts of the topmost Authentication-Results header; GRAY when another server wrote it."""
    if not topmost:
        return MailAuth()
    server, _, results = topmost.partition(";")
    if server.strip().split()[:1] != [authserv_id]:
        return MailAuth()
    found: dict[str, AuthVerdict] = {}
    for method, result in _RESULT.findall(";" + results):
        found.setdefault(method.lower(), _VERDICTS.get(result.lower(), AuthVerdict.GRAY))
    return MailAuth(**found)
