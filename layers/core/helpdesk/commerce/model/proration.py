"""Plan changes priced as Stripe prorates them (pure): credit for the unused time of the old plan, a charge
for the new plan's time. Keeping the interval keeps the period (the new price for the time left); changing it
starts a new period now at the new plan's full price. Amounts are rounded to the minor unit, half up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.kernel.calendar import Term, add_months
from helpdesk.licensing.public import Money


@dataclass(frozen=True)
class ProrationLine:
    description: str
    amount: int  # minor units; a credit is negative


@dataclass(frozen=True)
class Proration:
    credit: int  # the old plan's unused time, >= 0
    charge: int  # the new plan's time, >= 0
    currency: str
    starts: datetime  # when the new plan's time begins (now)
    ends: datetime  # the period's end after the change
    lines: tuple[ProrationLine, ...]

    @property
    def due(self) -> int:
        """What is charged now; a credit above the charge is not paid out (downgrades wait for the end)."""
        return max(0, self.charge - self.credit)


def period_start(end: datetime, term: Term, first_start: datetime) -> datetime:
    """The start of the calendar period that ends at `end` (anchored on the first period's day)."""
    return max(first_start, add_months(end, -term.months, first_start.day))


def share(amount: int, part_seconds: int, whole_seconds: int) -> int:
    """`amount` x part / whole in whole minor units, half up, in integers (no float drift)."""
    if whole_seconds <= 0:
        return 0
    part = min(max(part_seconds, 0), whole_seconds)
    return (2 * amount * part + whole_seconds) // (2 * whole_seconds)


def prorate(
    old: Money,
    new: Money,
    start: datetime,
    end: datetime,
    now: datetime,
    new_term: Term | None = None,
    old_name: str = "the old plan",
    new_name: str = "the new plan",
) -> Proration:
    """The change at `now` inside the period [start, end) paid at `old`; `new_term` None keeps the interval
    (and the period), a term starts a new period of that length now at `new`'s full price."""
    if old.currency != new.currency:
        raise ValueError("a plan change is priced in the license's one currency")
    whole = int((end - start).total_seconds())
    left = int((end - now).total_seconds())
    credit = share(old.amount, left, whole)
    day = f"{now:%-d %b %Y}"
    if new_term is None:
        charge, ends = share(new.amount, left, whole), end
        what = f"Remaining time on {new_name} after {day}"
    else:
        charge, ends = new.amount, new_term.after(now)
        what = f"{new_name} from {day} to {ends:%-d %b %Y}"
    lines = (ProrationLine(f"Unused time on {old_name} after {day}", -credit), ProrationLine(what, charge))
    return Proration(credit, charge, new.currency, now, ends, lines)
