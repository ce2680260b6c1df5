"""`helpdesk license ...`: publish the license public key, make a signing key, check a key offline."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("license", help="license keys: public key, key generation, offline check")
    sub = parser.add_subparsers(dest="license_command", required=True)

    pubkey = sub.add_parser("pubkey", help="print the public key(s) modules must trust")
    pubkey.add_argument("--format", choices=["json", "php", "raw"], default="json")
    pubkey.add_argument("--key-file", type=Path, help="a signing key file (default: the local dev key)")
    pubkey.set_defaults(handler=_pubkey)

    keygen = sub.add_parser("keygen", help="make a new signing key; store its secret in Secrets Manager")
    keygen.set_defaults(handler=_keygen)

    verify = sub.add_parser("verify", help="check a license key offline against the published key")
    verify.add_argument("key")
    verify.add_argument("--product")
    verify.add_argument("--domain")
    verify.add_argument("--key-file", type=Path)
    verify.set_defaults(handler=_verify)


def _signer(key_file: Path | None) -> Any:
    from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
    from helpdesk.settings import get_settings

    if key_file is not None:
        return Ed25519Signer.from_secret(key_file.read_text())
    return Ed25519Signer.dev_key(Path(get_settings().license_signing_key_file))


def published_keys(signer: Any) -> dict[str, str]:
    from helpdesk.licensing.adapters.ed25519_signer import retired_public_keys
    from helpdesk.settings import get_settings

    keys = {kid: base64.b64encode(raw).decode() for kid, raw in retired_public_keys(get_settings()).items()}
    keys[signer.key_id] = base64.b64encode(signer.public_key()).decode()
    return keys


def _pubkey(args: argparse.Namespace) -> int:
    keys = published_keys(_signer(args.key_file))
    if args.format == "raw":
        print("\n".join(f"{kid}={value}" for kid, value in keys.items()))
    elif args.format == "php":
        entries = ",\n".join(f"    '{kid}' => '{value}'" for kid, value in keys.items())
        print(f"$helpdeskLicenseKeys = [\n{entries},\n];")
    else:
        print(json.dumps({"algorithm": "Ed25519", "keys": keys}, indent=2))
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer

    signer = Ed25519Signer.generate()
    print(
        json.dumps(
            {
                "key_id": signer.key_id,
                "public_key": base64.b64encode(signer.public_key()).decode(),
                "secret": signer.secret(),
            },
            indent=2,
        )
    )
    print(
        "Store `secret` in Secrets Manager (LICENSE_SIGNING_KEY_SECRET); publish `public_key`.",
        file=sys.stderr,
    )
    return 0


def _verify(args: argparse.Namespace) -> int:
    from helpdesk.licensing.model.verify import VerificationError, verify_key

    keys = {kid: base64.b64decode(v) for kid, v in published_keys(_signer(args.key_file)).items()}
    try:
        claims = verify_key(args.key, keys, product=args.product, domain=args.domain)
    except VerificationError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(claims.__dict__, indent=2))
    return 0
