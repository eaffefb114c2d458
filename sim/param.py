"""Declaring a parameter: its default, unit and source travel together."""

from __future__ import annotations

from dataclasses import field
from typing import Any


def param(default: Any, unit: str, source: str) -> Any:
    """Declare a config field with its default, unit and source.

    Args:
        default: Default value (immutable, or a list copied per instance).
        unit: Unit of the value, e.g. "GBP per hour" or "share (0-1)".
        source: Publication the default comes from, or "assumption: <reason>".

    Returns:
        A dataclass field carrying ``unit`` and ``source`` in its metadata.
    """
    meta = {"unit": unit, "source": source}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)
