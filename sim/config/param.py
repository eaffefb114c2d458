"""Declaring a parameter: its default, unit, allowed values and source travel together.

Validation (``sim.config.validate``) reads the allowed values from here; no bound is inferred
from a field's name.
"""

from __future__ import annotations

import math
from dataclasses import Field, field
from typing import Any

FLAG = (False, True)
"""The choices of a true/false field."""


def param(
    default: Any,
    unit: str,
    source: str,
    *,
    low: float | None = None,
    high: float | None = None,
    above: float | None = None,
    choices: tuple | None = None,
) -> Any:
    """Declare a config field with its default, unit, allowed values and source.

    Args:
        default: Default value (immutable, or a list copied per instance).
        unit: Unit of the value, e.g. "GBP per hour" or "share (0-1)".
        source: Publication the default comes from, or "assumption: <reason>".
        low: Smallest allowed value (inclusive); for a list, of every element.
        high: Largest allowed value (inclusive); for a list, of every element.
        above: Exclusive lower bound, for values that must be strictly positive.
        choices: The allowed values, for a field that takes one of a few words or codes.

    Returns:
        A dataclass field carrying its declaration in ``metadata``.
    """
    meta = {
        "unit": unit,
        "source": source,
        "low": low,
        "high": high,
        "above": above,
        "choices": choices,
    }
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


def _number(x: float) -> str:
    """A bound in words: whole numbers exactly (``1,000,000``), others ``:g`` (``0.5``)."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _choice(c: Any) -> str:
    return str(c).lower() if isinstance(c, bool) else str(c)


def _range_text(m: Any, of: str) -> str:
    low, high, above = m.get("low"), m.get("high"), m.get("above")
    if above is not None:
        upper = f" and at most {_number(high)}" if high is not None else ""
        return f"above {_number(above)}{upper}"
    if low is not None and high is not None:
        return f"from {_number(low)} to {_number(high)}"
    if low is not None:
        return f"{of}at least {_number(low)}"
    if high is not None:
        return f"{of}at most {_number(high)}"
    return ""


def allowed_text(f: Field) -> str:
    """What a field allows, in words: ``'a number from 0 to 1'``, ``'one of a | b'``..."""
    m = f.metadata
    if m.get("choices") is not None:
        return "one of " + " | ".join(_choice(c) for c in m["choices"])
    if not declares_range(f):
        return "free text (see unit)"
    kind = getattr(f.type, "__name__", str(f.type))
    noun = "integer" if kind.startswith("int") or kind == "list[int]" else "number"
    if kind.startswith("list"):
        return f"a list of {noun}s, each {_range_text(m, '')}"
    text = f"{'an' if noun == 'integer' else 'a'} {noun} {_range_text(m, 'of ')}"
    return "null or " + text if "None" in kind else text


def declares_range(f: Field) -> bool:
    """Whether a field declares an allowed range or choices."""
    m = f.metadata
    return any(m.get(k) is not None for k in ("low", "high", "above", "choices"))


def within(f: Field, value: Any) -> bool:
    """Whether ``value`` (or every element of a list) is allowed by ``f``'s declaration."""
    values = value if isinstance(value, (list, tuple)) else [value]
    m = f.metadata
    for v in values:
        if m.get("choices") is not None:
            if v not in m["choices"]:
                return False
            continue
        if v is None or isinstance(v, (str, bool)):
            continue
        if isinstance(v, float) and not math.isfinite(v):
            return False
        if m.get("low") is not None and v < m["low"]:
            return False
        if m.get("high") is not None and v > m["high"]:
            return False
        if m.get("above") is not None and v <= m["above"]:
            return False
    return True
