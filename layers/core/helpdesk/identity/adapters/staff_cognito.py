"""The staff of the Cognito user pool (its staff groups); admins invite, re-role and deactivate them."""

from __future__ import annotations

from typing import Any

from helpdesk.identity.model import STAFF_ROLES, Role, StaffAccountExists, StaffMember


class CognitoStaffDirectory:
    def __init__(self, idp: Any, user_pool_id: str) -> None:
        self._idp = idp
        self._pool = user_pool_id

    def members(self) -> list[StaffMember]:
        return [m for m in self.accounts() if m.active]

    def accounts(self) -> list[StaffMember]:
        found: dict[str, tuple[dict[str, str], bool, set[Role]]] = {}
        pages = self._idp.get_paginator("list_users_in_group")
        for group in sorted(STAFF_ROLES):
            for page in pages.paginate(UserPoolId=self._pool, GroupName=group.value):
                for user in page["Users"]:
                    attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                    email = attributes.get("email")
                    if email:
                        entry = found.setdefault(
                            email.lower(), (attributes, user.get("Enabled", True), set())
                        )
                        entry[2].add(group)
        members = [
            StaffMember(a["email"], a.get("name") or a["email"], tuple(sorted(roles)), enabled)
            for a, enabled, roles in found.values()
        ]
        return sorted(members, key=lambda m: (m.name.lower(), m.email))

    def invite(self, email: str, name: str, roles: tuple[Role, ...]) -> None:
        attributes = [
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "name", "Value": name},
        ]
        try:  # Cognito mails the invitation with a temporary password
            self._idp.admin_create_user(
                UserPoolId=self._pool,
                Username=email,
                UserAttributes=attributes,
                DesiredDeliveryMediums=["EMAIL"],
            )
        except self._idp.exceptions.UsernameExistsException as error:
            raise StaffAccountExists(f"{email} already has an account") from error
        self.set_roles(email, roles)

    def set_roles(self, email: str, roles: tuple[Role, ...]) -> None:
        answer = self._idp.admin_list_groups_for_user(UserPoolId=self._pool, Username=email)
        current = {g["GroupName"] for g in answer["Groups"]} & {r.value for r in STAFF_ROLES}
        wanted = {r.value for r in roles}
        for group in sorted(wanted - current):
            self._idp.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=group)
        for group in sorted(current - wanted):
            self._idp.admin_remove_user_from_group(UserPoolId=self._pool, Username=email, GroupName=group)

    def set_active(self, email: str, active: bool) -> None:
        if active:
            self._idp.admin_enable_user(UserPoolId=self._pool, Username=email)
            return
        self._idp.admin_disable_user(UserPoolId=self._pool, Username=email)
        self._idp.admin_user_global_sign_out(UserPoolId=self._pool, Username=email)

    def subject(self, email: str) -> str | None:
        try:
            user = self._idp.admin_get_user(UserPoolId=self._pool, Username=email)
        except self._idp.exceptions.UserNotFoundException:
            return None
        return next((a["Value"] for a in user.get("UserAttributes", []) if a["Name"] == "sub"), None)
