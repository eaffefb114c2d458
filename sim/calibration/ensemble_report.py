"""The ensemble's report: what the calibration pins, what it leaves open, and the long run.

Members are drawn from the ensemble by weight (with replacement: a draw from the posterior)
and each draw runs with its own seed, so every band below holds parameter and seed
uncertainty together. Each draw runs the fitted moments (``seed_moments``: first year,
pay-rise experiment, 2023/24-2024/25 backtest), the held-out 2022/23 year, and the 15-year
baseline, whose first year also gives the held-back outputs (turnover by group, settings,
destinations). Written to ``<out>/report/``:

- ``targets.csv`` / ``targets.png``: each target's published value and tolerance beside the
  ensemble's median and 90% band (posterior predictive check; fitted targets in bold);
- ``held_back.csv``: outputs the fit never saw, with the published figure where held;
- ``parameters.csv`` / ``parameters.png`` / ``pairs.png``: weighted marginals and pairs on
  each coefficient's prior range, and which coefficients the data pin (a 90% interval
  under half the prior range) and which they leave open;
- ``long_run.csv`` / ``long_run.png``: the 15-year baseline as a fan over the ensemble;
- ``summary.md``: the 2038/39 band in one sentence, and the coverage of the fit.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sim.calibration import abc, longrun, validation  # noqa: E402
from sim.calibration.moments import HOLDOUT_STANDS_FOR, year_moments  # noqa: E402
from sim.calibration.objective import (  # noqa: E402
    Setup,
    candidate_config,
    run_tables,
    seed_moments,
)
from sim.calibration.space import Coefficient  # noqa: E402

QUANTILES = (0.05, 0.5, 0.95)
PINNED = 0.5
"""A coefficient is pinned when its 90% interval spans under this share of its prior range."""


def draw_members(weights: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """Member indices drawn with replacement with probability equal to their weights."""
    w = np.asarray(weights, float)
    return np.random.default_rng(seed).choice(len(w), size=draws, p=w / w.sum())


def _flatten(s: pd.Series, prefix: str) -> pd.Series:
    keys = [prefix + "/".join(map(str, k if isinstance(k, tuple) else (k,))) for k in s.index]
    return pd.Series(s.to_numpy(float), index=keys)


def one_draw(setup: Setup, values: dict[str, float], seed: int, one_thread: bool):
    """Every output of one member and one seed.

    Returns:
        ``(moments, long_run, held_back)``: moments by target name (fitted, first-year and
        held-out year), the long run by (measure, fy), held-back outputs by name.
    """
    if one_thread:
        import numba

        numba.set_num_threads(1)
    moments = seed_moments(setup.configs(), values, seed)
    _, held = run_tables(candidate_config(setup.holdout_config(), values, seed))
    moments.update(year_moments(held, HOLDOUT_STANDS_FOR))
    long_setup = dataclasses.replace(setup, years=longrun.YEARS, backtest=False)
    _, tables = run_tables(candidate_config(long_setup.configs().base, values, seed))
    held_back = pd.concat(
        [
            _flatten(validation.group_turnover(tables), "turnover_by_group/"),
            _flatten(validation.setting_rates(tables), "setting/"),
            _flatten(validation.leaver_destinations(tables), "leaver_destination/"),
        ]
    )
    return pd.Series(moments), longrun._per_year(tables), held_back


def run_draws(setup: Setup, ens: pd.DataFrame, draws: int, seed: int):
    """``one_draw`` for ``draws`` members drawn by weight; three DataFrames, one row a draw."""
    from joblib import Parallel, delayed

    picked = draw_members(ens["weight"].to_numpy(), draws, seed)
    members = ens.drop(columns="weight")
    jobs = [(members.iloc[k].to_dict(), seed + 1 + i) for i, k in enumerate(picked)]
    one_thread = setup.jobs > 1
    out = Parallel(n_jobs=setup.jobs)(
        delayed(one_draw)(setup, values, s, one_thread) for values, s in jobs
    )
    frames = [pd.DataFrame([o[j] for o in out]) for j in range(3)]
    for f in frames:
        f.insert(0, "member", picked)
    return frames


def band(per_draw: pd.DataFrame) -> pd.DataFrame:
    """Median and 90% band over draws of every column (``member`` excluded)."""
    q = per_draw.drop(columns="member").quantile(list(QUANTILES)).T
    q.columns = ["p05", "median", "p95"]
    return q


def targets_table(targets: pd.DataFrame, moments: pd.DataFrame) -> pd.DataFrame:
    """Published value and tolerance of every target beside the ensemble's band."""
    b = band(moments).reindex(targets.index)
    out = targets[["value", "unit", "period", "fitted", "tolerance"]].join(b)
    out["published_in_band"] = out["value"].between(out["p05"], out["p95"])
    out["median_z"] = (out["median"] - out["value"]) / out["tolerance"]
    return out.rename(columns={"value": "published"})


