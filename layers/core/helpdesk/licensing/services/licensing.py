"""Use cases of license keys: issue them, and validate or activate them for a shop (the public API)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model import codec
from helpdesk.licensing.model.answer import LicenseAnswer
from helpdesk.licensing.model.license import License, LicenseNotFound, normalise_domain
from helpdesk.licensing.model.update_answer import UPDATE_CONTEXT, UpdateFacts, seal_update, update_payload
from helpdesk.licensing.model.verify import VerificationError, verify_key
from helpdesk.licensing.ports import LicenseRepository, Signer

MAX_NONCE = 64


class LicensingService:
    def __init__(
        self,
        repo: LicenseRepository,
        signer: Signer,
        clock: Clock,
        retired_keys: dict[str, bytes] | None = None,
        new_nonce: Callable[[], str] = lambda: secrets.token_urlsafe(12),
    ) -> None:
        self._repo, self._signer, self._clock, self._new_nonce = repo, signer, clock, new_nonce
        self._public_keys = {**(retired_keys or {}), signer.key_id: signer.public_key()}

    @property
    def current_key_id(self) -> str:
        return self._signer.key_id

    def public_keys(self) -> dict[str, bytes]:
        """Every key a module should trust: the current one and the retired ones still honoured."""
        return dict(self._public_keys)

    def key_for(self, license: License) -> str:
        """The license's key; Ed25519 is deterministic, so the key is derived again rather than stored."""
        payload = codec.key_payload(license, self._signer.key_id)
        return codec.seal_key(payload, self._signer.sign(codec.key_message(payload)))

    def issue(self, license: License) -> str:
        """Store a new license (idempotent on its id) and return its key."""
        self._repo.add(license)
        return self.key_for(self._repo.get(license.id))

    def validate(self, key: str, product: str, domain: str, nonce: str | None = None) -> LicenseAnswer:
        _check_nonce(nonce)
        license, refusal, host = self._check(key, product, domain)
        return self._answer(license, host, refusal, nonce)

    def activate(self, key: str, product: str, domain: str, nonce: str | None = None) -> LicenseAnswer:
        """Validate, then take an activation slot for the host (ActivationLimitReached when none is left)."""
        _check_nonce(nonce)
        license, refusal, host = self._check(key, product, domain)
        if license is not None and not refusal:
            self._repo.activate(license.id, host, self._clock.now(), license.max_activations)
        return self._answer(license, host, refusal, nonce)

    def deactivate(self, key: str, product: str, domain: str) -> bool:
        license, _, host = self._check(key, product, domain)
        return license is not None and self._repo.deactivate(license.id, host)

    def check_for_updates(self, key: str, domain: str) -> tuple[License | None, str, str]:
        """The license a module's key names, why it may not update on `domain` ("" when it may), the host."""
        try:
            product = verify_key(key, self._public_keys).product
        except VerificationError:
            return None, "key_invalid", normalise_domain(domain)
        return self._check(key, product, domain)

    def license_for_key(self, key: str) -> License:
        """The license a current key names; a forged, superseded or unknown key is LicenseNotFound alike."""
        try:
            claims = verify_key(key.strip(), self._public_keys)
            license = self._repo.get(claims.license_id)
        except (VerificationError, LicenseNotFound):
            raise LicenseNotFound("license not found") from None
        if claims.serial != license.serial:
            raise LicenseNotFound("license not found")
        return license

    def sign_update(self, facts: UpdateFacts) -> str:
        """The update check's answer, signed as validation answers are (its own context and prefix)."""
        payload = update_payload(facts, self._signer.key_id)
        return seal_update(payload, self._signer.sign(UPDATE_CONTEXT + payload))

    def _check(self, key: str, product: str, domain: str) -> tuple[License | None, str, str]:
        host = normalise_domain(domain)  # a malformed domain is the caller's error (422), not a signed answer
        try:
            claims = verify_key(key, self._public_keys)
        except VerificationError:
            return None, "key_invalid", host
        if claims.product != product:
            return None, "wrong_product", host
        try:
            license = self._repo.get(claims.license_id)
        except LicenseNotFound:
            return None, "unknown_license", host
        if claims.serial != license.serial:
            return license, "key_superseded", host
        if not license.covers(host):
            return license, "wrong_domain", host
        state = license.state_at(self._clock.now())
        return license, "" if state.usable else state.value, host

    def _answer(self, license: License | None, host: str, refusal: str, nonce: str | None) -> LicenseAnswer:
        now = self._clock.now()
        facts = codec.ResponseFacts(
            license_id=license.id if license else "",
            product=license.product if license else "",
            domain=host,
            result="invalid" if refusal else "valid",
            state=license.state_at(now).value if license else "",
            reason=refusal,
            expires=license.expires if license else None,
            updates_until=license.updates_until if license else None,
            timestamp=now,
            nonce=nonce or self._new_nonce(),
        )
        payload = codec.response_payload(facts, self._signer.key_id)
        token = codec.seal_response(payload, self._signer.sign(codec.response_message(payload)))
        return LicenseAnswer(
            facts.result,
            facts.reason,
            facts.state,
            facts.license_id,
            host,
            facts.expires,
            facts.updates_until,
            now,
            facts.nonce,
            token,
        )


def _check_nonce(nonce: str | None) -> None:
    if nonce is not None and (not nonce or len(nonce) > MAX_NONCE):
        raise Invalid(f"a nonce has 1 to {MAX_NONCE} characters")
