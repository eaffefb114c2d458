"""``carework experiment <name>``: a named experiment, from runs to figures and summary.

An experiment is ``experiments/<name>.yaml`` (what to run and how to read it) plus one
Hydra config per scenario in ``experiments/<name>/`` (``baseline.yaml`` and the others, each
``# @package _global_`` with its ``name`` and lever settings). The command launches one Hydra
multirun over scenarios x replicates (``+<name>=baseline,... replicate=range(0,R)``) with the
configured launcher, then writes under ``results/<name>/``: ``effects.csv`` (paired effects
of every scenario against the baseline), figures (PNG and PDF) and ``summary.md``.
Re-running skips finished runs. Options after the name are Hydra overrides for every run
(``scale=0.1``, ``hydra/launcher=slurm``) plus ``replicates=N`` and ``members=M``.

With a shipped calibration ensemble (``sim.config.ensemble``) every scenario runs over
``members`` ensemble members x ``replicates`` replicates (``ensemble=i,j,...`` in the
multirun), paired within each member and replicate, so effects and fans carry parameter as
well as seed uncertainty; ``members=1`` runs the representative member alone.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from sim.analysis import effect_figures, figures, rollout_figures
from sim.analysis.catalogue import first_start, runs_table
from sim.analysis.cost_outcome import cost_per_outcome
from sim.analysis.paired import paired_effects, write_csv
from sim.analysis.rollout import Rollout, rollout_effects
from sim.analysis.summary import summary_markdown
from sim.config.ensemble import load_ensemble, pick_members
from sim.output.headline import METRICS, headline, read_tables
from sim.output.reading import provenance_of, read_table
from sim.paths import EXPERIMENTS_DIR

EXPERIMENTS = EXPERIMENTS_DIR
KINDS = ("projection", "scenarios", "dose_response", "rollout")
REQUIRED = ("kind", "scale", "years", "replicates", "root_seed")


class ExperimentError(ValueError):
    """An experiment name or option outside what is allowed."""


def read_spec(path: Path) -> dict:
    """An experiment file's settings, with the keys every experiment needs.

    Raises:
        ExperimentError: naming the file, and the line of a YAML error or the missing keys.
    """
    try:
        spec = OmegaConf.to_container(OmegaConf.load(path))
    except Exception as err:  # YAML parser and OmegaConf errors share no base class
        where = str(err).strip().splitlines()
        raise ExperimentError(f"{path} is not valid YAML: {' '.join(where[:2])}") from None
    if not isinstance(spec, dict):
        raise ExperimentError(f"{path} is not allowed: expected a mapping of settings")
    missing = [key for key in REQUIRED if key not in spec]
    if missing:
        raise ExperimentError(f"{path} is not allowed: expected the keys {', '.join(missing)}")
    return spec


def load(name: str, options: list[str]) -> tuple[dict, list[str]]:
    """The experiment's settings with ``replicates``/``scale``/``years`` options applied.

    Returns:
        The settings and the Hydra overrides left to pass to every run.

    Raises:
        ExperimentError: naming the bad name or option and what is allowed.
    """
    known = sorted(p.stem for p in EXPERIMENTS.glob("*.yaml"))
    if name not in known:
        raise ExperimentError(f"experiment={name!r} is not allowed: expected one of {known}")
    spec = read_spec(EXPERIMENTS / f"{name}.yaml")
    rest = []
    for option in options:
        key, _, value = option.partition("=")
        if key in ("replicates", "members"):
            if not value.isdigit() or int(value) < 1:
                raise ExperimentError(f"{key}={value!r} is not allowed: expected >= 1")
            spec[key] = int(value)
        else:
            if key in ("scale", "years", "root_seed"):
                spec[key] = value
                continue
            rest.append(option)
    if spec["kind"] not in KINDS:
        raise ExperimentError(f"kind={spec['kind']!r} is not allowed: expected one of {KINDS}")
    pairs = int(spec["replicates"]) * max(len(members(spec)), 1)
    if pairs < 2:
        raise ExperimentError(
            f"replicates={spec['replicates']} is not allowed with members="
            f"{spec.get('members', 1)}: expected at least 2 runs of each scenario (replicates "
            "x members), which the intervals need"
        )
    return spec, rest


def scenarios(name: str) -> list[str]:
    """Scenario config names of an experiment, baseline first."""
    names = sorted(p.stem for p in (EXPERIMENTS / name).glob("*.yaml"))
    if "baseline" not in names:
        raise ExperimentError(
            f"experiments/{name}/baseline.yaml is missing: every experiment "
            "compares its scenarios with a baseline"
        )
    return ["baseline", *[n for n in names if n != "baseline"]]


def members(spec: dict) -> list[int]:
    """The ensemble members an experiment runs (``sim.config.ensemble.pick_members``)."""
    return pick_members(load_ensemble(), int(spec.get("members", 1)), int(spec["root_seed"]))


def launch(name: str, spec: dict, overrides: list[str], out: Path) -> None:
    """Run every scenario, member and replicate as one Hydra multirun into ``out/runs``."""
    picked = members(spec)
    command = [
        sys.executable, "-m", "sim", "-m",
        f"+{name}={','.join(scenarios(name))}",
        f"replicate=range(0,{spec['replicates']})",
        *([f"ensemble={','.join(map(str, picked))}"] if picked else []),
        f"scale={spec['scale']}", f"years={spec['years']}", f"root_seed={spec['root_seed']}",
        "progress=false", "figure=false",
        f"hydra.searchpath=[file://{EXPERIMENTS}]", f"hydra.sweep.dir={out / 'runs'}",
        *overrides,
    ]  # fmt: skip
    proc = subprocess.run(command, text=True)
    if proc.returncode != 0:
        sys.exit(proc.returncode)


def monthly(runs: pd.DataFrame, table: str, where: dict, column: str, area: str | None = None):
    """One monthly column of every run, long.

    Returns:
        ``scenario``, ``seed``, ``draw`` (ensemble member and seed), ``date`` (, ``area``)
        and ``value``.
    """
    parts = []
    for r in runs.itertuples():
        df = read_table(r.folder, table)
        for key, value in where.items():
            df = df[df[key] == value]
        keep = ["date", column] + ([area] if area else [])
        df = df[keep].rename(columns={column: "value", **({area: "area"} if area else {})})
        parts.append(df.assign(scenario=r.name, seed=r.seed, draw=f"{r.member}/{r.seed}"))
    return pd.concat(parts, ignore_index=True)


def mean_flows(runs: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Moves per year of a scenario, averaged over its replicates and complete years."""
    parts = []
    for r in runs[runs["name"] == scenario].itertuples():
        flows = read_table(r.folder, "flows_monthly")
        months = flows["month"].nunique()
        per_year = flows.groupby(["from_status", "to_status"], as_index=False)["count"].sum()
        parts.append(per_year.assign(count=per_year["count"] * 12 / months))
    df = pd.concat(parts)
    return df.groupby(["from_status", "to_status"], as_index=False)["count"].mean()


