"""Every lever moves the model the way economics says, against a baseline with the same seed."""

import numpy as np
import pytest

from sim import CareWorkforceModel, load_config
from sim.config import ConfigError

# Each lever's direction of effect runs a two-year model: the slow tier, except pay parity,
# the flagship lever, which the fast tier keeps as its direction-of-effect check.
BASE = ["scale=0.02", "years=2", "progress=false", "check_invariants=true"]
RUNS: dict[tuple[str, ...], dict] = {}


def tables(*overrides: str) -> dict:
    """Tables of a run, cached so each scenario runs once per session."""
    key = tuple(overrides)
    if key not in RUNS:
        seeded = (
            overrides if any(o.startswith("seed=") for o in overrides) else (*overrides, "seed=11")
        )
        model = CareWorkforceModel(load_config([*BASE, *seeded]))
        RUNS[key] = model.run().tables()
    return RUNS[key]


def lever(name: str, *settings: str) -> dict:
    return tables(f"policy=[{name}]", f"policies.{name}.start=2024-04", *settings)


def asc_last_year(t: dict, column: str) -> float:
    na = t["national_annual"]
    return float(na[na["sector"] == "asc"].iloc[-1][column])


def flow(t: dict, src: str, dst: str) -> float:
    f = t["flows_annual"]
    return float(f[(f["from_status"] == src) & (f["to_status"] == dst)]["count"].sum())


def test_pay_parity_lowers_vacancies_and_moves_to_the_nhs():
    base, parity = tables(), lever("pay_parity")
    assert asc_last_year(parity, "pay_mean_per_hour") > asc_last_year(base, "pay_mean_per_hour")
    assert asc_last_year(parity, "vacancy_rate") < asc_last_year(base, "vacancy_rate")
    assert flow(parity, "asc", "nhs") < flow(base, "asc", "nhs")


ALL_PARTS = "policies.pay_parity.reward_parts=[pension,sick_pay,enhancements,annual_leave]"


def test_pay_parity_on_total_reward_does_more_than_on_basic_pay():
    basic, total = lever("pay_parity"), lever("pay_parity", ALL_PARTS)
    assert asc_last_year(total, "pay_mean_per_hour") == pytest.approx(
        asc_last_year(basic, "pay_mean_per_hour"), rel=0.01
    )  # the same basic pay ...
    assert asc_last_year(total, "total_reward_per_hour") > 1.2 * asc_last_year(
        basic, "total_reward_per_hour"
    )  # ... and the NHS package on top
    assert asc_last_year(total, "vacancy_rate") < asc_last_year(basic, "vacancy_rate") - 0.01
    assert flow(total, "asc", "nhs") < flow(basic, "asc", "nhs")
    costs = total["costs_annual"]
    items = set(costs[costs["lever"] == "pay_parity"]["item"])
    assert items == {"pay uplift", "pension", "sick pay", "enhancements", "annual leave"}


@pytest.mark.slow
def test_a_fair_pay_pension_floor_lifts_care_pensions_at_a_shared_cost():
    base = tables()
    fair = lever("fair_pay", "policies.fair_pay.pension_floor=0.08")
    assert asc_last_year(fair, "pension_per_hour") > asc_last_year(base, "pension_per_hour")
    costs = fair["costs_annual"]
    pension = costs[(costs["lever"] == "fair_pay") & (costs["item"] == "pension")]
    by_payer = pension.groupby("payer")["gbp"].sum()
    assert by_payer["government"] > 0
    assert by_payer["government"] == pytest.approx(by_payer["employers"], rel=1e-9)


@pytest.mark.slow
def test_fair_pay_raises_pay_and_its_cost_is_split():
    base, fair = tables(), lever("fair_pay", "policies.fair_pay.level=1.10")
    assert asc_last_year(fair, "pay_mean_per_hour") > asc_last_year(base, "pay_mean_per_hour")
    assert asc_last_year(fair, "vacancy_rate") < asc_last_year(base, "vacancy_rate")
    costs = fair["costs_annual"]
    fair_costs = costs[(costs["lever"] == "fair_pay") & (costs["item"] == "pay uplift")]
    uplift = fair_costs.groupby("payer")["gbp"].sum()
    assert uplift["government"] > 0
    assert uplift["government"] == pytest.approx(uplift["employers"], rel=1e-9)  # 50% funded


