"""The pages work under their content security policy, and the policy is really enforced: an inline script
or a foreign frame parent is refused. Every page test fails on a CSP violation (it is a console error)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def headers_of(page, path):
    return page.evaluate("p => fetch(p).then((r) => Object.fromEntries(r.headers))", path)


@pytest.mark.parametrize("site", ["console", "cabinet", "shop"])
def test_each_site_sends_the_shared_headers_and_refuses_inline_script(tab, site):
    tab.open(site, "/", "main")
    headers = headers_of(tab.page, "/")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert "max-age=" in headers["strict-transport-security"]
    tab.allowed.append("Executing inline script violates")  # the injected script below must be refused
    refused = tab.page.evaluate(
        """() => new Promise((resolve) => {
             document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective));
             const script = document.createElement("script");
             script.textContent = "window.injected = true";
             document.body.append(script);
           })"""
    )
    assert refused.startswith("script-src") and tab.page.evaluate("window.injected") is None


def test_api_answers_are_data_that_nobody_may_frame(tab):
    tab.open("console", "/", ".list-row")
    tab.allowed.append("401")  # asked without the token: the refusal carries the headers too
    headers = headers_of(tab.page, "/api/health")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("default-src 'none'; frame-ancestors 'none'")


def test_the_sign_in_callback_works_under_the_policy(tab, stub):
    stub.signed_in = False  # the silent check goes through callback.html and comes back signed out
    page = tab.open("console", "/", "text=Sign in to the console")
    page.get_by_role("button", name="Sign in").click()  # and a real sign-in finishes there too
    page.wait_for_selector(".list-row")
