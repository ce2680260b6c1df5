"""The staff API in-process under moto with a month of demo activity rolled up from the table's stream."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from helpdesk.identity.model import Principal, Role
from moto import mock_aws

from tests.integration.commerce.conftest import TOKENS, call, load_demo_rates, signed_in_callers
from tests.support.api_events import rest_event
from tests.support.fast_moto import fast_moto
from tests.support.lambdas import invoke
from tests.support.streams import deliver_stream
from tests.support.template_stack import TemplateStack, provision

STAFF = {
    "accountant": Principal("sub-acc", "accountant@helpdesk.localhost", frozenset({Role.ACCOUNTANT})),
    "dmitri": Principal("sub-dev", "dev@helpdesk.localhost", frozenset({Role.DEVELOPER})),
    "hanna": Principal("sub-hr", "hr@helpdesk.localhost", frozenset({Role.HR})),
}
ROLLUP = "ReportsRollupFunction"


@pytest.fixture(scope="module")
def month() -> Iterator[TemplateStack]:
    """One stack per test module (loading the month and rolling it up takes a minute): the tests only read."""
    from helpdesk_local.demo_reports import load_demo_reports

    with pytest.MonkeyPatch.context() as patch, mock_aws(), fast_moto():
        patch.setenv("LOCAL_PAYMENT_PAGE_URL", "http://pay.localhost")
        for name, who in STAFF.items():
            patch.setitem(TOKENS, name, who)
        stack = provision({"Stage": "local"})
        load_demo_rates(stack)
        load_demo_reports(today())
        deliver_stream(stack, ROLLUP)
        yield from signed_in_callers(stack)


def today() -> Any:
    return datetime.now(UTC).date()


def period() -> dict[str, str]:
    """The demo's month: its 30 days up to yesterday."""
    return {
        "from": (today() - timedelta(days=30)).isoformat(),
        "to": (today() - timedelta(days=1)).isoformat(),
    }


def report(kind: str, token: str = "anna", **query: str) -> Any:
    return call(
        "StaffApiFunction", "GET", "/reports/{kind}", token=token, kind=kind, query={**period(), **query}
    )


def exported(kind: str, fmt: str, token: str = "anna", **query: str) -> tuple[int, dict[str, str], bytes]:
    from tests.integration.commerce.conftest import POOL

    accept = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}[
        fmt
    ]
    event = rest_event(
        "GET",
        "/reports/{kind}",
        token=POOL[-1].token(token),
        headers={"Accept": accept},
        query={**period(), "format": fmt, **query},
        kind=kind,
    )
    raw = invoke("StaffApiFunction", event)
    body = raw.get("body") or ""
    assert isinstance(body, str)  # what Lambda can return: bytes are not JSON
    data = base64.b64decode(body) if raw.get("isBase64Encoded") else body.encode()
    return raw["statusCode"], raw.get("headers") or {}, data


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(data: bytes) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
