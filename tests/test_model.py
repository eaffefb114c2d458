"""Whole-model properties: conservation, posts, determinism, the Mesa face, first-year fit."""

import numpy as np
import pandas as pd
import pytest

from sim import CareWorkforceModel, load_config
from sim.agents import CareProvider, NHSTrust, Worker
from sim.output.tables import first_year_summary
from sim.state import N_STATUS, STATUS_NAMES
from sim.world.allocation import rake
from sim.world.cohorts import cohort_turning_18

from .conftest import TINY, run_model


def test_agents_conserved_every_month(tiny_run):
    model, tables = tiny_run
    status = tables["status_monthly"][list(STATUS_NAMES[:6])].to_numpy()
    flows = tables["flows_monthly"]
    start = np.concatenate([[model.recorder.initial_status[:6]], status[:-1]])
    assert status[-1].sum() == model.n, "every agent row is in exactly one status"
    scale = model.cfg.scale
    for t in range(status.shape[0]):
        f = flows[flows["month"] == t]
        into = f.groupby("to_status")["count"].sum() * scale
        out = f.groupby("from_status")["count"].sum() * scale
        for k, name in enumerate(STATUS_NAMES[:6]):
            # arrivals from abroad are new agents, not emigrants coming back
            leaving = 0.0 if name == "abroad" else out.get(name, 0.0)
            expected = start[t, k] + round(into.get(name, 0.0)) - round(leaving)
            assert status[t, k] == expected, f"month {t}, {name}: stock-flow identity broken"


def test_filled_never_exceeds_posts_and_nobody_is_employed_twice():
    model = CareWorkforceModel(load_config(TINY))
    for _ in range(6):
        model.step()
        s, w, n = model.sites, model.workers, model.n
        assert (s.filled <= s.posts).all(), "outside employers too have a fixed number of jobs"
        employed = w.site[:n] >= 0
        counted = np.zeros_like(s.filled)
        np.add.at(counted, (w.site[:n][employed], w.role[:n][employed]), 1)
        assert (counted == s.filled).all(), "filled posts disagree with the workers employed"
        assert (w.pay_per_hour[:n][employed] >= model.nlw - 1e-9).all()


def test_same_seed_gives_identical_tables(tiny_run):
    _, tables = tiny_run
    again = run_model().tables()
    for name, df in tables.items():
        pd.testing.assert_frame_equal(df, again[name], check_exact=True, obj=name)


def test_different_seeds_differ(tiny_run):
    _, tables = tiny_run
    other = run_model("seed=12345").tables()
    assert not tables["national_monthly"].equals(other["national_monthly"])


def test_mesa_face_reads_the_arrays(tiny_run):
    model, _ = tiny_run
    assert model.steps == 24 + model.cfg.warm_up_months
    workers = model.agents_by_type[Worker]
    assert len(workers) == model.n
    assert len(model.agents_by_type[NHSTrust]) == model.cfg.population.nhs_trusts
    assert len(model.agents_by_type[CareProvider]) >= 153
    employed = next(w for w in workers if w.status == "asc")
    provider = employed.employer
    assert isinstance(provider, CareProvider)
    assert provider.filled <= provider.posts
    assert employed.pay_per_hour >= model.nlw
    assert employed.home_area in set(model.geo.la_name)


def test_status_names_cover_all_codes():
    assert len(STATUS_NAMES) == N_STATUS


@pytest.fixture(scope="module")
def default_scale_first_year():
    model = CareWorkforceModel(load_config(["years=1", "progress=false"]))
    return first_year_summary(model.run().tables())


def test_first_year_lands_near_the_published_2024_25(default_scale_first_year):
    """The first simulated year is 2024/25: Skills for Care's 7.0% vacancy rate (2025
    edition, rebased) and 23.1% turnover; 63% of leavers staying in care (2021/22)."""
    first = default_scale_first_year
    assert first["fy"] == "2024/25"
    assert abs(100 * first["vacancy_rate"] - 7.0) <= 1.5, first
    assert abs(100 * first["turnover_rate"] - 23.1) <= 4.0, first
    assert abs(100 * first["share_leavers_to_asc"] - 63.0) <= 10.0, first
    assert abs(first["filled_posts"] - 1_705_000) / 1_705_000 < 0.05, first


def test_flows_answer_care_workers_to_nhs_by_ics(tiny_run):
    _, tables = tiny_run
    flows = tables["flows_monthly"]
    last_year = flows[flows["fy"] == flows["fy"].max()]
    to_nhs = last_year[
        (last_year["from_status"] == "asc")
        & (last_year["from_role"] == "care_worker")
        & (last_year["to_status"] == "nhs")
    ]
    by_ics = to_nhs.groupby("from_ics")["count"].sum()
    assert by_ics.sum() > 0
    assert set(by_ics.index) <= set(tables["ics_monthly"]["ics"])


def _entrants_due(model: CareWorkforceModel, months: range, due: str = "nhs_due") -> int:
    total = 0
    for m in months:
        model.month = m
        model.apply_calendar()
        total += getattr(model, due)
    return total