def policy_start(runs: pd.DataFrame) -> str | None:
    """The earliest start month (YYYY-MM) of any lever switched on in the runs, or None."""
    starts = []
    for r in runs.itertuples():
        start = first_start(provenance_of(r.folder)["config"])
        starts += [start] if start else []
    return min(starts) if starts else None


UNITS = {"filled": ("ASC filled posts", "posts, England", "count"),
         "vacancy_rate": ("ASC vacancy rate", "share of posts", "share"),
         "posts": ("ASC posts needed (funded posts)", "posts, England", "count")}  # fmt: skip


def draw(
    spec: dict, runs: pd.DataFrame, effects: pd.DataFrame, rollout: Rollout | None, out: Path
) -> list:
    """Every figure of the experiment; returns the paths written."""
    stamp, paths = figures.sweep_stamp(runs), []
    asc = {"sector": "asc"}
    start, labels = policy_start(runs), spec.get("labels")
    columns = ["filled", "vacancy_rate", *(["posts"] if spec["kind"] == "projection" else [])]
    for column in columns:
        title, ylabel, unit = UNITS[column]
        series = monthly(runs, "national_monthly", asc, column)
        fig = figures.fan_chart(series, title, ylabel, unit, start, labels)
        paths += figures.save(fig, out / f"fan_{column}", stamp)
        if column != "posts" and series["scenario"].nunique() > 1:
            diff = "percentage points" if unit == "share" else ylabel
            fig = figures.effect_chart(series, title, f"difference, {diff}", unit, start, labels)
            paths += figures.save(fig, out / f"effect_{column}", stamp)
    series = monthly(runs, "region_monthly", asc, "vacancy_rate", area="region")
    fig = figures.small_multiples(series, "ASC vacancy rate by region", "share of posts", labels)
    paths += figures.save(fig, out / "regions_vacancy_rate", stamp)
    period = f"April 2024 to March {2024 + int(spec['years'])}"
    title = f"Moves per year with no new policy: mean over the runs and {period}"
    fig = figures.flow_chart(mean_flows(runs, "baseline"), title)
    paths += figures.save(fig, out / "flows_baseline", stamp)
    last = effects[(effects["level"] == "england") & (effects["fy"] == effects["fy"].max())]
    last = last[last["scenario"] != "baseline"]
    if len(last):
        fig = effect_figures.cost_effect(last, f"Cost and effect in {last['fy'].iloc[0]}", labels)
        paths += figures.save(fig, out / "cost_effect", stamp)
    if spec["kind"] == "dose_response":
        dose = spec["dose"]
        doses = {"baseline": spec["baseline_dose"], **spec["doses"]}
        rows = last.assign(**{dose: last["scenario"].map(doses)})
        zero = pd.DataFrame(
            {
                "scenario": "baseline",
                "metric": m,
                dose: doses["baseline"],
                "diff_mean": 0.0,
                "diff_lo": 0.0,
                "diff_hi": 0.0,
                "unit": METRICS[m][0],
                "n": rows["n"].min(),
            }
            for m in spec["metrics"]
        )  # the baseline against itself: exactly no effect
        rows = pd.concat([rows, zero], ignore_index=True)
        paths += figures.save(
            effect_figures.dose_response(rows, dose, spec["metrics"]), out / "dose_response", stamp
        )
    if rollout is not None and len(rollout):
        labels = labels or {}
        fig = rollout_figures.rollout_panels(rollout.paths, rollout.outcome, labels)
        paths += figures.save(fig, out / "rollout_panels", stamp)
        fig = rollout_figures.event_study_chart(rollout.events, rollout.outcome, labels)
        paths += figures.save(fig, out / "event_study", stamp)
    return paths


