from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer, license_signer, retired_public_keys
from helpdesk.settings import Settings

pytestmark = pytest.mark.unit


def test_secret_as_seed_or_pem_gives_the_same_key() -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    from_pem = Ed25519Signer.from_secret(pem.decode())
    from_seed = Ed25519Signer.from_secret(from_pem.secret())
    assert from_pem.public_key() == from_seed.public_key() and from_pem.key_id == from_seed.key_id
    assert len(from_pem.key_id) == 8


def test_aws_stages_never_fall_back_to_a_dev_key(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        license_signer(Settings(stage="prod", license_signing_key_file=str(tmp_path / "k")), lambda name: "")
    assert not (tmp_path / "k").exists()


def test_secret_is_fetched_by_name() -> None:
    secret = Ed25519Signer.generate().secret()
    asked: list[str] = []
    signer = license_signer(
        Settings(stage="prod", license_signing_key_secret="helpdesk/license-key"),
        lambda name: asked.append(name) or secret,
    )
    assert asked == ["helpdesk/license-key"] and signer.secret() == secret


def test_retired_keys_are_read_from_settings() -> None:
    old = Ed25519Signer.generate()
    entry = f"{old.key_id}={base64.b64encode(old.public_key()).decode()}"
    assert retired_public_keys(Settings(license_retired_public_keys=[entry])) == {
        old.key_id: old.public_key()
    }
