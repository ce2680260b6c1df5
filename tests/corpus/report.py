"""Pass rates per corpus and per field, as a Markdown table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from helpdesk.mail.parser import parse_mail

from tests.corpus.cases import Case
from tests.corpus.compare import score


@dataclass
class Tally:
    cases: int = 0
    passed: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[str] = field(default_factory=list)

    def rate(self, name: str | None = None) -> float:
        # Nothing measured is a failure, not a perfect score: an empty or moved corpus must not pass a floor.
        if name is None:
            return self.passed / self.cases if self.cases else 0.0
        ok, total = self.fields[name]
        return ok / total if total else 0.0


def run(cases: list[Case]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        result = score(parse_mail(case.raw), case.expected)
        tally = tallies[case.corpus]
        tally.cases += 1
        tally.passed += all(result.values())
        for name, ok in result.items():
            tally.fields[name][0] += ok
            tally.fields[name][1] += 1
        failed = [name for name, ok in result.items() if not ok]
        if failed:
            tally.failures.append(f"{case.name} ({case.form}): {', '.join(failed)}")
    return tallies


def markdown(tallies: dict[str, Tally]) -> str:
    names = sorted({name for t in tallies.values() for name in t.fields})
    lines = [
        "| corpus | mails (LF+CRLF) | all fields pass | " + " | ".join(names) + " |",
        "|---|---:|---:|" + "---:|" * len(names),
    ]
    for corpus, tally in sorted(tallies.items()):
        cells = [f"{tally.rate(name):.0%}" if tally.fields.get(name, [0, 0])[1] else "–" for name in names]
        lines.append(f"| {corpus} | {tally.cases} | {tally.rate():.0%} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
