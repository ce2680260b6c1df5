"""Item 26 in Chromium on the local stack: a customer opens the file of their own ticket from the cabinet
page; another organisation's ticket and file stay closed to them."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def opened(local: LocalProcess, token: str, filename: str, content: bytes) -> tuple[str, str]:
    file = {
        "filename": filename,
        "content_type": "text/plain",
        "content_base64": base64.b64encode(content).decode(),
    }
    body = {"subject": f"Log {uuid.uuid4().hex[:6]}", "text": "see the file", "attachments": [file]}
    status, ticket = local.api("cabinet", "POST", "/tickets", token, body)
    assert status in (200, 201), ticket
    _, conversation = local.api("cabinet", "GET", f"/tickets/{ticket['id']}", token)
    return ticket["id"], conversation["messages"][0]["attachments"][0]["key"]


def test_a_customer_opens_their_attachment_and_not_another_organisations(
    local: LocalProcess,
    chromium: Any,
) -> None:
    alice, bob = local.token("alice@acme.example"), local.token("bob@globex.example")
    mine, _ = opened(local, alice, "export log.txt", b"line 1\nline 2\n")
    theirs, their_key = opened(local, bob, "globex-secret.txt", b"globex only")

    page = chromium.new_context(accept_downloads=True).new_page()
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/")
    sign_in(page, "alice@acme.example")
    page.wait_for_selector(".list-row")
    page.goto(f"http://cabinet.localhost:{local.http_port}/#/tickets/{mine}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download export log.txt").click()
    assert download.value.suggested_filename == "export log.txt"
    assert open(download.value.path(), "rb").read() == b"line 1\nline 2\n"

    page.goto(f"http://cabinet.localhost:{local.http_port}/#/tickets/{theirs}")
    page.wait_for_selector(".state")
    assert (
        page.locator("button.attachment").count() == 0 and "globex" not in page.locator("main").inner_text()
    )
    status, answer = local.api("cabinet", "GET", f"/tickets/{theirs}/download?key={their_key}", alice)
    assert status == 404 and "url" not in answer
