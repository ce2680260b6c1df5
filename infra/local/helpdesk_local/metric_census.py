"""How many custom CloudWatch metrics the functions publish, counted from the code for the cost model: every
distinct metric name with every distinct set of dimension values is a metric billed by the month.

Read from the `add_metric(name=...)` calls: a literal is one name, `"A" if x else "B"` two, a lookup in a
module-level dict its values, an f-string (`f"Webhook{outcome}"`) one per outcome, assumed `OUTCOMES`. The
queue worker's metrics count once per consumer when the worker adds a dimension (the queue), else once; the
storage report's gauges once per table. A handler's business counts are log fields (`log_counts`), not
metrics: they cost nothing here (docs/operations.md)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

OUTCOMES = 4  # per outcome-named family, as mail ingest's outcomes once were
PATTERN = "{}"  # stands for the variable part of an f-string's name


@dataclass(frozen=True)
class Census:
    handler_names: int  # metrics the handlers publish themselves
    worker_names: int  # the queue worker's own metrics
    per_queue: bool  # the worker adds a dimension per queue
    consumers: int  # functions that consume a queue through the worker
    gauges: int  # storage report metrics per table

    def total(self, tables: int) -> int:
        worker = self.worker_names * (self.consumers if self.per_queue else 1)
        return self.handler_names + worker + self.gauges * tables


def _calls(tree: ast.AST, method: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == method]


def _dicts(tree: ast.Module) -> dict[str, list[str]]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            values = [v.value if isinstance(v, ast.Constant) else PATTERN for v in node.value.values]
            found.update({t.id: values for t in node.targets if isinstance(t, ast.Name)})
    return found


def _names(expr: ast.expr, dicts: dict[str, list[str]]) -> list[str]:
    if isinstance(expr, ast.IfExp):
        return _names(expr.body, dicts) + _names(expr.orelse, dicts)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and expr.value.id in dicts:
        return dicts[expr.value.id]
    if isinstance(expr, ast.Constant):
        return [str(expr.value)]
    if isinstance(expr, ast.JoinedStr):
        pattern = "".join(str(v.value) if isinstance(v, ast.Constant) else PATTERN for v in expr.values)
        return [pattern] * OUTCOMES
    return [PATTERN]


def published_names(path: Path) -> list[str]:
    """The metric names a module publishes, one entry per billed metric (an f-string's pattern repeated)."""
    tree = ast.parse(path.read_text())
    dicts = _dicts(tree)
    named = [k.value for c in _calls(tree, "add_metric") for k in c.keywords if k.arg == "name"]
    return [name for expr in named for name in _names(expr, dicts)]


def metric_names(path: Path) -> int:
    return len(published_names(path))


def handlers(root: Path) -> list[Path]:
    return [p for p in sorted((root / "functions").glob("*/*.py")) if p.stem == p.parent.name]


def census(root: Path) -> Census:
    package = root / "layers" / "core" / "helpdesk"
    worker = ast.parse((package / "workers.py").read_text())
    storage = ast.parse((package / "operations" / "services" / "storage_report.py").read_text())
    gauges = {c.args[0].value for c in ast.walk(storage) if isinstance(c, ast.Call)
              and getattr(c.func, "id", None) == "Gauge" and isinstance(c.args[0], ast.Constant)}  # fmt: skip
    return Census(
        handler_names=sum(metric_names(p) for p in handlers(root)),
        worker_names=metric_names(package / "workers.py"),
        per_queue=bool(_calls(worker, "add_dimension")),
        consumers=sum("sqs_worker(" in p.read_text() for p in handlers(root)),
        gauges=len(gauges),
    )
