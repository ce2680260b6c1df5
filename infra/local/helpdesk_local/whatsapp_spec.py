"""Meta's WhatsApp Cloud API description (infra/local/vendor/whatsapp, see SOURCE.md) for openapi-core: the
stand-in checks each Graph API call the product makes, each answer it gives and each webhook it delivers."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

SPEC = Path(__file__).resolve().parents[1] / "vendor" / "whatsapp" / "whatsapp-cloud-api.trimmed.json"
WEBHOOK_PATH = "/whatsapp/webhooks"  # where the document describes the webhook's payload


@cache
def cloud_api() -> OpenAPI:
    spec = json.loads(SPEC.read_text())
    spec["servers"] = [{"url": "/"}]  # any host: the stand-in listens on loopback
    return OpenAPI.from_dict(spec)


def request_problems(request: Request) -> list[str]:
    return [_reason(e) for e in cloud_api().unmarshal_request(WerkzeugOpenAPIRequest(request)).errors]


def response_problems(request: Request, response: Response) -> list[str]:
    found = cloud_api().unmarshal_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    return [_reason(e) for e in found.errors]


def webhook_problems(payload: dict[str, Any]) -> list[str]:
    """What Meta's `WebhookPayload` schema says is wrong with a payload the stand-in is about to deliver."""
    # The document files the webhook under bearerAuth like its API calls; Meta signs it instead (the stand-in
    # adds X-Hub-Signature-256), so a placeholder token lets the check reach the payload.
    headers = {"Authorization": "Bearer webhook"}
    built = EnvironBuilder(method="POST", path=WEBHOOK_PATH, json=payload, headers=headers)
    return request_problems(Request(built.get_environ()))


def _reason(error: Exception) -> str:
    cause = error.__cause__
    details = getattr(cause, "schema_errors", None)
    if details:
        return f"{error}: " + "; ".join(getattr(d, "message", str(d)) for d in details)
    return str(error)
