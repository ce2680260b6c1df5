"""The part of CloudWatch metric math the template's alarms use: + - * /, parentheses, numbers, query ids, and
FILL(series, value), DIFF(series), RATE(series), ABS(series). Series are per-period values, None where
CloudWatch would have no datapoint; arithmetic on a missing value, or a division by zero, gives none."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

Series = list[float | None]
Value = Series | float

TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|(.))")
BINARY: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


class MetricMathError(ValueError):
    pass


def evaluate(expression: str, series: dict[str, Series], period: int) -> Series:
    """The expression's value per period; `series` maps each query id to its values, all equally long."""
    length = len(next(iter(series.values()))) if series else 1
    parser = _Parser(expression, series, period)
    result = parser.sum()
    if parser.peek() is not None:
        raise MetricMathError(f"unexpected {parser.peek()!r} in {expression!r}")
    return [result] * length if isinstance(result, float) else result


class _Parser:
    def __init__(self, text: str, series: dict[str, Series], period: int) -> None:
        self.tokens = [(n, name, op) for n, name, op in TOKEN.findall(text) if n or name or op.strip()]
        self.series, self.period, self.at = series, period, 0

    def peek(self) -> str | None:
        if self.at >= len(self.tokens):
            return None
        return "".join(self.tokens[self.at])

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise MetricMathError(f"expected {expected or 'more'}, found {token!r}")
        self.at += 1
        return token

    def sum(self) -> Value:
        value = self.product()
        while self.peek() in ("+", "-"):
            value = _combine(BINARY[self.take()], value, self.product())
        return value

    def product(self) -> Value:
        value = self.unary()
        while self.peek() in ("*", "/"):
            value = _combine(BINARY[self.take()], value, self.unary())
        return value

    def unary(self) -> Value:
        if self.peek() == "-":
            self.take()
            return _combine(operator.sub, 0.0, self.unary())
        return self.atom()

    def atom(self) -> Value:
        token = self.take()
        if token == "(":
            value = self.sum()
            self.take(")")
            return value
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            return float(token)
        if self.peek() == "(":
            return self.call(token.upper())
        if token not in self.series:
            raise MetricMathError(f"unknown metric id {token!r}")
        return list(self.series[token])

    def call(self, name: str) -> Value:
        self.take("(")
        args = [self.sum()]
        while self.peek() == ",":
            self.take()
            args.append(self.sum())
        self.take(")")
        first = args[0]
        if not isinstance(first, list):
            raise MetricMathError(f"{name} needs a time series")
        if name == "FILL" and len(args) == 2 and isinstance(args[1], float):
            return [args[1] if v is None else v for v in first]
        if name == "DIFF":
            return [
                None if i == 0 or v is None or first[i - 1] is None else v - first[i - 1]  # type: ignore[operator]
                for i, v in enumerate(first)
            ]
        if name == "RATE":
            diffs = self.series_call("DIFF", first)
            return [None if d is None else d / self.period for d in diffs]
        if name == "ABS":
            return [None if v is None else abs(v) for v in first]
        raise MetricMathError(f"the local evaluator does not know {name}")

    def series_call(self, name: str, values: Series) -> Series:
        result = _Parser(f"{name}(x)", {"x": values}, self.period).sum()
        return result if isinstance(result, list) else [result]


def _combine(op: Callable[[float, float], float], left: Value, right: Value) -> Value:
    if isinstance(left, float) and isinstance(right, float):
        return _apply(op, left, right)  # type: ignore[return-value]
    length = len(left) if isinstance(left, list) else len(right)  # type: ignore[arg-type]
    lefts = left if isinstance(left, list) else [left] * length
    rights = right if isinstance(right, list) else [right] * length
    return [_apply(op, a, b) for a, b in zip(lefts, rights, strict=True)]


def _apply(op: Callable[[float, float], float], a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    try:
        return op(a, b)
    except ZeroDivisionError:
        return None
