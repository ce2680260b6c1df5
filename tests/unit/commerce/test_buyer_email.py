"""A guest's receipt address is checked on the server: the receipt and the license keys go there."""

from __future__ import annotations

import pytest
from helpdesk.commerce.model.parties import BuyerEmailInvalid, checked_email

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "address", ["", "   ", "not-an-address", "a@b", "two@@example.net", "sp ace@example.net", "a@-x.example",
                "<a@example.net>", "a@example.net, b@example.net", "x" * 65 + "@example.net"],
)  # fmt: skip
def test_a_missing_or_malformed_address_is_refused(address: str) -> None:
    with pytest.raises(BuyerEmailInvalid):
        checked_email(address)


def test_a_good_address_is_trimmed_and_lower_cased() -> None:
    assert checked_email("  Gail.Guest+shop@Example.NET ") == "gail.guest+shop@example.net"
    assert checked_email("a@xn--bcher-kva.example") == "a@xn--bcher-kva.example"
