"""Named experiments: every scenario config runs at a tiny scale; the command end to end."""

import json
import subprocess
import sys

import pandas as pd
import pytest
from omegaconf import OmegaConf

from sim import CareWorkforceModel, load_config
from sim.analysis.analyse import main as analyse_main
from sim.analysis.catalogue import runs_table
from sim.analysis.experiment import EXPERIMENTS, KINDS, scenarios
from sim.analysis.paired import scenario_labels

# Every case here starts a run, a sweep or a benchmark in another process: the slow tier.
pytestmark = pytest.mark.slow

NAMES = sorted(p.stem for p in EXPERIMENTS.glob("*.yaml"))
SEARCH = f"hydra.searchpath=[file://{EXPERIMENTS}]"


def test_there_are_the_eight_named_experiments_each_complete():
    assert len(NAMES) == 8
    for name in NAMES:
        spec = OmegaConf.to_container(OmegaConf.load(EXPERIMENTS / f"{name}.yaml"))
        assert spec["kind"] in KINDS and spec["description"].strip()
        assert spec["replicates"] >= 2 and 0 < spec["scale"] <= 1 and spec["years"] >= 5
        names = scenarios(name)
        assert names[0] == "baseline" and len(names) >= (1 if spec["kind"] == "projection" else 2)
        if spec["kind"] == "dose_response":
            assert set(spec["doses"]) == set(names[1:])


@pytest.mark.parametrize(("experiment", "scenario"), [(e, s) for e in NAMES for s in scenarios(e)])
def test_every_experiment_scenario_runs_at_a_tiny_scale(experiment, scenario):
    tiny = ["scale=0.002", "years=5", "progress=false", "handles=employers"]
    cfg = load_config([f"+{experiment}={scenario}", SEARCH, *tiny])
    assert cfg.name == scenario
    levers = [k for k, v in vars(cfg.policies).items() if v.enabled]
    assert (scenario == "baseline") == (not levers)
    tables = CareWorkforceModel(cfg).run().tables()
    assert len(tables["status_monthly"]) == 60


def run_experiment(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "sim.cli", "experiment", *args],
        cwd=cwd, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def test_unknown_experiment_or_bad_replicates_is_refused(tmp_path):
    proc = run_experiment("no_such_study", cwd=tmp_path)
    assert proc.returncode == 2 and "pay_parity_dose" in proc.stderr
    proc = run_experiment("fair_pay", "replicates=0", cwd=tmp_path)
    assert proc.returncode == 2 and "replicates" in proc.stderr
    proc = run_experiment("fair_pay", "replicates=1", "members=1", cwd=tmp_path)
    assert proc.returncode == 2 and "at least 2 runs of each scenario" in proc.stderr
    assert not (tmp_path / "results").exists(), "refused before any run"


