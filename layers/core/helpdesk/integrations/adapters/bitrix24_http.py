"""Bitrix24's REST API through an incoming webhook (https://<portal>/rest/<user id>/<code>/<method>.json):
the URL itself is the credential, so it lives in Secrets Manager, never in settings or logs. Bitrix24 answers
"QUERY_LIMIT_EXCEEDED" (HTTP 503) past about two calls a second: VendorRateLimited, retried via the queue."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from helpdesk.integrations.adapters.vendor_http import exchange
from helpdesk.integrations.model.crm import CrmDeal, CrmParty, WonDeal
from helpdesk.integrations.ports import VendorRateLimited

QUERY_LIMIT_WAIT_SECONDS = 2  # Bitrix24 allows about two calls a second
CLOSED_STAGES = {"WON": "won", "LOSE": "lost"}


class Bitrix24Refused(RuntimeError):
    """Bitrix24 answered with an error we must fix, not retry blindly."""


class HttpBitrix24:
    def __init__(self, webhook_url: str) -> None:
        self._base = webhook_url.rstrip("/")

    def find_person(self, email: str) -> CrmParty | None:
        select = ["ID", "NAME", "LAST_NAME", "COMPANY_ID", "EMAIL"]
        for c in self._call("crm.contact.list", {"filter": {"EMAIL": email}, "select": select}) or []:
            if email.lower() in [str(e.get("VALUE", "")).lower() for e in c.get("EMAIL") or []]:
                name = " ".join(x for x in (c.get("NAME"), c.get("LAST_NAME")) if x)
                company = c.get("COMPANY_ID")
                return CrmParty(str(c["ID"]), str(company) if company and str(company) != "0" else None, name)
        return None

    def find_org_by_domain(self, domain: str) -> str | None:
        query = {"filter": {"%EMAIL": f"@{domain}"}, "select": ["ID", "COMPANY_ID", "EMAIL"]}
        for c in self._call("crm.contact.list", query) or []:
            company = str(c.get("COMPANY_ID") or "0")
            emails = [str(e.get("VALUE", "")).lower() for e in c.get("EMAIL") or []]
            if company != "0" and any(e.endswith(f"@{domain}") for e in emails):
                return company
        for company in self._call("crm.company.list", {"filter": {"TITLE": domain}, "select": ["ID"]}) or []:
            return str(company["ID"])
        return None

    def create_org(self, name: str) -> str:
        return str(self._call("crm.company.add", {"fields": {"TITLE": name}}))

    def create_person(self, name: str, email: str, org_id: str | None) -> str:
        fields: dict[str, Any] = {"NAME": name, "EMAIL": [{"VALUE": email, "VALUE_TYPE": "WORK"}]}
        if org_id:
            fields["COMPANY_ID"] = org_id
        return str(self._call("crm.contact.add", {"fields": fields}))

    def add_won_deal(self, deal: WonDeal) -> str:
        fields: dict[str, Any] = {
            "TITLE": deal.title,
            "OPPORTUNITY": str(deal.value),
            "CURRENCY_ID": deal.currency,
            "CONTACT_ID": deal.party.person_id,
            "STAGE_ID": "WON",
            "CLOSED": "Y",
            "CLOSEDATE": deal.won_at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "ORIGINATOR_ID": "helpdesk",
            "ORIGIN_ID": deal.reference,
        }
        if deal.party.org_id:
            fields["COMPANY_ID"] = deal.party.org_id
        return str(self._call("crm.deal.add", {"fields": fields}))

    def open_deal(self, party: CrmParty) -> CrmDeal | None:
        select = ["ID", "TITLE", "STAGE_ID", "OPPORTUNITY", "CURRENCY_ID", "CLOSED", "CONTACT_ID"]
        wheres = [{"CONTACT_ID": party.person_id}] + ([{"COMPANY_ID": party.org_id}] if party.org_id else [])
        for where in wheres:
            query = {"filter": {**where, "CLOSED": "N"}, "order": {"DATE_MODIFY": "DESC"}, "select": select}
            for d in self._call("crm.deal.list", query) or []:
                return deal_of(d)
        return None

    def deal(self, deal_id: str) -> tuple[CrmDeal, str]:
        """A deal and its contact's id, as Bitrix24's events carry only the id."""
        d = self._call("crm.deal.get", {"id": deal_id})
        return deal_of(d), str(d.get("CONTACT_ID") or "")

    def _call(self, method: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self._base}/{method}.json", json.dumps(body).encode(),
            {"Content-Type": "application/json", "Accept": "application/json"}, method="POST",
        )  # fmt: skip
        return json.loads(exchange(request, "bitrix24", method, _refusal(method)) or b"{}").get("result")


def deal_of(d: dict[str, Any]) -> CrmDeal:
    stage = str(d.get("STAGE_ID") or "")
    closed = str(d.get("CLOSED") or "N") == "Y"
    status = next(
        (s for suffix, s in CLOSED_STAGES.items() if stage.endswith(suffix)), "won" if closed else "open"
    )
    return CrmDeal(str(d["ID"]), str(d.get("TITLE") or ""), status, str(d.get("OPPORTUNITY") or ""),
                   str(d.get("CURRENCY_ID") or ""))  # fmt: skip


def _refusal(method: str) -> Callable[[urllib.error.HTTPError], Exception]:
    def meaning(error: urllib.error.HTTPError) -> Exception:
        code = _error_code(error)
        if code == "QUERY_LIMIT_EXCEEDED" or error.code == 429:  # Bitrix24 says it with a 503
            return VendorRateLimited("bitrix24 query limit", QUERY_LIMIT_WAIT_SECONDS)
        return Bitrix24Refused(f"bitrix24 refused {method}: {code or error.code}")

    return meaning


def _error_code(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read() or b"{}").get("error") or "")
    except ValueError:
        return ""