def vacancy_rate_by_rurality(t: dict, rural_areas: set[str]) -> tuple[float, float]:
    cells = t["cells_monthly"]
    asc = cells[(cells["sector"] == "asc") & (cells["fy"] == cells["fy"].max())]
    rural = asc["area"].isin(rural_areas)
    rate = [asc[m]["vacancies"].sum() / asc[m]["posts"].sum() for m in (rural, ~rural)]
    return rate[0], rate[1]


@pytest.mark.slow
def test_rural_supplement_helps_rural_areas_more():
    from sim.world.geography import build_geography

    geo = build_geography()
    rural_areas = set(geo.la_name[geo.la_rural])
    settings = ("policies.rural_coastal.coastal=false", "policies.rural_coastal.pay_supplement=0.1")
    base = vacancy_rate_by_rurality(tables(), rural_areas)
    policy = vacancy_rate_by_rurality(lever("rural_coastal", *settings), rural_areas)
    assert base[0] - policy[0] > 0
    assert base[0] - policy[0] > base[1] - policy[1]


@pytest.mark.slow
def test_a_policy_limited_to_one_region_changes_nothing_elsewhere_at_first():
    """Before any behaviour can spill over, only the North East's care pay moves."""
    runs = []
    for extra in (
        [],
        [
            "policy=[pay_parity]",
            "policies.pay_parity.start=2024-04",
            "policies.pay_parity.areas=[North East]",
        ],
    ):
        model = CareWorkforceModel(load_config([*BASE, "seed=11", "warm_up_months=0", *extra]))
        model.step()  # April 2024, the lever's first month
        runs.append(model)
    base, limited = runs
    region = base.geo.region_name[base.geo.la_region[base.sites.la]]
    inside = region == "North East"
    assert np.array_equal(base.sites.pay_per_hour[~inside], limited.sites.pay_per_hour[~inside])
    care = inside & (base.sites.sector == 0)
    assert (limited.sites.pay_per_hour[care] >= base.sites.pay_per_hour[care]).all()
    assert (limited.sites.pay_per_hour[care] > base.sites.pay_per_hour[care]).any()


@pytest.mark.slow
def test_closing_the_visa_route_raises_vacancies():
    kept = lever("international")
    closed = lever(
        "international",
        "policies.international.route_closed_from=2024-07",
        "policies.international.in_country_per_year=0",
    )
    assert asc_last_year(closed, "vacancy_rate") > asc_last_year(kept, "vacancy_rate")
    assert flow(closed, "abroad", "asc") < flow(kept, "abroad", "asc")


@pytest.mark.slow
def test_fee_uplift_lowers_vacancies_at_a_government_cost():
    base, uplift = tables(), lever("fee_uplift")
    assert asc_last_year(uplift, "vacancy_rate") < asc_last_year(base, "vacancy_rate")
    costs = uplift["costs_annual"]
    assert costs[(costs["lever"] == "fee_uplift")]["gbp"].sum() > 0


@pytest.mark.slow
def test_one_workforce_raises_moves_both_ways():
    base, one = tables(), lever("one_workforce")
    assert flow(one, "asc", "nhs") > flow(base, "asc", "nhs")
    assert flow(one, "nhs", "asc") > flow(base, "nhs", "asc")


@pytest.mark.slow
def test_technology_needs_fewer_posts_and_its_asserted_returns_stay_beside_its_cost():
    base, tech = tables(), lever("technology", "policies.technology.investment_per_year=1e9")
    assert asc_last_year(tech, "posts") < asc_last_year(base, "posts")
    assert bed_days(tech) < bed_days(base)  # fewer posts to fill, fewer delays
    costs = tech["costs_annual"]
    booked = costs[costs["lever"] == "technology"]
    assert (booked["gbp"] > 0).all() and set(booked["payer"]) == {"government"}
    assert booked["gbp"].sum() == pytest.approx(2e9, rel=1e-6), "two years of GBP 1bn"
    assert booked["item"].str.startswith("investment: ").all() and len(set(booked["item"])) == 5
    asserted = tech["technology_returns_annual"]
    assert set(asserted["accrues_to"]) == {"providers", "NHS", "QALYs valued in GBP"}
    providers = asserted[asserted["accrues_to"] == "providers"]["gbp"].sum()
    assert providers == pytest.approx(2e9 * 0.2 * (4.21 + 1.20 + 6.77 + 2.84 + 1.32), rel=1e-6)
    assert len(base["technology_returns_annual"]) == 0, "no investment, no returns claimed"


