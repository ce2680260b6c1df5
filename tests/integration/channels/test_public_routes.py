"""The acceptance contract at the handler: POST /forms/{form_id} (JSON or form-encoded) -> 202 {reference},
CORS for the form's own origins only; the Telegram webhook with its secret header. PublicApiFunction runs
in-process under moto on the resources template.yaml declares."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import boto3
import pytest
from helpdesk.channels.adapters.dynamo_forms import DynamoForms
from helpdesk.channels.model.tokens import shown_token
from helpdesk.kernel.adapters.dynamo_table import item_model
from moto import mock_aws

from tests.support.api_events import rest_event
from tests.support.channels import ORIGIN, QUOTE
from tests.support.lambdas import invoke
from tests.support.template_stack import REGION, TemplateStack, provision

pytestmark = pytest.mark.integration


@pytest.fixture
def stack() -> Iterator[TemplateStack]:
    with mock_aws():
        stack = provision({"Stage": "local"})
        DynamoForms(item_model(stack.env["TABLE_NAME"], REGION)).save(QUOTE)
        yield stack


def call(method: str, resource: str, body=None, headers=None, **params):
    answer = invoke("PublicApiFunction", rest_event(method, resource, body, headers=headers, **params))
    return answer["statusCode"], answer["headers"], json.loads(answer["body"] or "null")


def token() -> str:
    from helpdesk.bootstrap import container

    return shown_token(container().reply_token_secret, "quote", datetime.now(UTC) - timedelta(seconds=30))


def channel_objects(stack: TemplateStack) -> list[str]:
    listed = boto3.client("s3", region_name=REGION).list_objects_v2(
        Bucket=stack.env["RAW_MAIL_BUCKET"], Prefix="inbound/channels/"
    )
    return [o["Key"] for o in listed.get("Contents", [])]


def test_json_and_form_encoded_submissions_answer_202_with_a_reference_and_cors_for_the_forms_origin(stack):
    status, headers, described = call("GET", "/forms/{form_id}", headers={"Origin": ORIGIN}, form_id="quote")
    assert status == 200 and [f["name"] for f in described["fields"]] == ["name", "email", "message"]
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    person = {"name": "Ann", "email": "ann@example.org", "message": "A kitchen", "form_token": token()}
    status, headers, answer = call("POST", "/forms/{form_id}", person, {"Origin": ORIGIN}, form_id="quote")
    assert (
        status == 202
        and answer["reference"].startswith("F-")
        and headers["Access-Control-Allow-Origin"] == ORIGIN
    )
    encoded = urlencode({**person, "email": "bo@example.org"})
    form = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
    status, _, answer = call("POST", "/forms/{form_id}", encoded, form, form_id="quote")
    assert status == 202 and answer["reference"].startswith("F-")
    assert len(channel_objects(stack)) == 2  # both on their way to the mail ingest


def test_a_refusal_says_what_to_fix_readably_and_another_sites_browser_gets_403_without_cors(stack):
    bad = {"name": "Ann", "email": "nope", "message": "A kitchen", "form_token": token()}
    status, headers, answer = call("POST", "/forms/{form_id}", bad, {"Origin": ORIGIN}, form_id="quote")
    assert status == 422 and answer["problems"] == {"email": "E-mail is not an e-mail address"}
    assert headers["Access-Control-Allow-Origin"] == ORIGIN and answer["reference"].startswith("F-")
    good = {**bad, "email": "ann@example.org"}
    status, headers, _ = call(
        "POST", "/forms/{form_id}", good, {"Origin": "http://evil.test"}, form_id="quote"
    )
    assert status == 403 and headers.get("Access-Control-Allow-Origin") != "http://evil.test"
    status, _, _ = call("POST", "/forms/{form_id}", good, {"Origin": ORIGIN}, form_id="other")
    assert status == 404 and channel_objects(stack) == []


def test_the_telegram_webhook_takes_updates_with_the_bots_secret_only(stack):
    boto3.client("secretsmanager", region_name=REGION).create_secret(
        Name="helpdesk/telegram/demo", SecretString=json.dumps({"token": "1:t", "webhook_secret": "s3cret"})
    )
    sender, chat = {"id": 9, "is_bot": False, "first_name": "Ivan"}, {"id": 9, "type": "private"}
    update = {
        "update_id": 1,
        "message": {"message_id": 5, "date": 1780000000, "text": "Hi", "from": sender, "chat": chat},
    }
    for bot, secret in (("demo", "wrong"), ("other", "s3cret")):
        status, _, _ = call("POST", "/channels/telegram/{bot_id}", update,
                            {"X-Telegram-Bot-Api-Secret-Token": secret}, bot_id=bot)  # fmt: skip
        assert status == 401
    status, _, answer = call("POST", "/channels/telegram/{bot_id}", update,
                             {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}, bot_id="demo")  # fmt: skip
    assert (status, answer) == (200, {"outcome": "message"})
    assert [k.rsplit("/", 1)[1].split("@")[0] for k in channel_objects(stack)] == ["demo-9-5"]


def test_the_whatsapp_webhook_is_verified_once_and_takes_only_signed_posts(stack):
    import hashlib
    import hmac

    keys = {"access_token": "EAAG", "app_secret": "app-secret", "verify_token": "verify-me"}
    boto3.client("secretsmanager", region_name=REGION).create_secret(
        Name="helpdesk/whatsapp/1015550001", SecretString=json.dumps(keys)
    )
    hub = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "31337"}
    answer = invoke("PublicApiFunction", rest_event("GET", "/channels/whatsapp/{phone_number_id}", query=hub,
                                                    phone_number_id="1015550001"))  # fmt: skip
    assert (answer["statusCode"], answer["body"]) == (200, "31337")
    message = {
        "from": "4915112345",
        "id": "wamid.X",
        "timestamp": "1780000000",
        "type": "text",
        "text": {"body": "Hi"},
    }
    value = {
        "messaging_product": "whatsapp",
        "contacts": [{"wa_id": "4915112345", "profile": {"name": "Rosa"}}],
    }
    change = {"field": "messages", "value": {**value, "messages": [message]}}
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [change]}]})
    good = "sha256=" + hmac.new(b"app-secret", body.encode(), hashlib.sha256).hexdigest()
    for signature in ("sha256=" + "0" * 64, ""):
        status, _, _ = call("POST", "/channels/whatsapp/{phone_number_id}", body,
                            {"X-Hub-Signature-256": signature}, phone_number_id="1015550001")  # fmt: skip
        assert status == 401
    status, _, answer = call("POST", "/channels/whatsapp/{phone_number_id}", body,
                             {"X-Hub-Signature-256": good}, phone_number_id="1015550001")  # fmt: skip
    assert (status, answer) == (200, {"taken": 1}) and len(channel_objects(stack)) == 1
