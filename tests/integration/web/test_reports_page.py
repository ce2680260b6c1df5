"""The console's Reports section in Chromium on a month of demo activity: the page's /api goes to the real
staff API in-process (moto, the stream rolled up), so the figures on screen and in the downloaded XLSX and
CSV files are the ones the demo created."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.integration.reports.conftest import call, exported, month, period  # noqa: F401 - the fixture
from tests.integration.reports.test_reports_api import planned_minutes
from tests.support.web_stub import ApiRequest, FileReply, Reply, WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]
SECTIONS = ["inbox", "search", "projects", "licenses", "ops", "reports"]


def real_api(token: str) -> Any:
    def answer(request: ApiRequest, kind: str) -> Reply:
        query = dict(request.query)
        if fmt := query.pop("format", None):
            status, headers, data = exported(kind, fmt, token=token, **query)
            return status, FileReply(data, {k: v for k, v in headers.items() if k.startswith("Content-")})
        got = call("StaffApiFunction", "GET", "/reports/{kind}", token=token, kind=kind, query=query)
        return got.status, got.body

    return answer


def signed_in_as(stub: WebStub, token: str, email: str, roles: list[str]) -> None:
    me = {"email": email, "name": email.split("@")[0].title(), "roles": roles, "sections": SECTIONS}
    stub.route("console", "GET", "/me", lambda r: (200, me), first=True)
    stub.route("console", "GET", "/reports/(?P<kind>[a-z-]+)", real_api(token), first=True)


def download(page: Any, button: str, tmp_path: Path) -> Path:
    with page.expect_download() as started:
        page.click(button)
    target = tmp_path / started.value.suggested_filename
    started.value.save_as(target)
    return target


@pytest.mark.usefixtures("month")
def test_a_manager_reads_work_and_sales_and_exports_both(tab: Any, stub: WebStub, tmp_path: Path) -> None:
    signed_in_as(stub, "anna", "anna@helpdesk.localhost", ["manager"])
    when = period()
    page = tab.open("console", f"/reports?report=work&from={when['from']}&to={when['to']}", "#report-chart")
    planned = planned_minutes()
    dev_row = page.locator("#report-result tbody tr", has_text="dev@helpdesk.localhost")
    hours = float(dev_row.locator("td").nth(1).inner_text().splitlines()[0])
    assert hours == round(planned["dev@helpdesk.localhost"] / 60, 2)
    assert page.locator("#report-chart rect.bar").count() == len(planned)
    assert page.locator("#report-chart rect.bar-previous").count() == len(planned)
    assert when["from"] in page.inner_text("#report-period")
    tab.settled()
    tab.shoot("reports-work")

    sheet = load_workbook(download(page, "#export-xlsx", tmp_path)).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    rows = {line[0]: dict(zip(lines[0], line, strict=True)) for line in lines[1:]}
    assert {who: rows[who]["minutes"] for who in planned} == planned

    page.click("#report-tab-sales")
    page.wait_for_selector("h1:has-text('Reports: Sales')")
    page.select_option("#report-group", "plan")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("#report-chart .chart-label:has-text('monthly')")
    assert page.locator("[data-figure=mrr] .stat-value").inner_text().startswith("€")
    tab.settled()
    tab.shoot("reports-sales")
    with download(page, "#export-csv", tmp_path).open(encoding="utf-8-sig") as f:
        by_plan = {r["plan"]: int(r["net"]) for r in csv.DictReader(f)}
    shown = call(
        "StaffApiFunction",
        "GET",
        "/reports/{kind}",
        token="anna",
        kind="sales",
        query={**when, "group_by": "plan"},
    ).body
    assert by_plan["total"] == shown["totals"]["net"] and by_plan["monthly"] > 0


@pytest.mark.usefixtures("month")
def test_a_developer_sees_only_their_own_work_and_no_sales_tab(tab: Any, stub: WebStub) -> None:
    signed_in_as(stub, "dmitri", "dev@helpdesk.localhost", ["developer"])
    when = period()
    page = tab.open("console", f"/reports?from={when['from']}&to={when['to']}", "#report-result table")
    assert (
        page.locator("#report-tab-sales").count() == 0 and page.locator("#report-tab-licenses").count() == 0
    )
    page.click("#report-tab-work")
    page.wait_for_selector("h1:has-text('Reports: Work')")
    page.wait_for_selector("#report-result table")
    rows = page.locator("#report-result tbody tr").all_inner_texts()
    assert len(rows) == 2 and rows[0].startswith("dev@helpdesk.localhost")  # their row and the total
    assert "Revenue" not in page.inner_text("#report-result thead")
    tab.settled()
    tab.shoot("reports-developer")


@pytest.mark.usefixtures("month")
def test_on_a_phone_the_support_report_fits_the_screen(phone: Any, stub: WebStub) -> None:
    signed_in_as(stub, "anna", "anna@helpdesk.localhost", ["manager"])
    when = period()
    page = phone.open(
        "console", f"/reports?report=support&from={when['from']}&to={when['to']}", "#report-chart"
    )
    assert page.locator("[data-figure=backlog] .stat-value").inner_text().isdigit()
    phone.settled()
    assert phone.overflow() == 0
    phone.shoot("reports-support")
