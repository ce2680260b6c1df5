"""The answer to a module asking whether its key is good here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LicenseAnswer:
    """What validate/activate answer; `token` is the same facts, signed, for the module to verify."""

    result: str  # "valid" | "invalid"
    reason: str  # "" when valid, else e.g. "key_invalid", "wrong_domain", "revoked"
    state: str
    license_id: str
    domain: str
    expires: datetime | None
    updates_until: datetime | None
    timestamp: datetime
    nonce: str
    token: str

    @property
    def valid(self) -> bool:
        return self.result == "valid"
