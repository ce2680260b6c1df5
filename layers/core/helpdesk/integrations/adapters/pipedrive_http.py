"""Pipedrive's REST API v2 (https://<company>.pipedrive.com/api/v2) with the API token in the
`x-api-token` header (never in the URL, so it stays out of access logs). A 429, or a spent budget in the
`x-ratelimit-remaining` header, raises VendorRateLimited with the wait the headers give."""

from __future__ import annotations

import json
from typing import Any

from helpdesk.integrations.adapters.vendor_http import exchange, json_request
from helpdesk.integrations.model.crm import CrmDeal, CrmParty, WonDeal


class PipedriveRefused(RuntimeError):
    """Pipedrive answered 4xx (not 429): a request we must fix, not retry blindly."""


class HttpPipedrive:
    def __init__(self, base_url: str, api_token: str) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"x-api-token": api_token, "Accept": "application/json"}

    def find_person(self, email: str) -> CrmParty | None:
        query = {"term": email, "fields": "email", "exact_match": "true", "limit": "5"}
        for hit in self._call("GET", "/persons/search", query=query).get("data", {}).get("items", []):
            item = hit.get("item") or {}
            if email.lower() in [str(e).lower() for e in item.get("emails") or []]:
                org = item.get("organization") or {}
                return CrmParty(
                    str(item["id"]), str(org["id"]) if org.get("id") else None, item.get("name", "")
                )
        return None

    def find_org_by_domain(self, domain: str) -> str | None:
        """A colleague's organisation (a person whose address is at the domain), else one named the domain."""
        query = {"term": f"@{domain}", "fields": "email", "limit": "10"}
        for hit in self._call("GET", "/persons/search", query=query).get("data", {}).get("items", []):
            item = hit.get("item") or {}
            org = item.get("organization") or {}
            emails = [str(e).lower() for e in item.get("emails") or []]
            if org.get("id") and any(e.endswith(f"@{domain}") for e in emails):
                return str(org["id"])
        query = {"term": domain, "fields": "name", "exact_match": "true", "limit": "1"}
        for hit in self._call("GET", "/organizations/search", query=query).get("data", {}).get("items", []):
            return str(hit["item"]["id"])
        return None

    def create_org(self, name: str) -> str:
        return str(self._call("POST", "/organizations", {"name": name})["data"]["id"])

    def create_person(self, name: str, email: str, org_id: str | None) -> str:
        body: dict[str, Any] = {"name": name, "emails": [{"value": email, "primary": True, "label": "work"}]}
        if org_id:
            body["org_id"] = int(org_id)
        return str(self._call("POST", "/persons", body)["data"]["id"])

    def add_won_deal(self, deal: WonDeal) -> str:
        body: dict[str, Any] = {
            "title": deal.title,
            "value": float(deal.value),
            "currency": deal.currency,
            "person_id": int(deal.party.person_id),
            "status": "won",
            "won_time": deal.won_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if deal.party.org_id:
            body["org_id"] = int(deal.party.org_id)
        return str(self._call("POST", "/deals", body)["data"]["id"])

    def open_deal(self, party: CrmParty) -> CrmDeal | None:
        filters = [{"person_id": party.person_id}] + ([{"org_id": party.org_id}] if party.org_id else [])
        for where in filters:
            query = {
                **where,
                "status": "open",
                "sort_by": "update_time",
                "sort_direction": "desc",
                "limit": "1",
            }
            for d in self._call("GET", "/deals", query=query).get("data") or []:
                value = d.get("value")
                return CrmDeal(str(d["id"]), d.get("title", ""), d.get("status", "open"),
                               "" if value is None else str(value), d.get("currency") or "")  # fmt: skip
        return None

    def deal(self, deal_id: str) -> tuple[CrmDeal, str]:
        d = self._call("GET", f"/deals/{int(deal_id)}").get("data") or {}
        value = d.get("value")
        deal = CrmDeal(str(d["id"]), d.get("title", ""), d.get("status", "open"),
                       "" if value is None else str(value), d.get("currency") or "")  # fmt: skip
        return deal, str(d.get("person_id") or "")

    def _call(
        self, method: str, path: str, body: Any = None, query: dict[str, str] | None = None
    ) -> dict[str, Any]:
        what = f"{method} {path}"
        raw = exchange(
            json_request(self._base + path, method, self._headers, body, query),
            "pipedrive",
            what,
            lambda error: PipedriveRefused(f"pipedrive refused {what}: {error.code}"),
        )
        return json.loads(raw) if raw else {}
