"""Sales made on the CS-Cart marketplace, read from its order export (CSV), as licenses to issue (pure).

Columns (the export's header names, any order, extra columns ignored): `Order ID`, `Date` (ISO or
`YYYY-MM-DD HH:MM`), `E-mail`, `Customer`, `Product code` (our product's slug), `Edition` (optional: the
product's first edition), `Domain`, `Quantity` (optional, 1). Each unit of a line is one license, its id
derived from the marketplace order, so importing the same export again issues nothing new.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from helpdesk.commerce.model.parties import BuyerEmailInvalid, checked_email
from helpdesk.kernel.errors import Invalid

REQUIRED = ("Order ID", "Date", "E-mail", "Product code", "Domain")
MAX_ROWS = 5000


class MarketplaceExportInvalid(Invalid):
    """The file is not a CS-Cart order export we can read (missing columns, too many rows)."""


@dataclass(frozen=True)
class MarketplaceSale:
    license_id: str  # `mp-<order>-<line>-<unit>`: the same sale always names the same license
    order_id: str
    paid_at: datetime
    email: str
    name: str
    product: str
    edition: str  # "" : the product's first edition
    domain: str


@dataclass(frozen=True)
class RowProblem:
    row: int  # 2 is the first line after the header, as a spreadsheet numbers it
    reason: str


@dataclass(frozen=True)
class ImportReport:
    issued: list[str]  # the new licenses' ids
    already: list[str]  # licenses an earlier import issued
    problems: list[RowProblem]


def _when(text: str) -> datetime:
    when = datetime.fromisoformat(text.strip().replace("/", "-"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_export(text: str) -> tuple[list[MarketplaceSale], list[RowProblem]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise MarketplaceExportInvalid(f"the export has no column {', '.join(missing)}")
    sales: list[MarketplaceSale] = []
    problems: list[RowProblem] = []
    lines: Counter[str] = Counter()  # rows read so far per marketplace order
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise MarketplaceExportInvalid(f"at most {MAX_ROWS} rows per import")
        try:
            order = row["Order ID"].strip()
            units = int((row.get("Quantity") or "1").strip())
            if not order or not row["Product code"].strip() or not 1 <= units <= 100:
                raise ValueError("an order id, a product code and a quantity of 1 to 100 are needed")
            sale = MarketplaceSale(
                license_id="",
                order_id=order,
                paid_at=_when(row["Date"]),
                email=checked_email(row["E-mail"]),
                name=(row.get("Customer") or "").strip(),
                product=row["Product code"].strip(),
                edition=(row.get("Edition") or "").strip(),
                domain=row["Domain"].strip(),
            )
        except (ValueError, BuyerEmailInvalid) as error:
            problems.append(RowProblem(number, str(error)))
            continue
        lines[order] += 1
        sales += [replace(sale, license_id=f"mp-{order}-{lines[order]}-{u}") for u in range(1, units + 1)]
    return sales, problems
