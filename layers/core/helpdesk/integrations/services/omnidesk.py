"""Omnidesk conversations in: a case's customer messages ride the channels' rails (written as mail into the
same ingest, threaded to the case's first message); the webhook and the scheduled pull only name cases, and
the integrations queue reads each case through the API. Each message is taken once, whoever named its case."""

from __future__ import annotations

from typing import Any

from helpdesk.channels.public import ChannelIntake, InboundFile, InboundMessage
from helpdesk.integrations.model.basic_auth import CredentialsRefused, verify_basic_auth
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.model.omnidesk import (
    OmnideskCase,
    OmnideskMessage,
    OmnideskUser,
    customer_address,
    message_key,
    webhook_case_id,
    when,
)
from helpdesk.integrations.ports import (
    Credentials,
    IntegrationStore,
    OmnideskApi,
    OmnideskClients,
    RequestQueue,
    VendorNotFound,
    VendorRateLimited,
)
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Unavailable

OMNIDESK = Connector.OMNIDESK
CASE_REQUEST = "omnidesk_case"
MAX_PULL_PAGES = 20  # per scheduled run; the cursor lets the next run go on
MAX_RATE_LIMITED = 10


class OmnideskInbound:
    def __init__(
        self,
        store: IntegrationStore,
        credentials: Credentials,
        clients: OmnideskClients,
        intake: ChannelIntake,
        queue: RequestQueue,
        clock: Clock,
    ) -> None:
        self._store, self._credentials, self._clients = store, credentials, clients
        self._intake, self._queue, self._clock = intake, queue, clock

    def receive_webhook(self, authorization: str | None, body: Any) -> bool:
        """Credentials first (unconfigured answers like wrong); then the case is read through the queue."""
        settings = self._store.settings(OMNIDESK)
        if not settings.ready:
            raise CredentialsRefused("credentials refused")
        secret = self._credentials.read(settings.secret_name)
        verify_basic_auth(authorization, secret.get("webhook_user", ""), secret.get("webhook_password", ""))
        case_id = webhook_case_id(body)
        if case_id is None:
            return False
        self._queue.request(OMNIDESK, CASE_REQUEST, str(case_id))
        return True

    def pull(self) -> int:
        """The scheduled pull: every case changed since the cursor goes on the queue; the cases queued."""
        settings = self._store.settings(OMNIDESK)
        if not settings.ready:
            return 0
        api = self._api(settings)
        since = when(self._store.cursor(OMNIDESK, "cases") or None)
        queued, newest = 0, since
        for page in range(1, MAX_PULL_PAGES + 1):
            try:
                cases, total = self._guarded(lambda p=page: api.cases_updated_since(since, p))
            except VendorRateLimited:
                break  # the next scheduled run goes on from the cursor
            for case in cases:
                self._queue.request(OMNIDESK, CASE_REQUEST, str(case.case_id))
                if case.updated_at and (newest is None or case.updated_at > newest):
                    newest = case.updated_at
            queued += len(cases)
            if not cases or queued >= total:
                break
        if newest is not None and newest != since:
            self._store.save_cursor(OMNIDESK, "cases", newest.strftime("%a, %d %b %Y %H:%M:%S %z"))
        return queued

    def handle(self, kind: str, ref: str, attempt: int = 0) -> str:
        """One queued case: "done", "skipped" (not configured) or "delayed" (Omnidesk said 429)."""
        settings = self._store.settings(OMNIDESK)
        if not settings.ready or kind != CASE_REQUEST or not ref.isdigit():
            return "skipped"
        try:
            taken = self._guarded(lambda: self._take_case(settings, int(ref)))
        except VendorNotFound:
            return "skipped"  # deleted since it was named: nothing to take, nothing to retry
        except VendorRateLimited as limited:
            if attempt >= MAX_RATE_LIMITED:
                raise
            self._queue.request(OMNIDESK, kind, ref, limited.retry_after, attempt + 1)
            self._store.save_health(self._store.health(OMNIDESK).rate_limited())
            return "delayed"
        return "done" if taken else "skipped"

    def _take_case(self, settings: ConnectorSettings, case_id: int) -> int:
        api = self._api(settings)
        case = api.case(case_id)
        if case.junk:
            return 0
        mine = [m for m in api.messages(case_id) if m.from_customer]
        if not mine:
            return 0
        anchor = message_key(case_id, mine[0].message_id)
        users: dict[int, OmnideskUser | None] = {}
        taken = 0
        for message in mine:
            claim = f"omnidesk-message#{case_id}#{message.message_id}"
            if not self._store.claim(claim):
                continue  # seen before, by the webhook or by the pull
            try:
                if message.user_id not in users:
                    users[message.user_id] = api.user(message.user_id)
                inbound = self._inbound(settings, api, case, message, users[message.user_id], anchor)
                self._intake.take(inbound)
            except Exception:
                self._store.release(claim)
                raise
            taken += 1
        return taken

    def _inbound(
        self,
        settings: ConnectorSettings,
        api: OmnideskApi,
        case: OmnideskCase,
        message: OmnideskMessage,
        user: OmnideskUser | None,
        anchor: str,
    ) -> InboundMessage:
        files = tuple(InboundFile(f.file_name, f.mime_type, api.download(f.url)) for f in message.files)
        key = message_key(case.case_id, message.message_id)
        return InboundMessage(
            channel="omnidesk",
            message_key=key,
            sender_address=customer_address(user, message.user_id),
            sender_name=user.name if user else "",
            subject=case.subject or (message.text.splitlines() or ["Omnidesk case"])[0][:80],
            text=message.text,
            sent_at=message.created_at,
            to_mailbox=settings.option("mailbox", "support"),
            reply_to="" if key == anchor else anchor,
            files=files,
            headers=(("Omnidesk-Case", case.case_number or str(case.case_id)),),
        )

    def _api(self, settings: ConnectorSettings) -> OmnideskApi:
        return self._clients.client(settings, self._credentials.read(settings.secret_name))

    def _guarded(self, call: Any) -> Any:
        """Run one use of the API, recording success or failure in the connector's health."""
        health = self._store.health(OMNIDESK)
        try:
            result = call()
        except (VendorRateLimited, VendorNotFound):
            raise
        except Exception as error:
            self._store.save_health(health.failed(self._clock.now(), f"{type(error).__name__}: {error}"))
            raise
        self._store.save_health(self._store.health(OMNIDESK).succeeded(self._clock.now()))
        return result


class OmnideskReplies:
    """Serves the channels' reply worker: an agent's reply goes to the case as a staff message."""

    def __init__(
        self, store: IntegrationStore, credentials: Credentials, clients: OmnideskClients, clock: Clock
    ) -> None:
        self._store, self._credentials, self._clients, self._clock = store, credentials, clients, clock

    def post_reply(self, case_id: int, text: str) -> None:
        settings = self._store.settings(OMNIDESK)
        health = self._store.health(OMNIDESK)
        try:
            if not settings.ready:
                raise Unavailable("Omnidesk is not configured")
            api = self._clients.client(settings, self._credentials.read(settings.secret_name))
            api.post_staff_message(case_id, text, int(settings.option("staff_id", "0") or 0))
        except Exception as error:
            self._store.save_health(health.failed(self._clock.now(), f"{type(error).__name__}: {error}"))
            raise
        self._store.save_health(health.succeeded(self._clock.now()))
