"""Pipedrive webhooks v2 at the public API: basic auth checked against the configured credentials, then the
change applied once per event id."""

from __future__ import annotations

from typing import Any

from helpdesk.integrations.model.basic_auth import CredentialsRefused, verify_basic_auth
from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.model.pipedrive import (
    deal_of,
    person_emails,
    person_phones,
)
from helpdesk.integrations.ports import Credentials, IntegrationStore
from helpdesk.integrations.services.crm_changes import CrmChange, CrmChanges
from helpdesk.integrations.views.api import PipedriveWebhook

WATCHED = {("change", "person"), ("create", "person"), ("change", "deal"), ("create", "deal")}


class PipedriveWebhooks:
    def __init__(self, store: IntegrationStore, credentials: Credentials, changes: CrmChanges) -> None:
        self._store, self._credentials, self._changes = store, credentials, changes

    def receive(self, authorization: str | None, raw: Any) -> bool:
        settings = self._store.settings(Connector.PIPEDRIVE)
        if not settings.ready:
            raise CredentialsRefused("webhook credentials refused")  # unconfigured answers like wrong
        secret = self._credentials.read(settings.secret_name)
        verify_basic_auth(authorization, secret.get("webhook_user", ""), secret.get("webhook_password", ""))
        body = PipedriveWebhook.model_validate(raw)
        meta, data = body.meta, body.data or {}
        if (meta.action, meta.entity) not in WATCHED:
            return False
        if meta.entity == "person":
            change = CrmChange(
                meta.id,
                "person",
                meta.entity_id,
                tuple(person_emails(data)),
                str(data.get("name") or ""),
                person_phones(data),
            )
        else:
            person = data.get("person_id")
            change = CrmChange(
                meta.id,
                "deal",
                meta.entity_id,
                deal=deal_of(meta.entity_id, data),
                person_id="" if person is None else str(person),
            )
        return self._changes.apply(Connector.PIPEDRIVE, change)
