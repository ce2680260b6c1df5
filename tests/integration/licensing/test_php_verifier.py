"""The PHP verifier, run by Debian's php-cli, against keys and responses the product issues."""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import License
from helpdesk.licensing.services.licensing import LicensingService

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository

DRIVER = Path(__file__).with_name("php_driver.php")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _php_reason() -> str | None:
    php = shutil.which("php")
    if php is None:
        return "php-cli is not installed (run `make system-deps` as root)"
    modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout.lower()
    return None if "sodium" in modules else "php has no sodium extension"


REASON = _php_reason()
# Skipped loudly: -ra lists the reason in every run's summary.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(REASON is not None, reason=f"!! PHP verifier NOT TESTED: {REASON}"),
]


def run_php(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    done = subprocess.run(
        ["php", str(DRIVER)], input=lines, capture_output=True, text=True, timeout=60, check=True
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def signer() -> Ed25519Signer:
    return Ed25519Signer.generate()


def keys(signer: Ed25519Signer) -> dict[str, str]:
    return {signer.key_id: base64.b64encode(signer.public_key()).decode()}


class Frozen:
    def now(self) -> datetime:
        return NOW


def product_of(signer: Ed25519Signer) -> LicensingService:
    return LicensingService(InMemoryLicenseRepository(), signer, Frozen())


def issue(signer: Ed25519Signer, n: int = 1, domains: tuple[str, ...] = ("shop.example",)) -> str:
    license = License(
        id=f"lic-{n}",
        product="seo-pro",
        edition="pro",
        customer_id="cus-ü",
        domains=domains,
        issued=NOW,
        expires=None,
        updates_until=NOW + timedelta(days=365),
        serial=n,
    )
    return product_of(signer).issue(license)


def respond(signer: Ed25519Signer, nonce: str) -> str:
    """A real answer of the validation use case, for a key the same product issued."""
    service = product_of(signer)
    key = service.issue(
        License(
            id="lic-1",
            product="seo-pro",
            edition="pro",
            customer_id="cus-1",
            domains=("shop.example",),
            issued=NOW,
            expires=None,
            updates_until=None,
        )
    )
    return service.validate(key, "seo-pro", "www.shop.example", nonce=nonce).token


def key_request(
    signer: Ed25519Signer, token: str, product: str = "seo-pro", domain: str = "shop.example"
) -> dict:
    return {"kind": "key", "token": token, "keys": keys(signer), "product": product, "domain": domain}


def test_php_accepts_a_key_and_reads_the_same_claims(signer: Ed25519Signer) -> None:
    [answer] = run_php(
        [key_request(signer, issue(signer, 7, ("b.example", "shop.example")), domain="www.shop.example")]
    )
    assert answer["ok"], answer
    claims = answer["claims"]
    assert (claims["license_id"], claims["serial"], claims["edition"], claims["customer_id"]) == (
        "lic-7",
        7,
        "pro",
        "cus-ü",
    )
    assert claims["domains"] == ["b.example", "shop.example"]
    assert claims["issued"] == int(NOW.timestamp()) and claims["expires"] == 0


def test_php_refuses_wrong_domain_product_and_signer(signer: Ed25519Signer) -> None:
    token = issue(signer)
    answers = run_php(
        [
            key_request(signer, token, domain="other.example"),
            key_request(signer, token, domain="evilshop.example"),
            key_request(signer, token, product="other"),
            key_request(Ed25519Signer.generate(), token),
        ]
    )
    assert [a["ok"] for a in answers] == [False] * 4
    assert "domain" in answers[0]["error"] and "product" in answers[2]["error"]


def test_php_refuses_single_bit_flips(signer: Ed25519Signer) -> None:
    rng = random.Random(8)
    requests = []
    for n in range(200):
        token = issue(signer, n)
        raw = bytearray(base64.urlsafe_b64decode(token[5:] + "=" * (-len(token[5:]) % 4)))
        bit = rng.randrange(len(raw) * 8)
        raw[bit // 8] ^= 1 << (bit % 8)
        requests.append(
            key_request(signer, "HDL1." + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode())
        )
    token = issue(signer)
    for i in range(5, len(token)):  # and every low bit of the printed key, where decoders forgive most
        requests.append(key_request(signer, token[:i] + chr(ord(token[i]) ^ 1) + token[i + 1 :]))
    answers = run_php(requests)
    assert len(answers) == len(requests) and not any(a["ok"] for a in answers)


def test_php_checks_response_age_nonce_and_tampering(signer: Ed25519Signer) -> None:
    token = respond(signer, "nonce-42")
    at = NOW.timestamp()
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    base = {"kind": "response", "keys": keys(signer), "nonce": "nonce-42"}
    answers = run_php(
        [
            {**base, "token": token, "now": at + 299},
            {**base, "token": token, "now": at + 301},
            {**base, "token": token, "now": at - 301},
            {**base, "token": token, "now": at, "nonce": "nonce-43"},
            {**base, "token": tampered, "now": at},
            {**base, "token": issue(signer), "now": at},
            {**base, "token": token, "now": at, "domain": "https://www.Shop.example/"},
            {**base, "token": token, "now": at, "domain": "other.example"},
        ]
    )
    assert [a["ok"] for a in answers] == [True, False, False, False, False, False, True, False]
    assert "another domain" in answers[7]["error"]
    assert answers[0]["claims"]["result"] == "valid" and "stale" in answers[1]["error"]
    assert answers[0]["claims"]["domain"] == "shop.example" and answers[0]["claims"]["nonce"] == "nonce-42"


def test_php_offline_state_agrees_with_python(signer: Ed25519Signer) -> None:
    license = License(
        id="lic-s",
        product="seo-pro",
        edition="pro",
        customer_id="c",
        domains=("shop.example",),
        issued=NOW,
        expires=NOW + timedelta(days=60),
        updates_until=None,
    )
    key = product_of(signer).issue(license)
    assert license.expires is not None
    moments = [
        license.expires + timedelta(days=d, seconds=s)
        for d in (-31, -30, -1, 0, 13, 14, 20)
        for s in (-1, 0, 1)
    ]
    answers = run_php([{**key_request(signer, key), "now": int(m.timestamp())} for m in moments])
    assert [a["claims"]["offline_state"] for a in answers] == [license.state_at(m).value for m in moments]