def test_rollout_experiment_end_to_end_and_resumed(tmp_path):
    args = ["rural_coastal_rollout", "scale=0.002", "years=4", "replicates=2", "members=1",
            f"results_dir={tmp_path}", "hydra.launcher.n_jobs=2"]  # fmt: skip
    proc = run_experiment(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "rural_coastal_rollout"
    for stem in ("fan_filled", "fan_vacancy_rate", "regions_vacancy_rate", "flows_baseline",
                 "cost_effect", "rollout_panels", "event_study"):  # fmt: skip
        assert (out / f"{stem}.png").stat().st_size > 10_000
        assert (out / f"{stem}.pdf").exists()
    effects = pd.read_csv(out / "effects.csv")
    assert set(effects["scenario"]) == {"baseline", "rural_coastal_4_ics"}
    assert (effects["n"] == 2).all()
    base = effects[effects["scenario"] == "baseline"]
    assert (base["diff_mean"] == 0).all(), "the baseline against itself has no effect"
    did = pd.read_csv(out / "rollout_did.csv").set_index("cohort")
    assert did.loc["overall", "n"] == 2 and did.loc["overall", "n_treated"] == 4
    assert list(did.index) == ["April 2026", "April 2027", "overall"]  # two waves by date
    assert (did["unit"] == "pp").all() and did["true_mean"].notna().all()
    assert did["coverage"].between(0, 1).all()
    events = pd.read_csv(out / "rollout_event_study.csv")
    assert (events.loc[events["rel"] == -1, "estimate_mean"] == 0).all(), "the reference"
    summary = (out / "summary.md").read_text()
    assert "difference-in-differences" in summary.lower() and "| 2 |" in summary
    assert "April 2024 to March 2028" in summary and "2040" not in summary
    proc = run_experiment(*args, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.count("already complete") == 4
    labels = scenario_labels(runs_table(out / "runs"))
    baseline = next(label for label in labels if label.startswith("policy=none"))
    analyse_main([str(out / "runs"), "--baseline", baseline])  # the same runs, as a sweep
    again = pd.read_csv(out / "runs" / "rollout_did.csv").set_index("cohort")
    assert again["att_mean"].to_numpy() == pytest.approx(did["att_mean"].to_numpy())
    assert (out / "runs" / "event_study.png").stat().st_size > 10_000
    assert set(pd.read_csv(out / "runs" / "cost_per_outcome.csv")["n"]) == {2}


def test_an_experiment_over_ensemble_members_pairs_within_members(tmp_path):
    from sim.config.ensemble import load_ensemble

    if load_ensemble() is None:
        pytest.skip("no calibration ensemble shipped")
    args = ["fair_pay", "scale=0.002", "years=5", "replicates=2", "members=2",
            f"results_dir={tmp_path}", "hydra.launcher.n_jobs=2"]  # fmt: skip
    proc = run_experiment(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    effects = pd.read_csv(tmp_path / "fair_pay" / "effects.csv")
    lever = effects[effects["scenario"] != "baseline"]
    assert (lever["n"] == 4).all() and (lever["members"] == 2).all()
    assert lever["param_sd"].notna().all() and lever["seed_sd"].notna().all()
    assert (lever["band_lo"] <= lever["band_hi"]).all()
    summary = (tmp_path / "fair_pay" / "summary.md").read_text()
    assert "ensemble members" in summary
    assert "Who pays" in summary and "| self-funders |" in summary
    costed = pd.read_csv(tmp_path / "fair_pay" / "cost_per_outcome.csv")
    assert "all years" in set(costed["fy"]) and (costed["n"] == 4).all()
    assert {"cost to all payers", "cost to central government"} <= set(costed["cost"])
    quoted = costed.dropna(subset=["per_outcome"])
    assert (quoted["per_outcome_lo"] <= quoted["per_outcome_hi"]).all()
    assert costed.loc[costed["per_outcome"].isna(), "note"].str.contains("no ratio").all()


def test_a_rerun_with_other_settings_goes_to_its_own_folder(tmp_path, capsys):
    from sim.analysis.experiment import launch_folder, load

    spec, rest = load("fair_pay", ["scale=0.002", "replicates=2"])
    first = launch_folder(tmp_path, "fair_pay", spec, rest)
    assert first == tmp_path / "fair_pay"
    (first / "runs" / "baseline_x").mkdir(parents=True)
    (first / "runs" / "baseline_x" / "provenance.json").write_text("{}")  # a finished run
    assert launch_folder(tmp_path, "fair_pay", spec, rest) == first, "same settings: resume"
    spec3, rest3 = load("fair_pay", ["scale=0.003", "replicates=2"])
    other = launch_folder(tmp_path, "fair_pay", spec3, rest3)
    assert other.parent == tmp_path and other.name.startswith("fair_pay-")
    assert "other scale" in capsys.readouterr().out
    assert json.loads((first / "launch.json").read_text())["scale"] == "0.002", "untouched"
    assert launch_folder(tmp_path, "fair_pay", spec3, rest3) == other, "its own resume"
