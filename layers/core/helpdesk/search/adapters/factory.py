"""Build the configured SearchIndex from settings (called by the composition root and the CLI)."""

from __future__ import annotations

from typing import Any

from helpdesk.search.ports import SearchIndex
from helpdesk.settings import Settings


def search_index_from_settings(settings: Settings) -> SearchIndex:
    if settings.search_backend == "opensearch":
        from helpdesk.search.adapters.opensearch import OpenSearchIndex, opensearch_client

        if not settings.search_url:
            raise ValueError("search_backend=opensearch needs SEARCH_URL")
        index = OpenSearchIndex(opensearch_client(settings.search_url, region=settings.region))
        index.ensure()
        return index
    if settings.search_backend == "tantivy":
        from helpdesk.search.adapters.tantivy_index import TantivySearchIndex

        return TantivySearchIndex(settings.search_index_dir)
    if settings.search_backend == "tantivy-s3":
        return _tantivy_on_s3(settings)
    raise ValueError(f"unknown search_backend {settings.search_backend!r} (tantivy, tantivy-s3, opensearch)")


def _tantivy_on_s3(settings: Settings) -> SearchIndex:
    import boto3

    from helpdesk.search.adapters.s3_replica import S3IndexReplica
    from helpdesk.search.adapters.tantivy_s3 import S3TantivySearchIndex

    if not settings.search_bucket:
        raise ValueError("search_backend=tantivy-s3 needs SEARCH_BUCKET")
    s3 = boto3.client("s3", region_name=settings.region, endpoint_url=settings.aws_endpoint_url)
    replica = S3IndexReplica(
        s3,
        settings.search_bucket,
        settings.search_index_dir,
        check_seconds=settings.search_check_seconds,
        retire_seconds=settings.search_retire_seconds,
    )
    return S3TantivySearchIndex(replica)


def table_resource(settings: Settings) -> Any:
    import boto3

    resource = boto3.resource("dynamodb", region_name=settings.region, endpoint_url=settings.aws_endpoint_url)
    return resource.Table(settings.table_name)
