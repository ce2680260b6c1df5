"""Chromium on the local stack: a new customer signs up from the cabinet. The pool's rules (template.yaml)
show up front and tick off while typing; after the e-mailed code the person is signed in without typing the
password again, and the cabinet's header greets them by the name they gave."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS
from tests.support.template_stack import template

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

POLICY = template()["Resources"]["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]


def mailed_code(local: LocalProcess, email: str) -> str | None:
    status, mails = local.json("mail", "GET", f"/api/messages?to={email}")
    found = [re.search(r"\b(\d{6})\b", m["text"]) for m in mails or [] if "verification" in m["subject"]]
    return found[-1].group(1) if found and found[-1] else None


def met(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all("#password-rules li.met", "items => items.map(i => i.dataset.rule)")
    )


def test_sign_up_from_the_cabinet_with_rules_shown_and_no_second_password(
    local: LocalProcess,
    chromium: Any,
) -> None:
    email, name = f"zoe-{uuid.uuid4().hex[:8]}@example.com", "Zoë Quinn"
    password = "quinn-pass-" + "7" * max(0, POLICY["MinimumLength"] - 11) + "1"
    context = chromium.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto(f"http://cabinet.localhost:{local.http_port}/")
    page.get_by_role("button", name="Sign in").first.click()
    page.get_by_role("link", name="Create account").click()
    page.wait_for_selector("#password-rules li")
    rules = page.locator("#password-rules li")
    assert rules.first.inner_text() == f"At least {POLICY['MinimumLength']} characters"
    assert rules.count() == 1 + sum(
        bool(POLICY[flag])
        for flag in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols")
    )

    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill("abc")
    page.wait_for_function("() => document.querySelectorAll('#password-rules li.met').length === 1")
    assert met(page) == ["lowercase"]
    page.get_by_role("button", name="Create account").click()  # the browser holds a form with unmet rules
    assert page.url.split("?")[0].endswith("/signup") and not page.locator("text=code is on its way").count()
    page.get_by_label("Password", exact=True).fill(password)
    page.wait_for_function("() => !document.querySelector('#password-rules li:not(.met)')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "sign-up-rules-met-1024.png"), full_page=True)
    page.get_by_role("button", name="Create account").click()

    page.wait_for_selector("text=code is on its way")
    assert page.locator("input[type=password]").count() == 0  # the confirmation asks for no password
    assert password not in page.content()
    page.get_by_label("Code from the e-mail").fill(
        local.wait_for(lambda: mailed_code(local, email), timeout=15)
    )
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(f"http://cabinet.localhost:{local.http_port}/**")
    page.wait_for_selector(f"#user .who:text-is('{name}')")
    assert (
        page.evaluate("JSON.stringify({...sessionStorage}) + JSON.stringify({...localStorage})").find(
            password
        )
        < 0
    )
    page.screenshot(path=str(SHOTS / "sign-up-signed-in-cabinet-1024.png"), full_page=True)
    context.close()
