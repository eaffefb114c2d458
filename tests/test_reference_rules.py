"""The reference engine's rules are an independent restatement of the kernels.

(a) No module of the reference engine (``sim/engines/rules/``, ``sim/engines/reference.py``)
or of the agent handles (``sim/agents.py``) imports a kernel function or numba: from
``sim.kernels`` they may import only plain numeric constants (the ``B_*`` behaviour and
``H_*`` hazard indices, the assumed commuting speeds), and only ones they use.
``sim.agents`` imports no ``sim`` module but ``sim.state``.

(b) Each rule gives bit-identical results to its kernel on random inputs, so a formula that
drifts in one engine fails here without a full run (``tests/test_engines.py`` then checks
the order in which agents act).
"""

from __future__ import annotations

import ast
import importlib
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.engines.rules import (
    choice,
    contracts,
    demand,
    geometry,
    moves,
    pay,
    search,
    separations,
    training,
)
from sim.kernels import choice as k_choice
from sim.kernels import contracts as k_contracts
from sim.kernels import demand as k_demand
from sim.kernels import geometry as k_geometry
from sim.kernels import moves as k_moves
from sim.kernels import pay as k_pay
from sim.kernels import separations as k_separations
from sim.kernels import training as k_training
from sim.kernels import vacancies as k_vacancies
from sim.kernels.choice import N_BEHAVIOUR
from sim.kernels.separations import N_HAZARDS
from sim.state import (
    ASC,
    N_ROLES,
    N_TERMS,
    NHS,
    NONEMP,
    OUTSIDE,
    QUAL_NURSE,
    RETIRED,
    Events,
    Sites,
    Workers,
)

SIM = Path(__file__).resolve().parent.parent / "sim"
REFERENCE_MODULES = sorted((SIM / "engines" / "rules").glob("*.py")) + [
    SIM / "engines" / "reference.py",
    SIM / "agents.py",
]
FAST = settings(deadline=None, max_examples=200)


# ---- (a) no kernel function behind the reference engine ---------------------------------------
def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in a file; names empty for ``import module``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, [a.name for a in node.names]))
    return found


def _names_used(path: Path) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Name)}


def test_the_reference_engine_imports_no_kernel_function():
    for path in REFERENCE_MODULES:
        used = _names_used(path)
        for module, names in _imports(path):
            assert not module.startswith("numba"), f"{path.name} imports {module}"
            if module != "sim.kernels" and not module.startswith("sim.kernels."):
                continue
            assert names, f"{path.name} imports the module {module} (functions and all)"
            kernel = importlib.import_module(module)
            for name in names:
                value = getattr(kernel, name)
                assert type(value) in (int, float), (
                    f"{path.name} imports {module}.{name}, not a number"
                )
                assert name in used, f"{path.name} imports {module}.{name} without using it"


def test_the_agents_are_handles_needing_only_the_state_codes():
    sim_imports = {m for m, _ in _imports(SIM / "agents.py") if m.split(".")[0] == "sim"}
    assert sim_imports == {"sim.state"}


# ---- (b) the same numbers as the kernels ------------------------------------------------------
def same(a, b) -> bool:
    """Bit-identical floats (nan equal to nan), or equal integers and flags."""
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or (
        a == b and math.copysign(1, a) == math.copysign(1, b)
    )


unit = st.floats(0.0, 1.0)
share = st.floats(-0.5, 1.5)
coef = st.floats(-5.0, 5.0)
money = st.floats(0.01, 80.0)
km = st.floats(0.0, 150.0)
lat = st.floats(49.0, 61.0)
lon = st.floats(-8.0, 2.0)
status = st.sampled_from([ASC, NHS, OUTSIDE, NONEMP])
sector = st.sampled_from([ASC, NHS, OUTSIDE])
qual = st.integers(0, QUAL_NURSE)
role = st.integers(0, N_ROLES - 1)
flag = st.integers(0, 1)
beta = st.lists(coef, min_size=N_BEHAVIOUR, max_size=N_BEHAVIOUR).map(np.array)
# The search base rate is a probability: keep it inside (0, 1).
search_beta = st.tuples(beta, st.floats(0.001, 0.999)).map(
    lambda t: np.where(np.arange(N_BEHAVIOUR) == k_choice.B_SEARCH_BASE, t[1], t[0])
)


