"""Roll-out evaluation over replicates: each run's DiD (``sim.analysis.did``) summarised.

Every scenario run whose levers are limited to areas is paired with the baseline run of the
same seed (and ensemble member), estimated on its own, and the estimates are then summarised
over replicates: the mean and a Student-t interval of the estimates, the mean of the
paired truths, and how often a run's own confidence interval covered its truth (the check
an evaluator cannot make on real data).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.analysis.catalogue import runs_table
from sim.analysis.did import cohorts_from_config, estimate_run, group_paths, ics_panel, unit_of
from sim.analysis.paired import BASELINE, scenario_labels, t_interval
from sim.output.reading import provenance_of, read_table

COHORT_COLUMNS = ["scenario", "cohort", "n", "n_treated", "n_control", "unit"]
COHORT_COLUMNS += ["att_mean", "att_lo", "att_hi", "se_mean", "true_mean", "true_lo", "true_hi"]
COHORT_COLUMNS += ["coverage", "pretrend_p_median", "pretrend_reject_share", "outcome"]


@dataclass
class Rollout:
    """A roll-out's evaluation, summarised over replicates.

    Attributes:
        cohorts: Per scenario and cohort (labelled by its start date; ``overall`` last):
            ``COHORT_COLUMNS``.
        events: Per scenario and quarter since the start (``rel``): ``n``, ``estimate_mean``,
            ``estimate_lo``, ``estimate_hi``, ``true_mean``, ``unit``.
        paths: Per scenario, cohort, group (treated, counterfactual, control) and month:
            ``mean``, ``lo``, ``hi`` (5th and 95th percentiles over replicates).
        outcome: The ICS outcome evaluated.
    """

    cohorts: pd.DataFrame
    events: pd.DataFrame
    paths: pd.DataFrame
    outcome: str

    def __len__(self) -> int:
        return len(self.cohorts)


def _summarise_cohorts(table: pd.DataFrame, confidence: float, unit: str) -> pd.DataFrame:
    rows = []
    table = table.sort_values(["scenario", "start"], na_position="last", kind="stable")
    for (scenario, cohort), g in table.groupby(["scenario", "cohort"], sort=False):
        p = g["pretrend_p"].dropna() if "pretrend_p" in g else pd.Series(dtype=float)
        rows.append(
            (
                scenario,
                cohort,
                len(g),
                int(g["n_treated"].iloc[0]),
                int(g["n_control"].iloc[0]),
                unit,
                g["att"].mean(),
                *t_interval(g["att"].to_numpy(), confidence),
                g["se"].mean(),
                g["true"].mean(),
                *t_interval(g["true"].to_numpy(), confidence),
                g["covered"].mean(),
                p.median() if len(p) else float("nan"),
                (p < 0.05).mean() if len(p) else float("nan"),
            )
        )
    return pd.DataFrame(rows, columns=COHORT_COLUMNS[:-1])


def _summarise_events(events: pd.DataFrame, confidence: float, unit: str) -> pd.DataFrame:
    rows = []
    for (scenario, rel), g in events.groupby(["scenario", "rel"], sort=True):
        lo, hi = t_interval(g["estimate"].to_numpy(), confidence)
        rows.append((scenario, rel, len(g), g["estimate"].mean(), lo, hi, g["true"].mean(), unit))
    columns = ["scenario", "rel", "n", "estimate_mean", "estimate_lo", "estimate_hi"]
    return pd.DataFrame(rows, columns=[*columns, "true_mean", "unit"])


def _summarise_paths(paths: pd.DataFrame) -> pd.DataFrame:
    keys = ["scenario", "cohort", "start", "group", "month"]
    g = paths.groupby(keys, sort=True)["value"]
    out = g.mean().rename("mean").to_frame()
    out["lo"] = g.quantile(0.05)
    out["hi"] = g.quantile(0.95)
    return out.reset_index()


def rollout_effects(
    sweep: Path | str,
    baseline: str = BASELINE,
    outcome: str = "vacancy_rate",
    confidence: float = 0.95,
    by_name: bool = False,
) -> Rollout:
    """Difference-in-differences of every area-limited scenario of a sweep, with the truth.

    Args:
        sweep: A sweep or experiment ``runs`` folder.
        baseline: Label of the baseline scenario.
        outcome: ICS column evaluated (rates in percentage points).
        confidence: Coverage of the intervals.
        by_name: Label scenarios by run ``name`` instead of their swept parameters.

    Returns:
        The evaluation; empty tables when no scenario is limited to areas.
    """
    runs = runs_table(sweep)
    runs["scenario"] = runs["name"] if by_name else scenario_labels(runs)
    configs = {r.run: provenance_of(r.folder)["config"] for r in runs.itertuples()}
    cells = read_table(runs["folder"].iloc[0], "cells_monthly")
    ics_region = cells.drop_duplicates("ics").set_index("ics")["region"]
    base = {(r.member, r.seed): r.folder for r in runs.itertuples() if r.scenario == baseline}
    tables, events, paths = [], [], []
    for r in runs.itertuples():
        cohorts = cohorts_from_config(configs[r.run], ics_region)
        if r.scenario == baseline or not cohorts or (r.member, r.seed) not in base:
            continue
        scenario = ics_panel(r.folder, outcome)
        counterfactual = ics_panel(base[r.member, r.seed], outcome)
        table, event = estimate_run(scenario, counterfactual, cohorts, outcome, confidence)
        tables.append(table.assign(scenario=r.scenario))
        events.append(event.assign(scenario=r.scenario))
        paths.append(group_paths(scenario, counterfactual, cohorts).assign(scenario=r.scenario))
    unit = unit_of(outcome)[1]
    if not tables:
        empty = pd.DataFrame(columns=COHORT_COLUMNS)
        return Rollout(empty, pd.DataFrame(), pd.DataFrame(), outcome)
    return Rollout(
        _summarise_cohorts(pd.concat(tables), confidence, unit).assign(outcome=outcome),
        _summarise_events(pd.concat(events), confidence, unit),
        _summarise_paths(pd.concat(paths)),
        outcome,
    )
