"""Kernels that move people, against hand-worked cases: entry, matching, accounting, events."""

import numpy as np
import pytest

from sim.kernels import accounting, contracts, entry, pay, search, vacancies
from sim.kernels.moves import move
from sim.kernels.search import (
    N_OFFER_FLOAT,
    N_OFFER_INT,
    OFFER_ROLE,
    OFFER_SITE,
    OFFER_SLOT,
    OFFER_VALUE,
    OFFER_ZH,
)
from sim.state import (
    ABROAD,
    ASC,
    N_REWARD,
    N_ROLES,
    N_STATUS,
    N_TERMS,
    NEW,
    NHS,
    NONEMP,
    OUTSIDE,
    QUAL_CARE_CERTIFICATE,
    QUAL_NONE,
    RESIDENTIAL,
    ROLE_CARE_WORKER,
    ROLE_NURSE,
    ROLE_SENIOR,
    EventOverflowError,
    Events,
    Sites,
    Workers,
)

NLW = 12.21


# Listing arguments under which every open post is open to applicants (``is_listed``).
ALL_LISTED = (np.ones(3), 3, 0)


def every_open(s: Sites) -> np.ndarray:
    """Posts open to applicants when every open post is (``listed_open_posts``)."""
    return vacancies.listed_open_posts(s.as_tuple(), *ALL_LISTED)


def sites(sector, la, posts, filled=None, sponsor=None, setting=None) -> Sites:
    """A hand-made site table: one row per site, posts and filled by role."""
    n = len(sector)
    posts = np.array(posts, np.int32)
    return Sites(
        sector=np.array(sector, np.int8),
        setting=np.array(setting or [RESIDENTIAL] * n, np.int8),
        owner=np.zeros(n, np.int8),
        la=np.array(la, np.int32),
        place=np.arange(n, dtype=np.int32),
        posts_target=posts.astype(np.float64),
        round_offset=np.zeros(posts.shape),
        posts=posts,
        filled=np.array(filled if filled is not None else np.zeros_like(posts), np.int32),
        premium=np.zeros(n),
        headroom=np.zeros(n),
        pay_per_hour=np.full((n, N_ROLES), 13.0),
        pay_base=np.full((n, N_ROLES), 13.0),
        conditions=np.zeros(n),
        zero_hours_share=np.zeros(n),
        sponsor=np.array(sponsor or [1] * n, np.int8),
        hours_per_week=np.full(n, 30.0),
        commute_weight=np.ones(n),
        terms=np.zeros((n, N_TERMS)),
        reward=np.zeros((n, N_REWARD)),
    )


