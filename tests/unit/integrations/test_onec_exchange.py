"""The 1C exchange, driven by a client that follows the protocol step by step, against fakes; the recorded
status files (events/onec) in both encodings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from helpdesk.integrations.model.commerceml import ORDER, DocumentLine, ExportDocument
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings
from helpdesk.integrations.services.onec_exchange import OneCExchange
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Malformed

from tests.fakes.integrations.memory import MemoryCredentials, MemoryExchangeStore, MemoryIntegrationStore
from tests.support.lambdas import events_dir
from tests.support.onec_client import OneCClient

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


class Documents:
    def documents_for(self, order_id: str) -> list[ExportDocument]:
        line = DocumentLine("seo-pro#pro", "SEO Pro", Decimal("149.00"), 1, Decimal("149.00"))
        return [ExportDocument(order_id, "1042", NOW, ORDER, "EUR", Decimal("149.00"), "c-alice",
                               "Алиса Смирнова", "alice@acme.example", (line,))]  # fmt: skip


def exchange_for(encoding: str = "windows-1251") -> tuple[OneCExchange, MemoryExchangeStore]:
    store, exchange, creds = MemoryIntegrationStore(), MemoryExchangeStore(), MemoryCredentials()
    creds.write("s/1c", {"user": "1c-exchange", "password": "p@ss"})
    options = (("encoding", encoding),)
    store.save_settings(ConnectorSettings(Connector.ONEC, True, "", options, "s/1c", True))
    exchange.add_pending("ord_demo_1042", NOW)
    return OneCExchange(store, exchange, creds, Documents(), FixedClock(NOW)), exchange


def client(service: OneCExchange, password: str = "p@ss") -> OneCClient:
    def send(
        method: str, query: str, headers: dict[str, str], body: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        params = {k: v[0] for k, v in parse_qs(query).items()}
        cookie = headers.get("Cookie", "").partition("=")[2] or None
        reply = service.handle(
            params["type"], params["mode"], headers.get("Authorization"), cookie, body or b""
        )
        body = reply.body.encode() if isinstance(reply.body, str) else reply.body
        return 200, {"Content-Type": reply.content_type}, body

    return OneCClient(send, "1c-exchange", password)


def offered(xml: bytes) -> list[str]:
    return [d.findtext("Ид") or "" for d in ET.fromstring(xml).iter("Документ")]


def test_wrong_password_and_missing_cookie_are_refused() -> None:
    service, _ = exchange_for()
    assert client(service, "guess").checkauth()[0] == "failure"
    unauthenticated = client(service)
    assert unauthenticated.success().startswith("failure")


def test_the_exchange_step_by_step_in_windows_1251() -> None:
    service, exchange = exchange_for()
    onec = client(service)
    assert onec.checkauth()[:2] == ["success", "HELPDESK_1C"]
    assert onec.init()["zip"] == "no" and int(onec.init()["file_limit"]) > 0
    charset, xml = onec.query()
    assert charset == "application/xml; charset=windows-1251"
    assert xml.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    assert "Алиса Смирнова".encode("cp1251") in xml  # really Windows-1251 bytes, not UTF-8
    assert offered(xml) == ["ord_demo_1042"]
    assert offered(onec.query()[1]) == ["ord_demo_1042"]  # not confirmed yet: offered again
    assert onec.success() == "success"
    assert offered(onec.query()[1]) == []
    assert exchange.pending(10) == []


@pytest.mark.parametrize("encoding", ["windows-1251", "utf-8"])
def test_statuses_posted_back_in_either_encoding_are_kept(encoding: str) -> None:
    service, exchange = exchange_for()
    onec = client(service)
    onec.checkauth()
    onec.init()
    assert onec.file((events_dir() / "onec" / f"statuses_from_1c.{encoding}.xml").read_bytes()) == "success"
    status = exchange.status("ord_demo_1042")
    assert (status.paid, status.shipped, status.cancelled) == (True, True, False)
    assert status.payment_ref.startswith("ПП-000233") and status.status == "[F] Выполнен"


def test_utf8_when_the_connector_says_so() -> None:
    service, _ = exchange_for("utf-8")
    onec = client(service)
    onec.checkauth()
    charset, xml = onec.query()
    assert charset.endswith("utf-8") and "Алиса Смирнова".encode() in xml


def test_an_unreadable_file_is_refused() -> None:
    service, _ = exchange_for()
    onec = client(service)
    onec.checkauth()
    onec.init()
    with pytest.raises(Malformed):
        onec.file(b"<html>not commerceml</html>")
