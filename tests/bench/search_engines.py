"""The three engines the search bench compares, behind one small interface: build from a TSV, query, size."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpdesk.search.adapters.tantivy_index import TantivySearchIndex
from helpdesk.search.model.documents import DocumentType, SearchDocument, SearchFilters, SearchQuery
from helpdesk.search.model.syntax import Phrase, TextQuery, Word
from search_corpus import MAILBOXES, STATUSES

T0 = datetime(2020, 1, 1, tzinfo=UTC)


def read_tsv(path: Path) -> Iterator[tuple[int, str, str, int, int]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            number, title, body, mailbox, status = line.rstrip("\n").split("\t")
            yield int(number), title, body, int(mailbox), int(status)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def text_query(kind: str, words: tuple[str, ...]) -> TextQuery:
    if kind == "phrase":
        return TextQuery((Phrase(words),))
    return TextQuery(tuple(Word(w) for w in words))


class TantivyEngine:
    name = "tantivy"

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / "tantivy"
        shutil.rmtree(self.path, ignore_errors=True)
        self.index = TantivySearchIndex(self.path, heap_size=1_000_000_000, threads=2)

    def build(self, tsv: Path) -> None:
        self.index.rebuild(
            SearchDocument(
                id=str(n),
                type=DocumentType.MESSAGE,
                title=title,
                body=body,
                mailbox=MAILBOXES[m],
                status=STATUSES[s],
                organisation_id=f"org-{n % 1000}",
                created_at=T0 + timedelta(seconds=n),
            )
            for n, title, body, m, s in read_tsv(tsv)
        )
        self.index._index.reload()
        self.searcher = self.index._index.searcher()

    def size(self) -> int:
        return dir_size(self.path)

    def query(
        self, kind: str, words: tuple[str, ...], limit: int = 20, filters: tuple[int, int] | None = None
    ):
        import tantivy

        occurs = [(tantivy.Occur.Must, self.index._queries.text(text_query(kind, words)))]
        if filters:
            chosen = SearchFilters(mailboxes=(MAILBOXES[filters[0]],), statuses=(STATUSES[filters[1]],))
            occurs += self.index._queries.filters(chosen)
        hits = self.searcher.search(tantivy.Query.boolean_query(occurs), limit, count=False).hits
        return [int(self.searcher.doc(address)["id"][0]) for _, address in hits]

    def adapter_query(self, words: tuple[str, ...]) -> int:
        """What a user waits for: the page of 20 with snippets and the total, through the port."""
        return len(self.index.search(SearchQuery(text=" ".join(words))).hits)


class Fts5Engine:
    name = "sqlite-fts5"

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / "fts5.sqlite"
        self.path.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE VIRTUAL TABLE m USING fts5(title, body, mailbox, status,"
            " tokenize='porter unicode61 remove_diacritics 2');"
        )

    def build(self, tsv: Path) -> None:
        rows = ((n, t, b, MAILBOXES[m], STATUSES[s]) for n, t, b, m, s in read_tsv(tsv))
        with self.db:
            self.db.executemany("INSERT INTO m(rowid, title, body, mailbox, status) VALUES (?,?,?,?,?)", rows)
            self.db.execute("INSERT INTO m(m) VALUES ('optimize')")

    def size(self) -> int:
        return self.path.stat().st_size

    def query(
        self, kind: str, words: tuple[str, ...], limit: int = 20, filters: tuple[int, int] | None = None
    ):
        match = '"' + " ".join(words) + '"' if kind == "phrase" else " ".join(f'"{w}"' for w in words)
        if filters:
            match += f' AND mailbox:"{MAILBOXES[filters[0]]}" AND status:"{STATUSES[filters[1]]}"'
        sql = "SELECT rowid FROM m WHERE m MATCH ? ORDER BY rank LIMIT ?"
        return [row[0] for row in self.db.execute(sql, (match, limit))]


class SphinxEngine:
    name = "sphinx-2.2.11"

    def __init__(self, workdir: Path) -> None:
        if not shutil.which("indexer") or not shutil.which("searchd"):
            raise RuntimeError("Sphinx is not installed: apt-get install -y sphinxsearch")
        self.dir = workdir / "sphinx"
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.port = _free_port()
        self.config = self.dir / "sphinx.conf"
        self.server: subprocess.Popen[bytes] | None = None

    def build(self, tsv: Path) -> None:
        self.config.write_text(_sphinx_config(self.dir, tsv, self.port))
        subprocess.run(["indexer", "--config", str(self.config), "--all", "--quiet"], check=True)
        self.server = subprocess.Popen(
            ["searchd", "--config", str(self.config), "--nodetach"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.connection = _connect_when_ready(self.port)

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.dir.glob("bench.*"))

    def query(
        self, kind: str, words: tuple[str, ...], limit: int = 20, filters: tuple[int, int] | None = None
    ):
        match = '"' + " ".join(words) + '"' if kind == "phrase" else " ".join(words)
        sql = "SELECT id FROM bench WHERE MATCH(%s)"
        params: list[object] = [match]
        if filters:
            sql += " AND mailbox=%s AND status=%s"
            params += list(filters)
        sql += f" LIMIT {limit} OPTION max_matches={max(limit, 1000)}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def close(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)


def _sphinx_config(directory: Path, tsv: Path, port: int) -> str:
    charset = (
        "0..9, A..Z->a..z, _, a..z, U+410..U+42F->U+430..U+44F, U+430..U+44F, U+401->U+435, U+451->U+435"
    )
    return f"""
source bench
{{
    type = tsvpipe
    tsvpipe_command = cat {tsv}
    tsvpipe_field = title
    tsvpipe_field = body
    tsvpipe_attr_uint = mailbox
    tsvpipe_attr_uint = status
}}
index bench
{{
    source = bench
    path = {directory}/bench
    morphology = stem_enru
    min_word_len = 1
    charset_table = {charset}
}}
indexer
{{
    mem_limit = 1024M
}}
searchd
{{
    listen = 127.0.0.1:{port}:mysql41
    log = {directory}/searchd.log
    query_log = {directory}/query.log
    pid_file = {directory}/searchd.pid
    binlog_path =
    workers = threads
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _connect_when_ready(port: int):  # type: ignore[no-untyped-def]
    import pymysql

    deadline = time.monotonic() + 60
    while True:
        try:
            return pymysql.connect(host="127.0.0.1", port=port, user="", autocommit=True)
        except pymysql.err.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
