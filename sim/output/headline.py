"""The headline outputs of one run, per financial year, for England, each region and each ICS.

One long table (``level``, ``area``, ``fy``, ``metric``, ``value``) that paired comparisons,
fan charts and experiment summaries all read. Adult social care figures follow Skills for
Care's definitions (``sim.output.tables.annual``): vacancy rate = mean vacancies / mean posts,
turnover = leavers in the year / mean filled posts. A financial year the run did not finish
is reported over the months it covers (the ``months`` column of ``national_annual``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.output.payers import PAYERS
from sim.output.reading import read_table
from sim.output.tables import annual

# metric -> (unit, levels it is reported for)
METRICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "vacancy_rate": ("share of ASC posts", ("england", "region", "ics")),
    "turnover_rate": ("ASC leavers per mean filled post per year", ("england", "region", "ics")),
    "filled_posts": ("ASC filled posts (mean over the year)", ("england", "region", "ics")),
    "posts": ("ASC posts (mean over the year)", ("england", "region", "ics")),
    "asc_to_nhs": (
        "people moving from ASC to the NHS per year (by the area they leave)",
        ("england", "region", "ics"),
    ),
    "nhs_to_asc": (
        "people moving from the NHS to ASC per year (by the area they leave)",
        ("england", "region", "ics"),
    ),
    "unmet_care_hours": ("care hours undelivered by vacant posts per year", ("england", "ics")),
    "delayed_bed_days": ("bed-days of delayed discharge per year", ("england", "ics")),
    "delayed_bed_days_cost_low": (
        "GBP per year of delayed-discharge bed-days at the low cost per bed-day",
        ("england", "ics"),
    ),
    "delayed_bed_days_cost_high": (
        "GBP per year of delayed-discharge bed-days at the high cost per bed-day",
        ("england", "ics"),
    ),
    "cost_gbp": ("GBP per year of every lever's booked costs", ("england",)),
    "cost_gbp_real": ("GBP per year of the levers' net costs, in 2024/25 prices", ("england",)),
    "cost_gbp_present_value": (
        "GBP of the levers' net costs in the year, 2024/25 prices discounted to 2024/25",
        ("england",),
    ),
    "asc_employer_cost_gbp": (
        "GBP per year care employers pay for their staff (pay, reward parts, employer NI)",
        ("england",),
    ),
    "asc_employer_cost_gbp_real": (
        "GBP per year care employers pay for their staff, in 2024/25 prices",
        ("england",),
    ),
    "asc_employer_cost_gbp_present_value": (
        "GBP care employers pay for their staff in the year, 2024/25 prices discounted to 2024/25",
        ("england",),
    ),
    "provider_closures": ("independent care providers closing per year", ("england",)),
    "provider_entries": ("new independent care providers per year", ("england",)),
    "staff_laid_off": (
        "care staff losing their job when their employer closes, per year",
        ("england",),
    ),
}
ALL_PAYERS = "all payers"
PAYER_COLUMNS = {
    f"cost_to_{payer.replace(' ', '_').replace('-', '_').lower()}_{kind}": (payer, column)
    for payer in (*PAYERS, ALL_PAYERS)
    for kind, column in (("gbp_real", "gbp_real"), ("gbp_present_value", "gbp_present_value"))
}
"""Payer metric -> (payer or all of them, its column of ``payer_costs_annual``)."""
METRICS |= {
    metric: (
        f"GBP {payer} spend in the year on care and the NHS workforce "
        + ("in 2024/25 prices" if column == "gbp_real" else "(2024/25 prices, discounted)"),
        ("england",),
    )
    for metric, (payer, column) in PAYER_COLUMNS.items()
}
COST_COLUMNS = {"cost_gbp": "gbp", "cost_gbp_real": "gbp_real",
                "cost_gbp_present_value": "gbp_present_value"}  # fmt: skip
"""Cost metric -> its column of ``costs_annual`` (``sim.output.prices``)."""
EMPLOYER_COST_COLUMNS = {
    "asc_employer_cost_gbp": "gbp",
    "asc_employer_cost_gbp_real": "gbp_real",
    "asc_employer_cost_gbp_present_value": "gbp_present_value",
}
"""Employer-cost metric -> its column of ``employer_costs_annual`` (ASC employers summed)."""
MARKET_COLUMNS = {"provider_closures": "closures", "provider_entries": "entries",
                  "staff_laid_off": "staff_laid_off"}  # fmt: skip
"""Market metric -> its column of ``provider_market_annual``."""
TABLES = (
    "cells_monthly",
    "flows_monthly",
    "nhs_pressure_monthly",
    "costs_annual",
    "employer_costs_annual",
    "provider_market_annual",
    "provider_income_annual",
    "payer_costs_annual",
)
MARKET_TABLES = ("provider_market_annual", "provider_income_annual", "payer_costs_annual")
"""Tables a run folder written before the provider market lacks (no market metrics then)."""
LEVEL_COLUMN = {"region": "region", "ics": "ics"}


def read_tables(folder: Path | str) -> dict[str, pd.DataFrame]:
    """The tables of a run folder that the headline outputs need."""
    return {
        name: read_table(folder, name)
        for name in TABLES
        if name not in MARKET_TABLES or (Path(folder) / f"{name}.parquet").exists()
    }


def _asc_annual(cells: pd.DataFrame, level: str) -> pd.DataFrame:
    by = ["sector"] if level == "england" else [LEVEL_COLUMN[level], "sector"]
    df = annual(cells, by)
    df = df[df["sector"] == "asc"].rename(columns={"filled": "filled_posts"})
    df["area"] = "England" if level == "england" else df[LEVEL_COLUMN[level]]
    metrics = ["vacancy_rate", "turnover_rate", "filled_posts", "posts", "unmet_care_hours"]
    long = df.melt(id_vars=["fy", "area"], value_vars=metrics, var_name="metric")
    long = long[long["metric"].map(lambda m: level in METRICS[m][1])]
    return long.assign(level=level)


def _flows(flows: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """Care-NHS moves per year by the area left, every area and year present (zeros kept)."""
    rows = []
    years = cells["fy"].unique()
    for level in ("england", "region", "ics"):
        if level == "england":
            areas, origin = ["England"], pd.Series("England", index=flows.index)
        else:
            areas = sorted(cells[LEVEL_COLUMN[level]].unique())
            origin = flows[f"from_{LEVEL_COLUMN[level]}"]
        grid = pd.MultiIndex.from_product([years, areas], names=["fy", "area"])
        for metric, src, dst in (("asc_to_nhs", "asc", "nhs"), ("nhs_to_asc", "nhs", "asc")):
            sel = (flows["from_status"] == src) & (flows["to_status"] == dst)
            per = (
                flows[sel]
                .assign(area=origin[sel])
                .groupby(["fy", "area"])["count"]
                .sum()
                .reindex(grid, fill_value=0.0)
            )
            rows.append(per.rename("value").reset_index().assign(metric=metric, level=level))
    return pd.concat(rows, ignore_index=True)


BED_DAY_COLUMNS = {
    "delayed_bed_days": "bed_days",
    "delayed_bed_days_cost_low": "bed_days_cost_low_gbp",
    "delayed_bed_days_cost_high": "bed_days_cost_high_gbp",
}
"""Bed-day metric -> its column of ``nhs_pressure_monthly``."""


def _bed_days(pressure: pd.DataFrame) -> pd.DataFrame:
    """Bed-days and their cost by ICS and, summed over ICSs, England, per financial year."""
    parts = []
    for metric, column in BED_DAY_COLUMNS.items():
        df = pressure.groupby(["fy", "ics"], as_index=False)[column].sum()
        df = df.rename(columns={"ics": "area", column: "value"}).assign(level="ics")
        england = df.groupby("fy", as_index=False)["value"].sum().assign(area="England")
        both = pd.concat([df, england.assign(level="england")], ignore_index=True)
        parts.append(both.assign(metric=metric))
    return pd.concat(parts, ignore_index=True)


def _yearly(table: pd.DataFrame, years: pd.Index, columns: dict[str, str]) -> pd.DataFrame:
    """England metrics that are sums of a cost table's columns per financial year.

    Args:
        table: Rows with ``fy`` and the columns named in ``columns``.
        years: The run's financial years (a year with no rows is 0).
        columns: Metric -> its column (a column a run folder lacks, written before it was
            added, gives no metric).
    """
    parts = []
    for metric, column in columns.items():
        if column not in table:
            continue
        per_fy = table.groupby("fy")[column].sum().reindex(years, fill_value=0.0)
        parts.append(pd.DataFrame({"fy": per_fy.index, "metric": metric, "value": per_fy.values}))
    return pd.concat(parts, ignore_index=True).assign(level="england", area="England")


def _market(tables: dict[str, pd.DataFrame], years: pd.Index) -> list[pd.DataFrame]:
    """Closures, entries, staff laid off and each payer's spend (where the run wrote them)."""
    parts = []  # a run folder written before the market has neither table
    if "provider_market_annual" in tables:
        parts.append(_yearly(tables["provider_market_annual"], years, MARKET_COLUMNS))
    payers = tables.get("payer_costs_annual")
    for metric, (payer, column) in PAYER_COLUMNS.items() if payers is not None else ():
        rows = payers if payer == ALL_PAYERS else payers[payers["payer"] == payer]
        parts.append(_yearly(rows, years, {metric: column}))
    return parts


def headline(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every headline metric of one run, per financial year and area.

    Args:
        tables: A run's tables (``CareWorkforceModel.tables()`` or ``read_tables``).

    Returns:
        Columns ``level`` (england, region, ics), ``area``, ``fy``, ``metric``, ``value``;
        units are in ``METRICS``.
    """
    cells, employer = tables["cells_monthly"], tables["employer_costs_annual"]
    years = pd.Index(cells["fy"].unique(), name="fy")
    parts = [_asc_annual(cells, level) for level in ("england", "region", "ics")]
    parts += [
        _flows(tables["flows_monthly"], cells),
        _bed_days(tables["nhs_pressure_monthly"]),
        _yearly(tables["costs_annual"], years, COST_COLUMNS),
        _yearly(employer[employer["sector"] == "asc"], years, EMPLOYER_COST_COLUMNS),
        *_market(tables, years),
    ]
    out = pd.concat(parts, ignore_index=True)[["level", "area", "fy", "metric", "value"]]
    out["value"] = out["value"].astype(float)
    return out.sort_values(["level", "area", "metric", "fy"], ignore_index=True)
