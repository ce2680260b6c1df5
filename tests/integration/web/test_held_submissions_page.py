"""The console's review of held form submissions: reasons and answers shown, nothing a bot sent runs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.channels.model.submission import HeldSubmission, Submission
from helpdesk.channels.views.forms import HeldPageView, HeldSubmissionView

pytestmark = [pytest.mark.integration, pytest.mark.browser]

PAYLOADS = [
    '<img src=x onerror="window.__ran = (window.__ran || 0) + 1">',
    "<script>window.__ran = (window.__ran || 0) + 1</script>",
    '<svg onload="window.__ran = 1"><circle r="5"></circle></svg>',
    '<a href="javascript:window.__ran = 1">see my site</a>',
    '<iframe srcdoc="<script>parent.__ran = 1</script>"></iframe>',
    '"><details open ontoggle="window.__ran = 1">x</details>',
]


def held_page() -> dict:
    items = []
    for n, payload in enumerate(PAYLOADS):
        submission = Submission(f"F-{n:04d}", "quote", {"name": payload, "email": f"x{n}@bots.test",
                                "message": payload}, datetime(2026, 11, 25, 10, n, tzinfo=UTC))  # fmt: skip
        items.append(
            HeldSubmissionView.of(HeldSubmission(submission, ("markup: script or HTML in name, message",)))
        )
    return HeldPageView(items=items).model_dump(mode="json")


def test_held_submissions_show_their_reasons_and_no_script_runs_when_reviewed(tab, stub):
    stub.route("console", "GET", "/channels/held", lambda request: (200, held_page()), first=True)
    stub.route("console", "POST", r"/channels/held/(?P<ref>[^/]+)/release",
               lambda request, ref: (200, {"reference": ref, "status": "released"}), first=True)  # fmt: skip
    page = tab.open("console", "/ops/held", ".held-item")
    assert page.locator(".held-item").count() == len(PAYLOADS)
    assert page.get_by_text("markup: script or HTML in name, message").count() == len(PAYLOADS)
    page.locator(".held-item .mail-html >> text=see my site").first.click()  # shown, and no javascript: link
    for summary in page.locator(".held-item summary").all():
        summary.click()  # the raw text, shown as text
    page.wait_for_selector("pre.held-raw >> text=<script>window.__ran")
    assert page.evaluate("window.__ran") is None
    handlers = "[...document.querySelectorAll('main *')].flatMap((e) => [...e.attributes]).map((a) => a.name)"
    assert not [name for name in page.evaluate(handlers) if name.startswith("on")]
    assert page.locator("main script, main iframe, main svg, main a[href^='javascript']").count() == 0
    page.get_by_role("button", name="Release as ticket").first.click()
    page.wait_for_selector("text=F-0000 released")
    assert stub.calls("console", "POST", "/channels/held/F-0000/release")
