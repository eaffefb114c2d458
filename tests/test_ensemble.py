import json
import math

import pandas as pd
import pytest

from sim.analysis.paired import decompose, paired_effects
from sim.config import ConfigError, SimConfig
from sim.config.ensemble import apply_member, load_ensemble

NAMES = ("behaviour.utility_log_earnings", "entry.nhs_professional_entrants_per_year")


@pytest.fixture
def ensemble(tmp_path):
    cfg = SimConfig()
    default = [getattr(getattr(cfg, n.split(".")[0]), n.split(".")[1]) for n in NAMES]
    rows = [default, [default[0] + 1.0, 50_000.4], [default[0] - 1.0, 60_000.0]]
    table = pd.DataFrame(rows, columns=NAMES).assign(weight=[0.5, 0.25, 0.25])
    table.to_csv(tmp_path / "e.csv", index=False)
    meta = {"representative": 0, "date": "2026-12-03", "method": "m", "scale": 0.02, "epsilon": 1}
    (tmp_path / "e.json").write_text(json.dumps(meta))
    return load_ensemble(tmp_path / "e.csv", tmp_path / "e.json")


def test_a_member_sets_its_coefficients_with_their_types(ensemble):
    cfg = apply_member(SimConfig(), 1, ensemble)
    assert cfg.behaviour.utility_log_earnings == SimConfig().behaviour.utility_log_earnings + 1.0
    assert cfg.entry.nhs_professional_entrants_per_year == pytest.approx(50_000.4)
    assert "member 2 of 3" in ensemble.source(2) and "representative" in ensemble.source(0)


@pytest.mark.parametrize(
    ("k", "says"),
    [(3, "expected null or 0 to 2"), (-1, "expected null or 0 to 2")],
)
def test_a_member_out_of_range_is_refused(ensemble, k, says):
    with pytest.raises(ConfigError, match=says):
        apply_member(SimConfig(), k, ensemble)


def test_a_coefficient_set_by_hand_and_by_the_member_is_refused(ensemble):
    cfg = SimConfig()
    cfg.behaviour.utility_log_earnings += 0.5
    with pytest.raises(ConfigError, match="behaviour.utility_log_earnings=.*ensemble=2"):
        apply_member(cfg, 2, ensemble)
    with pytest.raises(ConfigError, match="no ensemble is shipped"):
        apply_member(SimConfig(), 0, None)


def test_decompose_splits_the_spread_into_member_and_seed_parts():
    diff = pd.Series([1.0, 3.0, 5.0, 7.0])
    member = pd.Series([0, 0, 1, 1])
    members, lo, hi, param_sd, seed_sd = decompose(diff, member)
    assert members == 2
    assert param_sd == pytest.approx(math.sqrt(8.0))  # member means 2 and 6
    assert seed_sd == pytest.approx(math.sqrt(2.0))  # each member's replicates 1 apart of 2
    assert (lo, hi) == pytest.approx((1.3, 6.7))
    assert math.isnan(decompose(diff, pd.Series([0, 0, 0, 0]))[3])


def test_pairs_are_formed_within_a_member_and_replicate():
    rows = []
    for member, shift in ((0, 0.0), (1, 10.0)):
        for seed in (1, 2):
            for scenario, effect in (("baseline", 0.0), ("lever", 1.0 + member)):
                rows.append(
                    {"scenario": scenario, "seed": seed, "member": member, "level": "england",
                     "area": "England", "fy": "2038/39", "metric": "vacancy_rate",
                     "value": shift + seed + effect}
                )  # fmt: skip
    effects = paired_effects(pd.DataFrame(rows), baseline="baseline")
    out = effects.set_index("scenario").loc["lever"]
    assert out["n"] == 4 and out["members"] == 2
    assert out["diff_mean"] == pytest.approx(1.5)
    assert out["seed_sd"] == pytest.approx(0.0)  # common random numbers within each member
    assert out["param_sd"] == pytest.approx(math.sqrt(0.5))
