"""One contract for staff directories: the Cognito pool's staff groups (under moto) and the in-memory fake."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import boto3
import pytest
from helpdesk.identity.adapters.staff_cognito import CognitoStaffDirectory
from helpdesk.identity.model import Role, StaffAccountExists, StaffMember
from helpdesk.identity.ports import StaffAccounts, StaffDirectory
from moto import mock_aws

from tests.fakes.identity.staff_directory import MemoryStaffDirectory

pytestmark = pytest.mark.contract

Add = Callable[[str, str, list[str]], None]  # e-mail, name, groups


@pytest.fixture(params=["cognito", "memory"])
def directory(request: pytest.FixtureRequest) -> Iterator[tuple[StaffDirectory, Add]]:
    if request.param == "memory":
        memory = MemoryStaffDirectory()

        def add_memory(email: str, name: str, groups: list[str]) -> None:
            roles = tuple(sorted(Role(g) for g in groups if g != "customer"))
            if roles:
                memory.add(StaffMember(email, name, roles))

        yield memory, add_memory
        return
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name="eu-central-1")
        pool = idp.create_user_pool(PoolName="helpdesk")["UserPool"]["Id"]
        for group in ("admin", "manager", "developer", "accountant", "ops", "hr", "customer"):
            idp.create_group(UserPoolId=pool, GroupName=group)

        def add_cognito(email: str, name: str, groups: list[str]) -> None:
            attributes = [{"Name": "email", "Value": email}, {"Name": "name", "Value": name}]
            idp.admin_create_user(UserPoolId=pool, Username=email, UserAttributes=attributes)
            for group in groups:
                idp.admin_add_user_to_group(UserPoolId=pool, Username=email, GroupName=group)

        yield CognitoStaffDirectory(idp, pool), add_cognito


def test_lists_staff_of_every_staff_group_once_by_name_and_no_customers(
    directory: tuple[StaffDirectory, Add],
) -> None:
    staff, add = directory
    add("zed@helpdesk.example", "Zed Admin", ["admin", "ops"])
    add("amy@helpdesk.example", "Amy Accounts", ["accountant"])
    add("carl@customer.example", "Carl Customer", ["customer"])
    assert staff.members() == [
        StaffMember("amy@helpdesk.example", "Amy Accounts", (Role.ACCOUNTANT,)),
        StaffMember("zed@helpdesk.example", "Zed Admin", (Role.ADMIN, Role.OPS)),
    ]


def test_deactivated_staff_leave_the_picker_but_stay_in_the_accounts(
    directory: tuple[StaffDirectory, Add],
) -> None:
    staff, add = directory
    add("zed@helpdesk.example", "Zed Admin", ["admin"])
    add("amy@helpdesk.example", "Amy Accounts", ["accountant"])
    accounts: StaffAccounts = staff  # type: ignore[assignment]
    accounts.set_active("zed@helpdesk.example", False)
    assert [m.email for m in staff.members()] == ["amy@helpdesk.example"]
    assert [(m.email, m.active) for m in accounts.accounts()] == [
        ("amy@helpdesk.example", True),
        ("zed@helpdesk.example", False),
    ]
    accounts.set_roles("amy@helpdesk.example", (Role.MANAGER, Role.OPS))
    accounts.set_active("zed@helpdesk.example", True)
    assert [m.roles for m in accounts.accounts()] == [(Role.MANAGER, Role.OPS), (Role.ADMIN,)]


def test_inviting_an_existing_address_is_refused(directory: tuple[StaffDirectory, Add]) -> None:
    staff, add = directory
    accounts: StaffAccounts = staff  # type: ignore[assignment]
    accounts.invite("new@helpdesk.example", "New Person", (Role.DEVELOPER,))
    assert accounts.accounts() == [StaffMember("new@helpdesk.example", "New Person", (Role.DEVELOPER,))]
    with pytest.raises(StaffAccountExists):
        accounts.invite("new@helpdesk.example", "Again", (Role.OPS,))


def test_an_account_names_its_token_subject_and_an_unknown_address_none(
    directory: tuple[StaffDirectory, Add],
) -> None:
    staff, add = directory
    accounts: StaffAccounts = staff  # type: ignore[assignment]
    add("zed@helpdesk.example", "Zed Admin", ["admin"])
    add("amy@helpdesk.example", "Amy Accounts", ["accountant"])
    zed, amy = accounts.subject("zed@helpdesk.example"), accounts.subject("amy@helpdesk.example")
    assert zed and amy and zed != amy
    assert accounts.subject("nobody@helpdesk.example") is None
