"""The dashboard (Solara): finished runs explored by scenario, metric, year and area.

Served by ``carework dashboard`` (``solara run sim.dashboard.app``); it reads the folder
named by the environment variable ``CAREWORK_RESULTS`` (default ``results``). Tabs: fan
charts, paired effects, flows, an ICS map and a live scenario. Every view draws through
``sim.dashboard.views`` (the command line's figures) and can be exported as a stamped PNG
and PDF into ``<results>/dashboard_exports/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import solara
from solara.lab import task

from sim.analysis.figures import plt
from sim.analysis.source import METRICS, Source, SourceError, find_sources
from sim.dashboard import views
from sim.dashboard.live import LEVERS, LiveError, LiveScenario, run_live

ROOT = Path(os.environ.get("CAREWORK_RESULTS", "results")).resolve()
EXPORTS = ROOT / "dashboard_exports"
LEVEL_TEXT = {"england": "England", "region": "Region", "ics": "ICS"}
METRIC_TEXT = {v[0]: k for k, v in METRICS.items()}
TABS = (("fan", "Fan chart"), ("effects", "Paired effects"), ("flows", "Flows"), ("map", "ICS map"))

CSS = """
.cw-numbers-table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 14px; }
.cw-numbers-table th, .cw-numbers-table td { padding: 3px 12px; border-bottom: 1px solid #ddd;
  text-align: right; }
.cw-numbers-table th:first-child, .cw-numbers-table td:first-child { text-align: left; }
"""
_sources: dict[Path, Source] = {}
refreshed = solara.reactive(0)
source_name = solara.reactive("")
chosen = solara.reactive([])
metric = solara.reactive("vacancy_rate")
year = solara.reactive("")
level = solara.reactive("england")
area = solara.reactive("England")
exported = solara.reactive("")


def source_of(name: str) -> Source:
    """The source of runs at ``ROOT / name``, opened once."""
    path = (ROOT / name).resolve()
    if path not in _sources:
        _sources[path] = Source(path)
    return _sources[path]


def pick_source(name: str) -> None:
    """Open a source and reset the choices to what it holds."""
    source = source_of(name)
    source_name.set(name)
    chosen.set(source.scenarios[:2])
    year.set(source.years[-1])
    if area.value not in source.areas[level.value]:
        level.set("england")
        area.set("England")
    exported.set("")


@solara.component
def Controls(source: Source):
    """Scenarios, metric, year, level and area."""
    names = [str(p.relative_to(ROOT)) for p in find_sources(ROOT)]
    _ = refreshed.value
    solara.Select(
        "Runs", values=names, value=source_name.value, on_value=pick_source, classes=["cw-source"]
    )
    by_label = {source.labels[s]: s for s in source.scenarios}
    solara.SelectMultiple(
        "Scenarios",
        values=[source.labels[s] for s in chosen.value if s in source.labels],
        all_values=list(by_label),
        on_value=lambda texts: chosen.set([by_label[t] for t in texts]),
        classes=["cw-scenarios"],
    )
    solara.Select(
        "Metric",
        values=list(METRIC_TEXT),
        value=METRICS[metric.value][0],
        on_value=lambda t: metric.set(METRIC_TEXT[t]),
        classes=["cw-metric"],
    )
    solara.Select(
        "Year", values=source.years, value=year.value, on_value=year.set, classes=["cw-year"]
    )

    def set_level(text: str) -> None:
        new = next(k for k, v in LEVEL_TEXT.items() if v == text)
        level.set(new)
        area.set(source.areas[new][0])

    solara.ToggleButtonsSingle(
        value=LEVEL_TEXT[level.value],
        values=list(LEVEL_TEXT.values()),
        on_value=set_level,
        classes=["cw-level"],
    )
    if level.value != "england":
        solara.Select(
            LEVEL_TEXT[level.value],
            values=source.areas[level.value],
            value=area.value,
            on_value=area.set,
            classes=["cw-area"],
        )
    solara.Markdown(
        f"Baseline: **{source.labels.get(source.baseline, 'none')}**; "
        f"{len(source.runs)} runs. Scale {source.provenance()['scale']}."
    )


def numbers_html(table) -> str:
    """A small HTML table of a view's numbers."""
    return table.to_html(index=False, border=0, classes="cw-numbers-table")


