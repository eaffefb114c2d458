"""The calibration report: targets beside simulated values, parameters, validation.

``write_report`` re-runs the hand-set and the fitted coefficients with report seeds the fit
never saw, and writes into ``<out>/report/`` (replaced as a whole, atomically):
``targets.csv`` and ``targets.png`` (every target, simulated mean with a 95% interval,
fitted or not, within tolerance or not), ``parameters.csv`` (search range, hand-set and
fitted values, near-best range, identified or not, importance), ``validation_*.csv``,
``backtest.csv``, ``long_run.csv`` and ``long_run.png`` (the 15-year baseline of both
candidates), ``long_run_near_best.csv`` (that of near-best trials), ``scale_check.csv``,
``trials.csv``, ``fitted_overrides.txt`` (the fitted values as command-line overrides of
``python -m sim``), ``report.md`` and ``provenance.json``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import optuna
import pandas as pd

from sim.calibration.figure import fit_figure
from sim.calibration.identification import importances, parameter_table
from sim.calibration.longrun import (
    YEARS,
    final_year,
    last_year_rates,
    long_run_figure,
    near_best_candidates,
    summarise,
    years_per_seed,
)
from sim.calibration.objective import Setup, distance, simulate
from sim.calibration.space import SPACE
from sim.calibration.study import completed
from sim.calibration.summary import against_targets
from sim.calibration.targets import fitted_targets
from sim.calibration.validation import backtest, validation_tables
from sim.output.results import git_commit, package_versions

CHECK_SCALES = (0.05, 1.0)
"""Larger scales at which the fitted coefficients are re-run (1.0 is full England)."""


def candidates(study: optuna.Study) -> dict[str, dict[str, float]]:
    """Hand-set (the study's first, enqueued trial) and fitted (the best trial) values."""
    return {"hand-set": dict(study.trials[0].params), "fitted": dict(study.best_params)}


def overrides(values: dict[str, float]) -> str:
    """Command-line overrides that run the model with the given coefficient values."""
    return " ".join(f"{name}={value:.6g}" for name, value in values.items())


def _md(df: pd.DataFrame, digits: int = 4) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, float | np.floating):
            return "" if np.isnan(v) else f"{v:.{digits}g}"
        return str(v)

    lines = ["| " + " | ".join(map(str, df.columns)) + " |", "|" + " --- |" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(False)]
    return "\n".join(lines)


def _scale_check(setup: Setup, values: dict[str, float], fit_scale_means: pd.Series, scales):
    rows = {f"scale {setup.scale}": fit_scale_means}
    for scale in scales:
        run = dataclasses.replace(setup, scale=scale, seeds=setup.seeds[:2])
        rows[f"scale {scale}"] = simulate(run, values).mean()
    return pd.DataFrame(rows)


def evaluate(study: optuna.Study, setup: Setup, targets: pd.DataFrame) -> dict[str, Any]:
    """Run both candidates with the report seeds: their moments, distances and long run.

    The long run (``longrun.years_per_seed``) of both candidates uses the first four
    report seeds; that of the best and other near-best trials (``near_best_long_run``), the
    first two (the best trial's are reused, not run again).
    """
    cands = candidates(study)
    runs = {label: simulate(setup, values) for label, values in cands.items()}
    fit = fitted_targets(targets)
    scores = {label: distance(r.mean(), fit) for label, r in runs.items()}
    long_runs = {
        label: years_per_seed(dataclasses.replace(setup, seeds=setup.seeds[:4]), values)
        for label, values in cands.items()
    }
    two = dataclasses.replace(setup, seeds=setup.seeds[:2])
    near = {  # the best trial's runs at these seeds are already among long_runs
        label: long_runs["fitted"].loc[list(two.seeds)]
        if label == "fitted"
        else years_per_seed(two, values)
        for label, values in near_best_candidates(study).items()
    }
    return {
        "candidates": cands,
        "runs": runs,
        "distances": scores,
        "setup": setup,
        "long_run": summarise(long_runs),
        "near_best_long_run": summarise(near),
    }


def _write_tables(folder: Path, study, evaluated, targets, scales) -> dict[str, pd.DataFrame]:
    setup, cands, runs = evaluated["setup"], evaluated["candidates"], evaluated["runs"]
    table = against_targets(targets, runs)
    trials = completed(study)
    searched = [c for c in SPACE if c.name in trials.columns]
    params = parameter_table(trials, searched, cands["hand-set"], importances(study))
    val_setup = dataclasses.replace(setup, seeds=setup.seeds[:4])
    out = {"targets": table.reset_index(), "parameters": params, "trials": trials}
    for name, df in validation_tables(val_setup, cands["fitted"]).items():
        out[f"validation_{name}"] = df
    out["backtest"] = pd.concat(
        [backtest(val_setup, v).assign(candidate=label) for label, v in cands.items()]
    )
    out["long_run"] = evaluated["long_run"]
    out["long_run_near_best"] = evaluated["near_best_long_run"]
    out["scale_check"] = _scale_check(setup, cands["fitted"], runs["fitted"].mean(), scales)
    out["scale_check"] = out["scale_check"].rename_axis("target").reset_index()
    for name, df in out.items():
        df.to_csv(folder / f"{name}.csv", index=False)
    return out


