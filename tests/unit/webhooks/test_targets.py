"""SSRF rules: https only, and no private, link-local, loopback or metadata address after resolution."""

from __future__ import annotations

import pytest
from helpdesk.webhooks.adapters.http_sender import HttpWebhookSender
from helpdesk.webhooks.model.targets import WebhookTargetRefused, check_address, check_url

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "169.254.1.1",
        "::1",
        "fd00:ec2::254",
        "fe80::1",
        "::ffff:10.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
    ],
)
def test_private_loopback_link_local_and_metadata_addresses_are_refused(address: str) -> None:
    with pytest.raises(WebhookTargetRefused):
        check_address(address, allow_loopback=False)


def test_public_addresses_pass_and_loopback_only_where_allowed() -> None:
    check_address("93.184.216.34", allow_loopback=False)
    check_address("2606:2800:220:1:248:1893:25c8:1946", allow_loopback=False)
    check_address("127.0.0.1", allow_loopback=True)
    with pytest.raises(WebhookTargetRefused):
        check_address("169.254.169.254", allow_loopback=True)


@pytest.mark.parametrize(
    ("url", "loopback_http"),
    [
        ("http://hooks.example/in", True),
        ("http://127.0.0.1:9/in", False),
        ("ftp://hooks.example/", True),
        ("https://user:pw@hooks.example/", False),
        ("/relative", False),
        ("http://10.0.0.1/", True),
    ],
)
def test_urls_must_be_https_and_plain_http_only_to_loopback_where_allowed(
    url: str, loopback_http: bool
) -> None:
    with pytest.raises(WebhookTargetRefused):
        check_url(url, loopback_http)


def test_allowed_urls() -> None:
    check_url("https://hooks.example/in?x=1", False)
    check_url("http://127.0.0.1:8080/in", True)
    check_url("http://receiver.localhost/in", True)


def test_the_sender_refuses_a_name_that_resolves_to_a_loopback_address_before_connecting() -> None:
    # "localhost" resolves to loopback: on AWS (no loopback allowed) it is refused after resolution
    result = HttpWebhookSender(allow_loopback=False).post("https://localhost:9/in", {}, b"{}")
    assert result.status is None and result.excerpt.startswith("refused:")
