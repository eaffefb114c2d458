"""``carework compare``: two single runs of one seed, paired; any other pair refused."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from sim.analysis import compare


def _fake_run(folder, **settings):
    folder.mkdir(parents=True)
    config = {"seed": 1, "scale": 0.01, "years": 3, "warm_up_months": 12, "start": "2024-04",
              "engine": "numba", "policies": {}}  # fmt: skip
    config.update(settings)
    prov = {"config": config, "seed": config["seed"], "scale": config["scale"],
            "ensemble_member": 2}  # fmt: skip
    (folder / "provenance.json").write_text(json.dumps(prov))
    return folder


def test_runs_that_differ_in_seed_or_scale_are_refused_naming_the_setting(tmp_path):
    a = _fake_run(tmp_path / "a")
    assert compare.check_pair(a, _fake_run(tmp_path / "b"))
    with pytest.raises(compare.CompareError, match="^seed differs"):
        compare.check_pair(a, _fake_run(tmp_path / "c", seed=2))
    with pytest.raises(compare.CompareError, match="^scale differs"):
        compare.check_pair(a, _fake_run(tmp_path / "d", scale=0.02))
    with pytest.raises(compare.CompareError, match="not a finished run folder"):
        compare.check_pair(a, tmp_path / "missing")


@pytest.mark.slow
def test_two_runs_of_one_seed_compare_to_zero_before_the_lever_and_not_after(tmp_path):
    common = ["scale=0.002", "years=3", "progress=false", "figure=false", "seed=4",
              f"results_dir={tmp_path}"]  # fmt: skip
    for extra in ([], ["policy=[pay_parity]", "name=parity"]):
        proc = subprocess.run([sys.executable, "-m", "sim", *common, *extra], cwd=tmp_path,
                              capture_output=True, text=True)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
    (base,) = tmp_path.glob("baseline_*")
    (parity,) = tmp_path.glob("parity_*")
    compare.main([str(base), str(parity), "--out", str(tmp_path / "out")])
    df = pd.read_csv(tmp_path / "out" / "compare.csv")
    england = df[(df["level"] == "england") & (df["metric"] == "cost_gbp")].set_index("fy")
    assert (england.loc[["2024/25", "2025/26"], "diff"] == 0).all(), "same draws before April 2026"
    assert england.loc["2026/27", "diff"] > 0, "parity costs from its start"
    assert (tmp_path / "out" / "compare.png").stat().st_size > 10_000
