"""``carework sensitivity``: Morris screening and Sobol indices of the behavioural coefficients.

Each behavioural coefficient (``behaviour.*``, except the Gumbel scale and the integer number
of offers) varies over +/- ``spread`` of its default. SALib draws Morris trajectories; each
point becomes one Hydra scenario config (``<out>/configs/morris_points/point_NNN.yaml``) and
all points run as one Hydra multirun with the configured launcher, every point with the same
seed, so elementary effects are not blurred by chance (common random numbers). The chosen
headline output (England, last financial year) is then screened: ``mu_star`` (mean absolute
elementary effect) ranks influence, ``sigma`` flags non-linearity or interactions.

``--method sobol`` then apportions the output's variance among the few coefficients Morris
ranks first (``--parameters``): SALib's Sobol' sequence with Saltelli's scheme
(``--samples`` N base points, N x (D + 2) runs for D coefficients), first-order (``S1``,
the share of variance a coefficient explains alone) and total (``ST``, with its
interactions) indices with bootstrap intervals. Every point runs with the same seed, so the
indices apportion the coefficients' effect, not the seed's.

    carework sensitivity --output vacancy_rate --trajectories 10 [hydra overrides...]
    carework sensitivity --method sobol --samples 32 --parameters a b c [hydra overrides...]
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

from sim.analysis import figures
from sim.analysis.catalogue import runs_table
from sim.analysis.effect_figures import METRIC_LABELS
from sim.config import BehaviourConfig
from sim.output.headline import METRICS, headline, read_tables

SKIPPED = ("taste_scale", "offers_sampled")
PROBABILITIES = ("search_employed_base", "search_non_employed", "search_outside")
GROUP = "morris_points"


def problem(spread: float, names: list[str] | None = None) -> dict:
    """SALib problem: behavioural coefficients and their bounds (default +/- spread).

    Raises:
        ValueError: naming an unknown coefficient.
    """
    defaults = BehaviourConfig()
    known = [f.name for f in dataclasses.fields(defaults) if f.name not in SKIPPED]
    chosen = names or known
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise ValueError(f"parameters={unknown} is not allowed: expected names from {known}")
    bounds = []
    for name in chosen:
        value = getattr(defaults, name)
        lo, hi = sorted((value * (1 - spread), value * (1 + spread)))
        if name in PROBABILITIES:
            hi = min(hi, 1.0)
        bounds.append([lo, hi])
    return {"num_vars": len(chosen), "names": chosen, "bounds": bounds}


def write_points(prob: dict, points: np.ndarray, folder: Path) -> list[str]:
    """One ``# @package _global_`` Hydra config per sample point; returns their names."""
    group = folder / GROUP
    group.mkdir(parents=True, exist_ok=True)
    names = []
    for k, row in enumerate(points):
        name = f"point_{k:03d}"
        lines = ["# @package _global_", f"name: {name}", "behaviour:"]
        lines += [f"  {p}: {float(v)!r}" for p, v in zip(prob["names"], row, strict=True)]
        (group / f"{name}.yaml").write_text("\n".join(lines) + "\n")
        names.append(name)
    return names


def outputs(sweep: Path, names: list[str], metric: str) -> np.ndarray:
    """The metric (England, last financial year) of each point, in sample order."""
    runs = runs_table(sweep).set_index("name")
    values = []
    for name in names:
        h = headline(read_tables(runs.loc[name, "folder"]))
        h = h[(h["level"] == "england") & (h["metric"] == metric)]
        values.append(h.loc[h["fy"] == h["fy"].max(), "value"].iloc[0])
    return np.array(values)


def screening_figure(result: pd.DataFrame, metric: str) -> plt.Figure:
    """mu* with its interval per coefficient, and mu* against sigma.

    Rates are drawn in percentage points; other outputs in their own unit.
    """
    df = result.sort_values("mu_star")
    title, _ = METRIC_LABELS.get(metric, (metric, ""))
    rate = metric.endswith("_rate")
    k, unit = (100.0, "percentage points") if rate else (1.0, METRICS[metric][0])
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 0.35 * len(df) + 2.5), layout="constrained")
    a.barh(df["parameter"], k * df["mu_star"], xerr=k * df["mu_star_conf"], color="#1b9e77")
    a.set(title=f"Morris mu* of the {title} (England, last year)",
          xlabel=f"mean |elementary effect|, {unit}")  # fmt: skip
    b.scatter(k * df["mu_star"], k * df["sigma"], color="#d95f02")
    for r in df.itertuples():
        b.annotate(r.parameter, (k * r.mu_star, k * r.sigma), fontsize=7)
    b.set(title="mu* against sigma (non-linearity, interactions)", xlabel=f"mu*, {unit}",
          ylabel=f"sigma, {unit}")  # fmt: skip
    return fig


def sobol_figure(result: pd.DataFrame, metric: str) -> plt.Figure:
    """First-order and total Sobol indices per coefficient, with their 95% intervals."""
    df = result.sort_values("ST")
    y = np.arange(len(df))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(df) + 2.2), layout="constrained")
    ax.barh(y + 0.2, df["S1"], 0.4, xerr=df["S1_conf"], color="#1b9e77", label="first order S1")
    ax.barh(y - 0.2, df["ST"], 0.4, xerr=df["ST_conf"], color="#d95f02", label="total ST")
    ax.set_yticks(y, df["parameter"])
    ax.axvline(0, color="#999999", lw=0.8)
    title = METRIC_LABELS.get(metric, (metric, ""))[0]
    ax.set(title=f"Sobol indices of the {title} (England, last year)", xlabel="share of variance")
    ax.legend(fontsize=8, loc="lower right")
    return fig


