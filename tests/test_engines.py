"""The numba engine and the Mesa reference engine compute the same model."""

import numpy as np
import pandas as pd
import pytest

from sim import CareWorkforceModel, load_config

SMALL = ["scale=0.002", "years=2", "progress=false", "check_invariants=true"]
WORKER_FIELDS = (
    "status",
    "site",
    "role",
    "qual",
    "age_months",
    "tenure_months",
    "sponsor_months",
    "zero_hours",
    "home_place",
)


def both_engines(*overrides):
    runs = {}
    for engine in ("numba", "mesa"):
        cfg = load_config([*SMALL, *overrides, f"engine={engine}"])
        runs[engine] = CareWorkforceModel(cfg).run()
    return runs["numba"], runs["mesa"]


@pytest.mark.parametrize(
    "overrides",
    [
        # the fast tier keeps the first policy case, which runs every phase with levers on
        pytest.param(["seed=1"], marks=pytest.mark.slow),
        pytest.param(["seed=2"], marks=pytest.mark.slow),
        pytest.param(["seed=3"], marks=pytest.mark.slow),
        # a changed world: higher pay response, cheaper sector switching, no visa inflow
        pytest.param(
            [
                "seed=4",
                "pay.pay_response_per_month=0.1",
                "behaviour.switch_cost_sector=1.0",
                "entry.international_recruits_per_year=[0]",
            ],
            marks=pytest.mark.slow,
        ),
        # policy levers on, phased in and starting at different months (all within the
        # first year, which is all this fast-tier case runs)
        [
            "seed=5",
            "years=1",
            "policy=[pay_parity,rural_coastal,one_workforce,fee_uplift,conditions,training]",
            "policies.training.start=2024-05",
            "policies.pay_parity.start=2024-10",
            "policies.pay_parity.phase_in_months=6",
            "policies.rural_coastal.start=2024-04",
            "policies.one_workforce.start=2024-04",
            "policies.fee_uplift.start=2025-01",
            "policies.conditions.start=2024-06",
        ],
        # the levers that change pay steps, entry, exits, eligibility and sponsors
        pytest.param(
            [
                "seed=6",
                "policy=[career_pathway,registration,training,international,one_workforce]",
                "policies.career_pathway.start=2024-04",
                "policies.registration.start=2024-06",
                "policies.registration.retention_effect=0.3",
                "policies.training.start=2024-04",
                "policies.international.licence_revocations_per_year=0.5",
                "policies.one_workforce.start=2024-04",
                "policies.one_workforce.areas=[London,North East]",
                "training.nhs_support_min_qual=2",
            ],
            marks=pytest.mark.slow,
        ),
    ],
    ids=["seed1", "seed2", "seed3", "changed-parameters", "policies-on", "more-policies-on"],
)
def test_engines_give_the_same_trajectories(overrides):
    fast, reference = both_engines(*overrides)
    assert fast.n == reference.n > 7000
    for name in WORKER_FIELDS:
        a = getattr(fast.workers, name)[: fast.n]
        b = getattr(reference.workers, name)[: reference.n]
        assert np.array_equal(a, b), f"workers.{name} differ"
    np.testing.assert_allclose(
        fast.workers.pay_per_hour[: fast.n],
        reference.workers.pay_per_hour[: reference.n],
        rtol=1e-9,
    )
    for name in ("posts", "filled"):
        assert np.array_equal(getattr(fast.sites, name), getattr(reference.sites, name))
    tables_a, tables_b = fast.tables(), reference.tables()
    for name, df in tables_a.items():
        pd.testing.assert_frame_equal(df, tables_b[name], check_exact=False, rtol=1e-9, obj=name)


def test_reference_engine_activates_mesa_agents():
    cfg = load_config([*SMALL, "years=1", "engine=mesa"])
    model = CareWorkforceModel(cfg)
    model.step()
    assert model.engine.name == "mesa"
    assert len(model.agents) == model.n + model.sites.n


def test_mesa_engine_needs_every_handle():
    with pytest.raises(ValueError, match="handles"):
        load_config([*SMALL, "engine=mesa", "handles=employers"])
