"""A sweep folder as one queryable dataset: DuckDB views over the runs' Parquet files.

``carework catalogue <sweep folder>`` writes ``<sweep folder>/catalogue.duckdb`` with a
``runs`` table (one row per complete run: folder, seed, replicate, config hash, enabled
levers and every parameter that differs between runs) and one view per result table
(``national_monthly``, ``ics_annual``, ...) that joins each table's rows to its run's
parameters. Only complete run folders (renamed into place by ``sim.output.results.write_run``) are
collected; hidden ``.tmp-*`` folders of unfinished runs are ignored.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from sim.errors import UnreadableResults
from sim.output.reading import first_line, verified_provenance

DB_NAME = "catalogue.duckdb"
RUN_COLUMNS = (
    "run", "name", "seed", "replicate", "member", "root_seed", "config_hash", "policy"
)  # fmt: skip
IGNORED_PARAMETERS = (
    "name", "seed", "replicate", "ensemble", "root_seed", "results_dir", "progress", "figure"
)  # fmt: skip


def run_folders(sweep: Path | str) -> list[Path]:
    """Complete run folders directly under ``sweep`` (those holding ``provenance.json``)."""
    root = Path(sweep)
    if not root.is_dir():
        raise UnreadableResults(
            f"sweep={str(sweep)!r} is not allowed: expected a folder of run folders"
        )
    return sorted(
        p for p in root.iterdir() if not p.name.startswith(".") and (p / "provenance.json").exists()
    )


def flatten(config: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested config as dotted keys; lists become their JSON text (hashable, comparable)."""
    out: dict[str, Any] = {}
    for key, value in config.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = json.dumps(value) if isinstance(value, list) else value
    return out


def enabled_levers(config: dict[str, Any]) -> str:
    """The levers switched on in a run's config, comma-joined ('' for the baseline)."""
    levers = config.get("policies", {})
    return ",".join(sorted(k for k, v in levers.items() if v.get("enabled")))


def first_start(config: dict[str, Any]) -> str | None:
    """The earliest start month (YYYY-MM) of the levers switched on in a run's config."""
    starts = [v["start"] for v in config.get("policies", {}).values() if v.get("enabled")]
    return min(starts) if starts else None


def runs_table(sweep: Path | str) -> pd.DataFrame:
    """One row per complete run: identity, seeds, levers and the parameters that vary.

    A parameter is a column when its value differs between the sweep's runs (the swept
    parameters); seeds and output switches are identity or bookkeeping, not parameters.

    Raises:
        FileNotFoundError: if the folder holds no complete run.
    """
    folders = run_folders(sweep)
    if not folders:
        raise FileNotFoundError(f"sweep={str(sweep)!r} holds no complete run folder")
    rows, params = [], []
    for folder in folders:
        prov = verified_provenance(folder)
        config = prov["config"]
        rows.append(
            {
                "run": folder.name,
                "folder": str(folder.resolve()),
                "name": config["name"],
                "seed": prov["seed"],
                "replicate": config.get("replicate"),
                "member": prov.get("ensemble_member", -1),
                "root_seed": config.get("root_seed"),
                "config_hash": prov["config_hash"],
                "policy": enabled_levers(config),
                "git_commit": prov["git_commit"],
            }
        )
        params.append(flatten(config))
    values = pd.DataFrame(params)
    ignored = set(IGNORED_PARAMETERS)
    table = pd.DataFrame(rows)
    if table["member"].nunique() > 1:  # coefficients that move with the member are not swept
        ignored |= {c for c in values.columns if _follows(values[c], table["member"])}
    swept = [c for c in values.columns if c not in ignored and values[c].astype(str).nunique() > 1]
    return pd.concat([table, values[swept]], axis=1)


def _follows(column: pd.Series, member: pd.Series) -> bool:
    """Whether a parameter takes one value per ensemble member (set by the member)."""
    return bool((column.astype(str).groupby(member).nunique() == 1).all())


def table_names(runs: pd.DataFrame) -> list[str]:
    """Result tables present in every run of the catalogue."""
    sets = [{p.stem for p in Path(f).glob("*.parquet")} for f in runs["folder"]]
    return sorted(set.intersection(*sets))


def build(sweep: Path | str) -> Path:
    """Write ``catalogue.duckdb`` in the sweep folder (atomically: written, then renamed).

    Returns:
        Path of the database.
    """
    root = Path(sweep)
    runs = runs_table(root)
    target = root / DB_NAME
    tmp = root / f".tmp-{DB_NAME}-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            con.register("runs_df", runs)
            con.execute("CREATE TABLE runs AS SELECT * FROM runs_df")
            for table in table_names(runs):
                files = [f"{folder}/{table}.parquet" for folder in runs["folder"]]
                con.execute(
                    f"CREATE VIEW {table} AS SELECT r.* EXCLUDE (folder), t.* EXCLUDE (filename) "
                    f"FROM read_parquet({files!r}, filename = true, union_by_name = true) t "
                    f"JOIN runs r ON t.filename = r.folder || '/{table}.parquet'"
                )
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def query(sweep: Path | str, sql: str) -> pd.DataFrame:
    """Run SQL against a sweep's catalogue (built if missing) and return a DataFrame."""
    db = Path(sweep) / DB_NAME
    if not db.exists():
        build(sweep)
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def main(argv: list[str] | None = None) -> None:
    """Command line: build the catalogue of a sweep folder and print its runs."""
    parser = argparse.ArgumentParser(prog="carework catalogue", description=__doc__)
    parser.add_argument("sweep", type=Path, help="sweep folder (hydra.sweep.dir)")
    parser.add_argument("--sql", help="a query to run after building, e.g. 'SELECT ...'")
    args = parser.parse_args(argv)
    if not args.sweep.is_dir():
        parser.exit(
            2,
            f"config error: sweep={str(args.sweep)!r} is not allowed: expected a "
            "folder of run folders\n",
        )
    try:
        db = build(args.sweep)
    except (FileNotFoundError, UnreadableResults) as err:
        parser.exit(2, f"config error: {err}\n")
    runs = query(args.sweep, "SELECT * EXCLUDE (folder, git_commit) FROM runs")
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(runs.to_string(index=False))
    print(f"catalogue of {len(runs)} runs written to {db}")
    if args.sql:
        try:
            answer = query(args.sweep, args.sql)
        except duckdb.Error as err:
            parser.exit(
                2, f"config error: --sql is not a query DuckDB can run: {first_line(err)}\n"
            )
        print(answer.to_string(index=False))
