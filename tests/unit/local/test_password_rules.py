"""The sign-in pages' password rules, read from the pool's policy."""

from __future__ import annotations

import pytest
from helpdesk_local.auth.password_rules import PasswordRules

from tests.support.template_stack import template

pytestmark = pytest.mark.unit

TEMPLATE_POLICY = template()["Resources"]["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]
STRICT = {"MinimumLength": 12, "RequireLowercase": True, "RequireUppercase": True, "RequireNumbers": True,
          "RequireSymbols": True}  # fmt: skip


def test_the_template_policy_reads_as_the_rules_people_see() -> None:
    texts = [rule.text for rule in PasswordRules.of(TEMPLATE_POLICY).rules]
    minimum = TEMPLATE_POLICY["MinimumLength"]
    assert texts[0] == f"At least {minimum} characters"
    assert ("A lowercase letter (a–z)" in texts) is TEMPLATE_POLICY["RequireLowercase"]
    assert ("A number (0–9)" in texts) is TEMPLATE_POLICY["RequireNumbers"]
    assert ("An uppercase letter (A–Z)" in texts) is TEMPLATE_POLICY["RequireUppercase"]
    assert any(t.startswith("A symbol") for t in texts) is TEMPLATE_POLICY["RequireSymbols"]


def test_unmet_rules_are_named() -> None:
    rules = PasswordRules.of(STRICT)
    assert [r.key for r in rules.unmet("short")] == ["length", "uppercase", "number", "symbol"]
    assert [r.key for r in rules.unmet("Long-enough-pass-1")] == []
