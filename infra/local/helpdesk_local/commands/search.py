"""`helpdesk search query TEXT` and `helpdesk search reindex`: the search index from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from helpdesk.kernel.errors import Invalid
from helpdesk.search.model.documents import (
    DocumentType,
    SearchFilters,
    SearchOrder,
    SearchPage,
    SearchQuery,
    SearchScope,
)

from helpdesk_local.running import add_target_arguments, connect, use_index_of

TYPES = [t.value for t in DocumentType]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="query or rebuild the search index")
    actions = parser.add_subparsers(dest="search_command", required=True)
    query = actions.add_parser("query", help="search as staff (everything)")
    query.add_argument("text")
    query.add_argument("--type", action="append", choices=TYPES, default=[], help="repeatable")
    for name in ("status", "assignee", "mailbox", "customer", "organisation", "tag"):
        query.add_argument(f"--{name}", action="append", default=[], help="repeatable")
    query.add_argument("--since", type=datetime.fromisoformat)
    query.add_argument("--until", type=datetime.fromisoformat)
    query.add_argument("--newest", action="store_true", help="newest first instead of by relevance")
    query.add_argument("--limit", type=int, default=20)
    query.add_argument("--cursor")
    query.add_argument("--json", action="store_true")
    add_target_arguments(query)
    query.set_defaults(handler=run_query)
    reindex = actions.add_parser("reindex", help="rebuild the index from the table (or a JSON-lines file)")
    reindex.add_argument("--from-jsonl", type=Path, help="plain table items, one JSON object a line")
    add_target_arguments(reindex)
    reindex.set_defaults(handler=run_reindex)


def run_query(args: argparse.Namespace) -> int:
    from helpdesk.search.services.search import search

    filters = SearchFilters(
        types=tuple(DocumentType(t) for t in args.type),
        statuses=tuple(args.status),
        assignees=tuple(args.assignee),
        mailboxes=tuple(args.mailbox),
        customer_ids=tuple(args.customer),
        organisation_ids=tuple(args.organisation),
        tags=tuple(args.tag),
        since=args.since,
        until=args.until,
    )
    order = SearchOrder.NEWEST if args.newest else SearchOrder.RELEVANCE
    try:
        query = SearchQuery(args.text, filters, order, page_size=args.limit, cursor=args.cursor)
    except Invalid as error:
        print(f"helpdesk search: {error}", file=sys.stderr)
        return 2
    use_index_of(args)
    page = search(_index(), SearchScope.staff(), query)
    if args.json:
        print(json.dumps(asdict(page), default=str, ensure_ascii=False, indent=2))
    else:
        _print_page(page)
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    from helpdesk.search.services.search import reindex
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    titles = None
    if args.from_jsonl:
        use_index_of(args)
        source: Any = JsonLinesSource(args.from_jsonl)
    else:
        connect(args)
        source = _table_source()
        titles = _product_names()
    columns = (TextColumn("reindex"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as bar:
        task = bar.add_task("reindex", total=source.estimated_count())

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=max(total or 0, done) or None)

        written = reindex(_index(), source, progress, titles)
    print(f"indexed {written} documents")
    return 0


class JsonLinesSource:
    def __init__(self, path: Path) -> None:
        self._path = path

    def estimated_count(self) -> int | None:
        with self._path.open(encoding="utf-8") as lines:
            return sum(1 for line in lines if line.strip())

    def items(self) -> Iterator[dict[str, Any]]:
        with self._path.open(encoding="utf-8") as lines:
            yield from (json.loads(line) for line in lines if line.strip())


def _index() -> Any:
    from helpdesk.search.adapters.factory import search_index_from_settings
    from helpdesk.settings import get_settings

    return search_index_from_settings(get_settings())


def _product_names() -> Any:
    from helpdesk.bootstrap import container

    return container().product_names


def _table_source() -> Any:
    from helpdesk.search.adapters.factory import table_resource
    from helpdesk.search.adapters.source_dynamodb import DynamoDbSearchSource
    from helpdesk.settings import get_settings

    return DynamoDbSearchSource(table_resource(get_settings()))


def _print_page(page: SearchPage) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{page.total} found")
    for column in ("type", "id", "score", "title", "snippet"):
        table.add_column(column)
    for hit in page.hits:
        snippet = Text(hit.snippet.text)
        for start, end in hit.snippet.highlights:
            snippet.stylize("bold yellow", start, end)
        table.add_row(hit.type.value, hit.id, f"{hit.score:.2f}", Text(hit.title), snippet)
    Console().print(table)
    if page.next_cursor:
        print(f"next page: --cursor {page.next_cursor}")
