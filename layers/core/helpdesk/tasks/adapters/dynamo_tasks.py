"""Tasks on the single table: `TASK#<id>`/`TASK` holds the whole task (history, time, comments) as JSON,
optimistic on `version`. gsi1 lists a project's tasks by number, gsi2 a ticket's, gsi3 an order's; the
claim `JIRAISSUE#<key>` finds the task of a Jira issue."""

from __future__ import annotations

from dataclasses import replace

from pynamodb.exceptions import PynamoDBException

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed, put_new
from helpdesk.tasks.model.task import Task
from helpdesk.tasks.ports import TaskChanged


class DynamoTasks:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def create(self, task: Task) -> None:
        stored = replace(task, version=1)
        if not put_new(self._m, self._item(stored)):
            raise TaskChanged(task.id)

    def get(self, task_id: str) -> Task | None:
        try:
            return self._task(self._m.get(f"TASK#{task_id}", "TASK", consistent_read=True))
        except self._m.DoesNotExist:
            return None

    def save(self, task: Task) -> Task:
        stored = replace(task, version=task.version + 1)
        try:
            self._item(stored).save(condition=self._m.version == task.version)
        except PynamoDBException as error:
            if condition_failed(error):
                raise TaskChanged(task.id) from error
            raise
        if task.jira_key:
            put_new(
                self._m, self._m(f"JIRAISSUE#{task.jira_key}", "JIRAISSUE", entity="jira_issue", ref=task.id)
            )
        return stored

    def for_project(self, project: str) -> list[Task]:
        return self._query(self._m.gsi1, f"PROJECTTASKS#{project}")

    def for_ticket(self, ticket_id: str) -> list[Task]:
        return self._query(self._m.gsi2, f"TICKETTASKS#{ticket_id}")

    def for_order(self, order_id: str) -> list[Task]:
        return self._query(self._m.gsi3, f"ORDERTASKS#{order_id}")

    def by_jira_key(self, jira_key: str) -> Task | None:
        try:
            claim = self._m.get(f"JIRAISSUE#{jira_key}", "JIRAISSUE", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return self.get(claim.ref or "")

    def _query(self, index: object, hash_key: str) -> list[Task]:
        """Index entries can lag behind the task item: answer with the task items themselves."""
        keys = [(i.pk, i.sk) for i in index.query(hash_key)]  # type: ignore[attr-defined]
        current = {t.id: t for t in (self._task(i) for i in self._m.batch_get(keys, consistent_read=True))}
        return sorted(current.values(), key=lambda t: (t.project, t.number))

    def _item(self, task: Task) -> HelpdeskItem:
        number = f"{task.number:08d}"
        item = self._m(
            f"TASK#{task.id}",
            "TASK",
            entity="task",
            data=dumps(task),
            version=task.version,
            status=task.status,
            gsi1pk=f"PROJECTTASKS#{task.project}",
            gsi1sk=number,
        )
        if task.ticket_ids:
            item.gsi2pk, item.gsi2sk = f"TICKETTASKS#{task.ticket_ids[0]}", task.key
        if task.order_ids:
            item.gsi3pk, item.gsi3sk = f"ORDERTASKS#{task.order_ids[0]}", task.key
        return item

    @staticmethod
    def _task(item: HelpdeskItem) -> Task:
        return loads(Task, item.data or "{}")
