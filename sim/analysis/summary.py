"""The generated ``summary.md`` of a named experiment: settings, headline numbers, figures.

Every number is computed from the experiment's runs; sentences only say whether an
interval excludes zero, never more than the numbers show.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.analysis.figures import sweep_stamp
from sim.output.headline import METRICS, PAYER_COLUMNS

SHOWN = ("vacancy_rate", "turnover_rate", "filled_posts", "asc_to_nhs", "nhs_to_asc",
         "unmet_care_hours", "delayed_bed_days", "cost_gbp", "provider_closures")  # fmt: skip
PAYER_REAL = {m: payer for m, (payer, column) in PAYER_COLUMNS.items() if column == "gbp_real"}
"""Real-terms payer metric -> payer (``all payers`` last)."""


def _fmt(value: float, metric: str) -> str:
    if metric in ("vacancy_rate", "turnover_rate"):
        return f"{100 * value:+.2f} pp"
    if "gbp" in metric:
        return f"GBP {value / 1e6:+,.0f}m"
    return f"{value:+,.0f}"


def _level(value: float, metric: str) -> str:
    if metric in ("vacancy_rate", "turnover_rate"):
        return f"{100 * value:.1f}%"
    if "gbp" in metric:
        return f"GBP {value / 1e6:,.0f}m"
    return f"{value:,.0f}"


def effects_table(effects: pd.DataFrame) -> list[str]:
    """England effects of the last financial year as markdown rows."""
    last = effects["fy"].max()
    df = effects[(effects["level"] == "england") & (effects["fy"] == last)]
    df = df[(df["scenario"] != "baseline") & df["metric"].isin(SHOWN)]
    lines = [
        f"Paired effects against the baseline in {last}, England (mean difference across "
        "replicates with its 95% interval; relative change of each pair, averaged):",
        "",
        "| scenario | metric | baseline | difference [95% CI] | relative | n | interval |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in df.itertuples():
        excludes = r.diff_lo > 0 or r.diff_hi < 0
        verdict = "excludes 0" if excludes else "includes 0"
        if np.isnan(r.diff_lo):
            verdict = "needs 2+ replicates"
        rel = "n/a" if np.isnan(r.rel_mean) else f"{100 * r.rel_mean:+.1f}%"
        lines.append(
            f"| {r.scenario} | {r.metric} | {_level(r.baseline_mean, r.metric)} | "
            f"{_fmt(r.diff_mean, r.metric)} [{_fmt(r.diff_lo, r.metric)}, "
            f"{_fmt(r.diff_hi, r.metric)}] | {rel} | {r.n} | {verdict} |"
        )
    if (df["members"] > 1).any():
        lines += [
            "",
            "Over calibration-ensemble members: the 90% band of the paired effect over every "
            "draw (members x replicates: parameter and seed uncertainty together), and how "
            "much of the spread is the parameters' (sd of member means) and the seeds' "
            "(pooled sd within a member):",
            "",
            "| scenario | metric | 90% band over draws | parameter sd | seed sd | members |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in df.itertuples():
            lines.append(
                f"| {r.scenario} | {r.metric} | {_fmt(r.band_lo, r.metric)} to "
                f"{_fmt(r.band_hi, r.metric)} | {_fmt(r.param_sd, r.metric).lstrip('+')} | "
                f"{_fmt(r.seed_sd, r.metric).lstrip('+')} | {r.members} |"
            )
    return lines


def projection_lines(spec: dict, metrics: pd.DataFrame) -> list[str]:
    """Posts needed and filled in the first and last year, and growth against the target."""
    base = metrics[(metrics["scenario"] == "baseline") & (metrics["level"] == "england")]
    years = sorted(base["fy"].unique())
    first, last = years[0], years[-1]
    lines = [
        f"Baseline projection, England, {first} to {last} (median and 90% of runs):",
        "",
        "| metric | " + " | ".join([first, last]) + " |",
        "| --- | --- | --- |",
    ]
    for metric in ("posts", "filled_posts", "vacancy_rate"):
        cells = []
        for fy in (first, last):
            v = base[(base["metric"] == metric) & (base["fy"] == fy)]["value"].to_numpy()
            q = np.percentile(v, [5, 50, 95])
            cells.append(f"{_level(q[1], metric)} ({_level(q[0], metric)}-{_level(q[2], metric)})")
        lines.append(f"| {metric} ({METRICS[metric][0]}) | " + " | ".join(cells) + " |")
    draw = [c for c in ("member", "seed") if c in base]

    def change(metric: str) -> pd.Series:
        m = base[base["metric"] == metric]
        end = m[m["fy"] == last].set_index(draw)["value"]
        return end - m[m["fy"] == first].set_index(draw)["value"]

    growth, filled = change("posts"), change("filled_posts")
    target = spec["target"]
    share = growth.median() / target["extra_posts"]
    lines += [
        "",
        f"Extra posts needed {first} to {last}: median {growth.median():,.0f} "
        f"(range {growth.min():,.0f} to {growth.max():,.0f} over {len(growth)} runs); "
        f"extra posts filled: median {filled.median():,.0f}. "
        f"{target['source']}: about {target['extra_posts']:,.0f} extra posts by "
        f"{target['by']}; the model's growth in posts is {share:.0%} of that figure (its "
        "posts follow the 65+ population through `demand.posts_elasticity_to_need`, chosen "
        "for this growth, so the match is by construction, not a validation).",
    ]
    return lines


def rollout_lines(cohorts: pd.DataFrame, outcome: str) -> list[str]:
    """Difference-in-differences estimates by cohort against the paired truth.

    Args:
        cohorts: ``sim.analysis.rollout.Rollout.cohorts``.
        outcome: The ICS outcome evaluated.
    """
    unit = cohorts["unit"].iloc[0]
    lines = [
        f"Staggered difference-in-differences of the ASC {outcome.replace('_', ' ')} "
        f"({unit or 'its own unit'}) by cohort against the ICSs never treated (Gardner's "
        "two-stage estimator, pyfixest `did2s`, errors clustered by ICS; mean over "
        "replicates with a 95% interval). The paired truth is the effect on the same "
        "treated ICS-quarters against the baseline run with the same seed; coverage is the "
        "share of replicates whose own 95% interval held its truth. Event study by quarter "
        "since the start: `rollout_event_study.csv`, `event_study.png`.",
        "",
        "| scenario | cohort (start) | DiD estimate | paired truth | coverage | n |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in cohorts.itertuples():
        lines.append(
            f"| {r.scenario} | {r.cohort} | {r.att_mean:+.2f} [{r.att_lo:+.2f}, "
            f"{r.att_hi:+.2f}] | {r.true_mean:+.2f} [{r.true_lo:+.2f}, {r.true_hi:+.2f}] | "
            f"{r.coverage:.0%} | {r.n} |"
        )
    overall = cohorts[cohorts["cohort"] == "overall"]
    for r in overall.itertuples():
        if np.isnan(r.pretrend_p_median):
            continue
        lines += [
            "",
            f"Pre-trend test ({r.scenario}): the quarters before each start are jointly zero "
            f"with median p = {r.pretrend_p_median:.2f} over replicates, rejected at 5% in "
            f"{r.pretrend_reject_share:.0%} of them. Before a later cohort starts, the "
            "paired truth need not be zero: an earlier cohort's lever moves workers between "
            "areas, so it spills over onto later cohorts and onto the controls.",
        ]
    return lines


def payer_lines(effects: pd.DataFrame) -> list[str]:
    """Each scenario's cost to each payer in the last financial year, paired, as markdown."""
    last = effects["fy"].max()
    df = effects[(effects["level"] == "england") & (effects["fy"] == last)]
    df = df[(df["scenario"] != "baseline") & df["metric"].isin(PAYER_REAL)]
    if df.empty:
        return []
    lines = [
        f"Who pays, {last}: each payer's spend against the baseline, GBP million in 2024/25 "
        "prices (mean paired difference, 95% interval; a saving is negative; every pound "
        "counted once, docs/costs.md):",
        "",
        "| scenario | payer | baseline | difference [95% CI] | n |",
        "| --- | --- | --- | --- | --- |",
    ]
    order = {m: k for k, m in enumerate(PAYER_REAL)}
    df = df.assign(order=df["metric"].map(order)).sort_values(["scenario", "order"])
    for r in df.itertuples():
        lines.append(
            f"| {r.scenario} | {PAYER_REAL[r.metric]} | {r.baseline_mean / 1e6:,.0f} | "
            f"{r.diff_mean / 1e6:+,.0f} [{r.diff_lo / 1e6:+,.0f}, {r.diff_hi / 1e6:+,.0f}] | "
            f"{r.n} |"
        )
    return lines


