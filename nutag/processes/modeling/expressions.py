"""Nutag's safe expression language for conditions and timers in uploaded BPMN models.

Uploaded models are untrusted, so nothing in them is ever handed to Python's ``eval``. An expression is parsed
with :mod:`ast` and only a small whitelist of node types is interpreted by the code below:

* literals: numbers, strings, ``True``/``False``/``None`` (also ``true``/``false``/``null``), lists and tuples;
* names, which read the request's data (a name that is not in the data reads as ``None``);
  names starting with ``_`` are refused;
* ``data["key"]``-style subscripts on lists, tuples, strings and dicts of the request data;
* arithmetic ``+ - * / // %``, comparisons ``== != < <= > >= in not in is is not``,
  ``and``/``or``/``not`` and ``x if condition else y``;
* calls of the functions in :data:`FUNCTIONS` only (``len``, ``min``, ``max``, ``abs``, ``round``, ``int``,
  ``float``, ``str``, ``lower``, ``upper``, ``days``, ``hours``, ``working_days``), positional arguments only.

There is no attribute access at all (so no ``().__class__``), no imports, no lambdas or comprehensions, and
results are size-limited (strings and lists up to 10,000 items, integers up to 10**18).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_EXPRESSION_LENGTH = 2000
MAX_SEQUENCE_LENGTH = 10_000
MAX_INT = 10**18


class ExpressionError(Exception):
    """An expression that is not in the language, or that failed while it was evaluated."""


@dataclass(frozen=True)
class Duration:
    """A timer duration: an ISO 8601 duration (calendar time) or a number of working days."""

    iso: str | None = None
    working_days: int | None = None

    def __str__(self) -> str:
        return self.iso if self.iso is not None else f"working_days({self.working_days})"


ISO_DURATION_RE = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)
WORKING_DAYS_RE = re.compile(r"^P(\d+)WD$")
ISO_DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_SEQUENCE_LENGTH:
        raise ExpressionError("The result is too long.")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise ExpressionError("The number is too large.")
    return value


def _days(n: Any) -> Duration:
    return Duration(iso=f"P{_count(n)}D")


def _hours(n: Any) -> Duration:
    return Duration(iso=f"PT{_count(n)}H")


def _working_days(n: Any) -> Duration:
    return Duration(working_days=_count(n))


def _count(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 3650:
        raise ExpressionError("A duration needs a whole number between 0 and 3650.")
    return n


def _lower(s: Any) -> str:
    return str(s).lower()


def _upper(s: Any) -> str:
    return str(s).upper()


def _str(v: Any) -> str:
    text: str = _check_size(str(v))
    return text


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "len": len,
    "min": min,
    "max": max,
    "abs": abs,
    "round": round,
    "int": int,
    "float": float,
    "str": _str,
    "lower": _lower,
    "upper": _upper,
    "days": _days,
    "hours": _hours,
    "working_days": _working_days,
}
CONSTANT_NAMES: dict[str, Any] = {"true": True, "false": False, "null": None}

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
}
_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: bool(a == b),
    ast.NotEq: lambda a, b: bool(a != b),
    ast.Lt: lambda a, b: bool(a < b),
    ast.LtE: lambda a, b: bool(a <= b),
    ast.Gt: lambda a, b: bool(a > b),
    ast.GtE: lambda a, b: bool(a >= b),
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}


def parse(expression: str) -> ast.expr:
    """Parse and check an expression; raise ExpressionError in plain words if it is not in the language."""
    if not isinstance(expression, str) or not expression.strip():
        raise ExpressionError("The expression is empty.")
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"The expression is longer than {MAX_EXPRESSION_LENGTH} characters.")
    text = " ".join(expression.strip().splitlines())
    if text.startswith("${") and text.endswith("}"):  # Camunda's JUEL wrapper around a plain comparison
        text = text[2:-1]
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"The expression does not parse: {error.msg}.") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("The expression does not parse.") from None
    nodes = list(ast.walk(tree))
    if any(isinstance(node, ast.Attribute) for node in nodes):
        raise ExpressionError("Attribute access (a dot after a value) is not allowed.")
    for node in nodes:
        _check_node(node)
    return tree.body


def _check_node(node: ast.AST) -> None:
    if isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise ExpressionError(f"The name {node.id!r} is not allowed (names may not start with '_').")
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else "this"
            raise ExpressionError(f"The function {name!r} is not available.")
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise ExpressionError("Functions take plain positional arguments only.")
        return
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise ExpressionError("Only numbers, text, True, False and None are allowed as values.")
        return
    allowed = (
        ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd, ast.BinOp,
        ast.Compare, ast.IfExp, ast.Subscript, ast.List, ast.Tuple, ast.Load, *_BINOPS, *_CMPOPS,
    )  # fmt: skip
    if not isinstance(node, allowed):
        raise ExpressionError(f"{type(node).__name__} is not allowed in an expression.")


def evaluate(expression: str, data: dict[str, Any]) -> Any:
    """Evaluate an expression over the request data."""
    return _eval(parse(expression), data)


def evaluate_condition(expression: str, data: dict[str, Any]) -> bool:
    return bool(evaluate(expression, data))


def _eval(node: ast.expr, data: dict[str, Any]) -> Any:
    try:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in CONSTANT_NAMES and node.id not in data:
                return CONSTANT_NAMES[node.id]
            return data.get(node.id)
        if isinstance(node, ast.BoolOp):
            result: Any = None
            for value in node.values:
                result = _eval(value, data)
                if isinstance(node.op, ast.And) != bool(result):
                    return result
            return result
        if isinstance(node, ast.UnaryOp):
            operand = _eval(node.operand, data)
            if isinstance(node.op, ast.Not):
                return not operand
            return -operand if isinstance(node.op, ast.USub) else +operand
        if isinstance(node, ast.BinOp):
            left, right = _eval(node.left, data), _eval(node.right, data)
            if isinstance(node.op, ast.Mult):
                for seq, count in ((left, right), (right, left)):
                    is_sequence = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                    if is_sequence and len(seq) * count > MAX_SEQUENCE_LENGTH:
                        raise ExpressionError("The result is too long.")
            return _check_size(_BINOPS[type(node.op)](left, right))
        if isinstance(node, ast.Compare):
            left = _eval(node.left, data)
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                right = _eval(comparator, data)
                if not _CMPOPS[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.IfExp):
            return _eval(node.body if _eval(node.test, data) else node.orelse, data)
        if isinstance(node, ast.Subscript):
            container = _eval(node.value, data)
            if not isinstance(container, (dict, list, tuple, str)):
                raise ExpressionError("Only lists, texts and records can be indexed.")
            if isinstance(node.slice, ast.Slice):
                raise ExpressionError("Slices are not allowed.")
            key = _eval(node.slice, data)
            if isinstance(container, dict):
                return container.get(key)
            return container[key]
        if isinstance(node, (ast.List, ast.Tuple)):
            items = [_eval(element, data) for element in node.elts]
            return _check_size(items if isinstance(node, ast.List) else tuple(items))
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            return _check_size(FUNCTIONS[node.func.id](*[_eval(arg, data) for arg in node.args]))
    except ExpressionError:
        raise
    except (
        TypeError,
        ValueError,
        ZeroDivisionError,
        IndexError,
        KeyError,
        OverflowError,
        RecursionError,
    ) as error:
        raise ExpressionError(f"The expression failed: {error}") from None
    raise ExpressionError(f"{type(node).__name__} is not allowed in an expression.")


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def literal_timer_value(text: str) -> str | Duration | None:
    """A timer text that is a literal (``P5D``, ``"P5D"``, ``P5WD``, an ISO date-time), or None."""
    bare = _unquote(text).upper()
    if match := WORKING_DAYS_RE.match(bare):
        return Duration(working_days=int(match.group(1)))
    if ISO_DURATION_RE.match(bare):
        return Duration(iso=bare)
    if ISO_DATETIME_RE.match(bare):
        return bare
    return None


def timer_value(text: str, data: dict[str, Any]) -> Duration | str:
    """Resolve a timer's text to a Duration or an ISO date-time string, evaluating it if it is no literal."""
    literal = literal_timer_value(text)
    if literal is not None:
        return literal
    value = evaluate(text, data)
    if isinstance(value, Duration):
        return value
    if isinstance(value, str) and (resolved := literal_timer_value(value)) is not None:
        return resolved
    raise ExpressionError(f"The timer {text!r} did not give a duration such as P5D or working_days(5).")


def check_timer_text(text: str, kind: str) -> None:
    """Check a timer text at upload time. ``kind`` is 'duration' or 'date'."""
    literal = literal_timer_value(text)
    if literal is None:
        parse(text)  # an expression over request data, checked when it runs
        return
    if kind == "duration" and not isinstance(literal, Duration):
        raise ExpressionError(f"{text!r} is a date, not a duration such as P5D.")
    if kind == "date" and isinstance(literal, Duration):
        raise ExpressionError(f"{text!r} is a duration, not a date such as 2026-12-31T17:00:00Z.")
