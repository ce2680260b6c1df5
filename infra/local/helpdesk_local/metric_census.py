"""How many custom CloudWatch metrics the functions publish, counted from the code for the cost model: every
distinct metric name with every distinct set of dimension values is a metric billed by the month.

Read from the handlers' `add_metric(name=...)` calls: a literal is one name, `"A" if x else "B"` two, a
lookup in a module-level dict its values, an f-string (`f"Webhook{outcome}"`) one per outcome, assumed
`OUTCOMES`. The queue worker's metrics count once per consumer when the worker adds a dimension (the queue),
else once; the SLA sweep's per-policy names once per policy; the storage report's gauges once per table."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

OUTCOMES = 4  # per outcome-named family: mail ingest has 4, webhook delivery 5, Jira sync 3, exchange rates 2


@dataclass(frozen=True)
class Census:
    handler_names: int  # business metrics of all handlers
    worker_names: int  # the queue worker's own metrics
    per_queue: bool  # the worker adds a dimension per queue
    consumers: int  # functions that consume a queue through the worker
    per_policy_names: int
    gauges: int  # storage report metrics per table

    def total(self, policies: int, tables: int) -> int:
        worker = self.worker_names * (self.consumers if self.per_queue else 1)
        return self.handler_names + worker + self.per_policy_names * policies + self.gauges * tables


def _calls(tree: ast.AST, method: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == method]


def _dicts(tree: ast.Module) -> dict[str, int]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            found.update({t.id: len(node.value.values) for t in node.targets if isinstance(t, ast.Name)})
    return found


def _names(expr: ast.expr, dicts: dict[str, int]) -> int:
    if isinstance(expr, ast.IfExp):
        return _names(expr.body, dicts) + _names(expr.orelse, dicts)
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and expr.value.id in dicts:
        return dicts[expr.value.id]
    return OUTCOMES if isinstance(expr, ast.JoinedStr) else 1


def metric_names(path: Path) -> int:
    tree = ast.parse(path.read_text())
    dicts = _dicts(tree)
    named = [k.value for c in _calls(tree, "add_metric") for k in c.keywords if k.arg == "name"]
    return sum(_names(expr, dicts) for expr in named)


def census(root: Path) -> Census:
    handlers = [p for p in sorted((root / "functions").glob("*/*.py")) if p.stem == p.parent.name]
    package = root / "layers" / "core" / "helpdesk"
    worker = ast.parse((package / "workers.py").read_text())
    sweep = ast.parse((package / "sla" / "services" / "sweep.py").read_text())
    [per_policy] = [f for f in ast.walk(sweep) if isinstance(f, ast.FunctionDef) and f.name == "per_policy"]
    storage = ast.parse((package / "operations" / "services" / "storage_report.py").read_text())
    gauges = {c.args[0].value for c in ast.walk(storage) if isinstance(c, ast.Call)
              and getattr(c.func, "id", None) == "Gauge" and isinstance(c.args[0], ast.Constant)}  # fmt: skip
    return Census(
        handler_names=sum(metric_names(p) for p in handlers),
        worker_names=metric_names(package / "workers.py"),
        per_queue=bool(_calls(worker, "add_dimension")),
        consumers=sum("sqs_worker(" in p.read_text() for p in handlers),
        per_policy_names=sum(len(d.keys) for d in ast.walk(per_policy) if isinstance(d, ast.Dict)),
        gauges=len(gauges),
    )
