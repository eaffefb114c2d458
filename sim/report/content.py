"""The numbers of a per-ICS workforce-plan report, each computed from finished runs.

Every table here is read from a source of runs (``sim.analysis.source.Source``) through
the DuckDB catalogue, or from the packaged geography (``sim.report.areas``); sentences
built on them say only what the numbers show.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis import catalogue
from sim.analysis.source import Source, sql_literal

STATUS_TEXT = {
    "asc": "adult social care",
    "nhs": "the NHS",
    "outside": "work outside care",
    "non_employed": "not in work",
    "abroad": "abroad",
    "retired": "retirement",
    "education": "education",
}
"""Readable names of the statuses workers move between (``flows_monthly``)."""


def band(values: pd.Series) -> tuple[float, float, float]:
    """Median and the 5th and 95th percentiles of values over runs."""
    q = np.nanpercentile(values.to_numpy(float), [50, 5, 95])
    return float(q[0]), float(q[1]), float(q[2])


def posts_by_year(source: Source, ics: str, scenario: str) -> pd.DataFrame:
    """Posts, filled posts, vacancies and the vacancy rate of the ICS's care by year.

    Returns:
        One row per financial year: the median and 90% range over the scenario's runs of
        ``posts``, ``filled_posts``, ``vacancies`` (posts less filled) and
        ``vacancy_rate``, as ``<metric>``, ``<metric>_lo``, ``<metric>_hi``.
    """
    h = source.headline
    h = h[(h["level"] == "ics") & (h["area"] == ics) & (h["scenario"] == scenario)]
    wide = h.pivot_table(index=["fy", "member", "seed"], columns="metric", values="value")
    wide["vacancies"] = wide["posts"] - wide["filled_posts"]
    rows = []
    for fy, g in wide.groupby(level="fy"):
        row = {"fy": fy}
        for metric in ("posts", "filled_posts", "vacancies", "vacancy_rate"):
            row[metric], row[f"{metric}_lo"], row[f"{metric}_hi"] = band(g[metric])
        rows.append(row)
    return pd.DataFrame(rows)


def effects_for(source: Source, ics: str, metrics: tuple[str, ...]) -> pd.DataFrame:
    """Paired effects on the ICS of every scenario against the baseline."""
    e = source.effects(level="ics", area=ics)
    return e[e["metric"].isin(metrics) & (e["scenario"] != source.baseline)]


def moves(source: Source, ics: str, scenario: str, fy: str) -> pd.DataFrame:
    """Moves into and out of the ICS's care work in a year, mean over the scenario's runs.

    Returns:
        ``direction`` (``into care`` or ``out of care``), ``other`` (the status on the
        other side), ``people`` (a year, England-scaled) and ``share`` of the direction.
    """
    flows = source.flows(scenario, fy, "ics", ics)
    flows = flows[flows["from_status"] != flows["to_status"]]
    into = flows[flows["to_status"] == "asc"].assign(
        direction="into care", other=lambda d: d["from_status"]
    )
    out = flows[flows["from_status"] == "asc"].assign(
        direction="out of care", other=lambda d: d["to_status"]
    )
    df = pd.concat([into, out], ignore_index=True).rename(columns={"count": "people"})
    df["share"] = df["people"] / df.groupby("direction")["people"].transform("sum")
    df = df.sort_values(["direction", "people"], ascending=[False, False])
    return df[["direction", "other", "people", "share"]].reset_index(drop=True)


def sector_by_year(source: Source, ics: str, scenario: str, columns: list[str]) -> pd.DataFrame:
    """Monthly columns of care and the NHS in the ICS, averaged over each year and runs.

    Returns:
        ``fy``, ``sector`` and each column: the median over runs of the year's mean.
    """
    runs = source.runs.loc[source.runs["scenario"] == scenario, "run"]
    sql = (
        f"SELECT run, fy, sector, {', '.join(f'avg({c}) AS {c}' for c in columns)} "
        f"FROM ics_monthly WHERE ics = {sql_literal(ics)} AND sector IN ('asc', 'nhs') "
        f"AND run IN ({', '.join(map(sql_literal, runs))}) GROUP BY ALL"
    )
    df = catalogue.query(source.folder, sql)
    return df.groupby(["fy", "sector"], as_index=False)[columns].median()


def reward_gap(source: Source, scenario: str) -> pd.DataFrame:
    """England's care-worker pay and total reward against NHS Band 3 entry, by year.

    Returns:
        ``reward_gap_annual`` columns, median over the scenario's runs.
    """
    runs = source.runs.loc[source.runs["scenario"] == scenario, "run"]
    sql = (
        "SELECT * EXCLUDE (name, seed, replicate, member, root_seed, config_hash, policy, "
        f"git_commit) FROM reward_gap_annual WHERE run IN ({', '.join(map(sql_literal, runs))})"
    )
    df = catalogue.query(source.folder, sql)
    numeric = [c for c in df.columns if c.endswith(("_per_hour", "_to_band3"))]
    return df.groupby("fy", as_index=False)[numeric].median()


def lever_costs(source: Source) -> pd.DataFrame:
    """England's cost of each scenario's levers by year: mean over its runs.

    Returns:
        ``scenario``, ``fy``, ``lever``, ``payer``, ``gbp`` (a year, costs booked by the levers).
    """
    sql = "SELECT run, fy, lever, payer, sum(gbp) AS gbp FROM costs_annual GROUP BY ALL"
    try:
        df = catalogue.query(source.folder, sql)
    except Exception:  # noqa: BLE001 - no run had a lever: the view may hold no rows
        return pd.DataFrame(columns=["scenario", "fy", "lever", "payer", "gbp"])
    df = df.merge(source.runs[["run", "scenario"]], on="run")
    runs = source.runs.groupby("scenario")["run"].nunique()
    total = df.groupby(["scenario", "fy", "lever", "payer"], as_index=False)["gbp"].sum()
    total["gbp"] = total["gbp"] / total["scenario"].map(runs)
    return total


def seed_spread(source: Source, ics: str, fy: str) -> tuple[float, float, int]:
    """Spread of the ICS's baseline vacancy rate in a year over runs, against England's.

    Returns:
        Standard deviations (shares) of the ICS's and England's vacancy rate over the
        baseline runs, and the number of runs.
    """
    h = source.headline
    base = h[(h["scenario"] == source.baseline) & (h["fy"] == fy) & (h["metric"] == "vacancy_rate")]
    area = base[(base["level"] == "ics") & (base["area"] == ics)]["value"]
    england = base[base["level"] == "england"]["value"]
    return float(area.std(ddof=1)), float(england.std(ddof=1)), len(area)