def parameters_table(ens: pd.DataFrame, space: tuple[Coefficient, ...]) -> pd.DataFrame:
    """Weighted 5/50/95% quantiles of every coefficient and whether the data pin it."""
    q = abc.weighted_quantiles(ens, QUANTILES).T
    q.columns = ["p05", "median", "p95"]
    scaled = pd.DataFrame(abc.unit_scaled(ens, space), columns=[c.name for c in space])
    scaled["weight"] = ens["weight"].to_numpy()
    sq = abc.weighted_quantiles(scaled, (0.05, 0.95)).T
    rows = []
    for c in space:
        share = float(sq.loc[c.name, 0.95] - sq.loc[c.name, 0.05])
        rows.append(
            {
                "parameter": c.name,
                "prior_low": c.low,
                "prior_high": c.high,
                "log_prior": c.log,
                **q.loc[c.name].to_dict(),
                "share_of_prior_range": share,
                "pinned": share < PINNED,
            }
        )
    return pd.DataFrame(rows)


def targets_figure(table: pd.DataFrame) -> plt.Figure:
    """One row per target: the ensemble's 90% band and median in units of the tolerance."""
    n = len(table)
    fig, ax = plt.subplots(figsize=(11, 0.36 * n + 1.8), constrained_layout=True)
    y = np.arange(n)[::-1]
    ax.axvspan(-1, 1, color="#e6f2e6", zorder=0, label="published +- tolerance")
    ax.axvline(0, color="#333333", lw=0.8)
    tol, pub = table["tolerance"].to_numpy(float), table["published"].to_numpy(float)
    lo = np.clip((table["p05"].to_numpy(float) - pub) / tol, -6, 6)
    hi = np.clip((table["p95"].to_numpy(float) - pub) / tol, -6, 6)
    med = np.clip((table["median"].to_numpy(float) - pub) / tol, -6, 6)
    ax.hlines(y, lo, hi, color="#005eb8", lw=3, alpha=0.5, label="ensemble 90% band")
    ax.plot(med, y, "o", color="#005eb8", ms=5, label="ensemble median")
    ax.set_yticks(y)
    ax.set_yticklabels(
        [
            f"{k} ({p}: {v:g} {u})"
            for k, p, v, u in zip(table.index, table["period"], pub, table["unit"], strict=True)
        ],
        fontsize=7,
    )
    for tick, fitted in zip(ax.get_yticklabels(), table["fitted"], strict=True):
        tick.set_fontweight("bold" if fitted else "normal")
    ax.set_xlim(-6.5, 6.5)
    ax.set_xlabel("(simulated - published) / tolerance; clipped at +-6; bold: fitted")
    fig.suptitle("Posterior predictive check: ensemble draws (parameter and seed) vs published")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def parameters_figure(ens, space, params: pd.DataFrame) -> plt.Figure:
    """Weighted marginal of every coefficient on its prior range (uniform prior: flat)."""
    cols = 4
    rows = -(-len(space) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.2 * rows + 0.6), squeeze=False)
    x = abc.unit_scaled(ens, space)
    w = ens["weight"].to_numpy(float)
    pinned = params.set_index("parameter")["pinned"]
    for k, (ax, c) in enumerate(zip(axes.flat, space, strict=False)):
        ax.hist(x[:, k], bins=20, range=(0, 1), weights=w, density=True, color="#005eb8")
        ax.axhline(1.0, color="#999999", lw=0.8, ls="--")
        word = "pinned" if pinned[c.name] else "open"
        scale = "log10 " if c.log else ""
        ax.set_title(f"{c.name.split('.')[1]} ({word})", fontsize=8)
        ax.set_xlabel(f"{scale}prior range {c.low:g} to {c.high:g}", fontsize=7)
        ax.tick_params(labelsize=6)
    for ax in list(axes.flat)[len(space) :]:
        ax.set_visible(False)
    fig.suptitle("Ensemble marginals on each prior range (dashed: the uniform prior's density)")
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig


