"""The agency's SSH certificate authority: an Ed25519 key kept in Secrets Manager, signing OpenSSH user
certificates with `cryptography`'s builder (PROTOCOL.certkeys)."""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import ssh

from helpdesk.access.model.grant import AccessRequestInvalid
from helpdesk.access.ports import CertificateSpec
from helpdesk.kernel.errors import Unavailable

CA_COMMENT = "helpdesk-access-ca"
STANDARD_EXTENSIONS = (b"permit-pty", b"permit-user-rc")


class SshCertificateAuthority:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key

    @classmethod
    def generate(cls) -> SshCertificateAuthority:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, text: str) -> SshCertificateAuthority:
        key = serialization.load_ssh_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise Unavailable("the access CA secret is not an Ed25519 OpenSSH private key")
        return cls(key)

    def secret(self) -> str:
        """The OpenSSH private key text stored in Secrets Manager (only the key bootstrap writes it)."""
        return self._key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        ).decode()

    def public_key(self) -> str:
        line = self._key.public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
        )
        return f"{line.decode()} {CA_COMMENT}"

    def public_key_blob(self) -> bytes:
        return public_key_blob(self.public_key())

    def sign(self, spec: CertificateSpec) -> str:
        try:
            subject = serialization.load_ssh_public_key(spec.public_key.encode())
        except (ValueError, TypeError) as exc:
            raise AccessRequestInvalid("public_key cannot be certified") from exc
        builder = (
            ssh.SSHCertificateBuilder()
            .public_key(subject)  # type: ignore[arg-type]
            .serial(spec.serial)
            .type(ssh.SSHCertificateType.USER)
            .key_id(spec.key_id.encode())
            .valid_principals([p.encode() for p in spec.principals])
            .valid_after(int(spec.valid_after.timestamp()))
            .valid_before(int(spec.valid_before.timestamp()))
        )
        if spec.source_address:
            builder = builder.add_critical_option(b"source-address", spec.source_address.encode())
        extensions = (
            (*STANDARD_EXTENSIONS, b"permit-port-forwarding") if spec.port_forwarding else STANDARD_EXTENSIONS
        )
        for name in extensions:
            builder = builder.add_extension(name, b"")
        return builder.sign(self._key).public_bytes().decode()


def public_key_blob(line: str) -> bytes:
    return base64.b64decode(line.split()[1])


def load_ca(secrets_client: Any, name: str, create_if_missing: bool) -> SshCertificateAuthority:
    """Reads the CA from Secrets Manager; the local stack creates it at first start (`create_if_missing`)."""
    try:
        return SshCertificateAuthority.from_secret(
            secrets_client.get_secret_value(SecretId=name)["SecretString"]
        )
    except secrets_client.exceptions.ResourceNotFoundException:
        if not create_if_missing:
            raise Unavailable("the access CA secret does not exist") from None
    ca = SshCertificateAuthority.generate()
    try:
        secrets_client.create_secret(
            Name=name, SecretString=ca.secret(), Description="Helpdesk SSH access CA"
        )
    except secrets_client.exceptions.ResourceExistsException:  # another process created it first
        return load_ca(secrets_client, name, create_if_missing=False)
    return ca


class PublishedCa:
    """The CA's public half as the signing side published it: for functions that must not read the secret."""

    def __init__(self, published: Any) -> None:
        self._published = published

    def public_key(self) -> str:
        line = self._published.line()
        if line is None:
            raise Unavailable("the access CA is not set up yet: the staff API publishes it at first use")
        return str(line)

    def public_key_blob(self) -> bytes:
        return public_key_blob(self.public_key())