def bed_days(t: dict) -> float:
    p = t["nhs_pressure_monthly"]
    return p[p["fy"] == p["fy"].max()]["bed_days"].sum()  # over ICSs: England


@pytest.mark.slow
def test_better_conditions_cut_zero_hours_and_vacancies():
    base, better = tables(), lever("conditions")
    assert asc_last_year(better, "zero_hours") < asc_last_year(base, "zero_hours")
    assert asc_last_year(better, "vacancy_rate") < asc_last_year(base, "vacancy_rate")


@pytest.mark.slow
def test_one_workforce_can_be_limited_to_a_region():
    region = lever("one_workforce", "policies.one_workforce.areas=[North East]")
    base, national = tables(), lever("one_workforce")

    def moves(t, in_region):
        f = t["flows_monthly"]
        mask = (f["from_region"] == "North East") == in_region
        care_nhs = f["from_status"].isin(["asc", "nhs"]) & f["to_status"].isin(["asc", "nhs"])
        return f[mask & care_nhs & (f["from_status"] != f["to_status"])]["count"].sum()

    assert moves(region, True) > moves(base, True)
    assert moves(national, False) - moves(base, False) > 2 * (
        moves(region, False) - moves(base, False)
    )


@pytest.mark.slow
def test_career_pathway_raises_pay_and_keeps_staff_at_a_cost():
    base, career = tables(), lever("career_pathway")
    assert asc_last_year(career, "pay_mean_per_hour") > asc_last_year(base, "pay_mean_per_hour")
    assert asc_last_year(career, "vacancy_rate") < asc_last_year(base, "vacancy_rate")
    assert asc_last_year(career, "turnover_rate") < asc_last_year(base, "turnover_rate")
    out_of_care = ("nhs", "outside")  # moves to the NHS alone are not cut with every ensemble
    assert sum(flow(career, "asc", d) for d in out_of_care) < sum(
        flow(base, "asc", d) for d in out_of_care
    )
    costs = career["costs_annual"]
    mine = costs[costs["lever"] == "career_pathway"].groupby("item")["gbp"].sum()
    assert mine["pay steps"] > 0 and mine["pay uplift"] > 0  # steps and the senior rate


@pytest.mark.slow
def test_registration_bars_entry_keeps_staff_and_charges_a_fee():
    base = tables()
    reg = lever(
        "registration",
        "policies.registration.entry_cost=0.5",
        "policies.registration.retention_effect=0.3",
    )
    assert flow(reg, "non_employed", "asc") < flow(base, "non_employed", "asc")
    assert flow(reg, "asc", "non_employed") < flow(base, "asc", "non_employed")
    costs = reg["costs_annual"]
    fees = costs[(costs["lever"] == "registration") & (costs["item"] == "registration fees")]
    assert set(fees["payer"]) == {"workers"} and fees["gbp"].sum() > 0


@pytest.mark.slow
def test_training_keeps_trained_staff():
    kept = lever("training", "policies.training.retention_effect=0.5")
    none = lever("training", "policies.training.retention_effect=0.0")
    assert flow(kept, "asc", "non_employed") < flow(none, "asc", "non_employed")


@pytest.mark.slow
def test_training_opens_nhs_posts_when_trusts_ask_for_a_qualification():
    """The rule keeps the unqualified out; training opens the posts to care staff, on
    average over three seeds (paired: one seed alone moves the flow by more than the
    effect, e.g. -1,150, +300 and +3,450 moves a year for seeds 11 to 13)."""
    rule = "training.nhs_support_min_qual=2"
    base, open_posts = tables(rule), tables()
    for src in ("outside", "non_employed"):
        assert flow(base, src, "nhs") < flow(open_posts, src, "nhs")
    effects = [
        flow(lever("training", rule, f"seed={seed}"), "asc", "nhs")
        - flow(tables(rule, f"seed={seed}"), "asc", "nhs")
        for seed in (11, 12, 13)
    ]
    assert np.mean(effects) > 0, effects


