"""Cost per outcome of each scenario, with intervals over the paired runs.

For every scenario, financial year and pair of a cost and an outcome, the ratio of the mean
paired cost to the mean paired outcome (the cost of one more post filled, one bed-day of
delayed discharge avoided, one care hour delivered), with a percentile interval from
resampling the pairs (members x replicates). Where the outcome's own interval reaches zero
the ratio is not quoted: a cost per outcome the runs cannot tell from an infinite one is not
a figure to publish. The ``all years`` rows set the present value of the cost over the
horizon against the outcome summed over it (post-years, bed-days, hours), as the Green Book
appraises.

Four costs, never added (they overlap): ``cost_gbp_real``, what the levers book (pay
uplifts split between government and employers, fees, training, registration, technology
investment; no asserted returns netted); ``asc_employer_cost_gbp_real``, what care
employers pay for their staff (``sim.output.employer_costs``), which also moves with levers
that book nothing (the NLW path, international recruitment); and from the payer ledger
(``sim.output.payers``) the cost to central government, and the cost to all payers
(government, councils, the NHS, self-funders, providers, workers: every pound once).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.paired import t_interval, with_pair_keys

COSTS = {
    "cost_gbp_real": ("levers' net cost", "cost_gbp_present_value"),
    "asc_employer_cost_gbp_real": ("care employers' cost", "asc_employer_cost_gbp_present_value"),
    "cost_to_central_government_gbp_real": (
        "cost to central government",
        "cost_to_central_government_gbp_present_value",
    ),
    "cost_to_all_payers_gbp_real": ("cost to all payers", "cost_to_all_payers_gbp_present_value"),
}
"""Cost metric (real, per year) -> (label, its present-value metric)."""
OUTCOMES = {
    "filled_posts": ("post filled", "post-year filled", 1.0),
    "delayed_bed_days": ("bed-day avoided", "bed-day avoided", -1.0),
    "unmet_care_hours": ("care hour delivered", "care hour delivered", -1.0),
}
"""Outcome metric -> (one unit in a year, one unit over the horizon, sign making a gain
positive). Filled posts are a yearly mean, so over the horizon they sum to post-years."""
ALL_YEARS = "all years"
DRAWS = 2000


def _pairs(metrics: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """Paired differences of England metrics: scenario, fy, seed, member, launch, metric."""
    eng = with_pair_keys(metrics[metrics["level"] == "england"])
    keys = ["fy", "metric", "seed", "member", "launch"]
    base = eng[eng["scenario"] == baseline][[*keys, "value"]]
    pairs = eng[eng["scenario"] != baseline].merge(base, on=keys, suffixes=("", "_baseline"))
    return pairs.assign(diff=pairs["value"] - pairs["value_baseline"])


def _horizon(wide: pd.DataFrame, cost: str, outcome: str) -> pd.DataFrame:
    """Per pair: present value of the cost over the years, outcome summed over them."""
    present = COSTS[cost][1]
    sums = wide.groupby(["scenario", "seed", "member", "launch"])[[present, outcome]].sum()
    return sums.rename(columns={present: cost}).reset_index().assign(fy=ALL_YEARS)


def _ratio_row(g: pd.DataFrame, cost: str, outcome: str, confidence: float, rng) -> dict:
    c = g[cost].to_numpy(float)
    o = g[outcome].to_numpy(float) * OUTCOMES[outcome][2]
    o_lo, o_hi = t_interval(o, confidence)
    row = {
        "n": len(g),
        "cost_mean": float(c.mean()),
        "outcome_mean": float(o.mean()),
        "outcome_lo": o_lo,
        "outcome_hi": o_hi,
        "per_outcome": float("nan"),
        "per_outcome_lo": float("nan"),
        "per_outcome_hi": float("nan"),
    }
    if not (o_lo > 0 or o_hi < 0):  # the gain is not told from zero (or too few pairs)
        return row | {"note": "outcome not distinguishable from 0: no ratio quoted"}
    idx = rng.integers(0, len(g), size=(DRAWS, len(g)))
    ratios = c[idx].mean(axis=1) / o[idx].mean(axis=1)
    tail = 50 * (1 - confidence)
    lo, hi = np.percentile(ratios, [tail, 100 - tail])
    return row | {
        "per_outcome": float(c.mean() / o.mean()),
        "per_outcome_lo": float(lo),
        "per_outcome_hi": float(hi),
        "note": "",
    }


def cost_per_outcome(
    metrics: pd.DataFrame, baseline: str, confidence: float = 0.95, seed: int = 0
) -> pd.DataFrame:
    """Cost per unit of each outcome, per scenario and year and over the horizon, England.

    Args:
        metrics: ``sweep_metrics`` output (``scenario``, ``seed``, optional ``member`` and
            ``launch``, and the ``headline`` columns).
        baseline: Label of the baseline scenario.
        confidence: Coverage of the intervals (0-1).
        seed: Seed of the resampling (the table is reproducible).

    Returns:
        One row per scenario, ``fy`` (or ``all years``), cost and outcome: ``n`` pairs, the
        mean paired cost (GBP, 2024/25 prices; present value on ``all years`` rows), the
        mean gain in the outcome with its interval, ``per_outcome`` (GBP per unit) with its
        resampled interval, ``note`` when no ratio is quoted, and the units in words.
    """
    pairs = _pairs(metrics, baseline)
    wanted = [*COSTS, *(p for _, p in COSTS.values()), *OUTCOMES]
    pairs = pairs[pairs["metric"].isin(wanted)]
    wide = pairs.pivot_table(
        index=["scenario", "fy", "seed", "member", "launch"], columns="metric", values="diff"
    ).reset_index()
    rng = np.random.default_rng(seed)
    rows = []
    for cost, (cost_label, _) in COSTS.items():
        for outcome, (unit, horizon_unit, _) in OUTCOMES.items():
            if cost not in wide or outcome not in wide:
                continue
            for frame, per in (
                (wide, f"GBP (2024/25 prices) per {unit}"),
                (_horizon(wide, cost, outcome), f"GBP (present value) per {horizon_unit}"),
            ):
                for (scenario, fy), g in frame.groupby(["scenario", "fy"], sort=True):
                    row = _ratio_row(g, cost, outcome, confidence, rng)
                    rows.append(
                        {"scenario": scenario, "fy": fy, "cost": cost_label}
                        | {"outcome": outcome, "unit": per}
                        | row
                    )
    return pd.DataFrame(rows)


def format_cost_per_outcome(table: pd.DataFrame) -> str:
    """The ``all years`` rows as text: cost per outcome with its interval, or why not."""
    lines = []
    for r in table[table["fy"] == ALL_YEARS].itertuples():
        if np.isnan(r.per_outcome):
            text = r.note
        else:
            text = f"GBP {r.per_outcome:,.0f} [{r.per_outcome_lo:,.0f}, {r.per_outcome_hi:,.0f}]"
        per = OUTCOMES[r.outcome][1]
        lines.append(f"{r.scenario[:40]:40s} {r.cost:21s} per {per:20s} {text}")
    return "\n".join(lines)
