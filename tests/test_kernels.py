"""Kernels against closed-form cases."""

import numpy as np
import pytest

from sim.config import SimConfig
from sim.kernels import choice, demand, pay, separations
from sim.state import (
    ASC,
    N_TERMS,
    NHS,
    NONEMP,
    OUTSIDE,
    RETIRED,
    T_ENTRY_COST,
    T_SWITCH_CUT,
    Workers,
)

NO_TERMS = np.zeros((1, N_TERMS))  # site terms of a table with no sites


def workers(n: int, status: int, age_years: float) -> Workers:
    w = Workers.empty(n)
    w.status[:] = status
    w.age_months[:] = int(age_years * 12)
    w.site[:] = -1
    return w


def test_constant_exit_hazard_gives_binomial_leaver_count():
    cfg = SimConfig()
    cfg.separation.exit_to_non_employment = 0.02
    hazards = separations.hazard_vector(cfg.separation)
    n = 100_000
    w = workers(n, ASC, 30)
    dest = np.zeros(n, np.int64)
    separations.age_and_decide(w.as_tuple(), n, hazards, NO_TERMS, 11, 0, dest)
    left = int((dest == NONEMP).sum())
    sd = np.sqrt(n * 0.02 * 0.98)
    assert abs(left - n * 0.02) < 4 * sd
    assert (dest == RETIRED).sum() == 0  # nobody retires at 30


def test_everyone_retires_at_the_maximum_age():
    cfg = SimConfig()
    hazards = separations.hazard_vector(cfg.separation)
    n = 1000
    w = workers(n, OUTSIDE, cfg.separation.max_age_years)
    w.age_months[:] -= 1  # ageing takes them to the maximum this month
    dest = np.zeros(n, np.int64)
    separations.age_and_decide(w.as_tuple(), n, hazards, NO_TERMS, 3, 0, dest)
    assert (dest == RETIRED).all()


def test_retirement_hazard_by_age_band():
    h = separations.hazard_vector(SimConfig().separation)
    assert separations.retirement_probability(h, 59 * 12) == 0.0
    assert separations.retirement_probability(h, 62 * 12) == h[separations.H_RETIRE_60]
    assert separations.retirement_probability(h, 72 * 12) == h[separations.H_RETIRE_70]


def test_search_probability_is_logistic_in_the_parity_gap():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    base = beta[choice.B_SEARCH_BASE]
    assert choice.search_probability(beta, ASC, 0.0, 0, 0.0) == pytest.approx(base)
    assert choice.search_probability(beta, ASC, -0.2, 0, 0.0) == pytest.approx(base)
    gap = 0.1
    logit = np.log(base / (1 - base)) + beta[choice.B_SEARCH_GAP] * gap
    expected = 1 / (1 + np.exp(-logit))
    assert choice.search_probability(beta, ASC, gap, 0, 0.0) == pytest.approx(expected)
    assert choice.search_probability(beta, ASC, gap, 1, 0.0) > expected


def test_job_value_rises_with_pay_and_falls_with_commute():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    u = choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 5.0, False, 0, ASC, 1.0)
    assert choice.job_value(beta, 13.0, 0.05, 30.0, 0.3, 5.0, False, 0, ASC, 1.0) > u
    assert choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 15.0, False, 0, ASC, 1.0) < u
    assert choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 5.0, False, 1, ASC, 1.0) < u
    # a 10% pay rise is worth utility_log_earnings * log(1.1)
    du = choice.job_value(beta, 13.2, 0.05, 30.0, 0.3, 5.0, False, 0, ASC, 1.0) - u
    assert du == pytest.approx(beta[choice.B_LOG_EARNINGS] * np.log(1.1))


def test_an_asc_job_is_worth_utility_asc_non_british_more_to_a_non_british_worker():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    beta[choice.B_ASC_NON_BRITISH] = 0.7
    for sector, extra in ((ASC, 0.7), (NHS, 0.0), (OUTSIDE, 0.0)):
        british = choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 5.0, False, 0, sector, 1.0, 0)
        other = choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 5.0, False, 0, sector, 1.0, 1)
        assert other - british == pytest.approx(extra), sector


