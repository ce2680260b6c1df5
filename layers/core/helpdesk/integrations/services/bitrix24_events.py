"""Bitrix24's outgoing events (ONCRMDEALUPDATE) at the public API: form-encoded, verified by the
`auth[application_token]` Bitrix24 gives the event handler; the deal is read through the queue (the event
carries only its id), once per deal and event time."""

from __future__ import annotations

import hmac

from helpdesk.integrations.model.basic_auth import CredentialsRefused
from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.ports import Credentials, IntegrationStore, RequestQueue

WATCHED = {"ONCRMDEALUPDATE", "ONCRMDEALADD"}


class Bitrix24Events:
    def __init__(self, store: IntegrationStore, credentials: Credentials, queue: RequestQueue) -> None:
        self._store, self._credentials, self._queue = store, credentials, queue

    def receive(self, form: dict[str, str]) -> bool:
        settings = self._store.settings(Connector.BITRIX24)
        expected = (
            self._credentials.read(settings.secret_name).get("application_token", "")
            if settings.ready
            else ""
        )
        given = form.get("auth[application_token]", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            raise CredentialsRefused("credentials refused")
        deal_id = form.get("data[FIELDS][ID]", "")
        if form.get("event", "").upper() not in WATCHED or not deal_id.isdigit():
            return False
        self._queue.request(Connector.BITRIX24, "deal_changed", f"{deal_id}:{form.get('ts', '')}")
        return True