def members_text(runs: pd.DataFrame) -> str:
    """``"M ensemble members x "`` when runs span several members, else ``""``."""
    m = runs["member"].nunique() if "member" in runs else 1
    return f"{m} ensemble members x " if m > 1 else ""


def summary_markdown(
    name: str,
    spec: dict,
    runs: pd.DataFrame,
    metrics: pd.DataFrame,
    effects: pd.DataFrame,
    rollout: pd.DataFrame | None,
    paths: list[Path],
) -> str:
    """The summary page of an experiment (markdown)."""
    lines = [
        f"# {name}",
        "",
        spec["description"].strip(),
        "",
        f"Runs: {len(runs)} ({runs['name'].nunique()} scenarios x {members_text(runs)}"
        f"{spec['replicates']} replicates from root seed {spec['root_seed']}), scale "
        f"{spec['scale']}, {spec['years']} years, April 2024 to March "
        f"{2024 + int(spec['years'])}. Provenance: {sweep_stamp(runs)}.",
        "",
    ]
    if spec["kind"] == "projection":
        lines += projection_lines(spec, metrics) + [""]
    if (effects["scenario"] != "baseline").any():
        lines += effects_table(effects) + [""]
        lines += payer_lines(effects) + [""]
    if rollout is not None and len(rollout):
        lines += rollout_lines(rollout, spec["outcome"]) + [""]
    lines += ["Figures (PNG and PDF):", ""]
    lines += [f"- `{p.name}`" for p in paths if p.suffix == ".png"]
    lines += ["", "Every effect, year, region and ICS: `effects.csv`."]
    return "\n".join(lines) + "\n"
