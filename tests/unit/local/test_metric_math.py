"""The local evaluator's metric math gives what CloudWatch would for the expressions the template uses."""

from __future__ import annotations

import pytest
from helpdesk_local.metric_math import MetricMathError, evaluate

pytestmark = pytest.mark.unit


def test_error_rate_is_a_percentage_per_period_and_missing_without_invocations() -> None:
    series = {"errors": [1.0, None, 0.0, 3.0], "invocations": [10.0, 4.0, 0.0, None]}
    assert evaluate("100 * FILL(errors, 0) / invocations", series, 60) == [10.0, 0.0, None, None]


def test_diff_and_rate_have_no_value_for_the_first_period_or_after_a_gap() -> None:
    depth = {"depth": [5.0, 8.0, None, 20.0, 26.0]}
    assert evaluate("DIFF(depth)", depth, 60) == [None, 3.0, None, None, 6.0]
    assert evaluate("RATE(depth)", depth, 60) == [None, 0.05, None, None, 0.1]


def test_precedence_parentheses_and_unary_minus() -> None:
    series = {"a": [2.0], "b": [3.0]}
    assert evaluate("a + b * 2", series, 60) == [8.0]
    assert evaluate("(a + b) * 2", series, 60) == [10.0]
    assert evaluate("ABS(-a - b)", series, 60) == [5.0]


def test_a_constant_expression_fills_every_period() -> None:
    assert evaluate("1 / 4", {"a": [0.0, 0.0]}, 60) == [0.25, 0.25]


@pytest.mark.parametrize("expression", ["errors +", "unknown * 2", "SLICE(errors)", "(errors", "FILL(2, 0)"])
def test_what_it_cannot_evaluate_is_refused_not_guessed(expression: str) -> None:
    with pytest.raises(MetricMathError):
        evaluate(expression, {"errors": [1.0]}, 60)
