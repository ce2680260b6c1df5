"""Chromium on the local stack: an admin configures a connector in the console (credentials write-only), and
the operations page shows each connector's health and the integrations queue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.e2e.commerce import test_commerce_browser as commerce
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
sign_in = commerce.sign_in


@contextmanager
def console_page(local: LocalProcess, chromium: Any, who: str, route: str) -> Iterator[tuple[Any, list[str]]]:
    """A console page at `route`, signed in as `who`; yields it with the page errors seen so far."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"http://console.localhost:{local.http_port}/#/{route}")
        sign_in(page, who)
        yield page, errors
    finally:
        context.close()


def onec(local: LocalProcess, token: str) -> dict[str, Any]:
    return next(c for c in local.api("console", "GET", "/integrations", token)[1] if c["connector"] == "onec")


def test_an_admin_sets_1c_to_utf8_and_never_sees_the_stored_credentials(
    local: LocalProcess, chromium: Any
) -> None:
    admin = local.token("admin@helpdesk.localhost")
    assert onec(local, admin)["options"] == {"encoding": "windows-1251"}
    try:
        with console_page(local, chromium, "admin@helpdesk.localhost", "admin") as (page, errors):
            page.click("#integrations-link")
            page.wait_for_selector("#integration-pipedrive", timeout=30_000)
            card = page.locator("#integration-pipedrive")
            assert "credentials set" in card.inner_text().lower()
            assert page.input_value("#integration-pipedrive-api_token") == ""
            assert "local-pipedrive-token" not in page.content()
            page.select_option("#integration-onec-encoding", "utf-8")
            page.click("#integration-onec-save")
            page.wait_for_selector("text=1C (CommerceML exchange) saved", timeout=15_000)
            saved = onec(local, admin)
            assert saved["options"] == {"encoding": "utf-8"} and saved["has_credentials"] and saved["enabled"]
            assert saved["updated_by"] == "admin@helpdesk.localhost"
            assert not errors
    finally:
        body = {"enabled": True, "options": {"encoding": "windows-1251"}}
        assert local.api("console", "PUT", "/integrations/onec", admin, body)[0] == 200


def test_operations_shows_connector_health_and_the_queue(local: LocalProcess, chromium: Any) -> None:
    with console_page(local, chromium, "ops@helpdesk.localhost", "ops") as (page, _):
        page.wait_for_selector("#integrations-health table", timeout=30_000)
        rows = page.locator("#integrations-health table tbody tr").all_inner_texts()
        assert any(r.startswith("Pipedrive") and "enabled" in r.lower() for r in rows), rows
        assert "dead letters: 0" in page.inner_text("#integrations-queue")