@FAST
@given(beta, money, unit, st.floats(0.5, 60.0), unit, km, st.booleans(), flag, sector, unit, flag)
def test_job_value(b, pay_rate, non_wage, hours, conditions, dist, rural, zh, sec, weight, nb):
    args = (b, pay_rate, non_wage, hours, conditions, dist, rural, zh, sec, weight, nb)
    assert same(choice.job_value(*args), k_choice.job_value(*args))


@FAST
@given(beta, money, st.floats(0.5, 60.0))
def test_non_employment_value(b, nlw, hours):
    assert same(
        choice.non_employment_value(b, nlw, hours), k_choice.non_employment_value(b, nlw, hours)
    )


@FAST
@given(
    search_beta,
    status,
    role,
    st.floats(0.01, 80.0),
    unit,
    st.floats(0.01, 80.0),
    unit,
    flag,
    km,
    st.booleans(),
    st.floats(-4.0, 4.0),
    st.integers(16 * 12, 75 * 12),
    st.floats(5.0, 20.0),
)
def test_search_probability(
    b, stat, rol, own_pay, own_nw, nhs_rate, nhs_nw, zh, dist, rural, belief, age, nlw
):
    args = (b, stat, rol, own_pay, own_nw, nhs_rate, nhs_nw, zh, dist, rural, belief, age, nlw)
    assert same(choice.worker_search_probability(*args), k_choice.worker_search_probability(*args))


@FAST
@given(
    st.lists(st.floats(0.1, 60.0), min_size=N_BEHAVIOUR, max_size=N_BEHAVIOUR).map(np.array),
    st.integers(0, 2**40),
    st.integers(-12, 600),
    st.integers(0, 2**31 - 1),
    st.integers(0, 600),
)
def test_match_belief(b, seed, month, i, tenure):
    args = (b, seed, month, i, tenure)
    assert same(choice.match_belief(*args), k_choice.match_belief(*args))


@FAST
@given(
    beta,
    st.lists(coef, min_size=9, max_size=9).map(lambda v: np.array(v).reshape(3, 3)),
    st.lists(coef, min_size=2 * N_TERMS, max_size=2 * N_TERMS).map(
        lambda v: np.array(v).reshape(2, N_TERMS)
    ),
    status,
    st.integers(-1, 1),
    sector,
    st.integers(0, 1),
)
def test_switching_cost(b, switch, terms, from_status, from_site, to_sector, to_site):
    args = (b, switch, terms, from_status, from_site, to_sector, to_site)
    assert same(choice.switching_cost(*args), k_choice.switching_cost(*args))


def test_eligibility_everywhere():
    for args in np.ndindex(N_ROLES, QUAL_NURSE + 1, N_ROLES, 4, 3, QUAL_NURSE + 1):
        args = tuple(int(a) for a in args)
        assert choice.eligible(*args) == k_choice.eligible(*args), args


@FAST
@given(lat, lon, lat, lon, km, st.booleans())
def test_geometry(lat1, lon1, lat2, lon2, dist, rural):
    assert same(
        geometry.haversine_km(lat1, lon1, lat2, lon2),
        k_geometry.haversine_km(lat1, lon1, lat2, lon2),
    )
    assert same(geometry.commute_minutes(dist, rural), k_geometry.commute_minutes(dist, rural))


@FAST
@given(share, st.integers(0, 60), st.integers(0, 60), unit, st.floats(0, 0.5), unit, unit)
def test_premium_after(premium, posts, filled, headroom, response, target, boost):
    args = (premium, posts, filled, headroom, response, target, boost)
    assert same(pay.premium_after(*args), k_pay.premium_after(*args))


