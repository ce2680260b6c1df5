"""The staff API behind the console in-process under moto: who may see which section, and assignment to
real staff users only (the Cognito pool's staff groups are the directory)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import boto3
import pytest
from helpdesk.bootstrap import container
from helpdesk.identity.model import Principal, Role
from helpdesk.tickets.model.ticket import Ticket

from tests.integration.commerce.conftest import POOL, TOKENS, Answer, call, shop  # noqa: F401 - the fixture
from tests.support.template_stack import REGION, TemplateStack

pytestmark = pytest.mark.integration

PEOPLE = {  # token -> (e-mail, name, group)
    "olga": ("olga@helpdesk.example", "Olga Ops", Role.OPS),
    "mia": ("Mia@Helpdesk.example", "Mia Manager", Role.MANAGER),
    "dev": ("dev@helpdesk.example", "Dev Eloper", Role.DEVELOPER),
    "acc": ("acc@helpdesk.example", "Acc Ountant", Role.ACCOUNTANT),
}


@pytest.fixture
def staff_pool(shop: TemplateStack, monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateStack]:  # noqa: F811
    idp = boto3.client("cognito-idp", region_name=REGION)
    pool = shop.ref("UserPool")
    for token, (email, name, role) in PEOPLE.items():  # each a pool user in its group, signed in once
        monkeypatch.setitem(TOKENS, token, Principal(f"sub-{token}", email, frozenset({role}), name=name))
        POOL[-1].token(token)
    customer = [{"Name": "email", "Value": "boris@customer.example"}, {"Name": "name", "Value": "Boris"}]
    idp.admin_create_user(UserPoolId=pool, Username="boris@customer.example", UserAttributes=customer)
    idp.admin_add_user_to_group(UserPoolId=pool, Username="boris@customer.example", GroupName="customer")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    container().ticket_repository.create(Ticket("t-1", "HD-100001", "Printer", "support", now, now))
    yield shop


def staff(method: str, resource: str, token: str, body: object = None, **params: str) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **params)


def test_me_names_only_the_sections_each_role_may_use(staff_pool: TemplateStack) -> None:
    sections = {token: staff("GET", "/me", token).body["sections"] for token in PEOPLE}
    assert sections == {
        "olga": ["ops"],
        "mia": ["inbox", "search", "projects", "licenses", "catalogue", "ops", "reports", "billing"],
        "dev": ["inbox", "search", "projects", "licenses", "ops", "reports"],  # their own figures
        "acc": ["inbox", "search", "projects", "licenses", "ops", "reports", "billing"],
    }
    for token, names in sections.items():  # every section offered answers its page's request
        probes = {"inbox": "/tickets", "licenses": "/licenses", "reports": "/reports/{kind}"}
        probes["billing"] = "/receivables"
        probes["catalogue"] = "/products"
        for name, path in probes.items():
            status = (
                staff("GET", path, token, kind="work").status
                if "{kind}" in path
                else staff("GET", path, token).status
            )
            assert (status != 403) == (name in names), (token, name, status)


def test_the_assignee_must_be_a_staff_user(staff_pool: TemplateStack) -> None:
    people = staff("GET", "/staff", "mia").body["items"]
    assert [(p["name"], p["email"]) for p in people] == [
        ("Acc Ountant", "acc@helpdesk.example"),
        ("Dev Eloper", "dev@helpdesk.example"),
        ("Mia Manager", "Mia@Helpdesk.example"),
    ]  # not Olga: an ops account opens no tickets
    for stranger in ("boris", "boris@customer.example"):
        refused = staff("PATCH", "/tickets/{ticket_id}", "mia", {"assignee": stranger}, ticket_id="t-1")
        assert refused.status == 422 and "is not a staff user" in refused.body["detail"]
    assert container().ticket_repository.find("t-1").assignee is None  # type: ignore[union-attr]
    saved = staff(
        "PATCH", "/tickets/{ticket_id}", "mia", {"assignee": "mia@helpdesk.EXAMPLE"}, ticket_id="t-1"
    )
    assert saved.status == 200 and saved.body["assignee"] == "Mia@Helpdesk.example"
    assert staff("GET", "/staff", "olga").status == 403
