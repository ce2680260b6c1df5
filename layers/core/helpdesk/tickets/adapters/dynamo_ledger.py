"""Processing records in the `helpdesk` table (pk `MAIL#<key>`): begun, planned, marked step by step, or
completed in one write (a new mail's unit of work)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from pynamodb.exceptions import PynamoDBException
from pynamodb.expressions.update import Action

from helpdesk.kernel.adapters.dynamo_staging import staging
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed
from helpdesk.tickets.adapters.dynamo_reads import DynamoReads
from helpdesk.tickets.ports import MailRecord, MailStep, WritesConflict

LEDGER_TTL = timedelta(days=90)


class DynamoLedger:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model
        self._reads = DynamoReads(model)

    def find(self, key: str) -> MailRecord | None:
        item = self._reads.get(f"MAIL#{key}", "MAIL")
        return self._as_record(key, item) if item else None

    def begin(self, key: str, now: datetime) -> MailRecord:
        return self.begin_planned(key, now, {})

    def begin_planned(self, key: str, now: datetime, plan: dict[str, str]) -> MailRecord:
        item = self._m(
            f"MAIL#{key}",
            "MAIL",
            entity="mail_record",
            ref=now.isoformat(),
            expires_at=int((now + LEDGER_TTL).timestamp()),
            data=json.dumps(plan) if plan else None,
        )
        self._reads.forget(item.pk, item.sk)
        try:
            item.save(condition=self._m.pk.does_not_exist())
            return MailRecord(key=key, started_at=now, plan=dict(plan))
        except PynamoDBException as error:
            if not condition_failed(error):
                raise
        return self._record(key)

    def save_plan(self, key: str, plan: dict[str, str]) -> dict[str, str]:
        item = self._m(f"MAIL#{key}", "MAIL")
        self._reads.forget(item.pk, item.sk)
        try:
            item.update(actions=[self._m.data.set(json.dumps(plan))], condition=self._m.data.does_not_exist())
            return dict(plan)
        except PynamoDBException as error:
            if not condition_failed(error):
                raise
        return self._record(key).plan

    def complete(self, record: MailRecord) -> None:
        item = self._m(f"MAIL#{record.key}", "MAIL")
        self._reads.forget(item.pk, item.sk)
        done = {MailStep.DONE.value}
        if not record.stored:
            item = self._m(
                item.pk,
                item.sk,
                entity="mail_record",
                ref=record.started_at.isoformat(),
                expires_at=int((record.started_at + LEDGER_TTL).timestamp()),
                data=json.dumps(record.plan) if record.plan else None,
                steps=done,
            )
            action, condition = "Put", self._m.pk.does_not_exist()
            request = item.get_save_kwargs_from_instance(condition=condition)
        else:  # begun earlier (a wait, a crash): the stored plan stays, if any
            actions: list[Action] = [self._m.steps.add(done)]
            if record.plan:
                actions.append(self._m.data.set(self._m.data | json.dumps(record.plan)))
            action = "Update"
            condition = self._m.steps.does_not_exist() | ~self._m.steps.contains(MailStep.DONE.value)
            request = item.get_update_kwargs_from_instance(actions=actions, condition=condition)
        staged = staging()
        if staged is not None:
            staged.stage(action, request)
            return
        try:
            if action == "Put":
                item.save(condition=condition)
            else:
                item.update(actions=actions, condition=condition)
        except PynamoDBException as error:
            if condition_failed(error):
                raise WritesConflict(f"mail record {record.key} written meanwhile") from error
            raise

    def mark(self, key: str, step: MailStep) -> None:
        self._reads.forget(f"MAIL#{key}", "MAIL")
        self._m(f"MAIL#{key}", "MAIL").update(actions=[self._m.steps.add({step.value})])

    def reset(self, key: str) -> None:
        self._reads.forget(f"MAIL#{key}", "MAIL")
        self._m(f"MAIL#{key}", "MAIL").delete()

    def _record(self, key: str) -> MailRecord:
        return self._as_record(key, self._m.get(f"MAIL#{key}", "MAIL", consistent_read=True))

    @staticmethod
    def _as_record(key: str, item: HelpdeskItem) -> MailRecord:
        return MailRecord(
            key=key,
            started_at=datetime.fromisoformat(item.ref or ""),
            plan=json.loads(item.data) if item.data else {},
            steps=frozenset(MailStep(s) for s in (item.steps or set())),
        )