@solara.component
def View(source: Source, view: str):
    """One view: its figure, its numbers and an export button."""
    picked = tuple(s for s in chosen.value if s in source.labels)  # a source may just have changed
    c = views.Choice(picked, metric.value, year.value, level.value, area.value)
    if not c.scenarios:
        solara.Warning("Choose one or more scenarios.")
        return
    try:
        fig, table = views.DRAW[view](source, c)
    except SourceError as err:
        solara.Error(str(err))
        return
    with solara.Div(classes=[f"cw-figure-{view}"]):
        solara.FigureMatplotlib(fig, format="png", dpi=110)
    plt.close(fig)
    solara.HTML(tag="div", unsafe_innerHTML=numbers_html(table), classes=[f"cw-numbers-{view}"])

    def export() -> None:
        paths = views.export(source, view, c, EXPORTS)
        exported.set(", ".join(str(p) for p in paths))

    with solara.Row():
        solara.Button("Export figure (PNG and PDF)", on_click=export, classes=[f"cw-export-{view}"])
        if exported.value and exported.value.split(",")[0].split("/")[-1].startswith(view):
            png = Path(exported.value.split(",")[0])
            solara.FileDownload(png.read_bytes, filename=png.name, label="Download PNG")
    if exported.value:
        solara.Text(f"written: {exported.value}", classes=["cw-exported"])


lever_on = {lever: solara.reactive(lever == "pay_parity") for lever in LEVERS}
lever_dose = {lever: solara.reactive(spec[4]) for lever, spec in LEVERS.items()}
live_scale = solara.reactive("0.005")
live_years = solara.reactive(3)
live_reps = solara.reactive(2)
live_status = solara.reactive("")


@task
def live_run(scenario: LiveScenario) -> str:
    """Run a live scenario in a worker thread, reporting its progress."""

    def progress(share: float, line: str) -> None:
        live_run.progress = 100 * share
        live_status.set(line)

    folder = run_live(ROOT, scenario, progress)
    return str(folder.relative_to(ROOT))


@solara.component
def Live():
    """Pick a lever or two and run a few small paired replicates."""
    solara.Markdown(
        "Each replicate runs with no new policy and with the levers, on the "
        "same seed, so the pair is compared as in any sweep. Small scales are "
        "noisy: read the intervals."
    )
    for lever, (field, label, low, high, _) in LEVERS.items():
        with solara.Row():
            solara.Checkbox(label=label, value=lever_on[lever])
            if lever_on[lever].value:
                solara.SliderFloat(field, value=lever_dose[lever], min=low, max=high, step=0.05)
    solara.Select(
        "Scale", values=["0.002", "0.005", "0.01"], value=live_scale, classes=["cw-live-scale"]
    )
    solara.SliderInt("Years", value=live_years, min=1, max=15)
    solara.SliderInt("Replicates", value=live_reps, min=1, max=5)
    scenario = LiveScenario(
        {k: float(lever_dose[k].value) for k in LEVERS if lever_on[k].value},
        float(live_scale.value),
        int(live_years.value),
        int(live_reps.value),
    )
    try:
        scenario.check()
        problem = ""
    except LiveError as err:
        problem = str(err)
    solara.Button(
        "Run and add to the comparison",
        on_click=lambda: live_run(scenario),
        disabled=bool(problem) or live_run.pending,
        classes=["cw-live-run"],
    )
    if problem:
        solara.Error(problem)
    if live_run.pending:
        solara.ProgressLinear(live_run.progress or True, classes=["cw-live-progress"])
        solara.Text(live_status.value)
    elif live_run.finished:
        folder = live_run.value
        solara.Success(f"{live_status.value}. Added: {folder}", classes=["cw-live-done"])
        if source_name.value != folder:
            refreshed.set(refreshed.value + 1)
            pick_source(folder)
    elif live_run.error:
        solara.Error(f"live run failed: {live_run.exception}")


@solara.component
def Page():
    """The whole dashboard."""
    solara.Title("carework-sim dashboard")
    solara.Style(CSS)
    names = [str(p.relative_to(ROOT)) for p in find_sources(ROOT)]
    if not names:
        solara.Error(f"{ROOT} holds no finished runs: run an experiment or a sweep first.")
        return
    if source_name.value not in names and not live_run.pending:
        pick_source(names[0])
    source = source_of(source_name.value)
    with solara.Sidebar():
        solara.Markdown("### carework-sim")
        Controls(source)
    with solara.lab.Tabs(lazy=True):
        for view, text in TABS:
            with solara.lab.Tab(text):
                View(source, view)
        with solara.lab.Tab("Live scenario"):
            Live()
