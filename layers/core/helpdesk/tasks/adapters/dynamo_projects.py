"""Projects on the single table: `PROJECT#<KEY>`/`PROJECT` (gsi1 all projects, gsi2 per organisation) and
the project's task counter `PROJECT#<KEY>`/`COUNTER`."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, put_new
from helpdesk.tasks.model.project import Project


class DynamoProjects:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def create(self, project: Project) -> bool:
        return put_new(self._m, self._item(project))

    def get(self, key: str) -> Project | None:
        try:
            return self._project(self._m.get(f"PROJECT#{key}", "PROJECT", consistent_read=True))
        except self._m.DoesNotExist:
            return None

    def save(self, project: Project) -> None:
        self._item(project).save(condition=self._m.pk.exists())

    def all(self) -> list[Project]:
        return [self._project(i) for i in self._m.gsi1.query("PROJECTS")]

    def for_organisation(self, organisation_id: str) -> list[Project]:
        return [self._project(i) for i in self._m.gsi2.query(f"ORGPROJECTS#{organisation_id}")]

    def next_number(self, key: str) -> int:
        item = self._m(f"PROJECT#{key}", "COUNTER")
        item.update(actions=[self._m.tally.add(1), self._m.entity.set("project_counter")])
        return int(item.tally or 0)

    def _item(self, project: Project) -> HelpdeskItem:
        return self._m(
            f"PROJECT#{project.key}",
            "PROJECT",
            entity="project",
            data=dumps(project),
            gsi1pk="PROJECTS",
            gsi1sk=project.key,
            gsi2pk=f"ORGPROJECTS#{project.organisation_id}",
            gsi2sk=project.key,
        )

    @staticmethod
    def _project(item: HelpdeskItem) -> Project:
        return loads(Project, item.data or "{}")
