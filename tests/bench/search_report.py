"""Render the search bench results as the "Search" section of docs/performance.md.

Re-render a saved run: `python -m tests.bench.search_report /tmp/helpdesk-search-bench/results-1000000.json`.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

KINDS = ("single_word", "two_words", "phrase", "filtered")
HEADING = "## Search"


def render(results: dict) -> str:
    engines: dict = results["engines"]
    lines = [
        f"`tests/bench/bench_search.py` at {datetime.now(UTC):%H:%M} UTC on {results['machine']}: "
        f"{results['docs']:,} generated Russian/English helpdesk messages (fixed seed, "
        f"{results['corpus_bytes'] / 1e6:.0f} MB of text), {results['queries_per_kind']} queries per kind, "
        "top 20 by relevance, ids only (tantivy loads the stored id of each hit). The machine is shared with "
        f"other sessions: load average at the end {', '.join(f'{x:.1f}' for x in results['load_average'])}, "
        "so the tails (p95/p99) carry noise from other processes.",
        "",
        "| engine | build s | docs/s | index MB | bytes/doc |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, r in engines.items():
        lines.append(
            f"| {name} | {r['build_s']:.1f} | {r['docs_per_s']:,.0f} | {r['size_bytes'] / 1e6:,.0f} "
            f"| {r['size_bytes'] / results['docs']:.0f} |"
        )
    lines += [
        "",
        "Query latency, ms (p50 / p95 / p99):",
        "",
        "| engine | " + " | ".join(KINDS) + " |",
        "|---|" + "---:|" * len(KINDS),
    ]
    for name, r in engines.items():
        cells = [f"{r[k]['p50']:.2f} / {r[k]['p95']:.2f} / {r[k]['p99']:.2f}" for k in KINDS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += _ratios(engines)
    lines += [
        "",
        "Recall on planted text (5 copies each; decoys hold the same words out of order):",
        "",
        '| engine | exact phrase recall | morphology recall (`X накладными` found by `"X накладная"`) '
        "| false hits |",
        "|---|---:|---:|---:|",
    ]
    for name, r in engines.items():
        rec = r["recall"]
        wrong = rec["phrase"]["false_hits"] + rec["stem"]["false_hits"]
        lines.append(
            f"| {name} | {rec['phrase']['recall']:.1%} of {rec['phrase']['planted']} "
            f"| {rec['stem']['recall']:.1%} of {rec['stem']['planted']} | {wrong} |"
        )
    adapter = engines.get("tantivy", {}).get("adapter_single_word")
    if adapter:
        lines += [
            "",
            "Through the `SearchIndex` port (page of 20 with highlighted snippets and the total count), "
            f"single word: p50 {adapter['p50']:.2f} ms, p95 {adapter['p95']:.2f} ms, "
            f"p99 {adapter['p99']:.2f} ms.",
        ]
    for engine, error in results["errors"].items():
        lines += ["", f"**{engine} did not run: {error}**"]
    return "\n".join(lines) + "\n"


def _ratios(engines: dict) -> list[str]:
    base = engines.get("tantivy")
    if not base:
        return []
    lines = [
        "",
        "Ratios to tantivy, latency p50 / p95 (how many times slower than tantivy; below 1 is faster); "
        "indexing: tantivy's docs/s over theirs (below 1: they index faster):",
        "",
        "| engine | indexing | " + " | ".join(KINDS) + " |",
        "|---|---:|" + "---:|" * len(KINDS),
    ]
    for name, r in engines.items():
        if name == "tantivy":
            continue
        cells = [f"{r[k]['p50'] / base[k]['p50']:.1f}x / {r[k]['p95'] / base[k]['p95']:.1f}x" for k in KINDS]
        lines.append(f"| {name} | {base['docs_per_s'] / r['docs_per_s']:.1f}x | " + " | ".join(cells) + " |")
    return lines


def write_report(results: dict) -> None:
    """Through the shared section writer; an unmarked section left by an older run is dropped first."""
    from tests.bench.report import DOC, write_section

    if DOC.exists() and "<!-- bench:Search -->" not in DOC.read_text():
        unmarked = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |^<!-- |\Z)", re.S | re.M)
        DOC.write_text(unmarked.sub("", DOC.read_text()))
    write_section("Search", render(results))


if __name__ == "__main__":
    write_report(json.loads(Path(sys.argv[1]).read_text()))
