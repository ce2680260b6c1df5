"""Satisfaction surveys in the `helpdesk` table; rated ones listed by time through gsi1. Single use is a
conditional write on the survey's status."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PynamoDBException

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed, put_new
from helpdesk.tickets.model.csat import Survey

RATED = "CSAT#RATED"


class DynamoSurveys:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def add(self, survey: Survey) -> bool:
        if not put_new(self._m, self._item(survey, "sent")):
            return False
        self._m(f"TICKET#{survey.ticket_id}", "CSAT", entity="csat_pointer", ref=survey.id).save()
        return True

    def for_ticket(self, ticket_id: str) -> Survey | None:
        try:
            pointer = self._m.get(f"TICKET#{ticket_id}", "CSAT", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return self.get(pointer.ref) if pointer.ref else None

    def get(self, survey_id: str) -> Survey | None:
        try:
            item = self._m.get(f"CSAT#{survey_id}", "CSAT", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return loads(Survey, item.data or "{}")

    def rate(self, survey: Survey) -> bool:
        return self._replace(survey, "sent", "rated")

    def add_comment(self, survey: Survey) -> bool:
        return self._replace(survey, "rated", "commented")

    def rated_between(self, start: datetime, end: datetime) -> list[Survey]:
        window = self._m.gsi1sk.between(start.isoformat(), end.isoformat())
        found = [loads(Survey, i.data or "{}") for i in self._m.gsi1.query(RATED, window)]
        return [s for s in found if s.rated_at and start <= s.rated_at < end]

    def _replace(self, survey: Survey, was: str, becomes: str) -> bool:
        try:
            self._item(survey, becomes).save(condition=self._m.status == was)
        except PynamoDBException as error:
            if condition_failed(error):
                return False
            raise
        return True

    def _item(self, survey: Survey, status: str) -> HelpdeskItem:
        rated = survey.rated_at.isoformat() if survey.rated_at else None
        return self._m(
            f"CSAT#{survey.id}",
            "CSAT",
            entity="csat_survey",
            data=dumps(survey),
            status=status,
            ref=survey.ticket_id,
            gsi1pk=RATED if rated else None,
            gsi1sk=f"{rated}#{survey.id}" if rated else None,
        )
