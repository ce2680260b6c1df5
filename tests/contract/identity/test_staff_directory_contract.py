"""One contract for staff directories: the Cognito pool's staff groups (under moto) and the in-memory fake."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import boto3
import pytest
from helpdesk.identity.adapters.staff_cognito import CognitoStaffDirectory
from helpdesk.identity.adapters.staff_memory import MemoryStaffDirectory
from helpdesk.identity.model import StaffMember
from helpdesk.identity.ports import StaffDirectory
from moto import mock_aws

pytestmark = pytest.mark.contract

Add = Callable[[str, str, list[str]], None]  # e-mail, name, groups


@pytest.fixture(params=["cognito", "memory"])
def directory(request: pytest.FixtureRequest) -> Iterator[tuple[StaffDirectory, Add]]:
    if request.param == "memory":
        memory = MemoryStaffDirectory()

        def add_memory(email: str, name: str, groups: list[str]) -> None:
            if set(groups) - {"customer"}:
                memory.add(StaffMember(email, name))

        yield memory, add_memory
        return
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name="eu-central-1")
        pool = idp.create_user_pool(PoolName="helpdesk")["UserPool"]["Id"]
        for group in ("admin", "manager", "developer", "accountant", "ops", "customer"):
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
        StaffMember("amy@helpdesk.example", "Amy Accounts"),
        StaffMember("zed@helpdesk.example", "Zed Admin"),
    ]
