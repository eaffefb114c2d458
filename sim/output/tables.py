"""Monthly tallies and the tidy tables made from them.

Counts in every table are re-scaled to England totals (agent counts divided by ``scale``);
rates are computed from the re-scaled sums. Months are run-month indices with their calendar
``date`` (YYYY-MM) and financial year ``fy``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim import calendar
from sim.kernels.accounting import (
    C_FILLED,
    C_INTERNATIONAL,
    C_LEAVERS,
    C_POSTS,
    C_STARTERS,
    C_ZERO_HOURS,
    GROUP_BANDS,
    GROUP_DIMENSIONS,
    M_FUNDED,
    M_PAY,
    M_REWARD,
    M_UPLIFT,
)
from sim.output.employer_costs import employer_cost_table
from sim.output.payers import payer_table
from sim.output.prices import priced
from sim.output.provider_market import market_tables
from sim.output.reward_gap import reward_gap
from sim.output.technology_returns import technology_returns
from sim.state import (
    ASC,
    N_ROLES,
    N_SETTINGS,
    N_STATUS,
    REWARD_NAMES,
    ROLE_NAMES,
    SETTING_NAMES,
    STATUS_NAMES,
)

SECTOR_OF_SETTING = ("asc", "asc", "asc", "asc", "nhs", "outside")
CELL_COUNTS = {
    "posts": C_POSTS,
    "filled": C_FILLED,
    "zero_hours": C_ZERO_HOURS,
    "international": C_INTERNATIONAL,
    "starters": C_STARTERS,
    "leavers": C_LEAVERS,
}
REWARD_SUMS = [f"{name}_sum" for name in REWARD_NAMES]  # GBP per hour summed over staff
SUMMED = [
    "posts",
    "filled",
    "vacancies",
    "starters",
    "leavers",
    "zero_hours",
    "international",
    "pay_sum",
    *REWARD_SUMS,
    "unmet_care_hours",
    "pay_uplift_cost",
    "pay_uplift_government",
]


class Recorder:
    """Keeps each month's tallies and builds the tables on request."""

    def __init__(self, model):
        self.scale = model.cfg.scale
        self.prices = model.cfg.prices
        self.technology = model.cfg.policies.technology
        self.care_hours_per_post = model.cfg.demand.care_hours_per_post_week
        self.pressure = model.cfg.nhs_pressure
        self.geo = model.geo
        self.months: list[int] = []
        self.cells: list[np.ndarray] = []
        self.money: list[np.ndarray] = []
        self.costs: list[tuple[int, dict]] = []
        self.flows: list[tuple[np.ndarray, np.ndarray]] = []
        self.group_stock: list[np.ndarray] = []
        self.group_leavers: list[np.ndarray] = []
        self.status: list[np.ndarray] = []
        self.nlw: list[float] = []
        self.band3_entry: list[float] = []
        self.independent: list[np.ndarray] = []
        self.bills: list[np.ndarray] = []
        self.market: list[dict] = []
        self.nhs_non_wage = model.nhs_non_wage
        self.start(model)

    def start(self, model) -> None:
        """Take the model's state as the reported run's start (after any warm-up)."""
        self.initial_status = np.bincount(model.workers.status[: model.n], minlength=N_STATUS)
        self.initial_vacancies = initial_care_vacancies(model)

    def record(
        self, month: int, tallies: tuple, nlw: float, band3_entry: float, costs: dict, market: dict
    ) -> None:
        """Store one month's output of ``accounting.tally_month``, levers' costs and market.

        ``nlw`` and ``band3_entry`` are the month's NLW and Band 3 entry rate, GBP per hour;
        ``market`` is the provider market's record (``ProviderMarket.take_month``).
        """
        cells, money, flows, gstock, gleave, status, independent, bill = tallies
        self.months.append(month)
        self.cells.append(cells)
        self.money.append(money)
        self.costs.append((month, dict(costs)))
        flat = flows.ravel()
        nz = np.flatnonzero(flat)
        self.flows.append((nz, flat[nz]))
        self.group_stock.append(gstock)
        self.group_leavers.append(gleave)
        self.status.append(status)
        self.nlw.append(nlw)
        self.band3_entry.append(band3_entry)
        self.independent.append(independent)
        self.bills.append(bill)
        self.market.append(market)

    def _calendar(self, df: pd.DataFrame) -> pd.DataFrame:
        months = np.array(self.months)
        dates = {m: "{}-{:02d}".format(*calendar.calendar_month(m)) for m in months}
        df.insert(1, "date", df["month"].map(dates))
        df.insert(2, "fy", df["month"].map({m: calendar.financial_year(m) for m in months}))
        return df

    def cell_table(self) -> pd.DataFrame:
        """Employer cells by month, area, setting and role (England-scaled counts)."""
        cells = np.stack(self.cells)  # (M, L, settings, roles, N_CELL)
        m, n_la = cells.shape[0], cells.shape[1]
        flat = cells.reshape(-1, cells.shape[-1])
        money = np.stack(self.money).reshape(flat.shape[0], -1)
        keep = flat.any(axis=1)
        month, la, setting, role = np.unravel_index(
            np.flatnonzero(keep), (m, n_la, N_SETTINGS, N_ROLES)
        )
        df = pd.DataFrame({"month": np.array(self.months)[month], "la": la})
        geo = self.geo
        df["area"] = geo.la_name[la]
        df["ics"] = geo.ics_name[geo.la_ics[la]]
        df["region"] = geo.region_name[geo.la_region[la]]
        df["sector"] = np.array(SECTOR_OF_SETTING)[setting]
        df["setting"] = np.array(SETTING_NAMES)[setting]
        df["role"] = np.array(ROLE_NAMES)[role]
        kept = flat[keep] / self.scale
        for name, col in CELL_COUNTS.items():
            df[name] = kept[:, col]
        df["vacancies"] = np.maximum(df["posts"] - df["filled"], 0.0)
        df["pay_sum"] = money[keep, M_PAY] / self.scale
        for p, name in enumerate(REWARD_SUMS):
            df[name] = money[keep, M_REWARD + p] / self.scale
        df["pay_uplift_cost"] = money[keep, M_UPLIFT] / self.scale
        df["pay_uplift_government"] = money[keep, M_FUNDED] / self.scale
        asc = (df["sector"] == "asc").to_numpy()
        df["unmet_care_hours"] = np.where(
            asc, df["vacancies"] * self.care_hours_per_post * 52.0 / 12.0, 0.0
        )
        return self._calendar(df.drop(columns="la"))

    def flow_table(self) -> pd.DataFrame:
        """Moves by month, origin area, origin status and role, and destination status."""
        n_la = len(self.geo.la_name)
        shape = (n_la, N_STATUS, N_ROLES, N_STATUS)
        idx = np.concatenate([f[0] for f in self.flows]) if self.flows else np.zeros(0, int)
        counts = np.concatenate([f[1] for f in self.flows]) if self.flows else np.zeros(0)
        month = np.repeat(self.months, [f[0].size for f in self.flows])
        la, src, role, dst = np.unravel_index(idx, shape)
        geo = self.geo
        df = pd.DataFrame(
            {
                "month": month,
                "from_area": geo.la_name[la],
                "from_ics": geo.ics_name[geo.la_ics[la]],
                "from_region": geo.region_name[geo.la_region[la]],
                "from_status": np.array(STATUS_NAMES)[src],
                "from_role": np.array(ROLE_NAMES)[role],
                "to_status": np.array(STATUS_NAMES)[dst],
                "count": counts / self.scale,
            }
        )
        return self._calendar(df)

    def group_table(self) -> pd.DataFrame:
        """Care-worker turnover by worker group and financial year."""
        stock = np.stack(self.group_stock) / self.scale
        leavers = np.stack(self.group_leavers) / self.scale
        fy = np.array([calendar.financial_year(m) for m in self.months])
        rows = []
        for year in dict.fromkeys(fy):
            sel = fy == year
            for d, dim in enumerate(GROUP_DIMENSIONS):
                for b, band in enumerate(GROUP_BANDS[d]):
                    mean_stock = stock[sel, d, b].mean()
                    left = leavers[sel, d, b].sum()
                    rows.append((year, int(sel.sum()), dim, band, mean_stock, left))
        df = pd.DataFrame(
            rows, columns=["fy", "months", "dimension", "band", "mean_staff", "leavers"]
        )
        df["turnover_rate"] = df["leavers"] / df["mean_staff"].where(df["mean_staff"] > 0)
        df["turnover_rate"] *= 12 / df["months"]
        return df

    def status_table(self) -> pd.DataFrame:
        """Workers in each status at the end of every month (agent counts, not re-scaled)."""
        status = np.stack(self.status)
        df = pd.DataFrame(status, columns=list(STATUS_NAMES))
        df.insert(0, "month", self.months)
        df["nlw_per_hour"] = self.nlw
        return self._calendar(df)

    def nhs_pressure(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Delayed discharges and bed-days attributed to care capacity, by ICS.

        One row per month and ICS, so a sum over ICSs is England's (no England row to
        double it).

        Each ICS starts with England's delayed patients a day in proportion to its
        population. The shares waiting for home care and for a care home then move with the
        ICS's domiciliary and care-home vacancies relative to the workforce as built, before
        the first month and any lever (elasticity 1, an assumption), so that runs with the
        same seed share the reference; the other reasons for delay stay as they were.
        """
        p, geo = self.pressure, self.geo
        asc = cells[cells["sector"] == "asc"]
        vac = asc.assign(kind=delay_kind(asc["setting"])).pivot_table(
            index=["month", "ics"],
            columns="kind",
            values="vacancies",
            aggfunc="sum",
            fill_value=0.0,
        )
        first = self.initial_vacancies.reindex(columns=vac.columns, fill_value=0.0)
        ratio = vac.div(first.where(first > 0), level="ics").fillna(1.0)
        ics_pop = pd.Series(np.bincount(geo.la_ics, weights=geo.la_pop), index=geo.ics_name)
        base = p.delayed_discharges_per_day * ics_pop / ics_pop.sum()
        other = 1.0 - p.share_waiting_home_care - p.share_waiting_care_home
        factor = (
            other
            + p.share_waiting_home_care * ratio.get("home_care", 1.0)
            + p.share_waiting_care_home * ratio.get("care_home", 1.0)
        )
        df = factor.rename("factor").reset_index()
        df["delayed_patients_per_day"] = df["factor"] * df["ics"].map(base)
        df["bed_days"] = df["delayed_patients_per_day"] * 365.25 / 12.0
        df["bed_days_cost_low_gbp"] = df["bed_days"] * p.bed_day_cost_low
        df["bed_days_cost_high_gbp"] = df["bed_days"] * p.bed_day_cost_high
        df = df.drop(columns="factor")
        return self._calendar(df.sort_values(["month", "ics"], ignore_index=True))

    def cost_table(self) -> pd.DataFrame:
        """Every lever's booked costs by month (GBP, England).

        Pay uplifts (rates above what employers would pay without the levers, and personal
        pay steps a lever adds) are split between the levers and between government and
        employers; the other items are reported by the levers themselves.
        """
        rows = [
            (m, lever, item, payer, gbp)
            for m, costs in self.costs
            for (lever, item, payer), gbp in costs.items()
        ]
        df = pd.DataFrame(rows, columns=["month", "lever", "item", "payer", "gbp"])
        return self._calendar(df)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every output table, keyed by name."""
        cells = self.cell_table()
        flows = self.flow_table()
        out = {
            "cells_monthly": cells,
            "national_monthly": summarise(cells, ["sector"]),
            "region_monthly": summarise(cells, ["region", "sector"]),
            "ics_monthly": summarise(cells, ["ics", "sector"]),
            "setting_monthly": summarise(cells, ["setting"]),
            "role_monthly": summarise(cells, ["sector", "role"]),
            "national_annual": annual(cells, ["sector"]),
            "role_annual": annual(cells, ["sector", "role"]),
            "ics_annual": annual(cells, ["ics", "sector"]),
            "setting_annual": annual(cells, ["setting"]),
            "flows_monthly": flows,
            "flows_annual": flows.groupby(["fy", "from_status", "to_status"], as_index=False)[
                "count"
            ].sum(),
            "turnover_by_group": self.group_table(),
            "status_monthly": self.status_table(),
        }
        out["reward_gap_annual"] = reward_gap(
            self.months, self.independent, self.band3_entry, self.nhs_non_wage, out["role_annual"]
        )
        out["costs_annual"] = priced(annual_costs(self.cost_table()), self.prices)
        out["technology_returns_annual"] = technology_returns(
            out["costs_annual"], self.technology, self.prices
        )
        out["employer_costs_annual"] = employer_cost_table(
            self.months, self.bills, self.scale, self.prices
        )
        out["nhs_pressure_monthly"] = self.nhs_pressure(cells)
        out |= market_tables(self.months, self.market, self.scale, self.prices)
        out["payer_costs_annual"] = payer_table(out, self.prices)
        return out


