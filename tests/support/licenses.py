"""A license as the licensing tests build it."""

from __future__ import annotations

from datetime import UTC, datetime

from helpdesk.licensing.model.license import License

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def make_license(**changes: object) -> License:
    values: dict[str, object] = dict(
        id="lic-1",
        product="seo-pro",
        edition="standard",
        customer_id="cus-1",
        domains=("shop.example",),
        issued=NOW,
        expires=datetime(2027, 11, 25, tzinfo=UTC),
        updates_until=datetime(2027, 11, 25, tzinfo=UTC),
        max_activations=5,
    )
    values.update(changes)
    return License(**values)  # type: ignore[arg-type]
