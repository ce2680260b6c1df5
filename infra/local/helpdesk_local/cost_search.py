"""The search lines of the bill, for the backend template.yaml's `SearchBackend` chooses: an OpenSearch node,
or tantivy with its index in S3 (docs/search.md). The tantivy-s3 figures come from measurements: requests per
publish from `tests/integration/search/test_search_on_s3_requests.py`, index size and sync speed from
`tests/bench/bench_search_s3_sync.py` (docs/cost.md says which run)."""

from __future__ import annotations

import math
from typing import Any

BACKENDS = ("opensearch", "tantivy-s3")
# Documents per ticket: the ticket, its 4.5 messages (the model's workload), its customer every second time.
DOCUMENTS_PER_TICKET = 6.0
# Measured (the bench's mail-like documents of 20 to 90 words, 720,000 of them, 2026-12-07): 449 MB.
BYTES_PER_DOCUMENT = 624
# Measured (the requests test): S3 PUTs per published batch: one pack of the commit's new files (segments,
# deletes, merges), then the manifest. One object per file measured 7.6.
PUTS_PER_PUBLISH = 2
# Searchable writes: each run of these paths changes a ticket or a message, so the indexer publishes once.
PUBLISHING_PATHS = ("mail_new_ticket", "mail_reply", "staff_reply", "outbound_delivery")
SEARCHES_PER_STAFF_DAY = 20  # assumed: the console's search box and the cabinet's, together
COLD_SYNCS_PER_WORKDAY = 30  # assumed: a search landing on a fresh API Lambda downloads the whole index
SYNC_MB_PER_SECOND = 80  # assumed for S3 -> Lambda /tmp in one region (the bench measures only moto's share)
PUBLISH_SECONDS = 0.4  # the writer's extra time per batch (0.2 s measured against moto, plus S3's latency)
EPHEMERAL_GB = 2.0  # /tmp of the indexer and both search APIs (template.yaml)
EPHEMERAL_FREE_GB = 0.5
WORKDAYS = 21


def default_backend(template: dict[str, Any]) -> str:
    return str(template.get("Parameters", {}).get("SearchBackend", {}).get("Default", "opensearch"))


def search_lines(
    backend: str,
    tickets: int,
    staff: int,
    retention_months: int,
    volumes: dict[str, float],
    api_seconds: float,
    p: dict[str, float],
) -> list[tuple[str, str, float, bool]]:
    """(service, what, dollars, measured) for each line of the chosen backend."""
    if backend == "opensearch":
        return [_opensearch(tickets, retention_months, p)]
    if backend != "tantivy-s3":
        raise ValueError(f"unknown search backend {backend!r} ({' or '.join(BACKENDS)})")
    documents = tickets * retention_months * DOCUMENTS_PER_TICKET
    index_gb = documents * BYTES_PER_DOCUMENT / 1e9
    publishes = sum(volumes[k] for k in PUBLISHING_PATHS)
    searches = staff * WORKDAYS * SEARCHES_PER_STAFF_DAY
    cold_syncs = COLD_SYNCS_PER_WORKDAY * WORKDAYS
    files = max(1, math.ceil(index_gb * 1000 / 20)) * 7  # segments of ~20 MB and more: 6 files and deletes
    puts = publishes * PUTS_PER_PUBLISH
    gets = publishes + searches + cold_syncs * files  # the writer's check, each search's, every cold copy
    sync_seconds = index_gb * 1000 / SYNC_MB_PER_SECOND
    lambda_gb_s = publishes * PUBLISH_SECONDS * 0.5 + cold_syncs * sync_seconds * 0.5
    tmp_gb_s = (api_seconds + publishes * PUBLISH_SECONDS) * (EPHEMERAL_GB - EPHEMERAL_FREE_GB)
    fits = "" if index_gb < EPHEMERAL_GB / 2 else ": too big for a Lambda's copy, choose opensearch"
    return [
        (
            "Search (tantivy/S3)",
            f"{puts:,.0f} PUT ({publishes:,.0f} publishes), {gets:,.0f} GET",
            puts / 1000 * p["s3_per_thousand_put"] + gets / 1000 * p["s3_per_thousand_get"],
            False,  # PUTs per publish measured; publishes and searches a month assumed
        ),
        (
            "Search (tantivy/S3)",
            f"{index_gb:,.2f} GB index ({documents:,.0f} documents) after {retention_months} months{fits}",
            index_gb * p["s3_gb_month"],
            False,
        ),
        (
            "Search (tantivy/S3)",
            f"Lambda: {lambda_gb_s:,.0f} GB-s publishing and syncing ({sync_seconds:,.1f} s a cold copy), "
            f"/tmp {EPHEMERAL_GB:g} GB",
            lambda_gb_s * p["lambda_arm_gb_second"] + tmp_gb_s * p["lambda_ephemeral_gb_second"],
            False,
        ),
    ]


def _opensearch(tickets: int, retention_months: int, p: dict[str, float]) -> tuple[str, str, float, bool]:
    """One node without replicas is enough below ~50k tickets a month; above it, a bigger instance."""
    hourly, size = (p["opensearch_t3_small_hour"], "t3.small") if tickets <= 50_000 else (
        p["opensearch_t3_medium_hour"], "t3.medium")  # fmt: skip
    disk = max(10, math.ceil(tickets * retention_months * 3 * 4 / 1e6))  # ~4 KB per indexed document
    dollars = hourly * 730 + disk * p["opensearch_gp3_gb_month"]
    return ("OpenSearch", f"1 x {size}.search + {disk} GB gp3", dollars, False)