def test_reward_beyond_pay_is_worth_its_weight_in_pay():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    beta[choice.B_NON_WAGE] = 1.0  # weight 1: a pound of pension is worth a pound of pay
    via_pension = choice.job_value(beta, 12.0, 0.10, 30.0, 0.3, 5.0, False, 0, ASC, 1.0)
    via_pay = choice.job_value(beta, 13.2, 0.0, 30.0, 0.3, 5.0, False, 0, ASC, 1.0)
    assert via_pension == pytest.approx(via_pay)
    beta[choice.B_NON_WAGE] = 0.0  # valued at nothing: only basic pay counts
    assert choice.job_value(beta, 12.0, 0.10, 30.0, 0.3, 5.0, False, 0, ASC, 1.0) == pytest.approx(
        choice.job_value(beta, 12.0, 0.0, 30.0, 0.3, 5.0, False, 0, ASC, 1.0)
    )


def test_a_care_worker_searches_less_as_its_reward_nears_the_nhs_package():
    beta = choice.behaviour_vector(SimConfig().behaviour)

    def p(own_non_wage):  # same basic pay as the NHS band, whose package is 0.4 of pay
        return choice.worker_search_probability(
            beta, ASC, 0, 12.0, own_non_wage, 12.0, 0.4, 0, 5.0, False, 0.0, 40 * 12, 12.0
        )

    assert p(0.05) > p(0.2) > p(0.4)
    assert p(0.4) == pytest.approx(p(0.6))  # at or above the NHS package: no parity pull


def test_posts_grow_at_the_compound_rate():
    target = np.full((3, 4), 100.0)
    offset = np.zeros((3, 4))
    posts = np.zeros((3, 4), np.int32)
    filled = np.zeros((3, 4), np.int32)
    sector = np.array([0, 1, 2], np.int8)
    growth = np.array([1.01, 1.002, 1.0005])
    for _ in range(12):
        demand.grow_posts(target, offset, posts, filled, sector, growth, np.ones(3))
    assert target[0, 0] == pytest.approx(100 * 1.01**12)
    assert posts[0, 0] == int(np.floor(100 * 1.01**12))
    assert posts[2, 0] == int(np.floor(100 * 1.0005**12)), "outside jobs grow like any posts"


def test_personal_pay_steps():
    assert pay.personal_pay(12.0, 0, 0, 0.01, 0.02) == pytest.approx(12.0)
    assert pay.personal_pay(12.0, 60, 2, 0.01, 0.02) == pytest.approx(12.0 * (1 + 0.05 + 0.04))
    assert pay.personal_pay(12.0, 600, 0, 0.01, 0.0) == pytest.approx(12.0 * 1.10)  # capped
    assert pay.personal_pay(12.0, 60, 2, 0.01, 0.02, 0.5) == pytest.approx(12.5), "fees bind"


def test_care_employers_without_headroom_pay_no_steps():
    """Fees pay a rate at the headroom: steps take what is left above the premium, nothing
    for an employer already there; NHS and outside steps are not bounded by fees."""
    assert pay.step_room(ASC, 0.02, 0.02, 12.0) == 0.0
    assert pay.step_room(ASC, 0.0, 0.05, 12.0) == pytest.approx(0.6)
    assert pay.step_room(ASC, 0.03, 0.0, 12.0) == 0.0, "headroom cut below the premium"
    assert pay.step_room(NHS, 0.0, 0.0, 12.0) == np.inf


def test_care_pay_never_below_the_floor_and_levers_apply_in_order():
    n = 5
    out, base = np.zeros((n, 4)), np.zeros((n, 4))
    sector = np.zeros(n, np.int8)
    owner = np.zeros(n, np.int8)
    premium = np.array([0.0, 0.01, 0.05, 0.1, 0.2])
    region = np.zeros(3, np.int32)
    site_la = np.zeros(n, np.int32)
    floor = np.full((n, 4), 12.0)
    share, parity_rate, supplement = np.zeros(n), np.zeros((n, 4)), np.zeros((n, 4))
    pay.set_site_pay(
        out,
        base,
        sector,
        owner,
        premium,
        region,
        site_la,
        7,
        11.44,
        np.ones(4) * 12,
        np.array([1.0, 1.06, 1.6, 1.1]),
        0.08,
        0.15,
        floor,
        share,
        parity_rate,
        supplement,
    )
    assert out.min() >= 12.0
    assert out[4, 0] == pytest.approx(11.44 * 1.2)
    assert base[0, 0] == pytest.approx(11.44)  # the rate without levers is kept


