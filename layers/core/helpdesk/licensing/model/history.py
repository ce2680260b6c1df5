"""A license's history: what changed, when, who did it and why, and the phrase people read (pure)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum

SYSTEM = "system"  # the lifecycle, a refund, an automatic charge
CUSTOMER = "customer"  # the customer's own purchase, renewal or upgrade


class LicenseAction(StrEnum):
    ISSUED = "issued"
    TRANSFER = "transfer"
    UPGRADE = "upgrade"
    SUSPEND = "suspend"
    RESUME = "resume"
    REVOKE = "revoke"
    RENEW = "renew"
    CANCEL_RENEWAL = "cancel_renewal"
    RESUME_RENEWAL = "resume_renewal"
    CHANGE_PLAN = "change_plan"
    SCHEDULE_CHANGE = "schedule_change"


_VERBS = {
    LicenseAction.ISSUED: "Issued",
    LicenseAction.TRANSFER: "Transferred",
    LicenseAction.UPGRADE: "Upgraded",
    LicenseAction.SUSPEND: "Suspended",
    LicenseAction.RESUME: "Resumed",
    LicenseAction.REVOKE: "Revoked",
    LicenseAction.RENEW: "Renewed",
    LicenseAction.CANCEL_RENEWAL: "Set to end on",
    LicenseAction.RESUME_RENEWAL: "Set to renew again",
    LicenseAction.CHANGE_PLAN: "Plan changed:",
    LicenseAction.SCHEDULE_CHANGE: "Plan change at period end:",
}


@dataclass(frozen=True)
class LicenseEvent:
    at: datetime
    action: str  # a LicenseAction value; older entries may carry another verb
    actor: str = (
        ""  # staff name or e-mail, SYSTEM or CUSTOMER; "" in entries from before actors were recorded
    )
    reason: str = ""  # why, as staff gave it, or what paid for it ("Order 1042", "paid by the saved card")
    detail: str = ""  # "a.example -> b.example", "standard -> pro", the new period end (ISO)

    def phrase(self) -> str:
        """`Resumed by Anna Petrova: payment received`, `Renewed until 30 Jun 2027 by the customer`."""
        what = _VERBS.get(self.action, self.action.capitalize())  # type: ignore[call-overload]
        if self.action == LicenseAction.TRANSFER and " -> " in self.detail:
            old, new = self.detail.split(" -> ", 1)
            what = f"{what} from {old} to {new}"
        elif self.action == LicenseAction.UPGRADE and " -> " in self.detail:
            old, new = self.detail.split(" -> ", 1)
            what = f"{what} from {old} to {new}"
        elif self.action == LicenseAction.RENEW and self.detail:
            what = f"{what} until {_day(self.detail)}"
        elif self.detail:
            what = f"{what} {self.detail}"
        by = {SYSTEM: " automatically", CUSTOMER: " by the customer", "": ""}.get(
            self.actor, f" by {self.actor}"
        )
        reason = _readable(self.reason)
        return f"{what}{by}{': ' + reason if reason else ''}"

    def stored(self) -> str:
        return json.dumps(
            {**asdict(self), "at": self.at.isoformat()}, ensure_ascii=False, separators=(",", ":")
        )

    @classmethod
    def parse(cls, text: str) -> LicenseEvent:
        """A stored entry: JSON, or the older `<ISO time> <verb> <rest>` line."""
        if text.startswith("{"):
            data = json.loads(text)
            return cls(**{**data, "at": datetime.fromisoformat(data["at"])})
        at, _, rest = text.partition(" ")
        verb, _, detail = rest.partition(" ")
        if verb == LicenseAction.RENEW and detail.startswith("until "):  # "renew until <end> (<source>)"
            end, _, source = detail.removeprefix("until ").partition(" (")
            return cls(datetime.fromisoformat(at), verb, reason=source.rstrip(")"), detail=end)
        return cls(datetime.fromisoformat(at), verb or "changed", detail=detail)


def _day(iso: str) -> str:
    try:
        return f"{datetime.fromisoformat(iso):%d %b %Y}"
    except ValueError:
        return iso


_OLD_SOURCES = (
    (re.compile(r"^order co_\w+$"), "an order"),
    (re.compile(r"^charge (?:pi|ch|py)_\w+$"), "paid by the saved card"),
)


def _readable(reason: str) -> str:
    """Entries written before sources were phrased for people named an order or a charge by its id."""
    for pattern, phrase in _OLD_SOURCES:
        if pattern.match(reason):
            return phrase
    return reason
