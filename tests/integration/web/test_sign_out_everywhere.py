"""Sign-out in one tab ends the session in every open tab: the same site's tabs at once, the other sites'
tabs at their next session check (seconds), without a reload by the person."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_sign_out_in_one_console_tab_signs_out_the_other_tabs(tab, stub):
    first = tab.open("console", "/", ".list-row")
    second = tab.context.new_page()
    second.goto(stub.url("console", "/#/tickets/t-1"))
    second.wait_for_selector(".message")
    cabinet = tab.context.new_page()
    cabinet.goto(stub.url("cabinet", "/#/"))
    cabinet.wait_for_selector(".list-row")
    tab.allowed += ["400", "invalid_grant"]  # the other site's refresh is refused: that is how it learns
    tab.allowed += ["401"]  # a live-inbox poll already on its way with the old token is refused, rightly

    token = first.evaluate("JSON.parse(sessionStorage.getItem('helpdesk.auth.tokens')).id")
    first.get_by_role("button", name="Sign out").click()
    first.wait_for_selector("text=Sign in to the console")
    # the API heard it with the old token, so it refuses that token from now on
    heard = stub.calls("console", "POST", "/session/sign-out")
    assert [r.authorization for r in heard] == [f"Bearer {token}"]
    second.wait_for_selector("text=Sign in to the console", timeout=5000)  # broadcast on the same site
    assert second.locator(".message").count() == 0
    cabinet.wait_for_selector("button:has-text('Sign in')", timeout=8000)  # the other site's session check
    assert cabinet.locator(".list-row").count() == 0
    for page in (second, cabinet):
        assert page.evaluate("sessionStorage.getItem('helpdesk.auth.tokens')") is None
