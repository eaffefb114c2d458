"""Quits from mechanisms: match quality learned on the job, young workers' job shopping, and
pay close to the NLW."""

import numpy as np
import pytest

from sim import CareWorkforceModel, SimConfig, load_config
from sim.kernels import choice
from sim.state import ASC, NHS, NONEMP, OUTSIDE, ROLE_CARE_WORKER, ROLE_NURSE, ROLE_SENIOR

BETA = choice.behaviour_vector(SimConfig().behaviour)


def test_a_match_is_unknown_on_the_first_day_and_learned_with_tenure():
    """One job begun in month 20, seen after 0, 3, 12, 60 and 600 months."""
    tenures = (0, 3, 12, 60, 600)
    beliefs = [choice.match_belief(BETA, 7, 20 + t, 12, t) for t in tenures]
    assert beliefs[0] == 0.0
    assert np.all(np.diff(np.abs(beliefs)) > 0), "more months, more of the match known"
    learning = BETA[choice.B_MATCH_LEARNING]
    share = [t / (t + learning) for t in tenures]
    assert beliefs[2] / beliefs[-1] == pytest.approx(share[2] / share[-1])


def test_the_match_is_the_same_job_spell_from_month_to_month():
    """Month 30 at 10 months' tenure and month 40 at 20 are one job that began in month 20."""
    learning = BETA[choice.B_MATCH_LEARNING]
    a = choice.match_belief(BETA, 7, 30, 12, 10) / (10 / (10 + learning))
    b = choice.match_belief(BETA, 7, 40, 12, 20) / (20 / (20 + learning))
    assert a == pytest.approx(b)


def test_a_poor_match_and_youth_raise_search_only_for_care_and_nhs_staff():
    base = choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 0.0, 40.0)
    assert choice.search_probability(BETA, ASC, 0.0, 0, 0.0, -1.0, 40.0) > base
    assert choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 1.0, 40.0) < base
    assert choice.search_probability(BETA, NHS, 0.0, 0, 0.0, 0.0, 20.0) > base
    assert choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 0.0, 35.0) == base, "none at 30+"
    young = choice.search_probability(BETA, NONEMP, 0.0, 0, 0.0, -2.0, 18.0)
    assert young == BETA[choice.B_SEARCH_NONEMP], "the non-employed search at a fixed rate"


def test_care_staff_paid_near_the_nlw_search_more_as_a_logit_in_the_premium():
    """Closed form: the log-odds fall by the coefficient per log point above the NLW."""
    at_nlw = choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 0.0, 40.0, 0.0)
    above = choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 0.0, 40.0, 0.2)

    def logit(p):
        return np.log(p / (1 - p))

    assert logit(at_nlw) - logit(above) == pytest.approx(0.2 * BETA[choice.B_SEARCH_NLW_PREMIUM])
    below = choice.search_probability(BETA, ASC, 0.0, 0, 0.0, 0.0, 40.0, -0.1)
    assert below == at_nlw, "pay below the NLW (never in the model) counts as at it"


def test_the_nlw_premium_weighs_on_care_and_support_roles_only():
    nlw = 12.0
    for status in (ASC, NHS):
        for role in (ROLE_CARE_WORKER, ROLE_SENIOR):
            premium = choice.nlw_premium(status, role, 13.2, nlw)
            assert premium == pytest.approx(np.log(1.1))
        assert choice.nlw_premium(status, ROLE_NURSE, 20.0, nlw) == 0.0
    assert choice.nlw_premium(OUTSIDE, ROLE_CARE_WORKER, 13.2, nlw) == 0.0

    def p(pay):  # paid above the NHS band (GBP 5 an hour): no parity pull, only the NLW's
        return choice.worker_search_probability(
            BETA, ASC, ROLE_CARE_WORKER, pay, 0.4, 5.0, 0.4, 0, 5.0, False, 0.0, 40 * 12, nlw
        )

    assert p(12.0) > p(12.6) > p(13.2), "a wider premium over the NLW holds care staff"


def _turnover(*overrides: str) -> dict[str, float]:
    cfg = load_config(["scale=0.02", "years=1", "progress=false", "seed=5", *overrides])
    t = CareWorkforceModel(cfg).run().tables()["turnover_by_group"]
    return dict(zip(t["band"], t["turnover_rate"], strict=True))


@pytest.mark.slow
def test_turnover_is_higher_for_new_starters_and_the_young_because_of_the_mechanisms():
    """Care workers under a year in post and under 25 leave more than those of ten years
    and those aged 35-44; switching the two mechanisms off narrows both gaps."""
    on = _turnover()
    off = _turnover(
        "behaviour.utility_match_quality=0",
        "behaviour.search_match_quality=0",
        "behaviour.search_youth_per_year=0",
    )
    assert on["<1y"] > on["10y+"] + 0.05
    assert on["<25"] > on["35-44"] + 0.03
    assert on["<1y"] - on["10y+"] > off["<1y"] - off["10y+"]
    assert on["<25"] - on["35-44"] > off["<25"] - off["35-44"]


@pytest.mark.slow
def test_care_staff_paid_at_the_nlw_leave_more_when_the_premium_term_is_on():
    """The search term on pay above the NLW widens the turnover gap between care staff
    within 10p of the NLW and those paid 10-20% above it."""

    def gap(coefficient: str) -> float:
        cfg = load_config(["scale=0.02", "years=1", "progress=false", "seed=5",
                           f"behaviour.search_nlw_premium={coefficient}"])  # fmt: skip
        t = CareWorkforceModel(cfg).run().tables()["turnover_by_group"]
        t = t[t["dimension"] == "pay_vs_nlw"].set_index("band")["turnover_rate"]
        return t["within 10p"] - t["10-20%"]

    assert gap("3.0") > gap("0.0") + 0.01
