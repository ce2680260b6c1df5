from __future__ import annotations

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer


@pytest.fixture(scope="session")
def signer() -> Ed25519Signer:
    return Ed25519Signer.generate()