def pairs_figure(ens, space) -> plt.Figure:
    """Every pair of coefficients, members on their prior ranges, shaded by weight."""
    k = len(space)
    fig, axes = plt.subplots(k, k, figsize=(1.05 * k + 1, 1.05 * k + 1), squeeze=False)
    x = abc.unit_scaled(ens, space)
    w = ens["weight"].to_numpy(float)
    alpha = 0.15 + 0.85 * w / w.max()
    for i in range(k):
        for j in range(k):
            ax = axes[i, j]
            ax.set(xlim=(0, 1), ylim=(0, 1), xticks=[], yticks=[])
            if i == j:
                ax.hist(x[:, i], bins=12, range=(0, 1), weights=w, color="#005eb8")
                ax.set_ylim(auto=True)
            else:
                ax.scatter(x[:, j], x[:, i], s=3, c="#005eb8", alpha=alpha, lw=0)
            if j == 0:
                ax.set_ylabel(space[i].name.split(".")[1], fontsize=5, rotation=0, ha="right")
            if i == k - 1:
                ax.set_xlabel(space[j].name.split(".")[1], fontsize=5, rotation=90)
    fig.subplots_adjust(left=0.1, right=0.99, top=0.96, bottom=0.09, wspace=0.08, hspace=0.08)
    fig.suptitle("Ensemble members, every pair of coefficients (each axis: its prior range)")
    return fig


def long_run_figure(long: pd.DataFrame) -> plt.Figure:
    """The baseline's ASC and NHS vacancy rates and ASC filled posts over the ensemble."""
    measures = (
        ("asc_vacancy_rate", "ASC vacancy rate (% of posts)", 100.0),
        ("nhs_vacancy_rate", "NHS trust vacancy rate (% of posts)", 100.0),
        ("asc_filled", "ASC filled posts (millions, England)", 1e-6),
    )
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.2))
    for ax, (measure, label, unit) in zip(axes, measures, strict=True):
        cols = [c for c in long.columns if isinstance(c, tuple) and c[0] == measure]
        years = [c[1] for c in cols]
        v = long[cols].to_numpy(float) * unit
        q = np.percentile(v, [5, 25, 50, 75, 95], axis=0)
        x = np.arange(len(years))
        ax.fill_between(x, q[0], q[4], color="#005eb8", alpha=0.15, lw=0, label="90%")
        ax.fill_between(x, q[1], q[3], color="#005eb8", alpha=0.3, lw=0, label="50%")
        ax.plot(x, q[2], color="#005eb8", lw=1.6, label="median")
        ax.set_xticks(x[::3], [y for y in years[::3]], fontsize=7)
        ax.set(title=label, xlabel="financial year")
    axes[0].legend(fontsize=8)
    fig.suptitle(
        f"Baseline projection over the calibration ensemble ({len(long)} draws: members by "
        "weight, one seed each; parameter and seed uncertainty)"
    )
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    return fig


