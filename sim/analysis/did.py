"""Difference-in-differences for regional roll-outs, against areas never treated.

A roll-out is a set of cohorts: ICSs that start at the same month. For cohort ``g`` starting
at month ``s``, with the outcome averaged over its ICSs (treated) and over the ICSs no lever
reaches (control),

    ATT_g = [mean_{t >= s} T(t) - mean_{s-pre <= t < s} T(t)]
            - [mean_{t >= s} C(t) - mean_{s-pre <= t < s} C(t)],

and the overall estimate weights cohorts by their number of ICSs. Comparing each cohort only
with never-treated areas avoids the bias of using already-treated areas as controls in a
staggered design (Goodman-Bacon 2021; Callaway and Sant'Anna 2021). Because a baseline run
with the same seed is the exact counterfactual, ``true_att`` gives the effect the estimate
should recover: the paired difference in the treated ICSs over the same post months.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.calendar import month_index

PRE_MONTHS = 12


def cohorts_from_config(config: dict, ics_region: pd.Series) -> dict[int, list[str]]:
    """Cohorts of a run: each enabled lever limited to areas, by its (or each area's) start.

    Args:
        config: A run's resolved config (``provenance.json`` "config").
        ics_region: Region of each ICS (index: ICS name), to expand region names.

    Returns:
        Start month (run-month index) -> sorted ICS names treated from then.
    """
    cohorts: dict[int, set[str]] = {}
    for lever in config["policies"].values():
        if not (lever.get("enabled") and lever.get("areas")):
            continue
        starts = lever.get("area_starts") or [lever["start"]] * len(lever["areas"])
        for area, start in zip(lever["areas"], starts, strict=True):
            ics = {i for i, r in ics_region.items() if area in (i, r)}
            cohorts.setdefault(month_index(start), set()).update(ics)
    return {s: sorted(v) for s, v in sorted(cohorts.items())}


def ics_panel(folder: Path | str, outcome: str = "vacancy_rate") -> pd.DataFrame:
    """Monthly ASC outcome by ICS of a run (columns: ICS names; index: month)."""
    df = pd.read_parquet(Path(folder) / "ics_monthly.parquet")
    df = df[df["sector"] == "asc"]
    return df.pivot_table(index="month", columns="ics", values=outcome)


def staggered_did(panel: pd.DataFrame, cohorts: dict[int, list[str]]) -> pd.DataFrame:
    """Cohort and overall difference-in-differences estimates of a roll-out.

    Args:
        panel: Outcome by month (index) and ICS (columns).
        cohorts: Start month -> treated ICSs (``cohorts_from_config``).

    Returns:
        One row per cohort (``cohort`` = start month) and an ``overall`` row: ``att``,
        ``n_treated``, ``n_control``, ``pre_months``, ``post_months``.

    Raises:
        ValueError: if there is no untreated ICS, or a cohort has no month before or after
            its start within the run.
    """
    treated = {i for areas in cohorts.values() for i in areas}
    control = [c for c in panel.columns if c not in treated]
    if not control or not cohorts:
        raise ValueError("a roll-out needs treated ICSs and at least one ICS never treated")
    rows = []
    for start, areas in cohorts.items():
        pre = panel.index[(panel.index < start) & (panel.index >= start - PRE_MONTHS)]
        post = panel.index[panel.index >= start]
        if len(pre) == 0 or len(post) == 0:
            raise ValueError(f"cohort start month {start} leaves no pre or post months in the run")
        t = panel[areas].mean(axis=1)
        c = panel[control].mean(axis=1)
        att = (t[post].mean() - t[pre].mean()) - (c[post].mean() - c[pre].mean())
        rows.append((str(start), att, len(areas), len(control), len(pre), len(post)))
    df = pd.DataFrame(
        rows, columns=["cohort", "att", "n_treated", "n_control", "pre_months", "post_months"]
    )
    overall = (df["att"] * df["n_treated"]).sum() / df["n_treated"].sum()
    df.loc[len(df)] = ("overall", overall, df["n_treated"].sum(), len(control), 0, 0)
    return df


def true_att(
    scenario: pd.DataFrame, baseline: pd.DataFrame, cohorts: dict[int, list[str]]
) -> float:
    """Paired effect on the treated ICSs after their start, weighted like ``staggered_did``."""
    total, weight = 0.0, 0
    for start, areas in cohorts.items():
        post = scenario.index[scenario.index >= start]
        diff = scenario.loc[post, areas].mean(axis=1) - baseline.loc[post, areas].mean(axis=1)
        total += diff.mean() * len(areas)
        weight += len(areas)
    return total / weight
