"""The Cloud API adapter against the WhatsApp stand-in, which checks every call against Meta's published
OpenAPI description (infra/local/vendor/whatsapp): what the product sends is what Meta's document accepts."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from helpdesk.channels.adapters.whatsapp_cloud_api import CloudApi
from helpdesk.channels.model.whatsapp import WhatsAppNumber
from helpdesk.kernel.errors import Unavailable
from helpdesk_local.whatsapp_spec import SPEC, webhook_problems
from helpdesk_local.whatsapp_standin import Number, start_whatsapp_standin

pytestmark = pytest.mark.contract
NUMBER = WhatsAppNumber("106540352242922", "EAAGtoken", "app-secret", "verify-me", "support", "follow_up")


@pytest.fixture(scope="module")
def standin():
    standin, url = start_whatsapp_standin()
    standin.add_number(Number(NUMBER.phone_number_id, "15550783881", NUMBER.access_token, NUMBER.app_secret,
                              NUMBER.verify_token, "http://api.localhost:9/unused"))  # fmt: skip
    return standin, f"{url}/v21.0"


def test_text_template_and_document_messages_and_media_downloads_pass_metas_description(standin):
    fake, url = standin
    api = CloudApi(url)
    assert api.send_text(NUMBER, "4915112345", "Hello").startswith("wamid.")
    assert api.send_template(NUMBER, "4915112345", "follow_up").startswith("wamid.")
    assert api.send_document(NUMBER, "4915112345", "steps.pdf", b"%PDF steps", "application/pdf")
    text, template, document = fake.sent[-3:]
    assert (text["type"], text["text"], template["body"]["template"]["name"]) == (
        "text",
        "Hello",
        "follow_up",
    )
    assert (document["document"], document["size"]) == ("steps.pdf", 10)
    assert document["mime_type"] == "application/pdf"
    media_id = fake._store(b"\xff\xd8jpeg", "image/jpeg", NUMBER.phone_number_id)  # noqa: SLF001 - a user's photo
    assert api.download(NUMBER, media_id) == b"\xff\xd8jpeg"
    assert fake.problems == []


def test_a_call_meta_would_refuse_is_refused_and_recorded_and_a_wrong_token_is_unauthorized(standin):
    fake, url = standin
    no_recipient_type = {"messaging_product": "whatsapp", "to": "1", "type": "text", "text": {"body": "x"}}
    body = json.dumps(no_recipient_type).encode()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {NUMBER.access_token}"}
    request = urllib.request.Request(f"{url}/{NUMBER.phone_number_id}/messages", body, headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - the loopback stand-in
    assert refused.value.code == 400 and "'recipient_type' is a required property" in fake.problems[-1]
    stranger = WhatsAppNumber(NUMBER.phone_number_id, "EAAGwrong", "s", "v")
    with pytest.raises(Unavailable, match="401"):
        CloudApi(url).send_text(stranger, "4915112345", "Hello")


def test_metas_own_message_webhook_examples_pass_and_a_malformed_message_does_not():
    described = json.loads(SPEC.read_text())["paths"]["/whatsapp/webhooks"]["post"]["requestBody"]["content"]
    examples = {name: e["value"] for name, e in described["application/json"]["examples"].items()}
    messages = {n: v for n, v in examples.items() if v["entry"][0]["changes"][0]["field"] == "messages"}
    assert len(messages) >= 12
    assert {n: webhook_problems(v) for n, v in messages.items()} == dict.fromkeys(messages, [])
    text = json.loads(json.dumps(messages["Text Message"]))
    del text["entry"][0]["changes"][0]["value"]["messages"][0]["text"]
    assert webhook_problems(text) != []
