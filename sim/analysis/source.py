"""A folder of finished runs read for one area: scenarios, series, effects, flows.

A *source* is any folder whose sub-folders are complete runs: a sweep
(``results/sweeps/<name>``), an experiment's ``runs/``, or a folder of live runs. Its runs
are read through the DuckDB catalogue (``sim.analysis.catalogue``): monthly series and
flows by SQL over the catalogue's views, paired effects by ``sim.analysis.paired``. The
dashboard and the per-ICS report both read finished runs through this one class.

Areas are England (``level="england"``), a region or an ICS, named as in the run tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from sim.analysis import catalogue
from sim.analysis.paired import BASELINE, paired_effects, scenario_labels
from sim.output.headline import headline, read_tables
from sim.paths import EXPERIMENTS_DIR

LEVELS = ("england", "region", "ics")
MONTHLY_TABLE = {"england": "national_monthly", "region": "region_monthly", "ics": "ics_monthly"}
AREA_COLUMN = {"region": "region", "ics": "ics"}
METRICS = {  # monthly column -> (title, axis label, tick unit, headline metric)
    "vacancy_rate": ("ASC vacancy rate", "share of posts", "share", "vacancy_rate"),
    "filled": ("ASC filled posts", "posts", "count", "filled_posts"),
    "posts": ("ASC posts (care needed and funded)", "posts", "count", "posts"),
    "turnover_rate": (
        "ASC turnover rate",
        "leavers per filled post a year",
        "share",
        "turnover_rate",
    ),
}
"""Metrics an area can be explored by: ASC columns of the monthly tables."""


class SourceError(ValueError):
    """A folder, scenario, metric or area outside what a source holds."""


def _choice(field_name: str, value, allowed) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise SourceError(f"{field_name}={value!r} is not allowed: expected one of {allowed}")


def sql_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def find_sources(root: Path | str) -> list[Path]:
    """Folders at or under ``root`` (three levels deep) that hold complete run folders."""
    root = Path(root)
    found = []
    for depth in range(4):
        for folder in sorted(root.glob("/".join(["*"] * depth)) if depth else [root]):
            if not folder.is_dir() or any(p.startswith(".") for p in folder.parts[-depth:]):
                continue
            if (folder / "provenance.json").exists():
                continue
            if any((c / "provenance.json").exists() for c in folder.iterdir() if c.is_dir()):
                found.append(folder)
    return sorted(set(found))


def experiment_labels(folder: Path) -> dict[str, str]:
    """Legend text of an experiment's scenarios, when ``folder`` is ``<name>[-key]/runs``."""
    if folder.name != "runs":
        return {}
    name = folder.parent.name
    for candidate in (name, name.rsplit("-", 1)[0]):
        spec = EXPERIMENTS_DIR / f"{candidate}.yaml"
        if spec.exists():
            return dict(OmegaConf.to_container(OmegaConf.load(spec)).get("labels") or {})
    return {}


def open_source(path: Path | str) -> Source:
    """The runs of an experiment folder (its ``runs/``), a runs folder or a sweep folder.

    Raises:
        SourceError: when the folder is missing or holds no finished run.
    """
    path = Path(path)
    if (path / "runs").is_dir() and not (path / "provenance.json").exists():
        path = path / "runs"
    return Source(path)


