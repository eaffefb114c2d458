"""Figures of a run, each stamped with version, commit, config hash, seed and scale."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

DESTINATIONS = ("asc", "nhs", "outside", "non_employed", "abroad", "retired")
COLOURS = {
    "asc": "#1b9e77",
    "nhs": "#005eb8",
    "outside": "#d95f02",
    "non_employed": "#7570b3",
    "abroad": "#e7298a",
    "retired": "#666666",
}


def stamp(fig: plt.Figure, prov: dict[str, Any]) -> None:
    """Write the provenance line in a strip of its own at the foot of a figure."""
    engine = fig.get_layout_engine()
    if engine is not None and "rect" in engine.get():
        engine.set(rect=(0, 0.03, 1, 0.97))  # left, bottom, width, height: axes above the strip
    text = (
        f"carework-sim {prov['packages'].get('carework-sim', '?')} | commit "
        f"{prov['git_commit'][:12]} | config {prov['config_hash']} | seed {prov['seed']} | "
        f"scale {prov['scale']} | {prov['created_utc']}"
    )
    fig.text(0.01, 0.005, text, fontsize=7, color="#555555", ha="left", va="bottom")


PUBLISHED_VACANCY = {  # sector -> (financial year, %): Skills for Care; NHS England
    "asc": (("2023/24", 8.3), ("2024/25", 7.0)),
    "nhs": (("2023/24", 6.9),),
}
"""Published vacancy rates drawn beside the run (../shared/data/series.csv, targets.csv)."""


def summary_figure(tables: dict[str, pd.DataFrame], prov: dict[str, Any]) -> plt.Figure:
    """Four panels of the projection: posts, vacancy rates, leaver destinations, unmet care."""
    nat = tables["national_monthly"]
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    x = pd.to_datetime(nat["date"].drop_duplicates())

    ax = axes[0, 0]
    for sector, colour in (("asc", COLOURS["asc"]), ("nhs", COLOURS["nhs"])):
        s = nat[nat["sector"] == sector]
        ax.plot(x, s["posts"].to_numpy() / 1e6, color=colour, ls="--", label=f"{sector} posts")
        ax.plot(x, s["filled"].to_numpy() / 1e6, color=colour, label=f"{sector} filled")
    ax.set(title="Posts and filled posts, England", ylabel="million")
    ax.legend(fontsize=8)

    ax = axes[0, 1]
    for sector in ("asc", "nhs"):
        s = nat[nat["sector"] == sector]
        ax.plot(x, 100 * s["vacancy_rate"].to_numpy(), color=COLOURS[sector], label=sector)
        years, rates = zip(*PUBLISHED_VACANCY[sector], strict=True)
        mid = [pd.Timestamp(int(fy[:4]), 10, 1) for fy in years]  # middle of the year
        ax.errorbar(mid, rates, xerr=pd.Timedelta(days=182), fmt="o", ms=4, capsize=0, lw=0.8,
                    color=COLOURS[sector], mfc="white",
                    label=f"{sector} published ({', '.join(years)})")  # fmt: skip
    ax.set(title="Vacancy rate (model monthly; published annual means)", ylabel="% of posts")
    ax.legend(fontsize=8)

    ax = axes[1, 0]
    flows = tables["flows_annual"]
    left = (
        flows[flows["from_status"] == "asc"]
        .pivot_table(index="fy", columns="to_status", values="count", aggfunc="sum")
        .fillna(0.0)
    )
    bottom = None
    for dest in DESTINATIONS:
        if dest in left:
            vals = left[dest] / 1e3
            ax.bar(left.index, vals, bottom=bottom, color=COLOURS[dest], label=f"to {dest}")
            bottom = vals if bottom is None else bottom + vals
    ax.set(title="Where care leavers go, per financial year", ylabel="thousand")
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    ax.legend(fontsize=7, ncol=2)

    ax = axes[1, 1]
    asc = nat[nat["sector"] == "asc"]
    ax.plot(x, asc["unmet_care_hours"].to_numpy() / 1e6, color="#a6761d")
    ax.set(title="Care hours undelivered by vacant posts", ylabel="million hours / month")
    for ax in (axes[0, 0], axes[0, 1], axes[1, 1]):  # dates that never overprint
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    stamp(fig, prov)
    return fig