@FAST
@given(
    st.tuples(
        sector,
        st.integers(0, 3),
        share,
        st.booleans(),
        money,
        money,
        st.floats(0.5, 2.0),
        unit,
        unit,
    )
)
def test_site_rate(args):
    assert same(pay.site_rate(*args), k_pay.site_rate(*args))


@FAST
@given(st.tuples(money, money, unit, money, share))
def test_levered_rate(args):
    assert same(pay.levered_rate(*args), k_pay.levered_rate(*args))


@FAST
@given(
    st.tuples(
        money, st.integers(0, 600), qual, st.floats(0, 0.1), st.floats(0, 0.1), st.floats(0, 5)
    )
)
def test_personal_pay(args):
    assert same(pay.personal_pay(*args), k_pay.personal_pay(*args))


@FAST
@given(sector, share, share, money)
def test_step_room(sec, premium, headroom, rate):
    args = (sec, premium, headroom, rate)
    assert same(pay.step_room(*args), k_pay.step_room(*args))


hazards = st.tuples(
    st.lists(st.floats(0.0, 0.3), min_size=N_HAZARDS, max_size=N_HAZARDS),
    st.integers(60 * 12, 100 * 12),
).map(
    lambda t: np.where(
        np.arange(N_HAZARDS) == k_separations.H_MAX_AGE_MONTHS, float(t[1]), np.array(t[0])
    )
)


@FAST
@given(
    hazards,
    status,
    flag,
    st.integers(0, 24),
    st.integers(16 * 12, 101 * 12),
    st.floats(0, 3),
    unit,
    unit,
)
def test_separation_destination(h, stat, intl, sponsor, age, scale, u1, u2):
    args = (h, stat, intl, sponsor, age, scale, u1, u2)
    assert separations.separation_destination(*args) == k_separations.separation_destination(*args)


@FAST
@given(
    st.lists(st.floats(0, 3), min_size=2 * N_TERMS, max_size=2 * N_TERMS), st.integers(-1, 1), qual
)
def test_exit_scale(terms, site, q):
    terms = np.array(terms).reshape(2, N_TERMS)
    assert same(separations.exit_scale(terms, site, q), k_separations.exit_scale(terms, site, q))


@FAST
@given(st.floats(0, 500), st.floats(0.5, 1.5), st.floats(0, 1, exclude_max=True))
def test_whole_posts(target, per_need, offset):
    assert demand.whole_posts(target, per_need, offset) == k_demand.whole_posts(
        target, per_need, offset
    )


@FAST
@given(unit, st.floats(1.0, 5.0))
def test_step_probability(p, boost):
    assert same(training.step_probability(p, boost), k_training.step_probability(p, boost))


@FAST
@given(unit, st.integers(0, 60), st.integers(0, 60))
def test_zero_hours_offer(share, on_zero_hours, staff):
    assert same(
        contracts.zero_hours_offer_probability(share, on_zero_hours, staff),
        k_contracts.zero_hours_offer_probability(share, on_zero_hours, staff),
    )


def random_sites(rng: np.random.Generator, n_sites: int, n_la: int) -> Sites:
    """Sites with random sectors, areas, posts and staff (other fields zero)."""
    fields = {f: np.zeros(n_sites) for f in Sites.__dataclass_fields__}
    fields.update(
        sector=rng.integers(0, 3, n_sites).astype(np.int8),
        la=rng.integers(0, n_la, n_sites).astype(np.int32),
        posts=rng.integers(0, 4, (n_sites, N_ROLES)).astype(np.int32),
        filled=rng.integers(0, 4, (n_sites, N_ROLES)).astype(np.int32),
    )
    return Sites(**fields)