def delay_kind(setting: pd.Series | np.ndarray) -> np.ndarray:
    """The kind of care a delayed patient waits for, by care setting."""
    setting = np.asarray(setting)
    return np.where(
        setting == "domiciliary",
        "home_care",
        np.where(np.isin(setting, ["residential", "nursing"]), "care_home", "other"),
    )


def initial_care_vacancies(model) -> pd.DataFrame:
    """Care vacancies of the workforce now, by ICS (rows) and kind of care (columns)."""
    s, geo = model.sites, model.geo
    asc = np.flatnonzero(s.sector == ASC)
    df = pd.DataFrame(
        {
            "ics": geo.ics_name[geo.la_ics[s.la[asc]]],
            "kind": delay_kind(np.array(SETTING_NAMES)[s.setting[asc]]),
            "vacancies": (s.posts[asc] - s.filled[asc]).sum(axis=1) / model.cfg.scale,
        }
    )
    return df.pivot_table(
        index="ics", columns="kind", values="vacancies", aggfunc="sum", fill_value=0.0
    )


def _rates(df: pd.DataFrame, months: pd.Series | int = 1) -> pd.DataFrame:
    df["vacancy_rate"] = df["vacancies"] / df["posts"].where(df["posts"] > 0)
    df["turnover_rate"] = df["leavers"] * (12 / months) / df["filled"].where(df["filled"] > 0)
    staff = df["filled"].where(df["filled"] > 0)
    df["pay_mean_per_hour"] = df["pay_sum"] / staff
    for name in REWARD_NAMES:
        df[f"{name}_per_hour"] = df[f"{name}_sum"] / staff
    df["total_reward_per_hour"] = df[["pay_sum", *REWARD_SUMS]].sum(axis=1) / staff
    df["british_national"] = df["filled"] - df["international"]
    return df.drop(columns=["pay_sum", *REWARD_SUMS])


