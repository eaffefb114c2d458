"""Employers' costs beyond the reward package: National Insurance and sponsorship charges.

Rates, thresholds and fees are by financial year from 2024/25 (the last value repeats), as
HMRC and the Home Office set them each April. Employer pension contributions are parts of
total reward (``sim.config.reward``), so they are not declared again here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.calendar import year_value
from sim.config.param import param

HMRC = "HMRC, Rates and thresholds for employers 2024 to 2025 and 2025 to 2026"
HOME_OFFICE = "Home Office, Immigration and nationality fees and UK visa sponsorship for employers"


@dataclass
class OnCostsConfig:
    """Employer National Insurance and the charges for sponsoring recruits from abroad."""

    employer_ni_rate: list[float] = param(
        [0.138, 0.15],
        "share of earnings above the secondary threshold, for each financial year from "
        "2024/25 (then the last value)",
        HMRC + ": 13.8% in 2024/25, 15% from 6 April 2025 (Autumn Budget 2024)",
        low=0,
        high=1,
    )
    employer_ni_threshold_per_year: list[float] = param(
        [9100.0, 5000.0],
        "GBP a year per employee, for each financial year from 2024/25 (then the last value)",
        HMRC + ": secondary threshold GBP 9,100 in 2024/25, GBP 5,000 from 6 April 2025",
        low=0,
        high=1_000_000,
    )
    certificate_of_sponsorship_fee: list[float] = param(
        [239.0, 525.0],
        "GBP per recruit, for each financial year from 2024/25 (then the last value)",
        HOME_OFFICE + ": GBP 239 for a Skilled Worker certificate, GBP 525 from 9 April 2025",
        low=0,
        high=100_000,
    )
    immigration_skills_charge_small: float = param(
        364.0,
        "GBP per year of sponsorship",
        HOME_OFFICE + ": small or charitable sponsors, GBP 364 for the first 12 months and "
        "GBP 182 for each further 6 (rates of 2024/25; a later rise is not held)",
        low=0,
        high=100_000,
    )
    immigration_skills_charge_large: float = param(
        1000.0,
        "GBP per year of sponsorship",
        HOME_OFFICE + ": medium or large sponsors, GBP 1,000 for the first 12 months and "
        "GBP 500 for each further 6 (rates of 2024/25; a later rise is not held)",
        low=0,
        high=100_000,
    )
    small_sponsor_share: float = param(
        0.5,
        "share of recruits from abroad (0-1)",
        "assumption: most care organisations are small or charities, but large groups "
        "recruit more from abroad; half of recruits each way",
        low=0,
        high=1,
    )
    sponsorship_years: float = param(
        3.0,
        "years per certificate",
        "assumption: a three-year certificate, the Immigration Skills Charge being paid "
        "up front for its length",
        above=0,
        high=10,
    )
    recruitment_cost_per_recruit: float = param(
        0.0,
        "GBP per recruit (agency, travel, settling in), paid by the employer",
        "not held: no published figure for care providers offline; 0 counts the statutory "
        "charges only (set a figure to add them)",
        low=0,
        high=100_000,
    )

    def sponsorship_per_recruit(self, month: int) -> float:
        """What an employer pays to sponsor one recruit from abroad in ``month``, GBP.

        The certificate's fee of that financial year, the Immigration Skills Charge for
        ``sponsorship_years`` at the mix of small and large sponsors, and the recruitment
        cost.

        Args:
            month: Run-month index (0 = April 2024; the warm-up takes 2024/25's fee).
        """
        charge = (
            self.small_sponsor_share * self.immigration_skills_charge_small
            + (1 - self.small_sponsor_share) * self.immigration_skills_charge_large
        )
        return (
            year_value(self.certificate_of_sponsorship_fee, month)
            + charge * self.sponsorship_years
            + self.recruitment_cost_per_recruit
        )