@FAST
@given(st.integers(0, 2**32), st.integers(1, 12), st.integers(1, 6), unit, st.booleans())
def test_vacancies_and_the_area_sampled(seed, n_sites, n_la, u, outside):
    rng = np.random.default_rng(seed)
    sites = random_sites(rng, n_sites, n_la)
    listing = (np.array([1.0, rng.uniform(0.1, 1.0), 1.0]), seed, int(rng.integers(0, 180)))
    listed = search.listed_open_posts(sites, *listing)
    assert np.array_equal(listed, k_vacancies.listed_open_posts(sites.as_tuple(), *listing))
    mine = search.build_vacancy_slots(sites, listed, n_la, outside)
    theirs = k_vacancies.build_vacancy_slots(sites.as_tuple(), listed, n_la, outside)
    for a, b in zip(mine, theirs, strict=True):
        assert np.array_equal(a, b)
    reach = [rng.choice(n_la, rng.integers(1, n_la + 1), replace=False) for _ in range(n_la)]
    reach_ptr = np.concatenate([[0], np.cumsum([len(r) for r in reach])]).astype(np.int64)
    reach_idx = np.concatenate(reach).astype(np.int64)
    open_count = mine[3]
    reach_open = search.reach_open_counts(reach_ptr, reach_idx, open_count)
    theirs_open = k_vacancies.reach_open_counts(reach_ptr, reach_idx, open_count)
    assert np.array_equal(reach_open, theirs_open)
    for home in range(n_la):
        args = (reach_ptr, reach_idx, home, open_count, reach_open, u)
        assert search.sample_area(*args) == k_vacancies.sample_area(*args)
        own = int(rng.integers(-1, n_sites))
        ctx = SimpleNamespace(
            seed=seed, month=3, reach_ptr=reach_ptr, reach_idx=reach_idx,
            workers=SimpleNamespace(home_la=np.array([home]), site=np.array([own])),
        )  # fmt: skip
        mine_slot = search.draw_slot(mine[0], mine[1], open_count, reach_open, 0, 2, ctx)
        theirs_slot = k_vacancies.draw_slot(
            mine[0], mine[1], open_count, reach_ptr, reach_idx, reach_open, home, own, seed, 3, 0, 2
        )  # fmt: skip
        assert mine_slot == theirs_slot


@FAST
@given(st.integers(0, 2**32), st.integers(-1, 3), status, role, flag, st.booleans())
def test_a_move_edits_the_same_rows_and_logs_the_same_event(
    seed, to_site, to_status, to_role, zh, full
):
    rng = np.random.default_rng(seed)
    sites = random_sites(rng, 4, 3)
    sites.filled += 1  # room for the mover to leave any post
    workers = Workers.empty(3)
    for name in ("status", "site", "role", "home_la", "age_months", "tenure_months", "qual"):
        getattr(workers, name)[:] = rng.integers(0, 3, 3)
    workers.site[:] = rng.integers(-1, 4, 3)
    workers.hours_per_week[:], workers.pay_per_hour[:], workers.commute_km[:] = rng.random((3, 3))
    events = Events.empty(0 if full else 2)
    events.n[0] = 0
    twin = SimpleNamespace(
        workers=Workers.empty(3),
        sites=random_sites(rng, 4, 3),
        events=Events.empty(events.capacity),
    )
    for a, b in ((workers, twin.workers), (sites, twin.sites), (events, twin.events)):
        for name in a.__dataclass_fields__:
            setattr(b, name, getattr(a, name).copy())
    args = (1, to_status if to_site >= 0 else RETIRED, to_site, to_role, zh, 37.5, 12.5, 3.0)
    k_moves.move(
        *args, twin.workers.as_tuple(), twin.sites.as_tuple(), twin.events.as_tuple(), 11.44
    )
    moves.move(SimpleNamespace(workers=workers, sites=sites, events=events), *args, 11.44)
    for a, b in ((workers, twin.workers), (sites, twin.sites), (events, twin.events)):
        for name in a.__dataclass_fields__:
            assert np.array_equal(getattr(a, name), getattr(b, name)), name