def test_levered_rate_closed_form():
    # floor first, then half the gap to the NHS rate, then a 5% supplement
    assert pay.levered_rate(11.5, 12.0, 0.5, 13.0, 0.05) == pytest.approx(12.5 * 1.05)
    assert pay.levered_rate(14.0, 12.0, 1.0, 13.0, 0.0) == pytest.approx(14.0)  # no cut


def test_paid_travel_time_scales_the_commute_penalty():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    full, half, free = (
        choice.job_value(beta, 12.0, 0.05, 30.0, 0.3, 20.0, False, 0, ASC, w)
        for w in (1.0, 0.5, 0.0)
    )
    assert full < half < free
    assert free - half == pytest.approx(half - full)  # linear in the weight


def test_switching_cost_cut_and_entry_cost():
    beta = choice.behaviour_vector(SimConfig().behaviour)
    switch = np.full((3, 3), 3.0)
    np.fill_diagonal(switch, 0.0)
    terms = np.zeros((3, N_TERMS))
    employer = beta[choice.B_SWITCH_EMPLOYER]
    assert choice.switching_cost(beta, switch, terms, ASC, 0, NHS, 1) == employer + 3.0
    terms[1, T_SWITCH_CUT] = 1.0  # the NHS site takes part in secondments
    assert choice.switching_cost(beta, switch, terms, ASC, 0, NHS, 1) == employer + 2.0
    assert choice.switching_cost(beta, switch, terms, NHS, 1, ASC, 0) == employer + 2.0
    assert choice.switching_cost(beta, switch, terms, OUTSIDE, 2, NHS, 1) == employer + 3.0
    terms[0, T_ENTRY_COST] = 0.5  # joining care at site 0 needs registration
    assert choice.switching_cost(beta, switch, terms, NONEMP, -1, ASC, 0) == 0.5
    assert choice.switching_cost(beta, switch, terms, ASC, 2, ASC, 0) == employer


def test_nhs_support_posts_can_require_a_qualification():
    assert choice.eligible(0, 0, 0, ASC, NHS, 0)
    assert not choice.eligible(0, 0, 0, ASC, NHS, 1)
    assert choice.eligible(0, 1, 0, ASC, NHS, 1)
    assert choice.eligible(0, 0, 0, NHS, NHS, 1)  # moving between trusts
    assert choice.eligible(0, 0, 0, NONEMP, ASC, 3)  # care posts are open


def test_displaced_sponsored_worker_leaves_unless_rehired():
    h = separations.hazard_vector(SimConfig().separation)
    leave = h[separations.H_SPONSORED_NONEMP_LEAVE]
    assert leave == pytest.approx(0.5)  # 60 days to find a new sponsor
    args = (h, NONEMP, 1, 10, 30 * 12, 1.0, 0.9)
    assert separations.separation_destination(*args, leave - 1e-9) == 4  # ABROAD
    assert separations.separation_destination(*args, leave + 1e-9) == -1


def test_fee_headroom_shrinks_when_the_nlw_outpaces_fees_and_never_goes_below_zero():
    """April 2025: NLW 11.44 to 12.21 (+6.7%) against fees +4.5%: a 4.5% headroom falls to
    1.045 * 1.045 * 11.44 / 12.21 - 1 = 2.3%; one of 1% falls to nothing."""
    from sim.world import pay_scales

    pay = SimConfig().pay
    start = np.array([0.045, 0.01, 0.0])
    assert np.allclose(pay_scales.fee_headroom(pay, 0, start), start)
    grown = 1.0 + pay.fee_growth_per_year[0]
    expected = 1.045 * grown * pay.nlw_path[0] / pay.nlw_path[1] - 1.0
    after = pay_scales.fee_headroom(pay, 12, start)
    assert after[0] == pytest.approx(expected) and after[0] < start[0]
    assert after[1] == 0.0 and after[2] == 0.0
    assert pay_scales.fee_index(pay, 11) == 1.0
    late = pay_scales.fee_index(pay, 12 * 5)
    path = pay.fee_growth_per_year
    assert late == pytest.approx((1 + path[0]) * (1 + path[1]) * (1 + pay.fee_growth_after) ** 3)