@pytest.mark.slow
def test_losing_sponsor_licences_sends_staff_abroad():
    kept = lever("international")
    revoked = lever("international", "policies.international.licence_revocations_per_year=0.2")
    assert flow(revoked, "asc", "non_employed") > flow(kept, "asc", "non_employed")
    assert flow(revoked, "non_employed", "abroad") > flow(kept, "non_employed", "abroad")
    assert asc_last_year(revoked, "vacancy_rate") > asc_last_year(kept, "vacancy_rate")


@pytest.mark.slow
def test_pay_uplift_is_split_between_levers_without_loss():
    both = tables(
        "policy=[pay_parity,rural_coastal,career_pathway]",
        "policies.pay_parity.start=2024-04",
        "policies.pay_parity.share=0.5",
        "policies.rural_coastal.start=2024-04",
        "policies.career_pathway.start=2024-04",
    )
    costs = both["costs_annual"]
    uplift = costs[costs["item"] == "pay uplift"].groupby("lever")["gbp"].sum()
    assert set(uplift.index) == {"pay_parity", "rural_coastal", "career_pathway"}
    na = both["national_monthly"]
    assert uplift.sum() == pytest.approx(na["pay_uplift_cost"].sum(), rel=1e-9)
    government = costs[(costs["item"] == "pay uplift") & (costs["payer"] == "government")]
    assert government["gbp"].sum() == pytest.approx(na["pay_uplift_government"].sum(), rel=1e-9)


@pytest.mark.slow
def test_a_staggered_roll_out_reaches_each_area_in_its_month():
    staggered = tables(
        "policy=[pay_parity]",
        "policies.pay_parity.areas=[North East,North West]",
        "policies.pay_parity.area_starts=[2024-04,2025-04]",
    )
    base = tables()

    def pay_rise(region: str, month: int) -> float:
        def pay(t):
            r = t["region_monthly"]
            row = r[(r["region"] == region) & (r["sector"] == "asc") & (r["month"] == month)]
            return float(row["pay_mean_per_hour"].iloc[0])

        return pay(staggered) - pay(base)

    assert pay_rise("North East", 0) > 0.1  # first wave from the first month
    assert abs(pay_rise("North West", 11)) < 0.2 * pay_rise("North West", 12)  # second wave
    assert pay_rise("North West", 12) > 0.1


@pytest.mark.slow
def test_levers_compose():
    both = tables(
        "policy=[pay_parity,conditions]",
        "policies.pay_parity.start=2024-04",
        "policies.conditions.start=2024-04",
    )
    assert asc_last_year(both, "vacancy_rate") < asc_last_year(lever("conditions"), "vacancy_rate")


@pytest.mark.slow
def test_nhs_pressure_follows_care_capacity():
    base, closed = (
        lever("international"),
        lever(
            "international",
            "policies.international.route_closed_from=2024-07",
            "policies.international.in_country_per_year=0",
        ),
    )
    assert bed_days(closed) > bed_days(base)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (["policy=[fair_pay]", "years=2"], "policies.fair_pay.start"),
        (["policy=[pay_parity]", "policies.pay_parity.share=1.2"], "policies.pay_parity.share"),
        (["policies.pay_parity.areas=[Atlantis]"], "policies.pay_parity.areas"),
        (["policies.nlw_path.areas=[London]"], "policies.nlw_path.areas"),
        (
            [
                "policy=[pay_parity]",
                "policies.pay_parity.areas=[London]",
                "policies.pay_parity.area_starts=[2025-04,2026-04]",
            ],
            "policies.pay_parity.area_starts",
        ),
        (
            [
                "years=2",
                "policy=[pay_parity]",
                "policies.pay_parity.areas=[London]",
                "policies.pay_parity.area_starts=[2030-04]",
            ],
            "policies.pay_parity.area_starts",
        ),
        (["policies.registration.fee_paid_by=nobody"], "policies.registration.fee_paid_by"),
        (["policies.training.retention_effect=1.5"], "policies.training.retention_effect"),
        (["training.nhs_support_min_qual=4"], "training.nhs_support_min_qual"),
        (["policies.fair_pay.basis=median"], "policies.fair_pay.basis"),
        (["policies.international.route_closed_from=July"], "route_closed_from"),
        (
            ["policy=[technology]", "policies.technology.portfolio=[0.5,0.5,0.5,0,0]"],
            "policies.technology.portfolio",
        ),
        (
            ["policy=[technology]", "policies.technology.provider_return_per_gbp=[4.21]"],
            "policies.technology.provider_return_per_gbp",
        ),
    ],
)
def test_bad_policy_settings_are_refused(overrides, field):
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        load_config(overrides)


