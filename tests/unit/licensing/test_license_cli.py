from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk_local.cli import main

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.support.licenses import make_license

from .test_licensing_service import FrozenClock

pytestmark = pytest.mark.unit


def test_pubkey_publishes_the_key_that_signs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signer = Ed25519Signer.generate()
    key_file = tmp_path / "signing.key"
    key_file.write_text(signer.secret())
    assert main(["license", "pubkey", "--key-file", str(key_file)]) == 0
    published = json.loads(capsys.readouterr().out)
    assert published["keys"] == {signer.key_id: base64.b64encode(signer.public_key()).decode()}
    key = LicensingService(InMemoryLicenseRepository(), signer, FrozenClock()).issue(make_license())
    assert main(["license", "verify", key, "--key-file", str(key_file), "--domain", "shop.example"]) == 0
    assert json.loads(capsys.readouterr().out)["license_id"] == "lic-1"
    assert main(["license", "verify", key, "--key-file", str(key_file), "--domain", "other.example"]) == 1


def test_dev_key_is_created_once_under_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    main(["license", "pubkey", "--format", "raw"])
    first = capsys.readouterr().out
    main(["license", "pubkey", "--format", "raw"])
    assert capsys.readouterr().out == first
    assert (tmp_path / ".local" / "license-signing.key").stat().st_mode & 0o077 == 0


def test_keygen_prints_a_usable_secret(capsys: pytest.CaptureFixture[str]) -> None:
    main(["license", "keygen"])
    made = json.loads(capsys.readouterr().out)
    signer = Ed25519Signer.from_secret(made["secret"])
    assert (signer.key_id, base64.b64encode(signer.public_key()).decode()) == (
        made["key_id"],
        made["public_key"],
    )
