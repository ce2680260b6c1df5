"""Teams (who shares a mailbox's rotation) in the `helpdesk` table, listed through gsi1."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.tickets.model.assignment import Team


class DynamoTeams:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def get(self, name: str) -> Team | None:
        try:
            item = self._m.get(f"TEAM#{name}", "TEAM", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return loads(Team, item.data or "{}")

    def save(self, team: Team) -> None:
        self._m(
            f"TEAM#{team.name}", "TEAM", entity="team", data=dumps(team), gsi1pk="TEAMS", gsi1sk=team.name
        ).save()

    def all(self) -> list[Team]:
        return [loads(Team, i.data or "{}") for i in self._m.gsi1.query("TEAMS")]
