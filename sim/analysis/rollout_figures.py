"""Figures of a roll-out: treated ICSs against controls, and the event study against the truth."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.did import LAGS, LEADS
from sim.analysis.figures import PALETTE, caveat, date_axis, plt, value_axis
from sim.calendar import calendar_month

GROUPS = {  # group -> (legend, colour, line style)
    "treated": ("treated ICSs (band: 5th-95th percentile of replicates)", PALETTE[2], "-"),
    "counterfactual": ("treated ICSs without the lever (baseline, same seeds)", PALETTE[2], ":"),
    "control": ("ICSs never treated", PALETTE[0], "-"),
}


def _dates(months) -> pd.DatetimeIndex:
    return pd.DatetimeIndex([pd.Timestamp(*calendar_month(int(m)), 1) for m in months])


def outcome_label(outcome: str) -> str:
    """Human name of an ICS outcome column (``vacancy_rate``: ``vacancy rate``)."""
    return outcome.replace("_", " ")


def rollout_panels(paths: pd.DataFrame, outcome: str, labels: dict[str, str]) -> plt.Figure:
    """Each cohort's treated ICSs against the ICSs never treated, month by month.

    One row per scenario, one column per cohort: the treated ICSs' mean outcome (band: 5th
    to 95th percentile over replicates), the same ICSs in the baseline runs with the same
    seeds (the counterfactual the simulator knows), and the never-treated ICSs that a
    difference-in-differences uses in its place. Shared y scale.

    Args:
        paths: ``Rollout.paths``.
        outcome: The ICS outcome.
        labels: Legend text of each scenario.
    """
    scenarios = list(dict.fromkeys(paths["scenario"]))
    cohorts = paths.drop_duplicates("cohort").sort_values("start")
    fig, axes = plt.subplots(
        len(scenarios), len(cohorts), figsize=(4.6 * len(cohorts), 3.4 * len(scenarios) + 0.6),
        sharey=True, squeeze=False, layout="constrained",
    )  # fmt: skip
    unit = "share" if outcome.endswith("_rate") else "count"
    for row, scenario in enumerate(scenarios):
        for col, cohort in enumerate(cohorts.itertuples()):
            ax = axes[row, col]
            part = paths[(paths["scenario"] == scenario) & (paths["cohort"] == cohort.cohort)]
            for group, (text, colour, style) in GROUPS.items():
                g = part[part["group"] == group].sort_values("month")
                x = _dates(g["month"])
                ax.plot(x, g["mean"], color=colour, ls=style, lw=1.4, label=text)
                if group == "treated":
                    ax.fill_between(x, g["lo"], g["hi"], color=colour, alpha=0.15, lw=0)
            start = _dates([cohort.start])[0]
            ax.axvline(start, color="#555555", ls="--", lw=0.9)
            ax.set_title(f"{labels.get(scenario, scenario)}\ncohort starting {cohort.cohort}",
                         fontsize=9)  # fmt: skip
            value_axis(ax, unit)
            date_axis(ax)
            ax.grid(alpha=0.3)
    axes[0, 0].set_ylabel(f"ASC {outcome_label(outcome)}")
    axes[0, 0].legend(fontsize=7, loc="best")
    fig.suptitle(
        f"Roll-out: treated ICSs against controls and against their own counterfactual "
        f"(ASC {outcome_label(outcome)}; dashed line: the cohort's start)",
        fontsize=10,
    )
    return fig


def event_study_chart(events: pd.DataFrame, outcome: str, labels: dict[str, str]) -> plt.Figure:
    """The event-study estimates by quarter since the start, beside the paired truth.

    Points: mean estimate over replicates with its 95% interval; line: the mean paired
    truth (scenario minus the baseline run with the same seed, on the treated ICSs). The
    quarter before the start is the reference (0 by construction); the first and last
    quarters pool the earlier and later ones.

    Args:
        events: ``Rollout.events``.
        outcome: The ICS outcome.
        labels: Legend text of each scenario.
    """
    scenarios = list(dict.fromkeys(events["scenario"]))
    fig, axes = plt.subplots(
        1, len(scenarios), figsize=(6.4 * len(scenarios), 4.2), squeeze=False,
        layout="constrained",
    )  # fmt: skip
    for ax, scenario in zip(axes[0], scenarios, strict=True):
        e = events[events["scenario"] == scenario].sort_values("rel")
        x = e["rel"].to_numpy()
        mean = e["estimate_mean"]
        err = np.vstack([mean - e["estimate_lo"], e["estimate_hi"] - mean])
        ax.errorbar(x, mean, yerr=np.nan_to_num(err), fmt="o", ms=4, color=PALETTE[3],
                    capsize=2, label="DiD event study (pyfixest did2s)")  # fmt: skip
        ax.plot(x, e["true_mean"], color=PALETTE[1], lw=1.6, label="paired truth")
        ax.axhline(0, color="#888888", lw=0.8)
        ax.axvline(-0.5, color="#555555", ls="--", lw=0.9)
        ax.set_xticks(x, [_rel_label(r) for r in x], fontsize=7)
        ax.yaxis.set_major_formatter(_points(e["unit"].iloc[0]))
        ax.set_xlabel("quarters since the cohort's start")
        ax.set_ylabel(f"effect on the ASC {outcome_label(outcome)}")
        ax.set_title(labels.get(scenario, scenario), fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower left")
        caveat(ax, int(e["n"].min()))
    fig.suptitle(
        "Event study of the roll-out against the paired truth\n(mean estimate over replicates "
        "with its 95% interval; the quarter before the start is the reference)",
        fontsize=10,
    )
    return fig


def _points(unit: str):
    """Tick labels of an effect in ``unit`` (``pp``: signed percentage points)."""
    return lambda v, _: "0" if abs(v) < 1e-12 else f"{v:+.1f} {unit}".rstrip()


def _rel_label(rel: float) -> str:
    if rel <= -LEADS:
        return f"<={-LEADS}"
    if rel >= LAGS:
        return f">={LAGS}"
    return f"{rel:+.0f}" if rel else "0"
