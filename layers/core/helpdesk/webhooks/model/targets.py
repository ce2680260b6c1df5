"""Which target URLs and resolved addresses a delivery may reach (SSRF rules; the adapter resolves DNS)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from helpdesk.kernel.errors import Invalid

METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class WebhookTargetRefused(Invalid):
    """The URL or the address it resolves to is not one a webhook may be sent to."""


def check_url(url: str, allow_loopback_http: bool) -> None:
    """https only; plain http only to a loopback host, and only where the local stack allows it."""
    parts = urlsplit(url)
    if not parts.hostname or parts.username or parts.password:
        raise WebhookTargetRefused("the target must be an absolute URL without credentials")
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and allow_loopback_http and _loopback_name(parts.hostname):
        return
    raise WebhookTargetRefused("the target URL must use https")


def check_address(address: str, allow_loopback: bool) -> None:
    """Refuse private, link-local, loopback, multicast, reserved and cloud metadata addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback and allow_loopback:
        return
    if ip in METADATA_ADDRESSES or not ip.is_global or ip.is_multicast:
        raise WebhookTargetRefused(f"the target resolves to a refused address ({ip})")


def _loopback_name(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
