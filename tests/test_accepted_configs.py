"""Property: a config the validator accepts runs to completion with finite tables and the
monthly invariants holding; one it refuses is refused when loaded, before any work.

Hypothesis draws a few fields anywhere in their declared ranges (and, half the time, a lever
switched on with some of its own fields), on a small short run.
"""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sim import CareWorkforceModel
from sim.config import ConfigError, load_config
from sim.config.policies import PoliciesConfig

from .test_parameters import FIELDS, FREE_TEXT

pytestmark = pytest.mark.slow

RUN = ["scale=0.002", "years=1", "warm_up_months=2", "progress=false", "check_invariants=true"]
# The run's shape is fixed small here; each of these has its own tests.
SHAPE = {"scale", "years", "warm_up_months", "seed", "replicate", "ensemble", "root_seed",
         "engine", "handles", "progress", "figure", "check_invariants", "start"}  # fmt: skip
LEVERS = [f.name for f in dataclasses.fields(PoliciesConfig)]
GENERAL = sorted(n for n in FIELDS if n not in FREE_TEXT | SHAPE and not n.startswith("policies."))


def _value(f) -> st.SearchStrategy:
    """Values inside a field's declaration, as Hydra override text."""
    m, default = f.metadata, f.default_factory() if callable(f.default_factory) else f.default
    if m.get("choices") is not None:
        element = st.sampled_from(m["choices"]).map(
            lambda v: str(v).lower() if isinstance(v, bool) else str(v)
        )
    else:
        low = m["low"] if m.get("low") is not None else m["above"]
        high = m["high"] if m.get("high") is not None else (abs(low) + 1) * 10
        is_int = isinstance(default[0] if isinstance(default, list) else default, int)
        if is_int:
            element = st.integers(math.ceil(low + (m.get("above") is not None)), int(high))
        else:
            element = st.floats(low, high, exclude_min=m.get("above") is not None)
        element = element.map(str)
    if isinstance(default, list):
        return st.lists(element, min_size=len(default), max_size=len(default)).map(
            lambda xs: "[" + ",".join(xs) + "]"
        )
    return element


@st.composite
def overrides(draw) -> list[str]:
    names = draw(st.lists(st.sampled_from(GENERAL), min_size=1, max_size=3, unique=True))
    out = [f"{n}={draw(_value(FIELDS[n]))}" for n in names]
    if draw(st.booleans()):
        lever = draw(st.sampled_from(LEVERS))
        own = sorted(n for n in FIELDS if n.startswith(f"policies.{lever}.") and n not in FREE_TEXT)
        own = [n for n in own if not n.endswith(".enabled")]
        picked = draw(st.lists(st.sampled_from(own), max_size=2, unique=True)) if own else []
        out += [f"policy=[{lever}]", *(f"{n}={draw(_value(FIELDS[n]))}" for n in picked)]
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(overrides())
def test_an_accepted_config_runs_with_finite_tables_and_invariants(extra):
    try:
        cfg = load_config([*RUN, *extra])
    except ConfigError as err:
        assert "\n" not in str(err) and "expected" in str(err), str(err)
        event("refused")
        return  # refused before any model was built
    event("accepted and run")
    tables = CareWorkforceModel(cfg).run(progress=False).tables()  # invariants checked monthly
    for name, df in tables.items():
        numbers = df.select_dtypes("number").to_numpy(dtype=float)
        assert not np.isinf(numbers).any(), f"{name} has infinite values with {extra}"
    assert len(tables["national_monthly"]) > 0
