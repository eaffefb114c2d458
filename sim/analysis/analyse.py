"""``carework analyse <sweep folder>``: paired effects of every scenario of a sweep.

Writes ``effects.csv`` into the sweep folder and prints the England effects of the last
financial year, then each scenario's cost per outcome over the horizon
(``cost_per_outcome.csv``, ``sim.analysis.cost_outcome``). When scenarios limit their
levers to areas, it also writes the roll-out's difference-in-differences
(``rollout_did.csv``, ``rollout_event_study.csv``; see ``sim.analysis.did``) and its figures
(``rollout_panels``, ``event_study``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from sim.analysis import figures, rollout_figures
from sim.analysis.catalogue import runs_table
from sim.analysis.cost_outcome import cost_per_outcome, format_cost_per_outcome
from sim.analysis.paired import BASELINE, format_effects, paired_effects, sweep_metrics, write_csv
from sim.analysis.rollout import rollout_effects
from sim.output.reading import read_table


def _ics_columns(sweep: Path) -> list[str]:
    """The numeric columns of the ICS table, the outcomes a roll-out can be judged on."""
    folder = Path(runs_table(sweep)["folder"].iloc[0])
    df = read_table(folder, "ics_monthly")
    return [c for c in df.columns if c != "month" and pd.api.types.is_float_dtype(df[c])]


def main(argv: list[str] | None = None) -> None:
    """Command line: paired effects of every scenario of a sweep against its baseline."""
    parser = argparse.ArgumentParser(prog="carework analyse", description=__doc__)
    parser.add_argument("sweep", type=Path, help="sweep folder (hydra.sweep.dir)")
    parser.add_argument("--baseline", default=BASELINE, help=f"baseline label ({BASELINE})")
    parser.add_argument("--confidence", type=float, default=0.95, help="interval coverage")
    parser.add_argument(
        "--did-outcome", default="vacancy_rate", help="ICS outcome of the roll-out DiD"
    )
    parser.add_argument(
        "--pool",
        action="store_true",
        help="pool runs of several launches (other scale, years...): pairs stay within each",
    )
    args = parser.parse_args(argv)
    if not 0 < args.confidence < 1:
        parser.exit(
            2,
            f"config error: confidence={args.confidence} is not allowed: "
            "expected 0 < confidence < 1\n",
        )
    try:
        outcomes = _ics_columns(args.sweep)
        if args.did_outcome not in outcomes:
            raise ValueError(
                f"--did-outcome={args.did_outcome!r} is not allowed: expected one of "
                + ", ".join(outcomes)
            )
        metrics = sweep_metrics(args.sweep, pool=args.pool)
        effects = paired_effects(metrics, args.baseline, args.confidence)
    except (FileNotFoundError, ValueError) as err:
        parser.exit(2, f"config error: {err}\n")
    pooled = sorted(metrics["launch"].unique())
    if len(pooled) > 1:
        print(f"pooled {len(pooled)} launches, pairs within each: " + "; ".join(pooled))
    path = write_csv(effects, args.sweep / "effects.csv")
    rollout = None
    if len(pooled) > 1:
        print("roll-out difference-in-differences: not pooled across launches (skipped)")
    else:
        rollout = rollout_effects(args.sweep, args.baseline, args.did_outcome, args.confidence)
    last = effects["fy"].max()
    print(
        f"paired effects against '{args.baseline}' in {last} "
        f"({100 * args.confidence:.0f}% intervals over replicates):"
    )
    print(format_effects(effects[(effects["fy"] == last) & (effects["scenario"] != args.baseline)]))
    print(f"all years, regions and ICSs written to {path}")
    costed = cost_per_outcome(metrics, args.baseline, args.confidence)
    if len(costed):
        path = write_csv(costed, args.sweep / "cost_per_outcome.csv")
        print("cost per outcome over the horizon (present values; intervals over pairs):")
        print(format_cost_per_outcome(costed))
        print(f"every year written to {path}")
    if rollout is not None and len(rollout):
        write_csv(rollout.cohorts, args.sweep / "rollout_did.csv")
        write_csv(rollout.events, args.sweep / "rollout_event_study.csv")
        stamp = figures.sweep_stamp(runs_table(args.sweep))
        for stem, fig in (
            ("rollout_panels", rollout_figures.rollout_panels(rollout.paths, args.did_outcome, {})),
            (
                "event_study",
                rollout_figures.event_study_chart(rollout.events, args.did_outcome, {}),
            ),
        ):
            figures.save(fig, args.sweep / stem, stamp)
        print(
            f"difference-in-differences of ASC {args.did_outcome} ({rollout.cohorts['unit'][0]}) "
            "against never-treated ICSs, beside the paired truth (rollout_did.csv):"
        )
        for r in rollout.cohorts.itertuples():
            print(
                f"{r.scenario[:48]:48s} {r.cohort:14s} n={r.n:<3d} DiD {r.att_mean:+.3g} "
                f"[{r.att_lo:+.3g}, {r.att_hi:+.3g}]  truth {r.true_mean:+.3g}  "
                f"coverage {r.coverage:.0%}"
            )
