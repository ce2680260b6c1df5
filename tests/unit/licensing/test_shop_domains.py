"""Every shop domain that enters becomes a bare lower-case IDNA host name, or a 422 that says why."""

from __future__ import annotations

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model.domains import ShopDomainInvalid, normalise_domain


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Shop.Example.COM", "shop.example.com"),
        ("  shop.example.com\t", "shop.example.com"),
        ("shop.example.com.", "shop.example.com"),  # the root's dot
        ("www.shop.example", "shop.example"),
        ("Bücher.DE", "xn--bcher-kva.de"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
        ("шоп.рф", "xn--n1acz.xn--p1ai"),
        ("a-b.c-d.example", "a-b.c-d.example"),
        ("a" * 63 + ".example", "a" * 63 + ".example"),
        # what modules send: $_SERVER['HTTP_HOST'] (with a port) or their base URL
        ("shop.example:8443", "shop.example"),
        ("https://WWW.Shop.example/", "shop.example"),
        ("http://shop.example:80", "shop.example"),
    ],
)
def test_accepted_forms_become_one_bare_host_name(given: str, stored: str) -> None:
    assert normalise_domain(given) == stored


@pytest.mark.parametrize(
    ("hostile", "says"),
    [
        ("host:443@evil.example", "user name"),
        ("user@shop.example", "user name"),
        ("https://host:443@evil.example", "user name"),
        ("shop.example:443:80", "not a port"),
        ("shop.example:99999", "not a port"),
        ("shop.example:https", "not a port"),
        ("ftp://shop.example", "path"),
        ("host#.shop.example", "fragment"),
        ("shop.example/admin", "path"),
        ("https://shop.example/admin", "path"),
        ("shop.example?x=1", "query"),
        ("shop%2eexample.com", "escape"),
        ("shop..example", "empty label"),
        (".shop.example", "empty label"),
        ("shop.example..", "empty label"),
        ("", "empty label"),
        ("www.", "single names"),
        ("shop_1.example", "not a host name label"),
        ("-shop.example", "not a host name label"),
        ("shop example.com", "not a host name label"),
        ("shop.example,evil.example", "not a host name label"),
        ("☃.example", "not a valid international domain name"),
        ("127.0.0.1", "IP addresses"),
        ("[::1]", "bracket"),
        ("::1", "not a port"),
        ("10.0.0.1:8080", "IP addresses"),
        ("localhost", "single names"),
        ("a" * 64 + ".example", "longer"),
        (".".join(["abcdefghi"] * 26), "longer"),  # 259 characters
    ],
)
def test_hostile_and_malformed_forms_are_refused_with_the_reason(hostile: str, says: str) -> None:
    with pytest.raises(ShopDomainInvalid, match=says) as refused:
        normalise_domain(hostile)
    assert isinstance(refused.value, Invalid)  # the API answers 422
