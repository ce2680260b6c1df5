"""Chromium on the local stack: an admin sets Omnidesk's reply staff id in the console (its credentials stay
write-only), and the operations page lists Omnidesk's health."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.integrations.test_integrations_console_browser import console_page
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def omnidesk(local: LocalProcess, token: str) -> dict[str, Any]:
    connectors = local.api("console", "GET", "/integrations", token)[1]
    return next(c for c in connectors if c["connector"] == "omnidesk")


def test_an_admin_sets_the_staff_id_and_operations_lists_omnidesk(local: LocalProcess, chromium: Any) -> None:
    admin = local.token("admin@helpdesk.localhost")
    before = omnidesk(local, admin)
    assert before["has_credentials"] and before["webhook_path"] == "/webhooks/omnidesk"
    try:
        with console_page(local, chromium, "admin@helpdesk.localhost", "admin") as (page, errors):
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
        body = {"enabled": True, "base_url": before["base_url"], "options": before["options"]}
        assert local.api("console", "PUT", "/integrations/omnidesk", admin, body)[0] == 200
    with console_page(local, chromium, "ops@helpdesk.localhost", "ops") as (page, _):
        page.wait_for_selector("#integrations-health table", timeout=30_000)
        rows = page.locator("#integrations-health table tbody tr").all_inner_texts()
        assert any(r.startswith("Omnidesk") and "enabled" in r.lower() for r in rows), rows
