"""Shared fixtures: small seeded runs reused across tests (built once per session)."""

import pytest

from sim import CareWorkforceModel, load_config

TINY = ["scale=0.003", "years=2", "progress=false", "check_invariants=true"]


def run_model(*overrides: str) -> CareWorkforceModel:
    model = CareWorkforceModel(load_config([*TINY, *overrides]))
    return model.run()


@pytest.fixture(scope="session")
def tiny_run():
    """A two-year run at 0.3% scale and its tables."""
    model = run_model()
    return model, model.tables()
