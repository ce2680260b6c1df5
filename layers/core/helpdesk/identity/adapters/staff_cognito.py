"""The staff directory of the Cognito user pool: the members of its staff groups."""

from __future__ import annotations

from typing import Any

from helpdesk.identity.model import STAFF_ROLES, StaffMember


class CognitoStaffDirectory:
    def __init__(self, idp: Any, user_pool_id: str) -> None:
        self._idp = idp
        self._pool = user_pool_id

    def members(self) -> list[StaffMember]:
        found: dict[str, StaffMember] = {}
        pages = self._idp.get_paginator("list_users_in_group")
        for group in sorted(STAFF_ROLES):
            for page in pages.paginate(UserPoolId=self._pool, GroupName=group.value):
                for user in page["Users"]:
                    attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                    email = attributes.get("email")
                    if email and user.get("Enabled", True):
                        found[email.lower()] = StaffMember(email, attributes.get("name") or email)
        return sorted(found.values(), key=lambda m: (m.name.lower(), m.email))
