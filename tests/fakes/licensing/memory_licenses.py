"""In-memory license repository, held to the same contract tests as the DynamoDB one."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.model.license import ActivationLimitReached, License, LicenseNotFound
from helpdesk.licensing.ports import Activation, LicenseScan


class InMemoryLicenseRepository:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._licenses: dict[str, License] = {}
        self._activations: dict[str, dict[str, Activation]] = {}

    def add(self, license: License) -> bool:
        with self._lock:
            if license.id in self._licenses:
                return False
            self._licenses[license.id] = replace(license, version=1)
            return True

    def get(self, license_id: str) -> License:
        try:
            return self._licenses[license_id]
        except KeyError:
            raise LicenseNotFound(f"license {license_id} not found") from None

    def save(self, license: License) -> License:
        with self._lock:
            current = self.get(license.id)
            if current.version != license.version:
                raise Conflict(f"license {license.id} changed meanwhile")
            saved = replace(license, version=license.version + 1)
            self._licenses[license.id] = saved
            return saved

    def list_for_customer(self, customer_id: str) -> list[License]:
        return self._sorted(lic for lic in self._licenses.values() if lic.customer_id == customer_id)

    def list_for_organisation(self, organisation_id: str) -> list[License]:
        return self._sorted(lic for lic in self._licenses.values() if lic.organisation_id == organisation_id)

    def list_for_order(self, order_id: str) -> list[License]:
        return self._sorted(lic for lic in self._licenses.values() if lic.order_id == order_id)

    def scan(self, start: str | None, size: int) -> LicenseScan:
        ids = sorted(i for i in self._licenses if start is None or i > start)
        step = ids[:size]
        return LicenseScan(
            found=[(self._licenses[i], i) for i in step], end=step[-1] if len(ids) > size else None
        )

    def activate(self, license_id: str, host: str, at: datetime, limit: int) -> Activation:
        with self._lock:
            self.get(license_id)
            slots = self._activations.setdefault(license_id, {})
            if host in slots:
                return slots[host]
            if len(slots) >= limit:
                raise ActivationLimitReached(f"license {license_id} has all {limit} activations in use")
            slots[host] = Activation(license_id, host, at)
            return slots[host]

    def deactivate(self, license_id: str, host: str) -> bool:
        with self._lock:
            return self._activations.get(license_id, {}).pop(host, None) is not None

    def activations(self, license_id: str) -> list[Activation]:
        return sorted(self._activations.get(license_id, {}).values(), key=lambda a: a.host)

    @staticmethod
    def _sorted(licenses: object) -> list[License]:
        return sorted(licenses, key=lambda lic: (lic.issued, lic.id))  # type: ignore[call-overload]