def test_young_entrants_follow_the_cohort_turning_18():
    """2030/31's cohort (born 2012, the peak) is larger than 2024/25's (born 2006) and
    2038/39's (born 2020); entrants are the share of each, in whole agents."""
    model = CareWorkforceModel(load_config([*TINY, "scale=0.01"]))
    share, scale = model.cfg.entry.young_entrant_share_of_cohort, model.cfg.scale
    due = {fy: _entrants_due(model, range(12 * fy, 12 * fy + 12), "young_due") for fy in (0, 6, 14)}
    for fy, n in due.items():
        assert abs(n - share * cohort_turning_18(fy) * scale) <= 1.0, fy
    assert due[6] > due[0] > due[14]


def test_non_british_share_of_entrants_follows_its_yearly_path():
    """2024/25 takes the first value, 2025/26 the second, later years the last."""
    path = [0.6, 0.4, 0.2]
    cfg = load_config([*TINY, f"entry.non_british_share_of_entrants=[{','.join(map(str, path))}]"])
    model = CareWorkforceModel(cfg)
    for month, share in ((0, 0.6), (11, 0.6), (12, 0.4), (24, 0.2), (120, 0.2)):
        model.month = month
        model.apply_calendar()
        assert model.non_british_share_of_entrants == share, month


def test_nhs_pipeline_grows_with_its_rate():
    growth = 0.10
    model = CareWorkforceModel(load_config([*TINY, f"entry.nhs_entrants_growth_per_year={growth}"]))
    e, scale = model.cfg.entry, model.cfg.scale
    for first in (0, 120):
        months = range(first, first + 12)
        exact = sum(
            e.nhs_professional_entrants_per_year * scale / 12 * (1 + growth) ** (m / 12)
            for m in months
        )
        assert abs(_entrants_due(model, months) - exact) <= 1.0, first


def test_the_outside_sector_follows_its_jobs_instead_of_draining(tiny_run):
    """The wider population refills outside jobs: after two years the outside stock is its
    starting size grown with the economy, and its vacancy rate is the economy's (or below
    it, in a month the modelled workers filled more outside jobs than they left)."""
    model, tables = tiny_run
    cfg = model.cfg
    status = tables["status_monthly"]
    start, end = status["outside"].iloc[0], status["outside"].iloc[-1]
    growth = (1 + cfg.demand.outside_job_growth_per_year) ** (len(status) / 12)
    assert end / start == pytest.approx(growth, abs=0.02)
    national = tables["national_monthly"]
    outside = national[national["sector"] == "outside"]
    rate = outside["vacancies"] / outside["posts"]
    whole_job = 1 / (outside["posts"] * cfg.scale)
    assert (rate <= cfg.population.outside_vacancy_rate + whole_job).all()
    assert (abs(rate - cfg.population.outside_vacancy_rate) <= whole_job).median() == 1
    flows = tables["flows_annual"]
    joiners = flows[(flows["from_status"] == "new_entrant") & (flows["to_status"] == "outside")]
    assert joiners["count"].sum() > 0, "joiners from the wider population are a recorded flow"


def test_care_posts_by_area_follow_population_and_by_setting_their_shares():
    """Every area has an establishment, so small areas hold more establishments than their
    share at small scales; raking the sizes keeps both margins anyway."""
    rng = np.random.default_rng(3)
    la = np.array([0, 1, 1, 2, 2, 2, 2, 2])
    setting = np.array([0, 1, 2, 0, 1, 2, 3, 3])
    la_totals, setting_totals = np.array([10.0, 30.0, 60.0]), np.array([40.0, 20.0, 25.0, 15.0])
    size = rake(rng.lognormal(0, 0.6, la.size), la, setting, la_totals, setting_totals)
    assert np.bincount(la, size) == pytest.approx(la_totals)
    assert np.bincount(setting, size) == pytest.approx(setting_totals)


def test_the_warm_up_is_not_reported_and_ends_on_the_published_posts(tiny_run):
    """Reporting starts in April 2024 after the warm-up, with ASC and NHS posts back on the
    published April 2024 numbers they were built below, and the stock of each status
    carried over from the warm-up's end."""
    model, tables = tiny_run
    assert model.cfg.warm_up_months > 0
    national = tables["national_monthly"]
    assert national["month"].min() == 0 and national["date"].iloc[0] == "2024-04"
    p = model.cfg.population
    first = national[national["month"] == 0].set_index("sector")["posts"]
    asc_posts = p.asc_filled_posts / (1 - p.asc_vacancy_rate)
    nhs_posts = p.nhs_staff / (1 - p.nhs_vacancy_rate)
    assert first["asc"] == pytest.approx(asc_posts, rel=0.02)
    assert first["nhs"] == pytest.approx(nhs_posts, rel=0.02)
    built = CareWorkforceModel(load_config(TINY))
    assert model.recorder.initial_status.sum() > built.n, "young entrants joined in the warm-up"


def test_tables_before_the_first_step_have_their_columns_and_no_rows():
    model = CareWorkforceModel(load_config(["scale=0.001", "years=1", "progress=false"]))
    empty = model.tables()
    assert all(len(df) == 0 for df in empty.values())
    assert {"vacancy_rate", "filled", "british_national"} <= set(empty["national_annual"].columns)
    assert model.month == -12, "asking for tables does not advance the model"