def test_open_posts_lists_each_vacancy_of_the_sector_and_roles_once():
    s = sites(
        [ASC, ASC, NHS],
        [0, 0, 0],
        [[3, 2, 0, 0, 0], [1, 0, 0, 0, 0], [5, 0, 0, 0, 0]],
        filled=[[1, 2, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
        sponsor=[1, 0, 1],
    )
    care = np.array([1, 0, 0, 0, 0])
    site, role = entry.open_posts(s.as_tuple(), every_open(s), ASC, True, care)
    assert sorted(zip(site.tolist(), role.tolist(), strict=True)) == [(0, 0), (0, 0)]
    site, _ = entry.open_posts(s.as_tuple(), every_open(s), ASC, False, care)
    assert sorted(site.tolist()) == [0, 0, 1], "without the licence rule site 1 counts too"


def test_hired_entrants_fill_only_open_posts_and_log_one_event_each():
    s = sites([ASC], [0], [[3, 0, 0, 0, 0]], filled=[[1, 0, 0, 0, 0]])
    w = Workers.empty(10)
    ev = Events.empty(10)
    site, role = entry.open_posts(s.as_tuple(), every_open(s), ASC, True, np.array([1, 0, 0, 0, 0]))
    hired = entry.hire_entrants(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), 0, 5, site, role, np.ones(1), ABROAD, 1, 24,
        np.zeros(1, np.int32), 240, 480, 0.01, 0.02, 20.0, NLW, 3, 0,
    )  # fmt: skip
    assert hired == 2, "two open posts, five recruits due: two arrive"
    assert s.filled[0, ROLE_CARE_WORKER] == 3
    assert int(ev.n[0]) == 2
    assert (w.status[:2] == ASC).all() and (w.status[2:] != ASC).all()
    assert (w.qual[:2] == QUAL_CARE_CERTIFICATE).all()
    assert (w.international[:2] == 1).all() and (w.sponsor_months[:2] == 24).all()
    assert (ev.ints[:2, 1] == ABROAD).all(), "the event's origin is abroad"
    assert (w.zero_hours[:2] == 1).all(), "a site certain to offer zero hours hires on them"
    assert (w.hours_per_week[:2] == 20.0).all()


def test_young_entrants_join_the_non_employed_pool_within_their_age_range():
    s = sites([ASC], [0], [[1, 0, 0, 0, 0]])
    w = Workers.empty(50)
    ev = Events.empty(50)
    cum_pop = np.array([0.5, 1.0])
    entry.add_young_entrants(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), 0, 40, cum_pop, np.array([0, 0], np.int32),
        16 * 12, 25 * 12, NLW, 5, 0,
    )  # fmt: skip
    assert (w.status[:40] == NONEMP).all() and (w.site[:40] == -1).all()
    assert (w.qual[:40] == QUAL_NONE).all()
    assert ((w.age_months[:40] >= 192) & (w.age_months[:40] < 300)).all()
    assert int(ev.n[0]) == 40 and (ev.ints[:40, 1] == NEW).all()
    assert 0 < (w.home_place[:40] == 0).sum() < 40, "homes drawn from both places"
    assert (w.international[:40] == 0).all(), "British nationals unless a share says otherwise"


@pytest.mark.parametrize(("share", "low", "high"), [(0.0, 0, 0), (0.25, 60, 140), (1.0, 400, 400)])
def test_a_share_of_young_entrants_are_not_british_nationals(share, low, high):
    s = sites([ASC], [0], [[1, 0, 0, 0, 0]])
    w, ev = Workers.empty(400), Events.empty(400)
    entry.add_young_entrants(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), 0, 400, np.array([1.0]), np.zeros(1, np.int32),
        16 * 12, 25 * 12, NLW, 5, 0, share,
    )  # fmt: skip
    assert low <= int(w.international[:400].sum()) <= high


def test_vacancy_slots_count_open_care_and_nhs_posts_by_area():
    s = sites(
        [ASC, NHS, OUTSIDE],
        [0, 1, 1],
        [[2, 1, 0, 0, 0], [0, 0, 3, 0, 0], [9, 0, 0, 0, 0]],
        filled=[[1, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0]],
    )
    ptr, slot_site, slot_role, open_count = vacancies.build_vacancy_slots(
        s.as_tuple(), every_open(s), 2, False
    )
    assert open_count.tolist() == [1, 2], "outside jobs are not vacancies"
    assert ptr.tolist() == [0, 1, 3]
    assert slot_site.tolist() == [0, 1, 1] and slot_role.tolist() == [0, 2, 2]


def offers(rows):
    """Offer tables of searchers: rows of (value, slot, site, role); slot -2 is no offer."""
    k = max(len(r) for r in rows)
    floats = np.zeros((len(rows), k, N_OFFER_FLOAT))
    ints = np.full((len(rows), k, N_OFFER_INT), -2, np.int64)
    for q, row in enumerate(rows):
        for j, (value, slot, site, role) in enumerate(row):
            floats[q, j, OFFER_VALUE] = value
            ints[q, j, OFFER_SLOT], ints[q, j, OFFER_SITE] = slot, site
            ints[q, j, OFFER_ROLE], ints[q, j, OFFER_ZH] = role, 0
    return floats, ints


