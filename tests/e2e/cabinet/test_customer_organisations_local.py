"""On the local stack: mail from an address with no account lands in its domain's organisation; when a
customer of that domain first opens the cabinet, the ticket moves into their organisation, and the search
index (its mail too) follows, so a colleague finds it."""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def add_customer(local: LocalProcess, email: str, organisation: str) -> str:
    idp = local.client("cognito-idp")
    pool = idp.list_user_pools(MaxResults=5)["UserPools"][0]["Id"]
    attributes = [
        {"Name": "email", "Value": email},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "custom:organisation_id", "Value": organisation},
    ]
    idp.admin_create_user(
        UserPoolId=pool, Username=email, UserAttributes=attributes, MessageAction="SUPPRESS"
    )
    idp.admin_set_user_password(UserPoolId=pool, Username=email, Password="Demo-pass-2026", Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName="customer")
    return local.token(email)


def test_a_first_cabinet_visit_rehomes_earlier_mail_and_search_follows(local: LocalProcess) -> None:
    domain, word = f"initech{uuid.uuid4().hex[:6]}.example", f"stapler{uuid.uuid4().hex[:6]}"
    staff = local.token("anna@helpdesk.localhost")
    send(local, f"milton@{domain}", f"Missing stapler {word}", f"Have you seen my {word}?")
    local.wait_for(lambda: len(local.api("console", "GET", f"/search?q={word}", staff)[1]["hits"]) >= 2, 60)

    organisation = f"org-{uuid.uuid4().hex[:8]}"
    milton = add_customer(local, f"milton@{domain}", organisation)
    colleague = add_customer(local, f"peter@{domain}", organisation)
    assert local.api("cabinet", "GET", f"/search?q={word}", colleague)[1]["hits"] == []  # not theirs yet

    status, page = local.api("cabinet", "GET", "/tickets", milton)  # registers Milton, re-homes his mail
    assert status == 200 and [t["organisation_id"] for t in page["items"]] == [organisation]
    assert [t["subject"] for t in local.api("cabinet", "GET", "/tickets", colleague)[1]["items"]] == [
        f"Missing stapler {word}"
    ]

    def colleague_finds_ticket_and_mail() -> set[str]:
        hits = local.api("cabinet", "GET", f"/search?q={word}", colleague)[1]["hits"]
        return {h["type"] for h in hits} if {h["type"] for h in hits} >= {"ticket", "message"} else set()

    local.wait_for(colleague_finds_ticket_and_mail, timeout=30)
    assert (
        local.api("cabinet", "GET", f"/search?q={word}", local.token("bob@globex.example"))[1]["hits"] == []
    )
