"""Activation slots through the service on DynamoDB (moto): the public API's race, in-process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import ActivationLimitReached, License
from helpdesk.licensing.model.verify import verify_response
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.views.licensing import LicenseAnswerView, LicenseCheckRequest
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto

pytestmark = pytest.mark.integration
NOW = datetime.now(UTC)


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def test_fifty_parallel_activations_of_one_key_give_exactly_five() -> None:
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        service = LicensingService(
            DynamoLicenseRepository("helpdesk", "eu-central-1"), Ed25519Signer.generate(), Clock()
        )
        key = service.issue(
            License(
                "lic-1",
                "seo-pro",
                "pro",
                "cus-1",
                ("shop.example",),
                NOW,
                NOW + timedelta(days=365),
                None,
                max_activations=5,
            )
        )
        requests = [
            LicenseCheckRequest(key=key, product="seo-pro", domain=f"s{n}.shop.example", nonce=f"n{n}")
            for n in range(50)
        ]

        def activate(request: LicenseCheckRequest) -> LicenseAnswerView | None:
            try:
                return LicenseAnswerView.of(
                    service.activate(request.key, request.product, request.domain, request.nonce)
                )
            except ActivationLimitReached:
                return None

        with ThreadPoolExecutor(max_workers=50) as pool:
            answers = [a for a in pool.map(activate, requests) if a is not None]
        assert len(answers) == 5
        for answer in answers:
            claims = verify_response(answer.token, service.public_keys(), nonce=answer.nonce)
            assert claims.result == "valid" and claims.domain.endswith(".shop.example")
        assert len(service._repo.activations("lic-1")) == 5