@dataclass
class Source:
    """The complete runs of one folder, named by scenario.

    Attributes:
        folder: The folder of run folders.
    """

    folder: Path
    _effects: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        if not self.folder.is_dir():
            raise SourceError(f"results={str(self.folder)!r} is not allowed: expected a folder")
        try:
            catalogue.run_folders(self.folder)[0]
        except IndexError:
            raise SourceError(
                f"results={str(self.folder)!r} is not allowed: expected a folder of finished "
                "run folders (a sweep, an experiment's runs/)"
            ) from None

    @cached_property
    def runs(self) -> pd.DataFrame:
        """``catalogue.runs_table`` with a ``scenario`` column (and the catalogue built).

        A scenario is the runs' ``name`` when names tell the configurations apart (named
        experiments), else the levers and swept parameters (``paired.scenario_labels``).
        """
        runs = catalogue.runs_table(self.folder)
        labels = scenario_labels(runs)
        by_name = runs.groupby("name")["run"].apply(frozenset)
        by_label = runs.groupby(labels)["run"].apply(frozenset)
        same = set(by_name) == set(by_label)
        runs["scenario"] = runs["name"] if same else labels
        db = self.folder / catalogue.DB_NAME
        if not db.exists() or self._catalogued() != set(runs["run"]):
            catalogue.build(self.folder)
        return runs

    def _catalogued(self) -> set[str]:
        try:
            return set(catalogue.query(self.folder, "SELECT run FROM runs")["run"])
        except Exception:  # noqa: BLE001 - an unreadable catalogue is rebuilt
            return set()

    @property
    def scenarios(self) -> list[str]:
        """Scenario names, the baseline first."""
        names = list(dict.fromkeys(self.runs["scenario"]))
        base = self.baseline
        return ([base] if base else []) + sorted(n for n in names if n != base)

    @cached_property
    def baseline(self) -> str | None:
        """The scenario to compare the others with, or None.

        The one scenario with no lever switched on, if only one has none; else the one
        with no lever and nothing else changed (``paired.BASELINE``).
        """
        runs = self.runs
        plain = runs.groupby("scenario")["policy"].apply(lambda p: bool((p == "").all()))
        if plain.sum() == 1:
            return str(plain.idxmax())
        base = runs.loc[scenario_labels(runs.drop(columns="scenario")) == BASELINE, "scenario"]
        return str(base.iloc[0]) if len(base) else None

    @cached_property
    def labels(self) -> dict[str, str]:
        """Legend text by scenario (an experiment's ``labels:``; else the names)."""
        named = experiment_labels(self.folder)
        return {s: named.get(s, s) for s in self.scenarios}

    @cached_property
    def areas(self) -> dict[str, list[str]]:
        """Area names by level, as the run tables spell them."""
        out = {"england": ["England"]}
        for level, column in AREA_COLUMN.items():
            table = MONTHLY_TABLE[level]
            sql = f"SELECT DISTINCT {column} AS a FROM {table} ORDER BY a"
            out[level] = list(catalogue.query(self.folder, sql)["a"])
        return out

    @cached_property
    def years(self) -> list[str]:
        """Financial years the runs report (``YYYY/YY``)."""
        sql = "SELECT DISTINCT fy FROM national_monthly ORDER BY fy"
        return list(catalogue.query(self.folder, sql)["fy"])

    def check(self, metric: str, level: str, area: str, scenarios=()) -> None:
        """Refuse a metric, level, area or scenario the source does not hold.

        Raises:
            SourceError: one line naming the field and what is allowed.
        """
        _choice("metric", metric, METRICS)
        _choice("level", level, LEVELS)
        _choice(level if level != "england" else "area", area, self.areas[level])
        for name in scenarios:
            _choice("scenario", name, self.scenarios)

    def series(self, metric: str, level: str, area: str, scenarios: list[str]) -> pd.DataFrame:
        """One ASC monthly column of every run of the scenarios, for one area.

        Returns:
            ``scenario``, ``seed``, ``draw`` (member/seed), ``date`` (YYYY-MM) and
            ``value`` in the column's unit, as ``sim.analysis.figures.fan_chart`` takes.
        """
        self.check(metric, level, area, scenarios)
        where = "sector = 'asc'"
        if level != "england":
            where += f" AND {AREA_COLUMN[level]} = {sql_literal(area)}"
        sql = (
            f"SELECT run, date, {metric} AS value FROM {MONTHLY_TABLE[level]} WHERE {where} "
            "ORDER BY run, date"
        )
        df = catalogue.query(self.folder, sql)
        runs = self.runs[self.runs["scenario"].isin(scenarios)]
        df = df.merge(runs[["run", "scenario", "seed", "member"]], on="run")
        df["draw"] = df["member"].astype(str) + "/" + df["seed"].astype(str)
        order = {s: k for k, s in enumerate(scenarios)}
        df = df.sort_values(
            ["scenario", "draw", "date"],
            key=lambda c: c.map(order) if c.name == "scenario" else c,
            kind="stable",
        )
        return df[["scenario", "seed", "draw", "date", "value"]].reset_index(drop=True)

    def metrics(self) -> pd.DataFrame:
        """Headline outputs of every run (``sim.output.headline``) with scenario and draw."""
        parts = [
            headline(read_tables(r.folder)).assign(
                scenario=r.scenario, seed=r.seed, member=r.member
            )
            for r in self.runs.itertuples()
        ]
        return pd.concat(parts, ignore_index=True)

    @cached_property
    def headline(self) -> pd.DataFrame:
        """``metrics()``, read once."""
        return self.metrics()

    def effects(self, **where: str) -> pd.DataFrame:
        """Paired effects of every scenario against the baseline (``paired.paired_effects``).

        Args:
            **where: Keep only these ``level``, ``area``, ``fy`` or ``metric`` values before
                pairing (every area of every level takes tens of seconds; one area, a
                fraction of a second). Results are kept for the next call.

        Raises:
            SourceError: when the source has no baseline to pair with.
        """
        if self.baseline is None:
            raise SourceError(
                f"results={str(self.folder)!r} has no baseline run (no lever, nothing else "
                "changed): paired effects need one"
            )
        key = tuple(sorted(where.items()))
        if key not in self._effects:
            h = self.headline
            for column, value in where.items():
                h = h[h[column] == value]
            self._effects[key] = paired_effects(h, baseline=self.baseline)
        return self._effects[key]

    def flows(self, scenario: str, fy: str, level: str, area: str) -> pd.DataFrame:
        """Moves a year from an area between statuses, mean over the scenario's runs.

        Moves are labelled by the area left (``from_area``, ``from_ics``, ``from_region``).

        Returns:
            ``from_status``, ``to_status``, ``count`` (people in the year), ``runs``.
        """
        _choice("scenario", scenario, self.scenarios)
        _choice("year", fy, self.years)
        _choice(level if level != "england" else "area", area, self.areas[level])
        where = f"fy = {sql_literal(fy)}"
        if level != "england":
            where += f" AND from_{AREA_COLUMN[level]} = {sql_literal(area)}"
        runs = self.runs.loc[self.runs["scenario"] == scenario, "run"]
        where += f" AND run IN ({', '.join(map(sql_literal, runs))})"
        sql = (
            "SELECT run, from_status, to_status, sum(count) AS count FROM flows_monthly "
            f"WHERE {where} GROUP BY ALL"
        )
        df = catalogue.query(self.folder, sql)
        grid = df.pivot_table(
            index="run", columns=["from_status", "to_status"], values="count", fill_value=0.0
        )
        grid = grid.reindex(list(runs), fill_value=0.0)
        out = grid.mean().rename("count").reset_index()
        return out.assign(runs=len(runs))

    def ics_values(self, metric: str, fy: str, scenario: str) -> pd.DataFrame:
        """Each ICS's headline value in a year: median over the scenario's runs.

        Returns:
            ``area`` (ICS), ``value`` in the headline metric's unit.
        """
        _choice("metric", metric, METRICS)
        _choice("year", fy, self.years)
        _choice("scenario", scenario, self.scenarios)
        h = self.headline
        sel = h[(h["level"] == "ics") & (h["fy"] == fy) & (h["scenario"] == scenario)]
        sel = sel[sel["metric"] == METRICS[metric][3]]
        return sel.groupby("area", as_index=False)["value"].median()

    def report_root(self) -> Path:
        """Where reports of this source go by default: ``reports/`` beside its runs."""
        home = self.folder.parent if self.folder.name == "runs" else self.folder
        return home / "reports"

    def provenance(self) -> dict:
        """``provenance.json`` of the first run (scale, years, engine shared by a sweep)."""
        return json.loads((Path(self.runs["folder"].iloc[0]) / "provenance.json").read_text())
