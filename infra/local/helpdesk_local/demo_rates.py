"""Demo exchange rates for the local stack: an ECB-style CSV in the invoices bucket (docs/invoices.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

# Units per one EUR, in the spirit of the ECB's reference rates; demo values, not market data.
DEMO_QUOTES = {"USD": "1.1000", "GBP": "0.8500", "JPY": "160.00", "CHF": "0.9400", "RUB": "100.0000"}


def demo_rates_csv(today: date, days: int = 120) -> str:  # back far enough for the demo's old invoices
    """The layout of ECB's eurofxref-hist.csv: newest day first, a trailing comma on each row."""
    header = "Date," + ",".join(DEMO_QUOTES) + ","
    rows = [
        f"{(today - timedelta(days=n)).isoformat()}," + ",".join(DEMO_QUOTES.values()) + ","
        for n in range(days)
    ]
    return "\n".join([header, *rows]) + "\n"


def load_rates(s3: Any, bucket: str, key: str, today: date | None = None) -> None:
    body = demo_rates_csv(today or date.today()).encode()
    s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="text/csv")
