"""Cold-start import cost of every Lambda handler, as a ratio to a bare `import boto3` measured in the same run.

Each round starts one fresh interpreter per handler and one for `import boto3`, in a shuffled order so a
busy moment of the machine hits all of them alike; the ratio is of the medians over the rounds. Targets
(issue #25): API functions at most 1.7x, queue consumers at most 1.5x.

`python -m tests.bench.bench_cold_start [rounds]` prints a table, writes it to docs/performance.md (section
"Cold starts: every handler against boto3") and prints the JSON on its last line.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"Api": 1.7, "SQS": 1.5}
_TIMED = (
    "import time; t, c = time.perf_counter(), time.process_time(); import {module};"
    " print(time.perf_counter() - t, time.process_time() - c)"
)
_ENV = {
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_REGION": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "POWERTOOLS_TRACE_DISABLED": "1",
}


def functions() -> list[tuple[str, str, str]]:
    """(function name, handler module, event kind) of every function in template.yaml."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    template = yaml.load((ROOT / "template.yaml").read_text(), Loader=Loader)
    found = []
    for name, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource["Properties"]
        kinds = {e.get("Type") for e in (props.get("Events") or {}).values()}
        found.append((name, props["Handler"].split(".")[0], next(iter(sorted(kinds)), "")))
    return found


def import_seconds(module: str, code_dir: str | None) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the import: on a loaded machine the CPU time is the steadier of the two."""
    paths = [str(ROOT / "layers" / "core"), str(ROOT / "infra" / "local"), str(ROOT)]
    if code_dir:
        paths.insert(0, str(ROOT / "functions" / code_dir))
    env = {**os.environ, **_ENV, "PYTHONPATH": os.pathsep.join(paths)}
    out = subprocess.run(
        [sys.executable, "-c", _TIMED.format(module=module)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def measure(rounds: int = 11) -> dict[str, dict[str, float | str]]:
    handlers = functions()
    samples: dict[str, list[tuple[float, float]]] = {"boto3": []} | {name: [] for name, _, _ in handlers}
    jobs = [("boto3", "boto3", None)] + [(name, module, module) for name, module, _ in handlers]
    for _ in range(rounds):
        random.shuffle(jobs)
        for name, module, code_dir in jobs:
            samples[name].append(import_seconds(module, code_dir))

    def medians(name: str) -> tuple[float, float]:
        return statistics.median(w for w, _ in samples[name]), statistics.median(c for _, c in samples[name])

    base, base_cpu = medians("boto3")
    result: dict[str, dict[str, float | str]] = {
        "boto3": {
            "ms": round(base * 1000, 1),
            "ratio": 1.0,
            "cpu_ms": round(base_cpu * 1000, 1),
            "cpu_ratio": 1.0,
        }
    }
    for name, _, kind in handlers:
        wall, cpu = medians(name)
        result[name] = {
            "kind": kind,
            "ms": round(wall * 1000, 1),
            "ratio": round(wall / base, 2),
            "cpu_ms": round(cpu * 1000, 1),
            "cpu_ratio": round(cpu / base_cpu, 2),
        }
    return result


def table(result: dict[str, dict[str, float | str]], rounds: int) -> str:
    lines = [
        f"Median of {rounds} fresh interpreters per handler, in shuffled order, as a ratio to a bare `import boto3`"
        " in the same run (`python -m tests.bench.bench_cold_start`). Targets: API 1.7x, queue consumers 1.5x.",
        "The API route modules import their pydantic views inside the routes that use them (annotations only"
        " under TYPE_CHECKING) and PyJWT loads with the first token verified. On this shared machine a busy"
        " minute moves single ratios by 0.3 or more: read them from a quiet run (load average under 3). The"
        " CPU columns (the import's process time) move less with load; the target is judged on wall time.",
        "",
        "| function | trigger | import (ms) | x boto3 | CPU (ms) | CPU x boto3 | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name, row in result.items():
        target = TARGETS.get(str(row.get("kind", "")))
        verdict = (
            "" if target is None else ("met" if float(row["ratio"]) <= target else f"**over {target}x**")
        )
        lines.append(
            f"| {name} | {row.get('kind', '')} | {row['ms']} | {row['ratio']} | {row['cpu_ms']} |"
            f" {row['cpu_ratio']} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> None:
    from tests.bench.report import write_section

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    result = measure(rounds)
    text = table(result, rounds)
    print(text)
    write_section("Cold starts: every handler against boto3", text)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
