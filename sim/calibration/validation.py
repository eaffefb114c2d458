"""Validation: outputs the fit did not use, and the 2023/24 to 2024/25 backtest.

Turnover by worker group, vacancy and turnover by setting, and where ASC leavers go are
taken from the first simulated year of runs with the candidate coefficients; the published
figure is given where ``shared/data/targets.csv`` has one (the 63% of leavers taking another
ASC job is a fitted target, shown again here as the destination split's anchor).

The backtest starts the model from the 2022/23 position (vacancy rate 9.9%) and runs
2023/24 (NLW GBP 10.42, about 105,000 international recruits) and 2024/25 (GBP 11.44,
50,000); its calendar labels still read 2024/25 and 2025/26, and Agenda for Change rates
and every other input stay at their 2024/25 values (``sim.calibration.moments``).
Published: the vacancy rate fell from 9.9% to 8.3% and then to 7.0% (rebased). Its vacancy
rates, turnover and changes are fitted moments, so this table is in-sample; the held-out
year (2022/23, from the 2021/22 position) is not fitted and is shown in the ensemble
report (``sim.calibration.ensemble_report``).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from sim.calibration.objective import Setup, per_seed
from sim.calibration.summary import seed_summary, summarise_by

BACKTEST_PUBLISHED = {
    "vacancy_rate": (0.083, 0.070),
    "turnover_rate": (0.242, 0.231),
    "international_recruits": (105_000, 50_000),
}
LEAVER_SHARE_TO_ASC = 0.63


def _first_year(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["fy"] == df["fy"].iloc[0]]


def group_turnover(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """First-year ASC turnover (fraction) by worker group, keyed (dimension, band)."""
    g = _first_year(tables["turnover_by_group"])
    return g.set_index(["dimension", "band"])["turnover_rate"]


def setting_rates(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """First-year vacancy and turnover rates (fractions) of each care setting."""
    s = _first_year(tables["setting_annual"])
    s = s[~s["setting"].isin(["nhs_trust", "outside"])].set_index("setting")
    return s[["vacancy_rate", "turnover_rate"]].stack().rename_axis(["setting", "measure"])


def leaver_destinations(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Where first-year ASC leavers go: shares (sum 1) by next status."""
    f = _first_year(tables["flows_annual"])
    f = f[f["from_status"] == "asc"].set_index("to_status")["count"]
    return (f / f.sum()).rename_axis("destination")


def validation_tables(setup: Setup, values: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Outputs the fit did not use, with seed means and 95% intervals.

    Args:
        setup: Scale, years and seeds of the validation runs (the pay experiment is not run).
        values: Coefficient values by config path.

    Returns:
        ``turnover_by_group``, ``settings``, ``leaver_destinations``, each with ``mean``,
        ``ci_low``, ``ci_high``, ``seed_sd`` and a ``published`` column (NaN where no
        published figure is held in the project).
    """
    base = dataclasses.replace(setup, pay_experiment=False, backtest=False).configs().base
    groups = summarise_by(
        per_seed(base, setup.seeds, values, group_turnover), ["dimension", "band"]
    )
    settings = per_seed(base, setup.seeds, values, setting_rates)
    settings = summarise_by(settings, ["setting", "measure"])
    dest = per_seed(base, setup.seeds, values, leaver_destinations)
    dest = seed_summary(dest).rename_axis("destination")
    dest = dest.reset_index()
    groups["published"] = float("nan")
    settings["published"] = float("nan")
    dest["published"] = dest["destination"].map({"asc": LEAVER_SHARE_TO_ASC})
    return {"turnover_by_group": groups, "settings": settings, "leaver_destinations": dest}


def _backtest_years(tables: dict[str, pd.DataFrame]) -> pd.Series:
    nat = tables["national_annual"]
    asc = nat[nat["sector"] == "asc"].set_index("fy")
    flows = tables["flows_annual"]
    intl = flows[(flows["from_status"] == "abroad") & (flows["to_status"] == "asc")]
    intl = intl.set_index("fy")["count"]
    rows = {}
    for k, fy in enumerate(asc.index[:2]):
        rows[("vacancy_rate", k)] = asc.loc[fy, "vacancy_rate"]
        rows[("turnover_rate", k)] = asc.loc[fy, "turnover_rate"]
        rows[("international_recruits", k)] = intl.get(fy, 0.0)
    return pd.Series(rows)


def backtest(setup: Setup, values: dict[str, float]) -> pd.DataFrame:
    """The 2023/24 to 2024/25 backtest: two years from the 2022/23 position.

    Returns:
        One row per measure and year (``2023/24``, ``2024/25``): seed mean, 95% interval and
        the published figure where held.
    """
    years = per_seed(setup.backtest_config(), setup.seeds, values, _backtest_years)
    out = summarise_by(years, ["measure", "year"])
    out["published"] = [
        BACKTEST_PUBLISHED.get(m, (float("nan"),) * 2)[y]
        for m, y in zip(out.measure, out.year, strict=True)
    ]
    out["year"] = out["year"].map({0: "2023/24", 1: "2024/25"})
    return out
