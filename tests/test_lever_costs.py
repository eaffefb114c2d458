"""Every lever costs someone: its paired change in the payer ledger is not zero.

Each lever runs alone from June 2024 against the baseline of the same seed; its cost to all
payers, summed over the years, must differ from the baseline's, and the payer the lever
charges by design must be among those whose spend moved.
"""

import pytest

from tests.conftest import run_model

pytestmark = pytest.mark.slow

LEVERS = {
    "fair_pay": ("central government", ["policies.fair_pay.level=1.1"]),
    "pay_parity": ("central government", []),
    "pay_parity_total_reward": ("central government", []),
    "rural_coastal": ("independent providers", []),
    "fee_uplift": ("central government", []),
    "international": ("independent providers", []),
    "one_workforce": ("NHS", []),
    "career_pathway": ("independent providers", []),
    "registration": ("workers", []),
    "technology": ("central government", []),
    "conditions": ("independent providers", []),
    "training": ("central government", []),
    "nlw_path": ("independent providers", []),
}
"""Lever -> (a payer it charges by design, settings it needs to act)."""
COMMON = ["years=3", "check_invariants=false"]


def _spend(model):
    table = model.tables()["payer_costs_annual"]
    return table.groupby("payer")["gbp"].sum()


@pytest.fixture(scope="module")
def baseline():
    return _spend(run_model(*COMMON))


@pytest.mark.parametrize("lever", sorted(LEVERS))
def test_every_lever_changes_what_someone_pays(lever, baseline):
    payer, settings = LEVERS[lever]
    package = "pay_parity" if lever == "pay_parity_total_reward" else lever
    spend = _spend(
        run_model(*COMMON, f"policy=[{lever}]", f"policies.{package}.start=2024-06", *settings)
    )
    change = spend - baseline
    assert change.abs().sum() > 0, f"{lever} changed nobody's spend"
    assert change[payer] != 0, f"{lever} did not change what {payer} pay: {change.to_dict()}"