LAUNCH_KEYS = ("replicates", "members", "scale", "years", "root_seed")
"""The settings of an experiment's launch (with its Hydra overrides) that key its folder."""


def launch_folder(root: Path, name: str, spec: dict, overrides: list[str]) -> Path:
    """The folder of this launch: ``<root>/<name>``, or a new one when that holds another.

    An experiment's folder records the settings it was launched with (``launch.json``). A
    rerun with the same settings resumes there; one with other settings (another scale,
    more replicates, an extra override) goes to ``<root>/<name>-<key>`` (``key``: a digest
    of its settings) and says so, so two launches never mix in one analysis and nothing
    already written is overwritten. A folder with no finished run yet (a launch refused or
    killed before its first run) is taken over.
    """
    settings = {k: str(spec[k]) for k in LAUNCH_KEYS if k in spec}
    settings["overrides"] = sorted(o for o in overrides if not o.startswith("results_dir="))
    out = root / name
    record = out / "launch.json"
    finished = any((out / "runs").glob("*/provenance.json"))
    if finished and record.exists() and json.loads(record.read_text()) != settings:
        key = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:8]
        earlier = json.loads(record.read_text())
        differ = sorted(k for k in settings if settings[k] != earlier.get(k))
        out = root / f"{name}-{key}"
        print(f"{root / name} holds a launch with other {', '.join(differ)}: this one goes to "
              f"{out}")  # fmt: skip
        record = out / "launch.json"
    out.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(settings, indent=2) + "\n")
    return out


def run(name: str, options: list[str]) -> Path:
    """Launch, analyse and draw one experiment; returns its results folder."""
    spec, overrides = load(name, options)
    root = Path("results")
    results_dir = [o for o in overrides if o.startswith("results_dir=")]
    if results_dir:
        root = Path(results_dir[-1].partition("=")[2])
    for path in (root, root / name):
        if path.exists() and not path.is_dir():
            raise ExperimentError(
                f"results_dir={str(root)!r} is not allowed: expected a folder ({path} is a file)"
            )
    out = launch_folder(root, name, spec, overrides)
    launch(name, spec, overrides, out)
    runs = runs_table(out / "runs")
    runs = runs[runs["name"].isin(scenarios(name))]
    metrics = pd.concat(
        [
            headline(read_tables(r.folder)).assign(scenario=r.name, seed=r.seed, member=r.member)
            for r in runs.itertuples()
        ],
        ignore_index=True,
    )
    effects = paired_effects(metrics, baseline="baseline")
    write_csv(effects, out / "effects.csv")
    write_csv(cost_per_outcome(metrics, "baseline"), out / "cost_per_outcome.csv")
    rollout = None
    if spec["kind"] == "rollout":
        rollout = rollout_effects(out / "runs", "baseline", spec["outcome"], by_name=True)
        write_csv(rollout.cohorts, out / "rollout_did.csv")
        write_csv(rollout.events, out / "rollout_event_study.csv")
    paths = draw(spec, runs, effects, rollout, out)
    cohorts = rollout.cohorts if rollout is not None else None
    text = summary_markdown(name, spec, runs, metrics, effects, cohorts, paths)
    (out / "summary.md").write_text(text)
    print(text)
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: ``carework experiment <name> [replicates=N] [overrides...]``."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        print("experiments:", ", ".join(sorted(p.stem for p in EXPERIMENTS.glob("*.yaml"))))
        return
    try:
        out = run(argv[0], argv[1:])
    except ExperimentError as err:
        print(f"config error: {err}", file=sys.stderr)
        sys.exit(2)
    print(f"figures, tables and summary written to {out}")