def test_searchers_act_in_order_and_the_first_takes_a_contested_vacancy():
    s = sites([ASC, ASC], [0, 0], [[1, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    w = Workers.empty(2)
    w.status[:] = NONEMP
    ev = Events.empty(4)
    floats, ints = offers([[(5.0, 0, 0, 0), (3.0, 1, 1, 0)], [(4.0, 0, 0, 0)]])
    who, perm = np.array([0, 1]), np.array([1, 0])
    moved = search.resolve_offers(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), who, perm, floats, ints, 2, NLW
    )
    assert moved == 2
    assert w.site.tolist() == [1, 0], "searcher 1 acts first and takes site 0; 0 takes site 1"
    assert s.filled[:, 0].tolist() == [1, 1]


def test_a_searcher_with_every_vacancy_taken_stays_put():
    s = sites([ASC], [0], [[1, 0, 0, 0, 0]])
    w = Workers.empty(2)
    w.status[:] = NONEMP
    ev = Events.empty(4)
    floats, ints = offers([[(5.0, 0, 0, 0)], [(4.0, 0, 0, 0)]])
    moved = search.resolve_offers(
        w.as_tuple(), s.as_tuple(), ev.as_tuple(), np.array([0, 1]), np.array([0, 1]),
        floats, ints, 1, NLW,
    )  # fmt: skip
    assert moved == 1 and w.site.tolist() == [0, -1] and w.status[1] == NONEMP


def test_month_tally_counts_stocks_starters_leavers_and_flows_by_hand():
    # Site 0 (care, area 0) and site 1 (NHS, area 1); three workers at site 0.
    s = sites([ASC, NHS], [0, 1], [[3, 1, 0, 0, 0], [2, 0, 0, 0, 0]])
    w = Workers.empty(4)
    w.status[:3], w.site[:3], w.pay_per_hour[:3], w.hours_per_week[:3] = ASC, 0, 13.0, 30.0
    w.role[:3] = ROLE_CARE_WORKER
    s.filled[0, 0] = 3
    ev = Events.empty(8)
    W, S, EV = w.as_tuple(), s.as_tuple(), ev.as_tuple()
    move(0, ASC, 0, ROLE_SENIOR, 0, 30.0, 14.0, 0.0, W, S, EV, NLW)  # promotion: no flow
    move(1, NHS, 1, ROLE_CARE_WORKER, 0, 34.0, 13.5, 3.0, W, S, EV, NLW)  # care -> NHS
    cells, money, flows, stock, leavers, status, independent, *_ = accounting.tally_month(
        W, S, EV, 4, 2, NLW, np.zeros(2), 0.0, 0.0, 0.0, np.full(2, -1), 0
    )
    c = accounting
    assert cells[0, RESIDENTIAL, 0, c.C_POSTS] == 3 and cells[0, RESIDENTIAL, 0, c.C_FILLED] == 1
    assert cells[0, RESIDENTIAL, 1, c.C_FILLED] == 1, "the promoted worker fills a senior post"
    assert cells[0, RESIDENTIAL, 0, c.C_LEAVERS] == 1
    assert cells[1, RESIDENTIAL, 0, c.C_STARTERS] == 1
    assert cells[..., c.C_STARTERS].sum() == 1, "a promotion is not a start"
    assert flows.sum() == 1 and flows[0, ASC, ROLE_CARE_WORKER, NHS] == 1
    assert leavers.sum(axis=1).tolist() == [1] * 6, "one care leaver in each grouping"
    assert stock.sum(axis=1).tolist() == [1] * 6, "the promoted (now senior) worker is not counted"
    assert status[ASC] == 2 and status[NHS] == 1 and status.sum() == 4
    assert money[0, RESIDENTIAL, :, c.M_PAY].sum() == pytest.approx(13.0 + 14.0)
    assert independent[c.I_STAFF] == 1 and independent[c.I_PAY] == 13.0  # the care worker
    assert N_STATUS == status.size


def test_an_event_beyond_the_reserved_buffer_is_counted_not_written():
    s = sites([ASC], [0], [[5, 0, 0, 0, 0]])
    w = Workers.empty(3)
    w.status[:] = NONEMP
    ev = Events.empty(1)
    before = ev.ints.copy()
    for i in range(3):
        move(i, ASC, 0, 0, 0, 30.0, 13.0, 1.0, w.as_tuple(), s.as_tuple(), ev.as_tuple(), NLW)
    assert int(ev.n[0]) == 3 and ev.ints.shape == before.shape
    assert ev.ints[0, 0] == 0, "the first event is written"
    with pytest.raises(EventOverflowError, match="reserve"):
        ev.check("test phase")


def test_reserve_grows_the_buffer_in_place_keeping_recorded_events():
    ev = Events.empty(2)
    ev.ints[0, 0], ev.n[0] = 7, 1
    ev.reserve(5)
    assert ev.capacity >= 6 and ev.ints[0, 0] == 7 and int(ev.n[0]) == 1
    ev.check("after reserve")


def test_turnover_groups_count_care_workers_only():
    s = sites([ASC], [0], [[2, 2, 0, 0]])
    w = Workers.empty(2)
    w.status[:], w.site[:], w.pay_per_hour[:] = ASC, 0, 13.0
    w.role[:] = [ROLE_CARE_WORKER, ROLE_SENIOR]
    s.filled[0, :2] = 1
    ev = Events.empty(4)
    W, S, EV = w.as_tuple(), s.as_tuple(), ev.as_tuple()
    move(1, NONEMP, -1, ROLE_SENIOR, 0, 0.0, 0.0, 0.0, W, S, EV, NLW)  # a senior leaves care
    _, _, flows, stock, leavers, *_ = accounting.tally_month(
        W, S, EV, 2, 1, NLW, np.zeros(1), 0.0, 0.0, 0.0, np.full(2, -1), 0
    )
    assert flows[0, ASC, ROLE_SENIOR, NONEMP] == 1, "the senior's move is a flow"
    assert leavers.sum() == 0, "but not a care-worker leaver"
    assert stock.sum(axis=1).tolist() == [1] * 6, "one care worker in each grouping"


@pytest.mark.parametrize(
    ("share", "on_zero_hours", "staff", "expected"),
    [
        (0.2, 2, 10, 0.2),  # at the target: the share itself
        (0.2, 0, 10, 1.0),  # two short: certain
        (0.2, 1, 10, 1.0),  # 0.2 * 11 - 1 = 1.2: certain
        (0.25, 2, 7, 0.0),  # above the target after one more hire: never
        (0.37, 0, 0, 0.37),  # an empty site: the share
        (0.0, 0, 5, 0.0),  # no zero hours as policy
    ],
)
def test_the_zero_hours_offer_closes_the_gap_to_the_site_share(
    share, on_zero_hours, staff, expected
):
    got = contracts.zero_hours_offer_probability(share, on_zero_hours, staff)
    assert got == pytest.approx(expected)


def test_a_site_share_of_zero_hours_staff_persists_through_turnover():
    """Hire and lose staff for years, zero-hours staff quitting three times as often:
    the employer's share holds at its target instead of draining."""
    rng = np.random.default_rng(5)
    share, staff = 0.2, 50
    zh = np.zeros(staff, bool)
    zh[:10] = True
    for _ in range(240):
        quit_ = rng.random(staff) < np.where(zh, 0.06, 0.02)
        for k in np.flatnonzero(quit_):  # replace each leaver in turn
            p = contracts.zero_hours_offer_probability(share, int(zh.sum()) - zh[k], staff - 1)
            zh[k] = rng.random() < p
    assert 0.17 <= zh.mean() <= 0.23


def test_a_draw_landing_at_the_own_employer_is_drawn_again():
    """Nine of ten open posts within reach are at the searcher's own employer: a single draw
    would waste most options (more so at smaller scales); redraws find the other post."""
    s = sites([ASC, ASC], [0, 0], [[9, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    ptr, slot_site, _, open_count = vacancies.build_vacancy_slots(
        s.as_tuple(), every_open(s), 1, False
    )
    reach_ptr, reach_idx = np.array([0, 1]), np.array([0])
    reach_open = vacancies.reach_open_counts(reach_ptr, reach_idx, open_count)
    found = [
        slot_site[vacancies.draw_slot(
            ptr, slot_site, open_count, reach_ptr, reach_idx, reach_open, 0, 0, 7, 0, i, 1
        )]
        for i in range(200)
    ]  # fmt: skip
    assert np.mean(np.array(found) == 1) > 0.5, "0.9**9 = 39% of searchers find only their own"
    assert vacancies.draw_slot(
        ptr, slot_site, open_count, reach_ptr, reach_idx, reach_open, 0, -1, 7, 0, 3, 1
    ) >= 0  # fmt: skip


def test_a_time_to_hire_lists_a_share_of_open_posts_and_every_phase_sees_the_same():
    """With a three-month time to hire about a third of open NHS posts are open to applicants
    in a month; searchers and recruits see the same ones; ASC posts all open (1 month)."""
    s = sites([NHS, ASC], [0, 0], [[300, 0, 0, 0, 0], [30, 0, 0, 0, 0]])
    listing = (np.array([1.0, 1 / 3, 1.0]), 11, 4)
    listed = vacancies.listed_open_posts(s.as_tuple(), *listing)
    _, slot_site, _, open_count = vacancies.build_vacancy_slots(s.as_tuple(), listed, 1, False)
    nhs_listed = int((slot_site == 0).sum())
    assert 70 <= nhs_listed <= 130, "binomial(300, 1/3): mean 100, sd 8"
    assert int((slot_site == 1).sum()) == 30 and open_count[0] == nhs_listed + 30
    recruits, _ = entry.open_posts(s.as_tuple(), listed, NHS, False, np.ones(5, np.int64))
    assert recruits.size == nhs_listed, "the pipeline finds the posts searchers found"
    later_listed = vacancies.listed_open_posts(s.as_tuple(), listing[0], 11, 5)
    later = vacancies.build_vacancy_slots(s.as_tuple(), later_listed, 1, False)[1]
    assert int((later == 0).sum()) != nhs_listed, "a new month draws afresh"


def test_nhs_staff_move_up_the_pay_points_and_care_staff_do_not():
    """A nurse six years in post is on Band 6 entry (37,338 against Band 5's 29,970 a
    year); a care worker's pay does not follow the NHS table."""
    from sim.world.pay_scales import nhs_pay_by_year_in_post

    points = nhs_pay_by_year_in_post(5)
    assert points[ROLE_NURSE, 0] == 1.0
    assert points[ROLE_NURSE, 6] == pytest.approx(37_338 / 29_970)
    assert points[ROLE_CARE_WORKER, 2] == pytest.approx((23_615 + 25_674) / (23_615 + 24_071))
    s = sites([NHS, ASC], [0, 0], [[0, 0, 1, 0, 0], [1, 0, 0, 0, 0]])
    w = Workers.empty(2)
    w.status[:2], w.site[:2] = [NHS, ASC], [0, 1]
    w.role[:2], w.tenure_months[:2] = [ROLE_NURSE, ROLE_CARE_WORKER], [72, 72]
    pay.update_worker_pay(w.pay_per_hour, w.site, w.role, w.tenure_months, w.qual, w.status, 2,
                          s.as_tuple(), points)  # fmt: skip
    assert w.pay_per_hour[0] == pytest.approx(13.0 * 37_338 / 29_970)
    assert w.pay_per_hour[1] == pytest.approx(13.0), "no fee headroom, no steps"