def summarise(cells: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Monthly sums over cells by the given columns, with rates.

    ``turnover_rate`` is annualised (12 x monthly leavers / filled).
    """
    keys = ["month", "date", "fy", *by]
    df = cells.groupby(keys, as_index=False, sort=True)[SUMMED].sum()
    return _rates(df)


def annual(cells: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Financial-year figures: mean stocks, summed flows, and rates from them.

    ``turnover_rate`` = leavers in the year / mean filled posts (Skills for Care's
    definition); ``vacancy_rate`` = mean vacancies / mean posts.
    """
    monthly = cells.groupby(["month", "fy", *by], as_index=False)[SUMMED].sum()
    stocks = ["posts", "filled", "vacancies", "zero_hours", "international", "pay_sum"]
    stocks += REWARD_SUMS
    flows = ["starters", "leavers", "unmet_care_hours"]
    g = monthly.groupby(["fy", *by], sort=True)
    df = g[stocks].mean().join(g[flows].sum()).join(g["month"].nunique().rename("months"))
    df = df.reset_index()
    return _rates(df, df["months"])


def annual_costs(costs: pd.DataFrame) -> pd.DataFrame:
    """Costs and returns of the levers per financial year, by lever, item and payer (GBP).

    Each pay lever's uplift (``sim.policies.attribution``) is its own row, split into the
    government-funded and employer-absorbed parts.
    """
    out = costs.groupby(["fy", "lever", "item", "payer"], as_index=False)["gbp"].sum()
    return out[out["gbp"] != 0].sort_values(["fy", "lever", "item", "payer"], ignore_index=True)


def first_year_summary(tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Headline ASC figures of the first financial year, to set beside 2023/24 targets."""
    nat = tables["national_annual"]
    asc = nat[(nat["sector"] == "asc")].iloc[0]
    flows = tables["flows_annual"]
    fy = asc["fy"]
    left = flows[(flows["fy"] == fy) & (flows["from_status"] == "asc")]
    total = left["count"].sum()
    return {
        "fy": fy,
        "vacancy_rate": float(asc["vacancy_rate"]),
        "turnover_rate": float(asc["turnover_rate"]),
        "share_leavers_to_asc": float(left.loc[left["to_status"] == "asc", "count"].sum() / total),
        "filled_posts": float(asc["filled"]),
        "posts": float(asc["posts"]),
    }
