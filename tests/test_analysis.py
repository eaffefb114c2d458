"""Paired effects, their intervals, and difference-in-differences on known answers."""

import numpy as np
import pandas as pd
import pytest

from sim.analysis.catalogue import runs_table
from sim.analysis.did import cohorts_from_config, estimate_run
from sim.analysis.paired import paired_effects, t_interval
from sim.output.headline import METRICS, headline


def test_headline_has_every_metric_for_england(tiny_run):
    _, tables = tiny_run
    h = headline(tables)
    england = h[h["level"] == "england"]
    assert set(england["metric"]) == set(METRICS)
    assert set(england["fy"]) == set(tables["national_annual"]["fy"])
    assert set(h.loc[h["level"] == "ics", "area"]) == set(tables["ics_monthly"]["ics"])
    vac = england[england["metric"] == "vacancy_rate"]["value"]
    assert ((vac > 0) & (vac < 0.5)).all()
    for metric in ("asc_to_nhs", "nhs_to_asc"):  # by area, adding up to England
        by_level = h[h["metric"] == metric].groupby(["level", "fy"])["value"].sum().unstack(0)
        assert np.allclose(by_level["ics"], by_level["england"])
        assert np.allclose(by_level["region"], by_level["england"])
        assert (by_level["england"] > 0).all()


def test_paired_difference_of_a_run_against_itself_is_exactly_zero(tiny_run):
    _, tables = tiny_run
    h = headline(tables)
    metrics = pd.concat(
        [h.assign(scenario=s, seed=seed) for s in ("policy=none", "same") for seed in (1, 2)]
    )
    effects = paired_effects(metrics)
    same = effects[effects["scenario"] == "same"]
    assert len(same) == len(h) and (same["n"] == 2).all()
    assert (same["diff_mean"] == 0).all()
    assert (same["diff_lo"] == 0).all() and (same["diff_hi"] == 0).all()


def _synthetic(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    base = rng.normal(100.0, 10.0, n)
    effect = rng.normal(2.0, 1.0, n)
    rows = [
        {
            "scenario": s,
            "seed": k,
            "level": "england",
            "area": "England",
            "fy": "2024/25",
            "metric": "filled_posts",
            "value": base[k] + (effect[k] if s == "lever" else 0.0),
        }
        for k in range(n)
        for s in ("policy=none", "lever")
    ]
    return pd.DataFrame(rows)


def test_intervals_shrink_with_more_replicates():
    widths = []
    for n in (5, 20, 80):
        e = paired_effects(_synthetic(n)).query("scenario == 'lever'").iloc[0]
        assert e["n"] == n and e["diff_lo"] < e["diff_mean"] < e["diff_hi"]
        widths.append(e["diff_hi"] - e["diff_lo"])
    assert widths[0] > widths[1] > widths[2]


def test_t_interval_covers_the_true_mean_95_percent_of_the_time():
    rng = np.random.default_rng(11)
    hits = [
        lo < 2.0 < hi for lo, hi in (t_interval(rng.normal(2.0, 1.0, 5), 0.95) for _ in range(2000))
    ]
    assert 0.935 < np.mean(hits) < 0.965


def test_one_replicate_has_no_interval_and_unpaired_baseline_is_refused():
    lo, hi = t_interval(np.array([1.0]), 0.95)
    assert np.isnan(lo) and np.isnan(hi)
    with pytest.raises(ValueError, match="baseline"):
        paired_effects(_synthetic(3), baseline="policy=missing")


def test_staggered_did_recovers_a_known_effect_against_untreated_areas():
    months = np.arange(36)
    trend = 0.08 + 0.001 * months
    panel = pd.DataFrame({a: trend + i * 0.01 for i, a in enumerate("ABCDEF")}, index=months)
    cohorts = {12: ["A", "B"], 24: ["C"]}
    scenario = panel.copy()
    scenario.loc[12:, ["A", "B"]] -= 0.02
    scenario.loc[24:, "C"] -= 0.02
    # an already-treated area drifting must not bias later cohorts
    scenario.loc[24:, ["A", "B"]] -= 0.05
    did, _ = estimate_run(scenario, panel, cohorts, "vacancy_rate")
    did = did.set_index("cohort")
    assert did.loc["April 2026", "att"] == pytest.approx(-2.0), "points, against D, E, F only"
    assert did.loc["April 2026", "true"] == pytest.approx(-2.0)
    assert did.loc["April 2026", "n_control"] == 3
    assert did.loc["overall", "n_treated"] == 3
    with pytest.raises(ValueError, match="never treated"):
        estimate_run(scenario, panel, {12: list("ABCDEF")}, "vacancy_rate")


def test_cohorts_follow_each_areas_start_month():
    ics_region = pd.Series({"A": "North", "B": "North", "C": "South"})
    lever = {
        "enabled": True,
        "start": "2026-04",
        "areas": ["North", "C"],
        "area_starts": ["2025-04", "2026-04"],
    }
    cohorts = cohorts_from_config({"policies": {"rural_coastal": lever}}, ics_region)
    assert cohorts == {12: ["A", "B"], 24: ["C"]}
    lever["area_starts"] = []
    assert cohorts_from_config({"policies": {"x": lever}}, ics_region) == {24: ["A", "B", "C"]}


def test_every_experiment_labels_each_of_its_scenarios():
    from omegaconf import OmegaConf

    from sim.analysis.experiment import EXPERIMENTS, scenarios

    for path in EXPERIMENTS.glob("*.yaml"):
        labels = OmegaConf.to_container(OmegaConf.load(path)).get("labels", {})
        assert set(labels) == set(scenarios(path.stem)), path.stem
        assert all(text.strip() for text in labels.values())


def _run_folder(root, name, seed, scale, policies=None):
    """A run folder with provenance only (enough for the runs table and its launches)."""
    import json

    folder = root / f"{name}_{scale}_s{seed}"
    folder.mkdir(parents=True)
    config = {"name": name, "seed": seed, "scale": scale, "years": 2,
              "policies": policies or {}}  # fmt: skip
    prov = {"config": config, "seed": seed, "config_hash": f"{name}{scale}",
            "git_commit": "x"}  # fmt: skip
    (folder / "provenance.json").write_text(json.dumps(prov))


def test_a_sweep_of_two_launches_is_refused_unless_pooled_and_never_paired_across(tmp_path):
    from sim.analysis.paired import launches, paired_effects, sweep_metrics

    for scale in (0.01, 0.02):
        _run_folder(tmp_path, "baseline", 1, scale)
    with pytest.raises(ValueError, match=r"2 launches \(scale=0.01: 1 runs; scale=0.02: 1 runs\)"):
        sweep_metrics(tmp_path)
    assert list(launches(runs_table(tmp_path))) == ["scale=0.01", "scale=0.02"]
    row = {"level": "england", "area": "England", "fy": "2024/25", "metric": "vacancy_rate"}
    metrics = pd.DataFrame(
        [
            {**row, "scenario": s, "seed": 1, "launch": launch, "value": v}
            for s, launch, v in (
                ("policy=none", "scale=0.01", 0.10),
                ("policy=none", "scale=0.02", 0.20),
                ("policy=x", "scale=0.01", 0.09),
                ("policy=x", "scale=0.02", 0.19),
            )
        ]
    )
    effect = paired_effects(metrics).set_index("scenario").loc["policy=x"]
    assert effect["n"] == 2 and effect["diff_mean"] == pytest.approx(-0.01)
