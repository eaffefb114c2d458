"""The provider market: what independent care providers earn, spend and need to stay open.

Lists by setting run over the four care settings in ``sim.state`` order: residential,
nursing, domiciliary, community. Sources are in docs/costs.md; where no published figure is
held offline the default is an assumption, said so, and a setting to vary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.param import FLAG, param

KNIGHT_FRANK = "Knight Frank, Care Homes Trading Performance Review"
HOMECARE_ASSOCIATION = "Homecare Association, Minimum Price for Homecare 2024/25"


@dataclass
class MarketConfig:
    """Providers' income and costs, and the rules for closing and entering."""

    enabled: bool = param(
        True,
        "flag",
        "independent providers' income set against their costs; they close when reserves "
        "run out and new providers enter where fees allow (false: no provider ever closes)",
        choices=FLAG,
    )
    staff_cost_share: list[float] = param(
        [0.586, 0.586, 0.71, 0.71],
        "share of income spent on staff (pay, reward and employer on-costs) in April 2024, "
        "by care setting",
        KNIGHT_FRANK
        + " 2019: staff costs 58.6% of care-home income (2018/19); "
        + HOMECARE_ASSOCIATION
        + ": care-worker pay and on-costs about 71% of GBP 28.53 an hour (derived); "
        "community services: assumption, as homecare",
        above=0,
        high=1,
    )
    self_funder_share: list[float] = param(
        [0.37, 0.37, 0.25, 0.25],
        "share of care hours bought privately (0-1), by care setting",
        "ONS, Care homes and estimating the self-funding population, England, 2022 to 2023: "
        "37% of care-home residents fund themselves; homecare and community: assumption "
        "(no official series held)",
        low=0,
        high=1,
    )
    self_funder_premium: list[float] = param(
        [0.33, 0.33, 0.25, 0.25],
        "share by which a self-funder's price exceeds the council fee for the same care, "
        "by care setting",
        KNIGHT_FRANK + " 2025: GBP 1,461 against GBP 1,096 a week (+33%; CMA care homes "
        "market study 2017: about 40%); homecare and community: assumption",
        low=0,
        high=5,
    )
    self_funder_pass_through: float = param(
        1.0,
        "GBP on the self-funder price per GBP rise in what an hour of care costs the provider "
        "(staff and other costs, less government's money for levers)",
        "assumption: providers set private prices to cover their costs (CMA 2017: "
        "self-funders cross-subsidise council-funded residents); 0 ties them to council fees",
        low=0,
        high=1,
    )
    margin_mean: float = param(
        0.05,
        "share of income (operating surplus after staff and other costs), April 2024",
        "assumption: thin margins, as providers' associations report; no published "
        "distribution of margins by provider held offline",
        low=-0.5,
        high=0.5,
    )
    margin_sd: float = param(
        0.05,
        "share of income (sd of a normal draw, one per independent provider)",
        "assumption: some providers make losses already, others a comfortable surplus",
        low=0,
        high=0.5,
    )
    margin_shock_sd: float = param(
        0.05,
        "share of income (long-run sd of a shock to each provider's margin that decays "
        "with margin_shock_half_life_months: occupancy, contracts lost or won, costs)",
        "assumption: with the other defaults 2-4% of providers close a year in the "
        "baseline from 2026/27, about the 450 or so care homes deactivated a year of about "
        "14,000 (DHSC, written answer 119185, 2023-2025, ownership changes included); "
        "docs/costs.md",
        low=0,
        high=1,
    )
    margin_shock_half_life_months: float = param(
        12.0,
        "months for half of a margin shock to fade",
        "assumption: a bad year for a provider tends to pass within a year or two",
        above=0,
        high=600,
    )
    reserve_months: float = param(
        3.0,
        "months of income a provider can lose before it closes (its reserves and its "
        "lenders' patience; reserves above this are paid out)",
        "assumption",
        above=0,
        high=60,
    )
    staff_transfer_share: float = param(
        0.5,
        "share of a closing provider's staff who move with its posts to the providers "
        "taking them on, on the same terms (the rest lose their job and search)",
        "assumption: homecare contracts handed back usually move staff under TUPE; staff of "
        "a closing care home mostly find their own next job",
        low=0,
        high=1,
    )
    entry_margin: float = param(
        0.05,
        "share of income: the margin the area's open providers make, in the same setting, "
        "above which a new provider enters in a closed provider's place",
        "assumption: a new provider needs at least the typical margin",
        low=-0.5,
        high=0.5,
    )
    entry_rate_per_month: float = param(
        0.05,
        "chance a month that a closed provider's place is taken where the margin allows",
        "assumption: about 20 months on average to register and open (CQC registration "
        "and finding premises or a contract)",
        low=0,
        high=1,
    )
