"""The admin page's SLA part in Chromium against the stub staff API (answered by the real SlaAdmin and views):
an admin adds a business calendar, a policy that counts in it, changes and deletes the policy, and sets the
auto-close days; at 390 px nothing overflows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.support.web_admin_fixtures import AdminApi
from tests.support.web_console_fixtures import ALL_SECTIONS
from tests.support.web_sla_fixtures import SlaAdminApi
from tests.support.web_stub import WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture
def sla(stub: WebStub, apis: Any) -> Iterator[SlaAdminApi]:
    apis.console.me["sections"] = [*ALL_SECTIONS, "admin"]
    admin = AdminApi()
    admin.install(stub)
    api = SlaAdminApi(admin)
    api.install(stub)
    yield api


def test_an_admin_adds_a_calendar_and_a_policy_changes_it_and_sets_auto_close(
    tab: Any, sla: SlaAdminApi
) -> None:
    page = tab.open("console", "/admin", "#calendar-new")
    assert page.is_disabled("#policy-new button[type=submit]")  # a policy needs a calendar to count in
    page.fill("#calendar-new-name", "Berlin office")
    page.fill("#calendar-new-timezone", "Europe/Berlin")
    page.uncheck("#calendar-new-fri")
    page.fill("#calendar-new-mon-close", "18:00")
    page.fill("#calendar-new-holidays", "2026-12-24, 2026-12-31")
    page.click("#calendar-new button[type=submit]")
    page.wait_for_selector("#calendar-berlin-office")
    [calendar] = sla.setup.calendars()
    assert (calendar.timezone, sorted(h.weekday for h in calendar.hours)) == ("Europe/Berlin", [0, 1, 2, 3])
    assert calendar.holidays == {date(2026, 12, 24), date(2026, 12, 31)}
    assert page.input_value("#calendar-berlin-office-mon-close") == "18:00"
    assert not page.is_checked("#calendar-berlin-office-fri")

    page.fill("#policy-new-name", "Urgent support")
    page.fill("#policy-new-first", "30")
    page.fill("#policy-new-resolution", "240")
    page.select_option("#policy-new-priority", "urgent")
    page.select_option("#policy-new-mailbox", "support")
    page.check("#policy-new-contact-bob-agency-example")
    page.click("#policy-new button[type=submit]")
    page.wait_for_selector("#policy-p1")
    [policy] = sla.setup.policies()
    assert (policy.calendar, policy.first_response_minutes, policy.resolution_minutes) == (
        "Berlin office",
        30,
        240,
    )
    assert (policy.priority, policy.mailbox, policy.escalate_to) == (
        "urgent",
        "support",
        ("bob@agency.example",),
    )

    assert page.input_value("#policy-new-name") == ""  # the saved form is drawn afresh

    page.fill("#autoclose-default", "7")  # half typed when another form's save re-draws the page
    page.fill("#policy-p1-name", "Urgent support, Berlin")
    page.fill("#policy-p1-first", "45")
    page.select_option("#policy-p1-priority", "")
    page.click("#policy-p1 button[type=submit]")
    page.wait_for_selector("#policy-p1 h3:has-text('Urgent support, Berlin')")
    [policy] = sla.setup.policies()
    assert (policy.first_response_minutes, policy.priority) == (45, None)
    assert page.input_value("#policy-p1-priority") == ""
    assert page.input_value("#autoclose-default") == "7"

    page.fill("#autoclose-support", "2")
    page.click("#autoclose button[type=submit]")
    page.wait_for_selector(".toast:has-text('Auto-close saved')")
    assert (sla.setup.rule.default_days, sla.setup.rule.mailboxes) == (7, {"support": 2})
    page.wait_for_selector('#autoclose-support[value="2"]')  # the re-draw shows what is stored

    page.click("#policy-p1-delete")
    page.wait_for_selector("#policy-p1", state="detached")
    assert sla.setup.policies() == []


def test_the_sla_admin_fits_a_phone(phone: Any, sla: SlaAdminApi) -> None:
    sla.sla.save_calendar(_calendar())
    page = phone.open("console", "/admin", "#calendar-berlin-office")
    page.wait_for_selector("#autoclose")
    assert phone.overflow() == 0
    page.evaluate("document.querySelector('#sla-admin-title').scrollIntoView()")
    phone.shoot("admin-sla")


# True when a field is narrower than what it shows: a text field's value in its font against its content
# box; any other field (a native time field draws its own parts and picker) against its width sized freely.
CLIPPED = """(field) => {
  const style = getComputedStyle(field);
  if (field.type === "text") {
    const pen = document.createElement("canvas").getContext("2d");
    pen.font = style.font;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return pen.measureText(field.value).width > room;
  }
  const free = field.cloneNode();
  free.style.cssText = "position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none";
  document.body.append(free);
  const needed = free.getBoundingClientRect().width;
  free.remove();
  return needed > field.getBoundingClientRect().width + 0.5;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_opening_hours_show_whole_times_at_desk_and_phone_width(
    tab: Any, sla: SlaAdminApi, width: int
) -> None:
    """The opening time used to read "09:0" (a native time field with its picker in a 6rem column)."""
    sla.sla.save_calendar(_calendar())
    tab.page.set_viewport_size({"width": width, "height": 900})
    page = tab.open("console", "/admin", "#calendar-berlin-office")
    fields = page.locator("#calendar-berlin-office .sla-day input:not([type=checkbox])")
    assert fields.count() == 14
    shown = {f.get_attribute("id"): f.input_value() for f in fields.all()}
    assert shown["calendar-berlin-office-mon-open"] == "09:00"
    assert shown["calendar-berlin-office-sun-close"] == "17:00"
    clipped = [f.get_attribute("id") for f in fields.all() if f.evaluate(CLIPPED)]
    assert clipped == []
    page.fill("#calendar-berlin-office-tue-open", "24:00")  # midnight closes a day, it opens none
    assert not page.evaluate("document.querySelector('#calendar-berlin-office-tue-open').checkValidity()")
    page.fill("#calendar-berlin-office-tue-close", "24:00")
    assert page.evaluate("document.querySelector('#calendar-berlin-office-tue-close').checkValidity()")


def _calendar() -> Any:
    from helpdesk.sla.views import CalendarView

    hours = [{"day": d, "open": "09:00", "close": "17:00"} for d in ("mon", "tue", "wed", "thu", "fri")]
    return CalendarView.model_validate(
        {"name": "Berlin office", "timezone": "Europe/Berlin", "hours": hours}
    ).calendar()
