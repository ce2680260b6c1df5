"""Issue 22: the PHP side of the update check (verify.php's `verifyUpdate`) and the CS-Cart add-on's calls of
validate, activate and update-check through client.php, run by php-cli against answers the product signs."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import License
from helpdesk.licensing.model.update_answer import UpdateFacts
from helpdesk.licensing.services.licensing import LicensingService

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository

from .test_php_verifier import REASON, keys, run_php

pytestmark = [
    pytest.mark.unit,
    pytest.mark.skipif(REASON is not None, reason=f"!! PHP update check NOT TESTED: {REASON}"),
]
CLIENT = Path(__file__).with_name("php_client_driver.php")
NOW = datetime.now(UTC).replace(microsecond=0)
URL = "https://releases.example/seo-pro-1.1.zip?X-Amz-Signature=abc"


@pytest.fixture(autouse=True)
def _fresh_now() -> None:
    """The add-on checks freshness (5 minutes) against its own clock: a time taken when the module was
    collected is stale by the time a long parallel run reaches these tests."""
    global NOW
    NOW = datetime.now(UTC).replace(microsecond=0)


class Clock:
    def now(self) -> datetime:
        return NOW


def facts(**changes: Any) -> UpdateFacts:
    base = UpdateFacts(
        "lic-1",
        "seo-pro",
        "shop.example",
        "update",
        "",
        "1.0",
        "1.1",
        URL,
        NOW + timedelta(days=300),
        NOW,
        "n-7",
    )
    return replace(base, **changes)


def service(signer: Ed25519Signer) -> tuple[LicensingService, str]:
    s = LicensingService(InMemoryLicenseRepository(), signer, Clock(), new_nonce=lambda: "server-nonce")
    lic = License("lic-1", "seo-pro", "pro", "cus-1", ("shop.example",), NOW, None, NOW + timedelta(days=300))
    return s, s.issue(lic)


def test_php_reads_a_signed_update_answer_and_refuses_forgeries() -> None:
    signer = Ed25519Signer.generate()
    licensing, _ = service(signer)
    token = licensing.sign_update(facts())
    at = int(NOW.timestamp())
    base = {"kind": "update", "keys": keys(signer), "nonce": "n-7", "token": token, "now": at}
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    answers = run_php(
        [
            base,
            {**base, "domain": "www.shop.example"},
            {**base, "domain": "other.example"},
            {**base, "nonce": "n-8"},
            {**base, "now": at + 301},
            {**base, "token": tampered},
            {**base, "keys": keys(Ed25519Signer.generate())},
            {**base, "token": licensing.validate(service(signer)[1], "seo-pro", "shop.example", "n-7").token},
        ]
    )
    assert [a["ok"] for a in answers] == [True, True, False, False, False, False, False, False]
    claims = answers[0]["claims"]
    assert (claims["result"], claims["current_version"], claims["version"]) == ("update", "1.0", "1.1")
    assert claims["download_url"] == URL and claims["updates_until"] == at + 300 * 86400


def run_client(request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        ["php", str(CLIENT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_cscart_addon_validates_activates_and_checks_for_updates_through_the_client() -> None:
    signer = Ed25519Signer.generate()
    licensing, key = service(signer)
    valid = licensing.validate(key, "seo-pro", "shop.example", "n-7")
    answers = {
        "/licenses/validate": json.dumps({"result": "valid", "token": valid.token}),
        "/licenses/activate": json.dumps(
            {"result": "valid", "token": licensing.activate(key, "seo-pro", "shop.example", "n-7").token}
        ),
        "/updates/check": json.dumps({"changelog": "Faster", "token": licensing.sign_update(facts())}),
    }
    api = "https://shop.example.com/api/"
    calls = [
        ["validate", key, "shop.example"],
        ["activate", key, "shop.example"],
        ["update-check", key, "shop.example", "1.0"],
        ["update-check", key, "other.example", "1.0"],  # an answer for another host is not trusted
    ]
    out = run_client({"api": api, "keys": keys(signer), "nonce": "n-7", "answers": answers, "calls": calls})
    results, sent = out["results"], out["sent"]
    assert [r["ok"] for r in results] == [True, True, True, False]
    assert results[0]["claims"]["result"] == "valid" and results[2]["claims"]["version"] == "1.1"
    assert results[2]["claims"]["changelog"] == "Faster" and "another domain" in results[3]["error"]
    assert [s["url"] for s in sent[:3]] == [
        "https://shop.example.com/api/licenses/validate",
        "https://shop.example.com/api/licenses/activate",
        "https://shop.example.com/api/updates/check",
    ]
    assert sent[2]["body"] == {
        "license_key": key,
        "domain": "shop.example",
        "current_version": "1.0",
        "nonce": "n-7",
    }
    assert sent[0]["body"] == {"key": key, "product": "seo-pro", "domain": "shop.example", "nonce": "n-7"}
