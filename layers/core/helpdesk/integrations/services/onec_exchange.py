"""The CommerceML 2 exchange 1C:Enterprise runs against an online shop (type=sale), step by step:

  checkauth  HTTP basic auth -> "success\\n<cookie name>\\n<cookie value>"; every later step sends the cookie
  init       -> "zip=no\\nfile_limit=<bytes>\\nsessid=...\\nversion=2.08"; the session's encoding is fixed
             here from the connector's `encoding` option (windows-1251 unless set to utf-8)
  query      -> the paid orders (and their invoices) not yet confirmed, as CommerceML in that encoding
  success    1C confirms it loaded the last query: those orders are not offered again
  file       1C posts documents with payment/shipment statuses (either encoding): kept per document
Failures answer "failure\\n<reason>", as the protocol expects."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

from helpdesk.integrations.model.basic_auth import CredentialsRefused, verify_basic_auth
from helpdesk.integrations.model.commerceml import ENCODINGS, documents_xml, parse_statuses
from helpdesk.integrations.model.connectors import Connector
from helpdesk.integrations.ports import (
    AccountingSources,
    Credentials,
    ExchangeSession,
    ExchangeStore,
    IntegrationStore,
)
from helpdesk.kernel.clock import Clock

COOKIE = "HELPDESK_1C"
FILE_LIMIT = 4 * 1024 * 1024
SESSION_SECONDS = 3600
QUERY_LIMIT = 100


@dataclass(frozen=True)
class ExchangeReply:
    body: str | bytes  # the protocol's text lines, or a CommerceML document's bytes in its encoding
    content_type: str = "text/plain; charset=utf-8"


def _text(*lines: str) -> ExchangeReply:
    return ExchangeReply("\n".join(lines) + "\n")


class OneCExchange:
    def __init__(
        self,
        settings: IntegrationStore,
        exchange: ExchangeStore,
        credentials: Credentials,
        sources: AccountingSources,
        clock: Clock,
    ) -> None:
        self._settings, self._exchange, self._credentials = settings, exchange, credentials
        self._sources, self._clock = sources, clock

    def handle(
        self, kind: str, mode: str, authorization: str | None, cookie: str | None, body: bytes = b""
    ) -> ExchangeReply:
        settings = self._settings.settings(Connector.ONEC)
        if not (settings.enabled and settings.has_credentials):
            return _text("failure", "the 1C exchange is not enabled")
        if kind != "sale":
            return _text("failure", "only type=sale is served")
        if mode == "checkauth":
            return self._checkauth(
                settings.secret_name, settings.option("encoding", ENCODINGS[0]), authorization
            )
        session = self._exchange.session(cookie or "")
        if session is None:
            return _text("failure", "not authorised: checkauth first")
        if mode == "init":
            return _text("zip=no", f"file_limit={FILE_LIMIT}", f"sessid={session.token}", "version=2.08")
        if mode == "query":
            return self._query(session)
        if mode == "success":
            self._exchange.drop_pending(list(session.in_flight))
            self._exchange.open_session(replace(session, in_flight=()), SESSION_SECONDS)
            return _text("success")
        if mode == "file":
            return self._file(body)
        return _text("failure", f"unknown mode {mode}")

    def _checkauth(self, secret_name: str, encoding: str, authorization: str | None) -> ExchangeReply:
        secret = self._credentials.read(secret_name)
        try:
            verify_basic_auth(authorization, secret.get("user", ""), secret.get("password", ""))
        except CredentialsRefused:
            return _text("failure", "wrong user or password")
        token = secrets.token_urlsafe(24)
        encoding = encoding if encoding in ENCODINGS else ENCODINGS[0]
        self._exchange.open_session(ExchangeSession(token, encoding), SESSION_SECONDS)
        return _text("success", COOKIE, token)

    def _query(self, session: ExchangeSession) -> ExchangeReply:
        order_ids = self._exchange.pending(QUERY_LIMIT)
        documents = [d for order_id in order_ids for d in self._sources.documents_for(order_id)]
        body = documents_xml(documents, self._clock.now(), session.encoding)
        self._exchange.open_session(replace(session, in_flight=tuple(order_ids)), SESSION_SECONDS)
        return ExchangeReply(body, f"application/xml; charset={session.encoding}")

    def _file(self, body: bytes) -> ExchangeReply:
        if len(body) > FILE_LIMIT:
            return _text("failure", "file larger than file_limit")
        for status in parse_statuses(body):
            self._exchange.save_status(status)
        return _text("success")
