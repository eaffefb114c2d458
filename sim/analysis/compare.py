"""``carework compare <baseline run> <scenario run>``: the paired difference of two runs.

Two single runs of the same seed, scale, length and calibration-ensemble member share every
random draw until a lever acts, so their difference is the effect of what sets them apart on
that one replicate, with no interval: one replicate says nothing of the chance variation a
figure needs (for that, run a sweep or an experiment with replicates and use ``carework
analyse``). Runs that differ in any of those settings are refused, since their difference
would mix the effect with noise. Writes ``compare.csv`` (every headline output, year, region
and ICS) and ``compare.png`` (the England effect on the vacancy rate and filled posts, month
by month) into the output folder, and prints the England effects by financial year.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from sim.analysis import figures
from sim.analysis.catalogue import first_start
from sim.analysis.experiment import monthly
from sim.analysis.paired import KEYS, write_csv
from sim.errors import UnreadableResults
from sim.output.headline import headline, read_tables
from sim.output.reading import verified_provenance

PAIRED_ON = ("seed", "scale", "years", "warm_up_months", "start", "ensemble_member", "engine")
"""Settings two runs must share for their difference to be a paired effect."""
PRINTED = ("vacancy_rate", "filled_posts", "turnover_rate", "asc_to_nhs", "cost_gbp")


class CompareError(ValueError):
    """Two run folders that cannot be compared as a pair."""


def _provenance(folder: Path) -> dict:
    try:
        return verified_provenance(folder)
    except UnreadableResults as err:
        raise CompareError(str(err)) from None


def _setting(prov: dict, key: str):
    return prov[key] if key in prov else prov["config"].get(key)


def check_pair(baseline: Path, scenario: Path) -> tuple[dict, dict]:
    """The two runs' provenance, once they are known to pair.

    Raises:
        CompareError: naming the first setting that differs, or a folder that is not a run.
    """
    a, b = _provenance(baseline), _provenance(scenario)
    for key in PAIRED_ON:
        if _setting(a, key) != _setting(b, key):
            raise CompareError(
                f"{key} differs ({_setting(a, key)!r} against {_setting(b, key)!r}): a paired "
                f"comparison needs the same {', '.join(PAIRED_ON)}"
            )
    return a, b


def paired_difference(baseline: Path, scenario: Path) -> pd.DataFrame:
    """Every headline output of both runs and their difference.

    Returns:
        ``level``, ``area``, ``fy``, ``metric``, ``baseline``, ``scenario``, ``diff`` and
        ``rel`` (diff / baseline; NaN where the baseline is 0).
    """
    a = headline(read_tables(baseline)).rename(columns={"value": "baseline"})
    b = headline(read_tables(scenario)).rename(columns={"value": "scenario"})
    df = a.merge(b, on=KEYS, how="outer")
    df["diff"] = df["scenario"] - df["baseline"]
    df["rel"] = df["diff"] / df["baseline"].where(df["baseline"] != 0)
    return df


def effect_figure(baseline: Path, scenario: Path, start: str | None) -> figures.plt.Figure:
    """The scenario's England effect on the ASC vacancy rate and filled posts, over time."""
    runs = pd.DataFrame({"name": ["baseline", "scenario"], "folder": [baseline, scenario],
                         "seed": 0, "member": -1})  # fmt: skip
    fig, axes = figures.plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    for ax, (column, title, unit) in zip(
        axes,
        (("vacancy_rate", "ASC vacancy rate", "points"), ("filled", "ASC filled posts", "count")),
        strict=True,
    ):
        series = monthly(runs, "national_monthly", {"sector": "asc"}, column)
        wide = series.pivot_table(index="scenario", columns="date", values="value")
        diff = wide.loc["scenario"] - wide.loc["baseline"]
        ax.axhline(0, color="#999999", lw=0.8)
        x = pd.to_datetime(diff.index)
        ax.step(x, diff.to_numpy(), where="post", color=figures.PALETTE[1], lw=1.5)
        ax.set_title(f"{title}: {scenario.name}\nminus {baseline.name}", fontsize=9)
        ax.set_ylabel("difference" + (", percentage points" if unit == "points" else ", posts"))
        figures.value_axis(ax, unit)
        figures.date_axis(ax)
        figures.mark_start(ax, start)
        ax.grid(alpha=0.3)
    fig.suptitle("One pair of runs of one seed: the effect on one replicate, no interval")
    return fig


def main(argv: list[str] | None = None) -> None:
    """Command line: compare two run folders of the same seed."""
    parser = argparse.ArgumentParser(prog="carework compare", description=__doc__)
    parser.add_argument("baseline", type=Path, help="run folder of the baseline")
    parser.add_argument("scenario", type=Path, help="run folder of the scenario")
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: results/compare/<b>)"
    )
    args = parser.parse_args(argv)
    try:
        base_prov, prov = check_pair(args.baseline, args.scenario)
    except CompareError as err:
        parser.exit(2, f"config error: {err}\n")
    out = args.out or Path("results") / "compare" / args.scenario.name
    out.mkdir(parents=True, exist_ok=True)
    df = paired_difference(args.baseline, args.scenario)
    path = write_csv(df, out / "compare.csv")
    stamp = (
        f"carework-sim | commits {base_prov['git_commit'][:12]} / {prov['git_commit'][:12]} | "
        f"configs {base_prov['config_hash'][:12]} / {prov['config_hash'][:12]} | seed "
        f"{prov['seed']} | scale {prov['scale']} | 1 pair of runs"
    )
    fig = effect_figure(args.baseline, args.scenario, first_start(prov["config"]))
    figures.save(fig, out / "compare", stamp)
    england = df[(df["level"] == "england") & df["metric"].isin(PRINTED)]
    wide = england.pivot_table(index="fy", columns="metric", values="diff")
    print(f"{args.scenario.name} minus {args.baseline.name} (same seed {prov['seed']}; one pair, "
          "no interval), England:")  # fmt: skip
    text = wide[[m for m in PRINTED if m in wide]].copy()
    for m in text.columns:
        rate = m.endswith("_rate")
        text[m] = [f"{100 * v:+.2f} pp" if rate else f"{v:+,.0f}" for v in text[m]]
    print(text.to_string())
    print(f"every output, year, region and ICS written to {path}")
