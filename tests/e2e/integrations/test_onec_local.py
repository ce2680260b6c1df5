"""Issue 19's 1C exchange on the local stack: a client that follows the CommerceML 2 protocol step by step
over HTTP fetches a paid order in Windows-1251, confirms it, and posts back its payment and shipment."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.e2e.integrations.test_pipedrive_local import buy
from tests.support.lambdas import events_dir
from tests.support.local_process import LocalProcess
from tests.support.onec_client import OneCClient

pytestmark = [pytest.mark.e2e]


def onec(local: LocalProcess, password: str = "local-1c-password") -> OneCClient:
    def send(
        method: str, query: str, headers: dict[str, str], body: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        return local.request("api", method, f"/public/1c/exchange?{query}", body, headers)

    return OneCClient(send, "1c-exchange", password)


def offered(xml: bytes) -> list[str]:
    return [d.findtext("Ид") or "" for d in ET.fromstring(xml).iter("Документ")]


def test_1c_fetches_a_paid_order_confirms_it_and_posts_back_its_statuses(local: LocalProcess) -> None:
    assert onec(local, "guess").checkauth()[0] == "failure"
    order_id = buy(local, local.token("alice@acme.example"))

    client = onec(local)
    assert client.checkauth()[:2] == ["success", "HELPDESK_1C"]
    assert client.init()["zip"] == "no"

    def fetched() -> tuple[str, bytes] | None:
        answer = client.query()
        return answer if order_id in offered(answer[1]) else None

    charset, xml = local.wait_for(fetched, timeout=30)
    assert charset == "application/xml; charset=windows-1251"
    assert xml.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    root = ET.fromstring(xml)
    [document] = [d for d in root.iter("Документ") if d.findtext("Ид") == order_id]
    assert document.findtext("ХозОперация") == "Заказ товара" and document.findtext("Валюта") == "EUR"
    assert client.success() == "success"
    assert order_id not in offered(client.query()[1])

    recorded = (events_dir() / "onec" / "statuses_from_1c.windows-1251.xml").read_bytes()
    assert client.file(recorded.replace(b"ord_demo_1042", order_id.encode())) == "success"
    anna = local.token("anna@helpdesk.localhost")
    status, answer = local.api("console", "GET", f"/integrations/onec/documents/{order_id}", anna)
    assert status == 200 and answer["paid"] and answer["shipped"] and not answer["cancelled"]
    assert answer["payment_ref"].startswith("ПП-000233")
