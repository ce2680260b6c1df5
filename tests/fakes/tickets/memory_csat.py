"""Satisfaction surveys in memory, held to the same contract as the DynamoDB store."""

from __future__ import annotations

import threading
from datetime import datetime

from helpdesk.tickets.model.csat import Survey


class MemorySurveys:
    def __init__(self) -> None:
        self._surveys: dict[str, tuple[Survey, str]] = {}
        self._newest: dict[str, str] = {}
        self._lock = threading.Lock()

    def add(self, survey: Survey) -> bool:
        with self._lock:
            if survey.id in self._surveys:
                return False
            self._surveys[survey.id] = (survey, "sent")
            self._newest[survey.ticket_id] = survey.id
            return True

    def for_ticket(self, ticket_id: str) -> Survey | None:
        newest = self._newest.get(ticket_id)
        return self.get(newest) if newest else None

    def get(self, survey_id: str) -> Survey | None:
        found = self._surveys.get(survey_id)
        return found[0] if found else None

    def rate(self, survey: Survey) -> bool:
        return self._replace(survey, "sent", "rated")

    def add_comment(self, survey: Survey) -> bool:
        return self._replace(survey, "rated", "commented")

    def rated_between(self, start: datetime, end: datetime) -> list[Survey]:
        rated = [s for s, _ in self._surveys.values() if s.rated_at and start <= s.rated_at < end]
        return sorted(rated, key=lambda s: (s.rated_at, s.id))

    def _replace(self, survey: Survey, was: str, becomes: str) -> bool:
        with self._lock:
            if survey.id not in self._surveys or self._surveys[survey.id][1] != was:
                return False
            self._surveys[survey.id] = (survey, becomes)
            return True
