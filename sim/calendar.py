"""Calendar of the run: month indices, calendar months and financial years.

Month 0 is April 2024; a financial year runs April to March.
"""

from __future__ import annotations

START_YEAR = 2024
START_MONTH = 4


def calendar_month(month: int) -> tuple[int, int]:
    """Return (calendar year, month 1-12) of a run month index."""
    total = START_YEAR * 12 + (START_MONTH - 1) + month
    return total // 12, total % 12 + 1


def financial_year(month: int) -> str:
    """Financial-year label such as '2024/25' of a run month index."""
    year, m = calendar_month(month)
    first = year if m >= 4 else year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def fy_index(month: int) -> int:
    """Financial years since 2024/25 (0 for April 2024 - March 2025)."""
    return month // 12


def year_value(values, month: int):
    """The value for the financial year of ``month`` from a list by year from 2024/25.

    Months before April 2024 (the warm-up) take 2024/25's value, months past the list's
    end its last value.
    """
    return values[min(max(fy_index(month), 0), len(values) - 1)]


def month_index(date: str) -> int:
    """Run month index of a 'YYYY-MM' date (0 = April 2024; negative before the start).

    Raises:
        ValueError: if the text is not a 'YYYY-MM' date.
    """
    parts = date.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        raise ValueError(f"{date!r} is not a YYYY-MM date")
    return (int(parts[0]) - START_YEAR) * 12 + int(parts[1]) - START_MONTH