def test_a_setting_of_a_lever_left_off_is_refused_not_ignored():
    """Setting pay parity's share without switching the lever on would run a baseline that
    looks like a pay-parity run; it is refused, naming the field and how to switch it on."""
    with pytest.raises(ConfigError) as caught:
        load_config(["policies.pay_parity.share=0.5"])
    message = str(caught.value)
    assert "policies.pay_parity.share=0.5" in message and "policy=[pay_parity]" in message
    assert load_config(["policy=[pay_parity]", "policies.pay_parity.share=0.5"])


def test_unknown_lever_is_refused():
    with pytest.raises(Exception, match="policy/no_such_lever"):
        load_config(["policy=[no_such_lever]"])


def test_phase_in_is_linear():
    from sim.config.policies import PayParity
    from sim.policies.levers import intensity

    p = PayParity(enabled=True, start="2025-04", phase_in_months=4)
    assert [intensity(p, m) for m in (11, 12, 13, 15, 20)] == [0.0, 0.25, 0.5, 1.0, 1.0]
    assert np.isclose(intensity(PayParity(start="2024-04"), 0), 1.0)


@pytest.mark.slow
def test_funded_training_raises_qualifications_at_a_cost():
    shares, costs = [], []
    for extra in ([], ["policy=[training]", "policies.training.start=2024-04"]):
        model = CareWorkforceModel(
            load_config(["scale=0.005", "years=1", "progress=false", *extra])
        ).run()
        w = model.workers
        care = w.status[: model.n] == 0
        shares.append(float((w.qual[: model.n][care] >= 2).mean()))
        c = model.tables()["costs_annual"]
        costs.append(c[c["lever"] == "training"]["gbp"].sum())
    assert shares[1] > shares[0]
    assert costs[0] == 0 and costs[1] > 0


@pytest.mark.slow
def test_higher_nlw_path_raises_care_and_outside_pay():
    base, higher = tables(), lever("nlw_path")
    for sector in ("asc", "outside"):
        na_b, na_h = base["national_annual"], higher["national_annual"]
        b = na_b[na_b["sector"] == sector].iloc[-1]["pay_mean_per_hour"]
        h = na_h[na_h["sector"] == sector].iloc[-1]["pay_mean_per_hour"]
        assert h > b * 1.03
    status_b, status_h = base["status_monthly"], higher["status_monthly"]
    assert (status_h["nlw_per_hour"] > status_b["nlw_per_hour"]).all()
    # its cost falls on employers: their wage ledger, not the levers' cost table
    ledger_b, ledger_h = base["employer_costs_annual"], higher["employer_costs_annual"]
    last = ledger_b["fy"].max()
    for item in ("basic pay", "employer national insurance"):
        asc = [
            t[(t["fy"] == last) & (t["sector"] == "asc") & (t["item"] == item)]["gbp"].sum()
            for t in (ledger_b, ledger_h)
        ]
        assert asc[1] > asc[0] * 1.03, item


def test_a_policy_run_is_never_filed_as_a_baseline():
    assert load_config(["years=3"]).name == "baseline"
    assert load_config(["policy=[pay_parity]", "years=3"]).name == "pay_parity"
    both = load_config(["policy=[pay_parity,fair_pay]"])
    assert both.name == "fair_pay-pay_parity", "every lever on, sorted"
    assert load_config(["policy=[pay_parity]", "name=parity_50", "years=3"]).name == "parity_50"
