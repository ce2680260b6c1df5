"""The rates file is read on first use however young the machine is (monotonic clocks count from boot)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import boto3
import pytest
from helpdesk.billing.adapters.exchange_rates import RELOAD_SECONDS, S3EcbRates
from moto import mock_aws

pytestmark = pytest.mark.integration

CSV = "Date,USD,GBP,\n2026-12-04,1.0500,0.8300,\n"


@pytest.fixture()
def s3():  # type: ignore[no-untyped-def]
    with mock_aws():
        client = boto3.client("s3", region_name="eu-central-1")
        client.create_bucket(Bucket="inv", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        yield client


@pytest.mark.parametrize("seconds_since_boot", [0.0, 5.0, RELOAD_SECONDS - 1, 10 * RELOAD_SECONDS])
def test_the_file_is_read_on_first_use_at_any_uptime(s3, seconds_since_boot: float) -> None:  # type: ignore[no-untyped-def]
    s3.put_object(Bucket="inv", Key="rates/eurofxref-hist.csv", Body=CSV.encode())
    rates = S3EcbRates(s3, "inv", "rates/eurofxref-hist.csv", "EUR", [], monotonic=lambda: seconds_since_boot)
    assert rates.rate("USD", "EUR", date(2026, 12, 7)).rate == pytest.approx(Decimal(1) / Decimal("1.05"))


def test_a_new_file_is_seen_after_the_reload_interval_not_before(s3) -> None:  # type: ignore[no-untyped-def]
    now = [1.0]
    s3.put_object(Bucket="inv", Key="r.csv", Body=CSV.encode())
    rates = S3EcbRates(s3, "inv", "r.csv", "EUR", [], monotonic=lambda: now[0])
    assert rates.rate("USD", "EUR", date(2026, 12, 7)).published == date(2026, 12, 4)
    s3.put_object(
        Bucket="inv", Key="r.csv", Body=b"Date,USD,\n2026-12-07,1.2000,\n" + CSV.encode().split(b"\n", 1)[1]
    )
    now[0] += RELOAD_SECONDS / 2
    assert rates.rate("USD", "EUR", date(2026, 12, 7)).published == date(2026, 12, 4)
    now[0] += RELOAD_SECONDS
    assert rates.rate("USD", "EUR", date(2026, 12, 7)).published == date(2026, 12, 7)
