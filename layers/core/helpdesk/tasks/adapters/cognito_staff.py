"""Who is staff: the user pool's staff groups (template.yaml's UserPool), asked per address and cached."""

from __future__ import annotations

import time
from typing import Any

from helpdesk.identity.public import Role

CACHE_SECONDS = 300.0


class CognitoStaffDirectory:
    def __init__(self, client: Any, user_pool_id: str) -> None:
        self._idp, self._pool = client, user_pool_id
        self._known: dict[str, tuple[bool, float]] = {}

    def is_staff(self, email: str) -> bool:
        key = email.strip().casefold()
        cached = self._known.get(key)
        if cached is not None and time.time() - cached[1] < CACHE_SECONDS:
            return cached[0]
        answer = self._ask(key)
        self._known[key] = (answer, time.time())
        return answer

    def _ask(self, email: str) -> bool:
        if not email or '"' in email:
            return False
        users = self._idp.list_users(UserPoolId=self._pool, Filter=f'email = "{email}"', Limit=2)["Users"]
        staff = {role.value for role in Role if role is not Role.CUSTOMER}
        for user in users:
            if not user.get("Enabled", True):
                continue
            groups = self._idp.admin_list_groups_for_user(UserPoolId=self._pool, Username=user["Username"])
            if staff & {g["GroupName"] for g in groups["Groups"]}:
                return True
        return False
