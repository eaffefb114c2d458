"""Worker origin: British-national care staff can fall while filled posts rise (issue 14)."""

import pytest

from sim import CareWorkforceModel, load_config


def _first_year_change(*overrides: str) -> tuple[float, float]:
    """Change in ASC filled posts and British-national staff, April 2024 to March 2025."""
    cfg = load_config(["scale=0.01", "years=1", "progress=false", "seed=3", *overrides])
    monthly = CareWorkforceModel(cfg).run().tables()["national_monthly"]
    asc = monthly[monthly["sector"] == "asc"].reset_index(drop=True)
    first, last = asc.iloc[0], asc.iloc[-1]
    return last["filled"] - first["filled"], last["british_national"] - first["british_national"]


@pytest.mark.slow
def test_british_national_staff_fall_while_filled_posts_rise_through_in_country_hires():
    """With the shipped origin settings British-national care staff fall in 2024/25 while
    filled posts rise (Skills for Care: -30,000 and +52,000); drawing joiners as 15%
    non-British with no extra pull to care, the same seed grows them instead."""
    filled, british = _first_year_change()
    assert filled > 0 > british
    _, british_without = _first_year_change(
        "entry.non_british_share_of_entrants=[0.15]", "behaviour.utility_asc_non_british=0"
    )
    assert british_without > british + 10_000
