"""Amounts in minor units: a currency's exponent, rounding and conversion at a given rate."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_EXPONENTS = {"JPY": 0, "KRW": 0, "ISK": 0, "HUF": 2, "CLP": 0, "VND": 0, "BHD": 3, "KWD": 3, "JOD": 3}


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


def round_minor(value: Decimal) -> int:
    """Half away from zero, so a credit note's amounts are exactly its invoice's, negated."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def convert(amount: int, source: str, target: str, rate: Decimal) -> int:
    """`amount` minor units of `source` at `rate` (target units per source unit) in `target`'s minor units."""
    major = Decimal(amount) / (Decimal(10) ** exponent(source))
    return round_minor(major * rate * (Decimal(10) ** exponent(target)))