def run_points(prob: dict, points: np.ndarray, out: Path, overrides: list[str]) -> list[str]:
    """Write the points as configs and run them as one Hydra multirun; their names."""
    names = write_points(prob, points, out / "configs")
    command = [sys.executable, "-m", "sim", "-m", f"+{GROUP}={','.join(names)}",
               "replicate=0", "progress=false", "figure=false",
               f"hydra.searchpath=[file://{out / 'configs'}]", f"hydra.sweep.dir={out / 'runs'}",
               *overrides]  # fmt: skip
    proc = subprocess.run(command, text=True)
    if proc.returncode != 0:
        sys.exit(proc.returncode)
    return names


def sobol(prob: dict, samples: int, out: Path, metric: str, overrides: list[str]) -> pd.DataFrame:
    """Sobol indices of ``metric``: sample, run, analyse; writes the table and figure."""
    points = sobol_sample.sample(prob, samples, calc_second_order=False, seed=1)
    y = outputs(out / "runs", run_points(prob, points, out, overrides), metric)
    res = sobol_analyze.analyze(prob, y, calc_second_order=False, seed=1)
    result = pd.DataFrame({k: np.asarray(res[k]) for k in ("S1", "S1_conf", "ST", "ST_conf")})
    result = result.assign(parameter=prob["names"])[["parameter", "S1", "S1_conf", "ST", "ST_conf"]]
    result = result.sort_values("ST", ascending=False, ignore_index=True)
    result.to_csv(out / f"sobol_{metric}.csv", index=False)
    stamp = figures.sweep_stamp(runs_table(out / "runs"))
    figures.save(sobol_figure(result, metric), out / f"sobol_{metric}", stamp)
    print(f"Sobol indices of {metric} ({len(points)} runs, {samples} base samples):")
    return result


def main(argv: list[str] | None = None) -> None:
    """Command line: sample, run as one Hydra multirun, analyse, draw."""
    parser = argparse.ArgumentParser(
        prog="carework sensitivity",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--method", choices=("morris", "sobol"), default="morris")
    parser.add_argument("--output", default="vacancy_rate", help=f"one of {sorted(METRICS)}")
    parser.add_argument(
        "--samples", type=int, default=16, help="sobol: base samples (a power of 2)"
    )
    parser.add_argument("--trajectories", type=int, default=10, help="Morris trajectories")
    parser.add_argument("--levels", type=int, default=4, help="grid levels per coefficient")
    parser.add_argument("--spread", type=float, default=0.25, help="+/- share of default")
    parser.add_argument("--parameters", nargs="*", help="coefficients (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="folder (results/<method>)")
    parser.add_argument("overrides", nargs="*", help="Hydra overrides for every run")
    args = parser.parse_args(argv)
    checks = [
        (args.output in METRICS, "output", args.output, f"one of {sorted(METRICS)}"),
        (args.trajectories >= 2, "trajectories", args.trajectories, ">= 2"),
        (args.levels >= 2 and args.levels % 2 == 0, "levels", args.levels, "an even number"),
        (0 < args.spread < 1, "spread", args.spread, "0 < spread < 1"),
        (args.samples >= 2 and args.samples & (args.samples - 1) == 0, "samples", args.samples,
         "a power of 2 (the Sobol' sequence's balance)"),
        (args.method == "morris" or 1 <= len(args.parameters or []) <= 8, "parameters",
         args.parameters, "1 to 8 coefficients for sobol (the few Morris ranks first)"),
    ]  # fmt: skip
    for ok, name, value, allowed in checks:
        if not ok:
            parser.exit(2, f"config error: {name}={value!r} is not allowed: expected {allowed}\n")
    try:
        prob = problem(args.spread, args.parameters)
    except ValueError as err:
        parser.exit(2, f"config error: {err}\n")
    out = (args.out or Path("results") / args.method).resolve()
    if args.method == "sobol":
        result = sobol(prob, args.samples, out, args.output, args.overrides)
        print(result.to_string(index=False))
        print(f"table and figure written to {out}")
        return
    points = morris_sample.sample(prob, args.trajectories, num_levels=args.levels, seed=1)
    names = run_points(prob, points, out, args.overrides)
    y = outputs(out / "runs", names, args.output)
    res = morris_analyze.analyze(prob, points, y, num_levels=args.levels, seed=1)
    result = pd.DataFrame(
        {k: np.asarray(res[k]) for k in ("mu", "mu_star", "sigma", "mu_star_conf")}
    ).assign(parameter=prob["names"])[["parameter", "mu", "mu_star", "sigma", "mu_star_conf"]]
    result = result.sort_values("mu_star", ascending=False, ignore_index=True)
    result.to_csv(out / f"morris_{args.output}.csv", index=False)
    stamp = figures.sweep_stamp(runs_table(out / "runs"))
    figures.save(screening_figure(result, args.output), out / f"morris_{args.output}", stamp)
    print(
        f"Morris screening of {args.output} ({len(names)} runs, {args.trajectories} "
        f"trajectories, +/-{100 * args.spread:.0f}% of defaults):"
    )
    print(result.to_string(index=False))
    print(f"table and figure written to {out}")
