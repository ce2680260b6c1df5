"""Route access declarations and customer scoping."""

from __future__ import annotations

import pytest
from helpdesk.identity.model import STAFF_ROLES, Access, Principal, PrincipalKind, Role
from helpdesk.identity.services.access import authorize, ensure_can_see, organisation_scope
from helpdesk.kernel.errors import Forbidden, NotFound, Unauthorized

pytestmark = pytest.mark.unit

CUSTOMER_A = Principal("c-a", "a@example.com", frozenset({Role.CUSTOMER}), "org-a")
NO_GROUPS = Principal("nobody", organisation_id="org-a")


def staff(role: Role) -> Principal:
    return Principal(f"s-{role}", roles=frozenset({role}))


def test_principal_from_claims_ignores_unknown_groups_and_reads_organisation() -> None:
    principal = Principal.from_claims(
        {"sub": "u", "cognito:groups": ["customer", "superuser"], "custom:organisation_id": "org-a"}
    )
    assert principal.roles == {Role.CUSTOMER}
    assert principal.kind is PrincipalKind.CUSTOMER
    assert principal.organisation_id == "org-a"
    assert Principal.from_claims({"sub": "u", "cognito:groups": ["ops"]}).kind is PrincipalKind.STAFF
    assert Principal.from_claims({"sub": "u"}).kind is None


def test_claims_without_subject_are_unauthorized() -> None:
    with pytest.raises(Unauthorized):
        Principal.from_claims({"cognito:groups": ["admin"]})


def test_public_route_admits_anonymous() -> None:
    assert authorize(Access.public(), None) is None
    assert authorize(Access.public(), CUSTOMER_A) is CUSTOMER_A


@pytest.mark.parametrize("access", [Access.customer(), Access.staff(), Access.signed_in()])
def test_protected_routes_refuse_anonymous_with_unauthorized(access: Access) -> None:
    with pytest.raises(Unauthorized):
        authorize(access, None)


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_route_admits_exactly_its_roles(role: Role) -> None:
    access = Access.staff(Role.ADMIN, Role.ACCOUNTANT)
    if role in (Role.ADMIN, Role.ACCOUNTANT):
        authorize(access, staff(role))
    else:
        with pytest.raises(Forbidden):
            authorize(access, staff(role))


def test_staff_routes_refuse_customers_and_callers_without_groups() -> None:
    for principal in (CUSTOMER_A, NO_GROUPS):
        with pytest.raises(Forbidden):
            authorize(Access.staff(), principal)
    with pytest.raises(Forbidden):
        authorize(Access.customer(), NO_GROUPS)


def test_customer_route_admits_customers_and_the_named_staff_only() -> None:
    access = Access.customer(Role.MANAGER)
    authorize(access, CUSTOMER_A)
    authorize(access, staff(Role.MANAGER))
    with pytest.raises(Forbidden):
        authorize(access, staff(Role.DEVELOPER))


def test_customer_is_not_a_staff_role() -> None:
    with pytest.raises(ValueError):
        Access.staff(Role.CUSTOMER)


def test_customers_see_only_their_own_organisation_and_foreign_objects_are_not_found() -> None:
    ensure_can_see(CUSTOMER_A, "org-a")
    for organisation in ("org-b", None, ""):
        with pytest.raises(NotFound):
            ensure_can_see(CUSTOMER_A, organisation)
    with pytest.raises(NotFound):
        ensure_can_see(None, "org-a")
    with pytest.raises(NotFound):
        ensure_can_see(NO_GROUPS, "org-a")


def test_customer_without_organisation_sees_nothing() -> None:
    orphan = Principal("c", roles=frozenset({Role.CUSTOMER}))
    with pytest.raises(NotFound):
        ensure_can_see(orphan, None)
    with pytest.raises(Forbidden):
        organisation_scope(orphan)


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_see_every_organisation(role: Role) -> None:
    ensure_can_see(staff(role), "org-b")
    assert organisation_scope(staff(role), "org-b") == "org-b"
    assert organisation_scope(staff(role)) is None


def test_a_customer_cannot_choose_another_organisation() -> None:
    assert organisation_scope(CUSTOMER_A, "org-b") == "org-a"
    assert organisation_scope(CUSTOMER_A) == "org-a"


def test_principal_carries_the_name_claim_and_ignores_a_blank_one() -> None:
    assert Principal.from_claims({"sub": "u", "name": " Carol Jones "}).name == "Carol Jones"
    assert Principal.from_claims({"sub": "u", "name": "  "}).name is None
    assert Principal.from_claims({"sub": "u", "name": 7}).name is None