def _markdown(out: dict[str, pd.DataFrame], prov: dict[str, Any]) -> str:
    t = out["targets"]
    shown = t[
        [
            "name",
            "target",
            "is_fitted",
            "tolerance",
            "hand-set",
            "fitted",
            "fitted_ci_low",
            "fitted_ci_high",
            "fitted_within_tolerance",
        ]
    ]
    d = prov["distances"]
    p = out["parameters"][
        [
            "parameter",
            "hand_set",
            "fitted",
            "near_best_low",
            "near_best_high",
            "identified",
            "importance",
        ]
    ]
    return "\n\n".join(
        [
            "# Calibration report",
            f"Study `{prov['study']}`: {prov['trials']} trials; fit at scale {prov['scale']}, "
            f"{prov['years']} year(s), seeds {prov['fit_seeds']}. Report seeds "
            f"{prov['report_seeds']} (not used by the fit). Weighted distance on the report "
            f"seeds: hand-set {d['hand-set']:.2f}, fitted {d['fitted']:.2f}. Generated "
            f"{prov['created_utc']} at commit {prov['git_commit']}.",
            "Run the baseline with the fitted values (`fitted_overrides.txt`): "
            f"`python -m sim name=fitted {prov['fitted_overrides']}`",
            "## Targets (simulated first year; 95% interval of the seed mean)",
            _md(shown),
            "![targets](targets.png)",
            "## Parameters (near-best: trials within 2 of the best distance)",
            _md(p),
            "## Validation: turnover by worker group (fitted; no published figures held)",
            _md(out["validation_turnover_by_group"]),
            "## Validation: settings",
            _md(out["validation_settings"]),
            "## Validation: where ASC leavers go",
            _md(out["validation_leaver_destinations"]),
            "## Backtest 2023/24 to 2024/25 (in-sample: its years are fitted)",
            _md(out["backtest"]),
            f"## Long run: the {YEARS}-year baseline (not fitted: nothing published pins it)",
            _md(final_year(out["long_run"]).reset_index()),
            "![long run](long_run.png)",
            "## Long run of near-best trials (2038/39 vacancy rates; first two report seeds)",
            "Trials within 2 of the best distance, run beside the best (`fitted`): where they "
            "part ways, the data do not pin the long run and the fit is not shipped.",
            _md(last_year_rates(out["long_run_near_best"]).reset_index()),
            "## Scale check (fitted coefficients; seed means)",
            _md(out["scale_check"]),
        ]
    )


def write_report(
    study: optuna.Study,
    setup: Setup,
    targets: pd.DataFrame,
    report_seeds,
    out: Path,
    check_scales: tuple[float, ...] = CHECK_SCALES,
) -> tuple[Path, dict[str, Any]]:
    """Evaluate the candidates on report seeds and write the report folder.

    Args:
        study: The calibration study (its first trial holds the hand-set values).
        setup: The fit's setup (scale, years); the seeds are replaced by ``report_seeds``.
        targets: The whole target table.
        report_seeds: Seeds for the report runs.
        out: Parent folder; the report goes to ``out/report``.
        check_scales: Scales at which the fitted first year is re-run (two report seeds).

    Returns:
        The folder and the evaluation (candidates, per-seed moments, distances).
    """
    evaluated = evaluate(study, dataclasses.replace(setup, seeds=tuple(report_seeds)), targets)
    prov = {
        "study": study.study_name,
        "trials": len(study.trials),
        "scale": setup.scale,
        "years": setup.years,
        "fit_seeds": list(setup.seeds),
        "report_seeds": list(report_seeds),
        "check_scales": list(check_scales),
        "distances": evaluated["distances"],
        "fitted_overrides": overrides(evaluated["candidates"]["fitted"]),
        "fit_sessions": study.user_attrs.get("runs", []),
        "git_commit": git_commit(),
        "packages": package_versions(),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out.mkdir(parents=True, exist_ok=True)
    target = out / "report"
    tmp = out / f".tmp-report-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    tables = _write_tables(tmp, study, evaluated, targets, check_scales)
    footer = f"carework-sim | commit {prov['git_commit'][:12]} | {prov['created_utc']}"
    table = tables["targets"].set_index("name")
    fit_figure(table, ["hand-set", "fitted"], footer).savefig(tmp / "targets.png", dpi=120)
    figure = long_run_figure(tables["long_run"], footer, tables["long_run_near_best"])
    figure.savefig(tmp / "long_run.png", dpi=120)
    (tmp / "fitted_overrides.txt").write_text(prov["fitted_overrides"] + "\n")
    (tmp / "report.md").write_text(_markdown(tables, prov) + "\n")
    (tmp / "provenance.json").write_text(json.dumps(prov, indent=2, default=str))
    shutil.rmtree(target, ignore_errors=True)
    os.rename(tmp, target)
    return target, evaluated
