"""Total reward beyond basic pay: each employer's parts and the tables that report them."""

import numpy as np
import pytest

from sim import CareWorkforceModel, load_config
from sim.config import SimConfig
from sim.state import (
    ASC,
    NHS,
    OUTSIDE,
    OWNER_INDEPENDENT,
    OWNER_LA,
    R_LEAVE,
    R_PENSION,
    ROLE_CARE_WORKER,
)
from sim.world import reward


def test_the_nhs_package_adds_pension_sick_pay_enhancements_and_leave():
    r = SimConfig().reward
    parts = reward.nhs_parts(r)
    assert parts[R_PENSION] == r.nhs_pension
    # 35 days off against the statutory 28: 7 more paid days per 225 worked
    assert parts[R_LEAVE] == pytest.approx(7 / 225)
    assert reward.occupational_sick_pay(r) == pytest.approx(0.05 * 0.75)
    assert parts.sum() == pytest.approx(0.237 + 0.0375 + 0.08 + 7 / 225)


def test_independent_care_employers_draw_the_published_shares_of_better_terms():
    r = SimConfig().reward
    n = 20_000
    sector = np.full(n, ASC, np.int8)
    parts = reward.site_parts(r, sector, np.full(n, OWNER_INDEPENDENT, np.int8), seed=5)
    better = parts[:, R_PENSION] > r.pension_minimum
    assert better.mean() == pytest.approx(r.asc_pension_above_minimum_share, abs=0.015)
    assert set(np.unique(parts[:, R_PENSION])) == {r.pension_minimum, r.asc_pension_above_minimum}
    assert (parts[:, R_LEAVE] == 0).all()  # the statutory 28 days
    again = reward.site_parts(r, sector, np.full(n, OWNER_INDEPENDENT, np.int8), seed=5)
    np.testing.assert_array_equal(parts, again)  # keyed on the seed


def test_councils_pay_their_own_package_and_outside_employers_the_minimum():
    r = SimConfig().reward
    sector = np.array([ASC, NHS, OUTSIDE], np.int8)
    owner = np.array([OWNER_LA, 2, 3], np.int8)
    parts = reward.site_parts(r, sector, owner, seed=1)
    assert parts[0, R_PENSION] == r.la_pension
    np.testing.assert_array_equal(parts[1], reward.nhs_parts(r))
    assert parts[2, R_PENSION] == r.pension_minimum
    assert parts[1].sum() > parts[0].sum() > parts[2].sum()


def test_parity_on_pensions_costs_the_rise_times_each_care_workers_pay():
    cfg = load_config(
        [
            "scale=0.005",
            "years=1",
            "warm_up_months=0",
            "progress=false",
            "policy=[pay_parity]",
            "policies.pay_parity.start=2024-04",
            "policies.pay_parity.reward_parts=[pension]",
        ]
    )
    model = CareWorkforceModel(cfg)
    model.step()
    s, w, n = model.sites, model.workers, model.n
    care = s.sector == ASC
    assert (s.reward[care, R_PENSION] == cfg.reward.nhs_pension).all()
    assert (s.reward[~care] == model.base_reward[~care]).all()  # NHS and outside untouched
    staff = np.flatnonzero(w.status[:n] == ASC)
    site = w.site[staff]
    rise = cfg.reward.nhs_pension - model.base_reward[site, R_PENSION]
    weeks = 52.0 / 12.0
    expected = (rise * w.pay_per_hour[staff] * w.hours_per_week[staff]).sum() * weeks / cfg.scale
    cost = model.levers.costs[("pay_parity", "pension", "government")]
    assert cost == pytest.approx(expected, rel=1e-9)


def test_the_gap_to_band3_is_read_off_independent_care_workers_pay_and_packages():
    cfg = load_config(["scale=0.005", "years=1", "warm_up_months=0", "progress=false"])
    model = CareWorkforceModel(cfg)
    model.step()  # one month: the table's means are this month's state
    gap = model.tables()["reward_gap_annual"].iloc[0]
    w, s, n = model.workers, model.sites, model.n
    staff = np.flatnonzero(
        (w.status[:n] == ASC)
        & (w.role[:n] == ROLE_CARE_WORKER)
        & (s.owner[np.maximum(w.site[:n], 0)] == OWNER_INDEPENDENT)
    )
    pay = w.pay_per_hour[staff]
    total = pay * (1.0 + s.reward[w.site[staff]].sum(axis=1))
    assert gap["independent_pay_per_hour"] == pytest.approx(pay.mean(), rel=1e-9)
    assert gap["independent_total_reward_per_hour"] == pytest.approx(total.mean(), rel=1e-9)
    band3 = model.band3_entry * (1.0 + model.nhs_non_wage)
    assert gap["independent_total_reward_gap_to_band3"] == pytest.approx(
        band3 / total.mean() - 1.0, rel=1e-9
    )
    assert 0.2 < gap["independent_total_reward_gap_to_band3"] < 0.45  # published: 30.3%
