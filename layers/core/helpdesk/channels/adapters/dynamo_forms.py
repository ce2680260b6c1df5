"""Forms and held submissions in the `helpdesk` table.

A held submission is one record (`FORMSUB#<ref>`) plus, while it waits for staff, one entry in the review
list (`FORMHELD`, newest first), which release and dismiss remove: the list holds only what waits."""

from __future__ import annotations

from helpdesk.channels.model.forms import FormSpec
from helpdesk.channels.model.submission import HeldStatus, HeldSubmission
from helpdesk.channels.ports import HeldPage
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, decode_cursor, encode_cursor

WAITING = "FORMHELD"


class DynamoForms:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def get(self, form_id: str) -> FormSpec | None:
        try:
            return loads(FormSpec, self._m.get(f"FORM#{form_id}", "FORM").data or "{}")
        except self._m.DoesNotExist:
            return None

    def save(self, form: FormSpec) -> None:
        self._m(f"FORM#{form.id}", "FORM", entity="form", data=dumps(form)).save()


class DynamoHeldSubmissions:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def put(self, held: HeldSubmission) -> None:
        order = f"{held.submission.received_at.isoformat()}#{held.reference}"
        self._m(f"FORMSUB#{held.reference}", "SUB", entity="form_held", data=dumps(held), ref=order).save()
        if held.status is HeldStatus.HELD:
            self._m(WAITING, order, entity="form_waiting", ref=held.reference).save()

    def get(self, reference: str) -> HeldSubmission | None:
        try:
            return loads(
                HeldSubmission, self._m.get(f"FORMSUB#{reference}", "SUB", consistent_read=True).data or "{}"
            )
        except self._m.DoesNotExist:
            return None

    def list(self, status: HeldStatus, limit: int, cursor: str | None = None) -> HeldPage:
        if status is not HeldStatus.HELD:
            return HeldPage([])
        start = decode_cursor(cursor, ("pk", "sk")) if cursor else None
        found = list(
            self._m.query(WAITING, scan_index_forward=False, limit=limit + 1, last_evaluated_key=start)
        )
        more, found = len(found) > limit, found[:limit]
        items = [h for h in (self.get(i.ref) for i in found if i.ref) if h is not None]
        last = found[-1] if more else None
        return HeldPage(items, encode_cursor({"pk": last.pk, "sk": last.sk}) if last else None)

    def set_status(self, reference: str, status: HeldStatus) -> None:
        held = self.get(reference)
        if held is None:
            return
        item = self._m.get(f"FORMSUB#{reference}", "SUB")
        item.update(actions=[self._m.data.set(dumps(held.with_status(status)))])
        if status is not HeldStatus.HELD and item.ref:
            self._m(WAITING, item.ref).delete()
