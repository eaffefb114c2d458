"""The provider market: providers' books, closures that move staff and posts, and entry."""

import numpy as np
import pandas as pd
import pytest

from sim.config.prices import PricesConfig, deflator_index
from sim.kernels import accounting, closures
from sim.kernels.accounting import P_COST, P_HOURS, WEEKS
from sim.output.payers import PAY_ITEMS, PAYERS
from sim.output.provider_market import MONEY, provider_income_table, provider_market_table
from sim.state import (
    ASC,
    NONEMP,
    R_PENSION,
    ROLE_CARE_WORKER,
    ROLE_SENIOR,
    Events,
    Workers,
)
from sim.world.market import MARKET_COLUMNS
from tests.conftest import run_model
from tests.test_kernels_flows import NLW, sites

NI_RATE, NI_THRESHOLD = 0.15, 5000.0 / 12


def test_each_market_provider_is_tallied_with_its_staff_hours_cost_and_funded_uplift():
    s = sites([ASC, ASC], [0, 0], [[2, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    s.reward[0, R_PENSION] = 0.03
    s.pay_per_hour[0, 0], s.pay_base[0, 0] = 13.0, 12.0  # a lever lifts site 0's rate
    w = Workers.empty(3)
    w.status[:], w.site[:], w.role[:] = ASC, [0, 0, 1], ROLE_CARE_WORKER
    w.pay_per_hour[:], w.hours_per_week[:] = [13.0, 13.0, 12.5], [37.5, 5.0, 30.0]
    market_row = np.array([-1, 0])  # only site 1 is on the market
    out = accounting.tally_month(
        w.as_tuple(), s.as_tuple(), Events.empty(2).as_tuple(), 3, 1, NLW,
        np.array([0.5, 0.5]), NI_RATE, NI_THRESHOLD, 0.0, market_row, 1,
    )  # fmt: skip
    providers = out[-1]
    earned = 12.5 * 30.0 * WEEKS
    assert providers.shape == (1, accounting.N_PROVIDER)
    assert providers[0, P_HOURS] == pytest.approx(30.0 * WEEKS)
    assert providers[0, P_COST] == pytest.approx(earned + NI_RATE * (earned - NI_THRESHOLD))


def _closing(transfer_share: float, sponsor=(1, 1, 1)):
    """Site 0 closes with three staff; sites 1 and 2 receive its posts."""
    s = sites(
        [ASC, ASC, ASC],
        [0, 0, 0],
        [[0, 0, 0, 0, 0], [3, 1, 0, 0, 0], [1, 0, 0, 0, 0]],
        filled=[[2, 1, 0, 0, 0], [1, 1, 0, 0, 0], [0, 0, 0, 0, 0]],
        sponsor=list(sponsor),
    )
    w = Workers.empty(5)
    w.status[:], w.site[:] = ASC, [0, 0, 0, 1, 1]
    w.role[:] = [ROLE_CARE_WORKER, ROLE_CARE_WORKER, ROLE_SENIOR, ROLE_CARE_WORKER, ROLE_SENIOR]
    w.pay_per_hour[:], w.hours_per_week[:] = [12.5, 13.5, 15.0, 12.0, 14.0], 30.0
    w.sponsor_months[:] = [0, 24, 0, 0, 0]
    ev = Events.empty(3)
    slot = np.array([0, -1, -1])
    lat = np.array([52.0, 52.1, 52.2])
    out = closures.close_sites(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), 5, slot, np.array([0, 2]), np.array([1, 2]),
        transfer_share, lat, lat * 0.0, NLW, 7, 3,
    )  # fmt: skip
    return w, s, ev, out


def test_with_no_transfers_every_worker_of_a_closing_site_is_laid_off_and_logged():
    w, s, ev, (laid_off, moved) = _closing(0.0)
    assert (laid_off, moved) == (3, 0)
    assert (w.status[:3] == NONEMP).all() and (w.site[:3] == -1).all()
    assert s.filled[0].sum() == 0 and ev.n[0] == 3
    assert (w.site[3:] == 1).all(), "staff of other sites stay"


def test_transferred_staff_keep_their_pay_and_take_the_receivers_open_posts():
    w, s, ev, (laid_off, moved) = _closing(1.0)
    assert laid_off + moved == 3 and ev.n[0] == 3
    assert (s.filled <= s.posts).all() or s.filled[0].sum() == 0
    care = np.flatnonzero((w.role == ROLE_CARE_WORKER) & (w.site >= 1) & (np.arange(5) < 3))
    assert len(care) == 2, "both care workers move: site 1 has 2 open posts, site 2 one"
    np.testing.assert_array_equal(w.pay_per_hour[:2], [12.5, 13.5])
    assert w.status[2] == NONEMP, "no receiver has an open senior post"
    assert s.filled[1:].sum() + (w.status == NONEMP).sum() == 5


def test_a_sponsored_worker_moves_only_to_a_licensed_sponsor():
    w, _, _, _ = _closing(1.0, sponsor=(1, 0, 1))
    assert w.site[1] == 2, "the sponsored worker goes to site 2, the only licensed receiver"


def test_the_deflator_compounds_from_2025_26_and_is_1_in_2024_25():
    index = deflator_index([0.02, 0.03], [0, 1, 3])  # 2024/25, 2025/26, 2027/28
    assert index[0] == 1.0
    assert index[1] == pytest.approx(1.02)
    assert index[2] == pytest.approx(1.02 * 1.03 * 1.03)


def _records(months):
    return [dict.fromkeys(MARKET_COLUMNS, 1.0) | {"providers_open": 10.0} for _ in months]


def test_market_tables_sum_the_months_of_each_year_and_rescale_to_england():
    months = list(range(15))
    table = provider_market_table(months, _records(months), 0.5)
    assert list(table["fy"]) == ["2024/25", "2025/26"]
    assert table["closures"].tolist() == [24.0, 6.0]
    assert table["providers_open"].tolist() == [20.0, 20.0]
    assert table["closure_rate"].tolist() == pytest.approx([1.2, 0.3])
    money = provider_income_table(months, _records(months), 0.5, PricesConfig())
    assert len(money) == 2 * len(MONEY)
    year = money[money["fy"] == "2024/25"].set_index("item")["gbp"]
    assert year.sum() == pytest.approx(24.0 * len(MONEY))


def _book(model) -> pd.DataFrame:
    return model.tables()["provider_income_annual"].pivot_table(
        index="fy", columns="flow", values="gbp", aggfunc="sum"
    )


FIXED = ["market.margin_sd=0", "market.margin_shock_sd=0", "years=3"]


def test_in_april_2024_income_less_costs_is_the_drawn_margin():
    model = run_model(*FIXED, "years=1", "market.margin_mean=0.07")
    first = model.tables()["provider_income_annual"]
    first = first[first["fy"] == "2024/25"].groupby("flow")["gbp"].sum()
    assert first["surplus"] == pytest.approx(first["income"] - first["cost"])
    m = model.market
    assert m.n > 0 and m.open.all()
    april = model.recorder.market[0]
    income = sum(april[k] for k in ("income_local_authorities", "income_self_funders"))
    assert april["surplus"] / income == pytest.approx(0.07)


def test_a_market_switched_off_closes_nobody_and_books_nothing():
    model = run_model("market.enabled=false", "market.margin_mean=-0.4")
    tables = model.tables()
    assert model.market.n == 0
    assert tables["provider_market_annual"]["closures"].sum() == 0
    assert tables["provider_income_annual"]["gbp"].abs().sum() == 0


def test_an_unfunded_fair_pay_agreement_closes_providers_that_fees_do_not_cover():
    common = [*FIXED, "market.self_funder_pass_through=0", "market.reserve_months=1"]
    base = run_model(*common)
    fpa = run_model(
        *common,
        "policy=[fair_pay]",
        "policies.fair_pay.start=2024-06",
        "policies.fair_pay.level=1.3",
        "policies.fair_pay.government_funded_share=0",
    )
    closed_base = base.tables()["provider_market_annual"]["closures"].sum()
    closed_fpa = fpa.tables()["provider_market_annual"]["closures"].sum()
    providers = base.market.n / base.cfg.scale
    assert closed_base < 0.05 * providers, "with margins fixed at 5% few close: staff mix only"
    assert closed_fpa > 0.3 * providers, (closed_base, closed_fpa, providers)
    assert (~fpa.market.open).sum() > 0
    closed = fpa.market.site[~fpa.market.open]
    assert fpa.sites.posts[closed].sum() == 0 and fpa.sites.filled[closed].sum() == 0


def test_closing_and_entering_move_posts_between_providers_without_losing_any():
    model = run_model(*FIXED, "years=1")
    m, s = model.market, model.sites
    total = s.posts_target[s.sector == ASC].sum()
    m.closing[: m.n // 2] = True
    closed = m.close(model)
    assert closed.size == m.n // 2 and not m.open[: m.n // 2].any()
    assert s.posts[closed].sum() == 0 and s.filled[closed].sum() == 0
    held = m.pending.sum()
    assert s.posts_target[s.sector == ASC].sum() + held == pytest.approx(total)
    m.cfg.entry_rate_per_month, m.cfg.entry_margin = 1.0, -1.0
    growth = model.post_growth[ASC]
    opened = m.enter(model)
    assert opened.size == closed.size and m.open.all()
    assert m.pending.sum() == 0
    assert s.posts_target[s.sector == ASC].sum() == pytest.approx(total + held * (growth - 1))


def test_new_providers_enter_where_fees_leave_a_margin():
    model = run_model(
        *FIXED,
        "market.margin_mean=-0.05",
        "market.reserve_months=0.1",
        "market.entry_margin=-0.5",
        "market.entry_rate_per_month=1",
        "pay.fee_growth_per_year=[0.3]",
    )
    table = model.tables()["provider_market_annual"]
    assert table["closures"].sum() > 0 and table["entries"].sum() > 0


def test_every_payers_spend_adds_up_to_the_whole_bill_once():
    """Payers' spend = employers' staff bills + providers' other costs + non-pay lever costs.

    Government's money for pay levers and fee uplifts reaches employers, so it must be
    counted once: as government's spend, netted out of the providers' and councils'.
    """
    model = run_model(
        "policy=[fair_pay,fee_uplift,registration]",
        "policies.fair_pay.start=2024-06",
        "policies.fee_uplift.start=2024-09",
        "policies.registration.start=2025-01",
        "policies.registration.fee_paid_by=employers",
    )
    t = model.tables()
    payers = t["payer_costs_annual"].groupby("fy")["gbp"].sum()
    staff = t["employer_costs_annual"].groupby("fy")["gbp"].sum()
    income = t["provider_income_annual"]
    other = income[income["item"].str.startswith("other costs")].groupby("fy")["gbp"].sum()
    levers = t["costs_annual"]
    non_pay = levers[~levers["item"].isin(PAY_ITEMS) & (levers["item"] != "fee uplift")]
    extra = non_pay.groupby("fy")["gbp"].sum().reindex(staff.index, fill_value=0.0)
    assert set(t["payer_costs_annual"]["payer"]) == set(PAYERS)
    np.testing.assert_allclose(payers.loc[staff.index], staff + other + extra, rtol=1e-9)
    gov = t["payer_costs_annual"].query("payer == 'central government'")["gbp"].sum()
    assert gov > 0 and gov == pytest.approx(levers.query("payer == 'government'")["gbp"].sum())


def test_a_month_without_income_keeps_reserves_and_a_loss_draws_on_them():
    model = run_model(*FIXED, "years=1")
    m = model.market
    held = m.reserves.copy()
    assert (held[m.open] > 0).all()
    quiet = np.zeros((m.n, 2))  # no staff hours: no income, no cost
    m.settle(model, quiet)
    np.testing.assert_array_equal(m.reserves, held)
    assert not m.closing.any()
