"""Search bench: tantivy vs Sphinx 2.2.11 vs SQLite FTS5 on one generated Russian/English helpdesk corpus.

Run: `.venv/bin/python -m pytest tests/bench/bench_search.py -m bench -s` (HELPDESK_BENCH_DOCS=200000 for a
smaller corpus). Writes the "Search" section of docs/performance.md.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from search_corpus import Corpus  # noqa: E402
from search_engines import Fts5Engine, SphinxEngine, TantivyEngine  # noqa: E402
from search_report import write_report  # noqa: E402

pytestmark = pytest.mark.bench

KINDS = ("single_word", "two_words", "phrase", "filtered")


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def timed_ms(call) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def measure_engine(engine, corpus: Corpus, tsv: Path, queries: dict[str, list]) -> dict:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    engine.build(tsv)
    seconds = time.perf_counter() - started
    result: dict = {"build_s": seconds, "docs_per_s": corpus.size / seconds, "size_bytes": engine.size()}
    for kind, items in queries.items():
        for words, filters in items[:10]:  # warm the caches the way a running service would have them
            engine.query(_engine_kind(kind), words, filters=filters)
        samples = [timed_ms(partial(engine.query, _engine_kind(kind), w, filters=f)) for w, f in items]
        result[kind] = percentiles(samples)
    result["recall"] = recall(engine, corpus)
    return result


def recall(engine, corpus: Corpus) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    scores: dict[str, dict[str, float]] = {}
    for kind in ("phrase", "stem"):
        planted = [p for p in corpus.planted if p.kind == kind]
        expected = sum(len(p.numbers) for p in planted)
        found = wrong = 0
        for p in planted:
            ids = set(engine.query("phrase", p.phrase, limit=100))
            found += len(ids & p.numbers)
            wrong += len(ids - p.numbers)
        scores[kind] = {"recall": found / expected, "false_hits": wrong, "planted": expected}
    return scores


def _engine_kind(kind: str) -> str:
    return "phrase" if kind == "phrase" else "words"


def build_queries(corpus: Corpus, count: int) -> dict[str, list]:
    rng = random.Random(corpus.seed)
    single = corpus.queries("single", count)
    return {
        "single_word": [(q, None) for q in single],
        "two_words": [(q, None) for q in corpus.queries("two_words", count)],
        "phrase": [(q, None) for q in corpus.queries("phrase", count)],
        "filtered": [(q, (rng.randrange(4), rng.randrange(4))) for q in single],
    }


def write_corpus(corpus: Corpus, tsv: Path) -> float:
    started = time.perf_counter()
    with tsv.open("w", encoding="utf-8") as out:
        for doc in corpus.documents():
            out.write(f"{doc.number}\t{doc.title}\t{doc.body}\t{doc.mailbox}\t{doc.status}\n")
    return time.perf_counter() - started


def run() -> dict:
    size = int(os.environ.get("HELPDESK_BENCH_DOCS", "1000000"))
    count = int(os.environ.get("HELPDESK_BENCH_QUERIES", "200"))
    workdir = Path(os.environ.get("HELPDESK_BENCH_DIR", "/tmp/helpdesk-search-bench"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(size)
    tsv = workdir / f"corpus-{size}.tsv"
    # The corpus is a pure function of (size, seed): a file left by an earlier run is the same corpus.
    generated = 0.0 if tsv.exists() and os.environ.get("HELPDESK_BENCH_REUSE") else write_corpus(corpus, tsv)
    queries = build_queries(corpus, count)
    results: dict = {
        "docs": size,
        "queries_per_kind": count,
        "corpus_bytes": tsv.stat().st_size,
        "generate_s": generated,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "engines": {},
        "errors": {},
    }
    for make in (TantivyEngine, SphinxEngine, Fts5Engine):
        engine = None
        try:
            engine = make(workdir)
            print(f"[search bench] {make.__name__}: building {size} documents", flush=True)
            results["engines"][engine.name] = measure_engine(engine, corpus, tsv, queries)
            if isinstance(engine, TantivyEngine):
                samples = [timed_ms(partial(engine.adapter_query, w)) for w, _ in queries["single_word"]]
                results["engines"][engine.name]["adapter_single_word"] = percentiles(samples)
        except Exception as error:  # noqa: BLE001 - a missing engine is reported loudly, not fatal to the others
            results["errors"][make.__name__] = f"{type(error).__name__}: {error}"
            print(f"[search bench] {make.__name__} FAILED: {error}", flush=True)
        finally:
            if engine is not None and hasattr(engine, "close"):
                engine.close()
    results["load_average"] = os.getloadavg()
    (workdir / f"results-{size}.json").write_text(json.dumps(results, indent=2))
    write_report(results)
    return results


def test_search_bench() -> None:
    results = run()
    tantivy = results["engines"]["tantivy"]
    assert tantivy["recall"]["phrase"]["recall"] == 1.0
    assert tantivy["recall"]["stem"]["recall"] == 1.0


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