def long_run_table(long: pd.DataFrame) -> pd.DataFrame:
    """Median and 90% band of every (measure, fy) of the long run."""
    q = long.drop(columns="member", level=0).quantile(list(QUANTILES)).T
    q.columns = ["p05", "median", "p95"]
    q.index = pd.MultiIndex.from_tuples(q.index, names=["measure", "fy"])
    return q.reset_index()


def summary_text(
    meta: dict, ess: float, targets: pd.DataFrame, params: pd.DataFrame, long: pd.DataFrame
):
    """``summary.md``: the 2038/39 band in one sentence, then the fit's numbers."""
    last = long["fy"].max()
    row = long[(long["measure"] == "asc_vacancy_rate") & (long["fy"] == last)].iloc[0]
    nhs = long[(long["measure"] == "nhs_vacancy_rate") & (long["fy"] == last)].iloc[0]
    fitted = targets[targets["fitted"]]
    lines = [
        "# Calibration ensemble",
        "",
        f"With no new policy, the model projects an adult social care vacancy rate in {last} "
        f"of {100 * row['median']:.1f}% (90% of the calibrated ensemble between "
        f"{100 * row['p05']:.1f}% and {100 * row['p95']:.1f}%; 7.0% in 2024/25), and an NHS "
        f"trust vacancy rate of {100 * nhs['median']:.1f}% ({100 * nhs['p05']:.1f}% to "
        f"{100 * nhs['p95']:.1f}%).",
        "",
        f"Method: {meta['method']}, generation {meta['generation']}, epsilon "
        f"{meta['epsilon']:.2f} (stopping epsilon {meta['stopping_epsilon']:.2f}), "
        f"{meta['particles']} members (effective sample size "
        f"{ess:.1f}), scale {meta['scale']}, "
        f"calibrated {meta['date']}.",
        f"Fitted targets whose published value lies inside the ensemble's 90% band: "
        f"{int(fitted['published_in_band'].sum())} of {len(fitted)}; all targets: "
        f"{int(targets['published_in_band'].sum())} of {len(targets)}.",
        f"Coefficients the data pin (90% interval under {PINNED:.0%} of the prior range): "
        + (", ".join(params.loc[params["pinned"], "parameter"]) or "none")
        + "; left open: "
        + (", ".join(params.loc[~params["pinned"], "parameter"]) or "none")
        + ".",
        "",
        "| target | period | published | median | 90% band | fitted |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for name, r in targets.iterrows():
        lines.append(
            f"| {name} | {r['period']} | {r['published']:.4g} | {r['median']:.4g} | "
            f"{r['p05']:.4g} to {r['p95']:.4g} | {'yes' if r['fitted'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def write(
    folder: Path,
    ens: pd.DataFrame,
    meta: dict,
    setup: Setup,
    targets: pd.DataFrame,
    space: tuple[Coefficient, ...],
    draws: int,
    footer: str,
) -> Path:
    """Run the draws and write every table, figure and the summary into ``folder/report``."""
    from sim.analysis.figures import save
    from sim.analysis.paired import write_csv

    out = folder / "report"
    out.mkdir(parents=True, exist_ok=True)
    moments, long, held = run_draws(setup, ens, draws, seed=int(meta.get("report_seed", 2026)))
    table = targets_table(targets, moments)
    write_csv(table.reset_index(), out / "targets.csv")
    held_back = band(held).rename_axis("output").reset_index()
    held_back["published"] = held_back["output"].map(
        {"leaver_destination/asc": validation.LEAVER_SHARE_TO_ASC}
    )
    write_csv(held_back, out / "held_back.csv")
    params = parameters_table(ens, space)
    write_csv(params, out / "parameters.csv")
    lr = long_run_table(long)
    write_csv(lr, out / "long_run.csv")
    save(targets_figure(table), out / "targets", footer)
    save(parameters_figure(ens, space, params), out / "parameters", footer)
    save(pairs_figure(ens, space), out / "pairs", footer)
    save(long_run_figure(long), out / "long_run", footer)
    ess = abc.effective_sample_size(ens)
    (out / "summary.md").write_text(summary_text(meta, ess, table, params, lr))
    return out
