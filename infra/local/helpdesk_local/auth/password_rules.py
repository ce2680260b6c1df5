"""The user pool's password policy as rules a person can read, and the same check the pool makes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Cognito's special characters (a space in the middle counts too, but a lone space is a poor hint to give).
SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-"
# Cognito's defaults for what a policy leaves out.
DEFAULT_MINIMUM_LENGTH = 8


@dataclass(frozen=True)
class PasswordRule:
    key: str  # what web/... password_rules.js checks: length, lowercase, uppercase, number, symbol
    text: str
    minimum: int = 0

    def met_by(self, password: str) -> bool:
        checks = {
            "length": lambda: len(password) >= self.minimum,
            "lowercase": lambda: re.search(r"[a-z]", password) is not None,
            "uppercase": lambda: re.search(r"[A-Z]", password) is not None,
            "number": lambda: re.search(r"[0-9]", password) is not None,
            "symbol": lambda: any(c in SYMBOLS for c in password),
        }
        return checks[self.key]()


@dataclass(frozen=True)
class PasswordRules:
    rules: tuple[PasswordRule, ...]

    @classmethod
    def of(cls, policy: Mapping[str, Any]) -> PasswordRules:
        """From a pool's `PasswordPolicy` (as template.yaml and DescribeUserPool spell it)."""
        minimum = int(policy.get("MinimumLength", DEFAULT_MINIMUM_LENGTH))
        wanted = [PasswordRule("length", f"At least {minimum} characters", minimum)]
        optional = [
            ("RequireLowercase", PasswordRule("lowercase", "A lowercase letter (a–z)")),
            ("RequireUppercase", PasswordRule("uppercase", "An uppercase letter (A–Z)")),
            ("RequireNumbers", PasswordRule("number", "A number (0–9)")),
            ("RequireSymbols", PasswordRule("symbol", f"A symbol, one of {SYMBOLS}")),
        ]
        wanted += [rule for flag, rule in optional if _flag(policy.get(flag, True))]
        return cls(tuple(wanted))

    def unmet(self, password: str) -> list[PasswordRule]:
        return [rule for rule in self.rules if not rule.met_by(password)]


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() == "true"  # template values may arrive as strings
