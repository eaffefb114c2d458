"""One ICS's workforce-plan report as a single HTML page (figures inside), and as PDF.

Sections: care demand and posts; supply and the gap under each scenario; where care
workers come from and go to; pay and total reward against the NHS; rural and coastal
context; the cost of the levers; the uncertainty the runs carry; what the model cannot
say at this scale. Figures are written beside the page as stamped PNG and PDF
(``sim.analysis.figures.save``) and embedded in it.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from sim.analysis import figures
from sim.analysis.area_figures import effect_intervals
from sim.analysis.source import Source
from sim.report import content
from sim.report.areas import IcsContext
from sim.report.style import CSS, METRICS_TEXT, caveats, effect_text, gbp, money, pct, people, table


def _figure(fig, stem: Path, stamp: str, alt: str) -> str:
    """Save a stamped figure (PNG and PDF) and return an ``<img>`` embedding the PNG."""
    png = figures.save(fig, stem, stamp)[0]
    data = base64.b64encode(png.read_bytes()).decode()
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _demand(source: Source, ics: str, fy: str, figs: Path, stamp: str) -> list[str]:
    base = source.baseline
    rows = content.posts_by_year(source, ics, base)
    first, last = rows.iloc[0], rows[rows["fy"] == fy].iloc[0]
    growth = last["posts"] - first["posts"]
    series = source.series("posts", "ics", ics, [base])
    fig = figures.fan_chart(series, f"ASC posts, {ics}", "posts", "count", labels=source.labels)
    body = [
        "<h2>1. Care demand and posts</h2>",
        f"<p>Posts follow the care the area's people need. With no new policy the ICS's "
        f"adult social care posts go from {people(first['posts'])} in {first['fy']} to "
        f"{people(last['posts'])} in {fy} (median of runs; {people(growth, sign=True)}).</p>",
        _figure(fig, figs / "posts", stamp, "posts fan chart"),
        table(
            rows,
            {
                "fy": "year",
                "posts": "posts",
                "filled_posts": "filled posts",
                "vacancies": "vacancies",
                "vacancy_rate": "vacancy rate",
            },
            {"vacancy_rate": pct},
            banded=True,
        ),
    ]
    return body


def _supply(source: Source, ics: str, fy: str, figs: Path, stamp: str) -> list[str]:
    body = ["<h2>2. Supply and the gap under each scenario</h2>"]
    rows = []
    for scenario in source.scenarios:
        r = content.posts_by_year(source, ics, scenario)
        r = r[r["fy"] == fy].assign(scenario=source.labels[scenario])
        rows.append(r)
    body.append(
        f"<p>Posts, filled posts and the gap between them in {fy}, median and 90% "
        "range over each scenario's runs:</p>"
    )
    body.append(
        table(
            pd.concat(rows),
            {
                "scenario": "scenario",
                "posts": "posts",
                "filled_posts": "filled posts",
                "vacancies": "gap",
                "vacancy_rate": "vacancy rate",
            },
            {"vacancy_rate": pct},
            banded=True,
        )
    )
    if len(source.scenarios) < 2:
        return body
    effects = content.effects_for(source, ics, ("vacancy_rate", "filled_posts"))
    now = effects[effects["fy"] == fy].assign(scenario=lambda d: d["scenario"].map(source.labels))
    body.append(
        "<p>Each scenario against the baseline run that shares its random draws "
        f"(paired), {fy}: mean difference with its 95% interval.</p>"
    )
    for column in ("diff_mean", "diff_lo", "diff_hi"):
        now[column] = [effect_text(v, m) for v, m in zip(now[column], now["metric"], strict=True)]
    now["metric"] = now["metric"].map(lambda m: METRICS_TEXT.get(m, m))
    body.append(
        table(
            now,
            {
                "scenario": "scenario",
                "metric": "metric",
                "diff_mean": "difference",
                "diff_lo": "95% low",
                "diff_hi": "95% high",
                "n": "pairs",
            },
            {},
        )
    )
    vac = effects[effects["metric"] == "vacancy_rate"]
    fig = effect_intervals(vac, f"ASC vacancy rate, {ics}", "points", source.labels, fy)
    body.append(_figure(fig, figs / "effect_vacancy_rate", stamp, "paired effects"))
    return body


def _flows(source: Source, ics: str, fy: str, ctx: IcsContext, figs: Path, stamp: str) -> list[str]:
    base = source.baseline
    moves = content.moves(source, ics, base, fy)
    moves["other"] = moves["other"].map(lambda s: content.STATUS_TEXT.get(s, s))
    flows = source.flows(base, fy, "ics", ics)
    fig = figures.flow_chart(
        flows,
        f"Moves a year from {ics}\n{fy}, no new policy, mean of {int(flows['runs'].iloc[0])} runs",
    )
    nhs = content.sector_by_year(source, ics, base, ["posts", "filled", "vacancy_rate"])
    nhs = nhs[(nhs["sector"] == "nhs") & (nhs["fy"] == fy)].iloc[0]
    return [
        "<h2>3. Where care workers come from and go to</h2>",
        f"<p>Moves in {fy} with no new policy, counted in the area the worker left "
        "(people a year, England-scaled, mean over runs). The NHS side is the model's "
        f"{ctx.trust_sites} NHS trust sites in this ICS (England's trusts shared between "
        "ICSs by population and placed at their largest towns; they are not named "
        f"trusts): {people(nhs['posts'])} NHS posts, {people(nhs['filled'])} "
        f"filled, a vacancy rate of {pct(nhs['vacancy_rate'])}.</p>",
        table(
            moves,
            {"direction": "direction", "other": "from / to", "people": "people", "share": "share"},
            {"share": pct},
        ),
        _figure(fig, figs / "flows", stamp, "flows between sectors"),
    ]


def _pay(source: Source, ics: str, fy: str) -> list[str]:
    columns = ["pay_mean_per_hour", "total_reward_per_hour"]
    rows = []
    for scenario in source.scenarios:
        d = content.sector_by_year(source, ics, scenario, columns)
        d = d[d["fy"] == fy].set_index("sector")
        rows.append(
            {
                "scenario": source.labels[scenario],
                "asc_pay": d.loc["asc", columns[0]],
                "nhs_pay": d.loc["nhs", columns[0]],
                "asc_reward": d.loc["asc", columns[1]],
                "nhs_reward": d.loc["nhs", columns[1]],
            }
        )
    df = pd.DataFrame(rows)
    df["gap"] = 1 - df["asc_reward"] / df["nhs_reward"]
    england = content.reward_gap(source, source.baseline)
    england = england[england["fy"] == fy].iloc[0]
    return [
        "<h2>4. Pay and total reward against the NHS</h2>",
        f"<p>Mean hourly pay and total reward per hour (pay with employer pension, sick pay, "
        f"enhancements and leave) of everyone employed in care and in the NHS in the ICS, "
        f"{fy}, median over runs. All NHS staff are counted, so the gap is wider than a "
        "like-for-like comparison of care workers with NHS Band 3. For that, England's "
        f"care workers in {fy}: pay {pct(england['asc_pay_gap_to_band3'])} and total "
        f"reward {pct(england['asc_total_reward_gap_to_band3'])} below the Band 3 entry "
        "rate (no new policy).</p>",
        table(
            df,
            {
                "scenario": "scenario",
                "asc_pay": "care pay",
                "nhs_pay": "NHS pay",
                "asc_reward": "care total reward",
                "nhs_reward": "NHS total reward",
                "gap": "care below NHS, total reward",
            },
            {c: money for c in ("asc_pay", "nhs_pay", "asc_reward", "nhs_reward")} | {"gap": pct},
        ),
    ]


def _context(ctx: IcsContext) -> list[str]:
    rural = ", ".join(ctx.rural_councils) or "none"
    coastal = ", ".join(ctx.coastal_councils) or "none"
    return [
        "<h2>5. Rural and coastal context</h2>",
        f"<p>{ctx.name} lies mostly in the {ctx.region} region: {len(ctx.councils)} "
        f"councils with adult social care duties ({', '.join(ctx.councils)}), about "
        f"{people(ctx.population)} people in places of 1,000 or more. "
        f"{pct(ctx.rural_share)} of them live in places under 10,000 people. Councils "
        f"counted rural: {rural}. Coastal councils: {coastal}. The rural and coastal "
        "lever (docs/policies.md) can be limited to such areas.</p>",
    ]


def _costs(source: Source) -> list[str]:
    costs = content.lever_costs(source)
    body = ["<h2>6. Cost of the chosen levers</h2>"]
    if costs.empty:
        return body + ["<p>No scenario in these runs switches a lever on: nothing to cost.</p>"]
    per = costs.groupby(["scenario", "lever", "payer"], as_index=False)["gbp"].mean()
    per["scenario"] = per["scenario"].map(source.labels)
    return body + [
        "<p>Costs booked by the levers, England, GBP a year averaged over the years the "
        "levers run and over each scenario's runs. The model costs levers nationally; it does not "
        "split a national lever's cost between ICSs.</p>",
        table(
            per,
            {"scenario": "scenario", "lever": "lever", "payer": "payer", "gbp": "GBP a year"},
            {"gbp": gbp},
        ),
    ]


def report_html(source: Source, ctx: IcsContext, fy: str, figs: Path) -> str:
    """The report page of one ICS, its figures written to ``figs``."""
    runs = source.runs
    stamp = figures.sweep_stamp(runs)
    prov = source.provenance()
    ics = ctx.name
    sd_ics, sd_england, n = content.seed_spread(source, ics, fy)
    body = [
        f"<h1>{html.escape(ics)}: adult social care workforce plan</h1>",
        f"<p class='meta'>{len(runs)} runs of carework-sim ({len(source.scenarios)} scenarios: "
        f"{html.escape(', '.join(source.labels.values()))}), scale {prov['scale']}, "
        f"{prov['config']['years']} years from April 2024. Source: "
        f"{html.escape(str(source.folder))}. {html.escape(stamp)}</p>",
        *_demand(source, ics, fy, figs, stamp),
        *_supply(source, ics, fy, figs, stamp),
        *_flows(source, ics, fy, ctx, figs, stamp),
        *_pay(source, ics, fy),
        *_context(ctx),
        *_costs(source),
        "<h2>7. Uncertainty</h2>",
        f"<p>Figures give the median and the 90% range over runs "
        f"({runs.groupby('scenario').size().min()} a scenario: "
        f"{runs['member'].nunique()} calibration-ensemble member(s) x "
        f"{runs['seed'].nunique()} replicate(s)); "
        "effects are paired, with Student-t 95% intervals. With no new policy the ICS's "
        f"vacancy rate in {fy} moves by {100 * sd_ics:.2f} percentage points from run to run "
        f"(standard deviation over {n} runs), England's by {100 * sd_england:.2f}.</p>",
        "<h2>8. What the model cannot say at this scale</h2>",
        caveats(prov["scale"], n),
    ]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(ics)}: workforce plan</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )
