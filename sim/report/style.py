"""How a report reads: number formats, HTML tables, the page's style and its caveats."""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
import pandas as pd

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #222;
       max-width: 62em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 18pt; margin-bottom: 0.2em; }
h2 { font-size: 13pt; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
p.meta { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 9pt; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f3f3f3; }
img { max-width: 100%; display: block; margin: 0.6em 0; }
ul.caveats li { margin-bottom: 0.3em; }
@page { size: A4; margin: 16mm; }
"""

METRICS_TEXT = {
    "vacancy_rate": "vacancy rate",
    "filled_posts": "filled posts",
    "posts": "posts",
    "turnover_rate": "turnover rate",
}


def pct(value: float, decimals: int = 1) -> str:
    """A share as a percentage (``0.083`` -> ``8.3%``)."""
    return "n/a" if pd.isna(value) else f"{100 * value:.{decimals}f}%"


def people(value: float, sign: bool = False) -> str:
    """A count rounded to the nearest hundred (runs are scaled up from agents)."""
    if pd.isna(value):
        return "n/a"
    rounded = round(float(value), -2)
    return f"{rounded:+,.0f}" if sign else f"{rounded:,.0f}"


def money(value: float) -> str:
    """GBP an hour (``12.4`` -> ``GBP 12.40``)."""
    return "n/a" if pd.isna(value) else f"GBP {value:,.2f}"


def gbp(value: float) -> str:
    """GBP a year in millions (``2.5e8`` -> ``GBP 250.0m``)."""
    return "n/a" if pd.isna(value) else f"GBP {value / 1e6:,.1f}m"


def effect_text(value: float, metric: str) -> str:
    """A paired difference: percentage points for rates, signed posts otherwise."""
    if pd.isna(value):
        return "n/a"
    if metric.endswith("_rate"):
        return f"{100 * value:+.2f} pp"
    return people(value, sign=True)


def _cell(row: pd.Series, column: str, fmt: Callable, banded: bool) -> str:
    text = fmt(row[column])
    if banded and f"{column}_lo" in row:
        text += f" ({fmt(row[f'{column}_lo'])} to {fmt(row[f'{column}_hi'])})"
    return html.escape(text)


def table(
    df: pd.DataFrame, columns: dict[str, str], formats: dict[str, Callable], banded: bool = False
) -> str:
    """An HTML table of chosen columns, headed by readable names.

    Args:
        df: The rows.
        columns: Column -> heading, in the order shown.
        formats: Column -> formatter (default: counts to the hundred, text as it is).
        banded: Follow each value that has ``<column>_lo`` and ``_hi`` with its range.
    """

    def default(value) -> str:
        if isinstance(value, int | float | np.floating | np.integer):
            return people(value) if abs(value) >= 100 else f"{value:g}"
        return str(value)

    head = "".join(f"<th>{html.escape(h)}</th>" for h in columns.values())
    rows = [
        "<tr>"
        + "".join(f"<td>{_cell(row, c, formats.get(c, default), banded)}</td>" for c in columns)
        + "</tr>"
        for _, row in df.iterrows()
    ]
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def caveats(scale: float, runs: int) -> str:
    """What the model cannot say for one ICS, given the runs' scale and number."""
    items = [
        f"Each agent stands for {1 / scale:,.0f} people (scale {scale}); an ICS holds a few "
        "hundred to a few thousand agents, so its figures carry sampling noise that "
        "England's do not. docs/publishing.md gives the run-to-run spread of an ICS's "
        "vacancy rate by scale: at least scale 0.1 and 10 replicates before reporting an "
        "ICS's effect, and its own interval checked first.",
        f"{runs} runs a scenario: the ranges show the spread of these runs, not the full "
        "uncertainty (the calibration fits England's series, not each ICS's; docs/ODD.md "
        "section 11).",
        "Moves are counted in the area the worker left; where a mover takes a job is "
        "not recorded by area.",
        "NHS trusts are modelled sites placed at an ICS's largest towns, sized by its "
        "population: they are not the named trusts, and the NHS side stands for "
        "secondary care only.",
        "Care posts follow population need through one national elasticity: local "
        "commissioning, fee rates and providers' finances are not modelled.",
        "Lever costs are national totals, not split between ICSs.",
    ]
    return "<ul class='caveats'>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
