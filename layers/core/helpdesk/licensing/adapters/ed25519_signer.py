"""The Ed25519 license signer: a key from a secret on AWS, a generated dev key under .local/ locally."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from helpdesk.licensing.model.verify import key_id_for
from helpdesk.settings import Settings


class Ed25519Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self._public = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._key_id = key_id_for(self._public)

    @classmethod
    def generate(cls) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: str) -> Ed25519Signer:
        """Accepts a PKCS#8 PEM or the base64 of the 32-byte seed."""
        text = secret.strip()
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("the license signing secret is not an Ed25519 key")
            return cls(key)
        seed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def dev_key(cls, path: Path) -> Ed25519Signer:
        """The local stack's key: created once into the git-ignored .local/ folder, then reused."""
        if path.exists():
            return cls.from_secret(path.read_text())
        signer = cls.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(signer.secret())
        return signer

    def secret(self) -> str:
        seed = self._key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return base64.b64encode(seed).decode("ascii")

    @property
    def key_id(self) -> str:
        return self._key_id

    def public_key(self) -> bytes:
        return self._public

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def license_signer(settings: Settings, get_secret: Callable[[str], str]) -> Ed25519Signer:
    """The signer for this stage: the secret on AWS; the .local/ dev key only on the local stack."""
    if settings.license_signing_key_secret:
        return Ed25519Signer.from_secret(get_secret(settings.license_signing_key_secret))
    if settings.stage != "local":
        raise RuntimeError("LICENSE_SIGNING_KEY_SECRET is not set: refusing to sign licenses with a dev key")
    return Ed25519Signer.dev_key(Path(settings.license_signing_key_file))


def retired_public_keys(settings: Settings) -> dict[str, bytes]:
    """Keys that signed licenses still in use after a rotation, as `<key id>=<base64>` entries."""
    keys = {}
    for entry in settings.license_retired_public_keys:
        key_id, _, value = entry.partition("=")
        keys[key_id.strip()] = base64.b64decode(value.strip())
    return keys
