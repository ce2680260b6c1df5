"""Chromium on the local stack: an admin sets Omnidesk's reply staff id in the console (its credentials stay
write-only), and the operations page lists Omnidesk's health."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.commerce import test_commerce_browser as commerce
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
chromium = commerce.chromium  # the browser fixture, one per module
sign_in = commerce.sign_in


def omnidesk(local: LocalProcess, token: str) -> dict[str, Any]:
    connectors = local.api("console", "GET", "/integrations", token)[1]
    return next(c for c in connectors if c["connector"] == "omnidesk")


def test_an_admin_sets_the_staff_id_and_operations_lists_omnidesk(local: LocalProcess, chromium: Any) -> None:
    admin = local.token("admin@helpdesk.localhost")
    before = omnidesk(local, admin)
    assert before["has_credentials"] and before["webhook_path"] == "/webhooks/omnidesk"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"http://console.localhost:{local.http_port}/#/admin")
        sign_in(page, "admin@helpdesk.localhost")
        page.click("#integrations-link")
        page.wait_for_selector("#integration-omnidesk-staff_id", timeout=30_000)
        assert page.input_value("#integration-omnidesk-staff_id") == before["options"]["staff_id"]
        assert page.input_value("#integration-omnidesk-api_key") == ""
        assert "local-omnidesk-api-key" not in page.content()
        page.fill("#integration-omnidesk-staff_id", "42")
        page.click("#integration-omnidesk-save")
        page.wait_for_selector("text=Omnidesk saved", timeout=15_000)
        saved = omnidesk(local, admin)
        assert saved["options"] == {**before["options"], "staff_id": "42"} and saved["has_credentials"]
        assert not errors
    finally:
        context.close()
        body = {"enabled": True, "base_url": before["base_url"], "options": before["options"]}
        assert local.api("console", "PUT", "/integrations/omnidesk", admin, body)[0] == 200
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"http://console.localhost:{local.http_port}/#/ops")
        sign_in(page, "ops@helpdesk.localhost")
        page.wait_for_selector("#integrations-health table", timeout=30_000)
        rows = page.locator("#integrations-health table tbody tr").all_inner_texts()
        assert any(r.startswith("Omnidesk") and "enabled" in r.lower() for r in rows), rows
    finally:
        context.close()
