"""``carework sensitivity``: Morris screening of the behavioural coefficients (SALib).

Each behavioural coefficient (``behaviour.*``, except the Gumbel scale and the integer number
of offers) varies over +/- ``spread`` of its default. SALib draws Morris trajectories; each
point becomes one Hydra scenario config (``<out>/configs/morris_points/point_NNN.yaml``) and
all points run as one Hydra multirun with the configured launcher, every point with the same
seed, so elementary effects are not blurred by chance (common random numbers). The chosen
headline output (England, last financial year) is then screened: ``mu_star`` (mean absolute
elementary effect) ranks influence, ``sigma`` flags non-linearity or interactions.

    carework sensitivity --output vacancy_rate --trajectories 10 [hydra overrides...]
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
from SALib.sample import morris as morris_sample

from sim.analysis import figures
from sim.analysis.catalogue import runs_table
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
    """mu* with its interval per coefficient, and mu* against sigma."""
    df = result.sort_values("mu_star")
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 0.35 * len(df) + 2.5), layout="constrained")
    a.barh(df["parameter"], df["mu_star"], xerr=df["mu_star_conf"], color="#1b9e77")
    a.set(
        title=f"Morris mu* of {metric}", xlabel=f"mean |elementary effect| ({METRICS[metric][0]})"
    )
    b.scatter(df["mu_star"], df["sigma"], color="#d95f02")
    for r in df.itertuples():
        b.annotate(r.parameter, (r.mu_star, r.sigma), fontsize=7)
    b.set(title="mu* against sigma (non-linearity, interactions)", xlabel="mu*", ylabel="sigma")
    return fig


def main(argv: list[str] | None = None) -> None:
    """Command line: sample, run as one Hydra multirun, analyse, draw."""
    parser = argparse.ArgumentParser(
        prog="carework sensitivity",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--output", default="vacancy_rate", help=f"one of {sorted(METRICS)}")
    parser.add_argument("--trajectories", type=int, default=10, help="Morris trajectories")
    parser.add_argument("--levels", type=int, default=4, help="grid levels per coefficient")
    parser.add_argument("--spread", type=float, default=0.25, help="+/- share of default")
    parser.add_argument("--parameters", nargs="*", help="coefficients (default: all)")
    parser.add_argument("--out", type=Path, default=Path("results/morris"), help="folder")
    parser.add_argument("overrides", nargs="*", help="Hydra overrides for every run")
    args = parser.parse_args(argv)
    checks = [
        (args.output in METRICS, "output", args.output, f"one of {sorted(METRICS)}"),
        (args.trajectories >= 2, "trajectories", args.trajectories, ">= 2"),
        (args.levels >= 2 and args.levels % 2 == 0, "levels", args.levels, "an even number"),
        (0 < args.spread < 1, "spread", args.spread, "0 < spread < 1"),
    ]
    for ok, name, value, allowed in checks:
        if not ok:
            parser.exit(2, f"config error: {name}={value!r} is not allowed: expected {allowed}\n")
    try:
        prob = problem(args.spread, args.parameters)
    except ValueError as err:
        parser.exit(2, f"config error: {err}\n")
    out = args.out.resolve()
    points = morris_sample.sample(prob, args.trajectories, num_levels=args.levels, seed=1)
    names = write_points(prob, points, out / "configs")
    command = [sys.executable, "-m", "sim", "-m", f"+{GROUP}={','.join(names)}",
               "replicate=0", "progress=false", "figure=false",
               f"hydra.searchpath=[file://{out / 'configs'}]", f"hydra.sweep.dir={out / 'runs'}",
               *args.overrides]  # fmt: skip
    proc = subprocess.run(command, text=True)
    if proc.returncode != 0:
        sys.exit(proc.returncode)
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
