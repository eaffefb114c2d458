"""The Python API for many runs: a baseline and reforms, paired over replicates."""

import pytest
from PIL import Image

from sim.config import ConfigError, load_config
from sim.scenarios import Scenarios

TINY = {"scale": 0.002, "years": 2, "handles": "employers"}


def test_keyword_settings_compose_like_overrides():
    cfg = load_config(scale=0.01, policy=["pay_parity"], **{"policies.pay_parity.share": 0.5})
    same = load_config(["scale=0.01", "policy=[pay_parity]", "policies.pay_parity.share=0.5"])
    assert cfg == same and cfg.policies.pay_parity.enabled


def test_bad_settings_fail_before_any_run():
    study = Scenarios({"parity": ["policies.pay_parity.share=2"]}, common=TINY, replicates=2)
    with pytest.raises(ConfigError, match="policies.pay_parity.share"):
        study.run()
    with pytest.raises(ValueError, match="name of the comparison run"):
        Scenarios({"baseline": []})


@pytest.mark.slow  # eight runs
def test_reforms_are_paired_with_the_baseline_replicate_by_replicate(tmp_path):
    study = Scenarios(
        {"fair pay": {"policy": ["fair_pay"], "policies.fair_pay.start": "2024-06"}},
        common=TINY,
        replicates=2,
    )
    assert "1 reforms [fair pay] x 1 member(s) x 2 replicates" in repr(study)
    runs = study.configs()
    seeds = {name: sorted(cfg.seed for n, cfg in runs if n == name) for name, _ in runs}
    assert seeds["baseline"] == seeds["fair pay"] and len(set(seeds["baseline"])) == 2
    effects = study.run()
    row = effects[
        (effects["scenario"] == "fair pay")
        & (effects["level"] == "england")
        & (effects["metric"] == "cost_gbp")
        & (effects["fy"] == "2025/26")
    ].iloc[0]
    assert row["n"] == 2 and row["diff_mean"] > 0, "a fair pay agreement costs money"
    base = effects[effects["scenario"] == "baseline"]
    assert (base["diff_mean"] == 0).all()
    fig = study.plot("filled", "ASC filled posts")
    assert "2 replicates" in fig.axes[0].get_title()
    paths = study.save(study.plot("vacancy_rate", effect=True, labels={"fair pay": "FPA"}),
                       tmp_path / "effect")  # fmt: skip
    assert sorted(p.suffix for p in paths) == [".pdf", ".png"]
    stamp = Image.open(paths[1] if paths[1].suffix == ".png" else paths[0]).text["Description"]
    assert "4 runs, 2 seeds" in stamp and "scale 0.002" in stamp
