"""The employers' wage ledger: pay, reward parts and employer National Insurance."""

import numpy as np
import pytest

from sim.calendar import year_value
from sim.config import load_config
from sim.kernels import accounting
from sim.kernels.accounting import B_BASIC, B_NI, B_REWARD, B_SPONSORSHIP, WEEKS
from sim.kernels.moves import move
from sim.output.employer_costs import employer_cost_table
from sim.state import (
    ABROAD,
    ASC,
    NHS,
    OWNER_INDEPENDENT,
    OWNER_NHS,
    R_ENHANCEMENTS,
    R_PENSION,
    R_SICK_PAY,
    ROLE_CARE_WORKER,
    Events,
    Workers,
)
from tests.test_kernels_flows import NLW, sites

RATE, THRESHOLD, SPONSORSHIP = 0.15, 5000.0 / 12, 2285.0  # share; GBP a month; GBP


def _tally(w: Workers, s, ev=None):
    ev = ev or Events.empty(2)
    out = accounting.tally_month(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), len(w.status), 2, NLW, np.zeros(2),
        RATE, THRESHOLD, SPONSORSHIP, np.full(len(s.sector), -1), 0,
    )  # fmt: skip
    return out[7]


def test_employer_ni_is_the_rate_on_pay_above_the_threshold_and_nothing_below_it():
    s = sites([ASC, NHS], [0, 1], [[2, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    s.owner[:] = [OWNER_INDEPENDENT, OWNER_NHS]
    s.reward[0] = [0.03, 0.02, 0.05, 0.0]
    w = Workers.empty(3)
    w.status[:] = [ASC, ASC, NHS]
    w.site[:], w.role[:] = [0, 0, 1], ROLE_CARE_WORKER
    w.pay_per_hour[:] = [12.0, 12.0, 14.0]
    w.hours_per_week[:] = [37.5, 5.0, 37.5]  # the second earns below the threshold
    bill = _tally(w, s)

    earned = np.array([12.0 * 37.5, 12.0 * 5.0]) * WEEKS
    assert bill[OWNER_INDEPENDENT, B_BASIC] == pytest.approx(earned.sum())
    r = s.reward[0]
    assert bill[OWNER_INDEPENDENT, B_REWARD + R_PENSION] == pytest.approx(0.03 * earned.sum())
    paid = earned * (1 + r[R_SICK_PAY] + r[R_ENHANCEMENTS])
    assert paid[1] < THRESHOLD < paid[0]
    assert bill[OWNER_INDEPENDENT, B_NI] == pytest.approx(RATE * (paid[0] - THRESHOLD))
    nhs = 14.0 * 37.5 * WEEKS
    assert bill[OWNER_NHS, B_BASIC] == pytest.approx(nhs)
    assert bill[OWNER_NHS, B_NI] == pytest.approx(RATE * (nhs - THRESHOLD))


def test_a_worker_without_an_employer_costs_nothing():
    s = sites([ASC], [0], [[1, 0, 0, 0, 0]])
    w = Workers.empty(1)
    w.pay_per_hour[:], w.hours_per_week[:] = 12.0, 37.5  # not employed: site -1
    assert not _tally(w, s).any()


def test_the_annual_table_rescales_sums_every_item_and_maps_employers_to_payers():
    prices = load_config([]).prices
    bill = np.zeros((4, accounting.N_BILL))
    bill[OWNER_INDEPENDENT, B_BASIC], bill[OWNER_INDEPENDENT, B_NI] = 100.0, 10.0
    bill[OWNER_NHS, B_BASIC] = 50.0
    months = list(range(13))  # April 2024 to April 2025
    table = employer_cost_table(months, [bill] * 13, 0.5, prices)
    first = table[table["fy"] == "2024/25"].set_index(["employer", "item"])["gbp"]
    assert first["independent care providers", "basic pay"] == pytest.approx(12 * 100.0 / 0.5)
    assert first["independent care providers", "employer national insurance"] == pytest.approx(
        12 * 10.0 / 0.5
    )
    assert first["NHS trusts", "basic pay"] == pytest.approx(12 * 50.0 / 0.5)
    assert table["gbp"].sum() == pytest.approx(13 * 160.0 / 0.5), "every month and item counted"
    payers = dict(zip(table["employer"], table["payer"], strict=False))
    assert payers == {
        "independent care providers": "employers",
        "local authority care services": "local authorities",
        "NHS trusts": "NHS",
    }
    later = table[table["fy"] == "2025/26"]
    deflator = 1 + prices.deflator_growth_per_year[0]
    assert later["gbp_real"].to_numpy() == pytest.approx(later["gbp"].to_numpy() / deflator)


def test_rates_by_year_apply_from_april_and_the_warm_up_takes_the_first_year():
    rates = load_config([]).oncosts.employer_ni_rate
    assert year_value(rates, -3) == year_value(rates, 0) == rates[0]
    assert year_value(rates, 12) == rates[1]
    assert year_value(rates, 12 * 40) == rates[-1]


def test_each_arrival_from_abroad_charges_its_employer_the_sponsorship_once():
    s = sites([ASC, ASC], [0, 1], [[2, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    s.owner[:] = OWNER_INDEPENDENT
    w = Workers.empty(3)
    w.status[:] = [ABROAD, ABROAD, NHS]
    ev = Events.empty(4)
    W, S, EV = w.as_tuple(), s.as_tuple(), ev.as_tuple()
    move(0, ASC, 0, ROLE_CARE_WORKER, 0, 30.0, 12.0, 0.0, W, S, EV, NLW)  # arrives
    move(1, ASC, 1, ROLE_CARE_WORKER, 0, 30.0, 12.0, 0.0, W, S, EV, NLW)  # arrives
    move(2, ASC, 0, ROLE_CARE_WORKER, 0, 30.0, 12.0, 0.0, W, S, EV, NLW)  # from the NHS
    bill = _tally(w, s, ev)
    assert bill[OWNER_INDEPENDENT, B_SPONSORSHIP] == pytest.approx(2 * SPONSORSHIP)


def test_sponsorship_per_recruit_is_the_fee_and_the_skills_charge_for_the_certificate():
    c = load_config([]).oncosts
    charge = 0.5 * 364.0 + 0.5 * 1000.0
    assert c.sponsorship_per_recruit(0) == pytest.approx(239.0 + 3 * charge)
    assert c.sponsorship_per_recruit(60) == pytest.approx(525.0 + 3 * charge)
