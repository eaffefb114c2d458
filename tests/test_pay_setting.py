"""Care pay bounded by fee income: when the NLW outpaces fees, care pay compresses."""

import pytest

from sim import CareWorkforceModel, load_config


def _care_pay_over_nlw(*overrides: str) -> float:
    """Care workers' mean pay over the NLW in 2025/26 (share above it)."""
    cfg = load_config(["scale=0.005", "years=2", "progress=false", "seed=3", *overrides])
    model = CareWorkforceModel(cfg).run()
    roles = model.tables()["role_monthly"]
    care = roles[(roles["sector"] == "asc") & (roles["role"] == "care_worker")]
    pay = care[care["fy"] == "2025/26"]["pay_mean_per_hour"].mean()
    return pay / cfg.pay.nlw_path[1] - 1.0


@pytest.mark.slow
def test_fees_that_lag_the_nlw_compress_care_pay_towards_it():
    """April 2025's NLW rose 6.7%: fees rising 4.5% leave care pay closer to the NLW than
    fees that rise with it."""
    lagging = _care_pay_over_nlw()
    keeping_pace = _care_pay_over_nlw("pay.fee_growth_per_year=[0.0673,0.041]")
    assert lagging < keeping_pace - 0.005
