"""The seeded regression baseline: headline outputs of one small fixed run, kept in git.

``tests/test_regression.py`` runs ``RUN`` and compares its headline outputs with
``tests/baseline.yaml`` within ``RELATIVE_TOLERANCE``. When a change of results is intended,
regenerate the file with one command and commit it with the change that explains it::

    python -m tests.regression --update
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from sim.output.headline import headline, read_tables

BASELINE = Path(__file__).resolve().parent / "baseline.yaml"
RUN = ["scale=0.005", "years=3", "seed=11", "progress=false", "figure=false"]
# Same code, same seed: the tables are byte-identical, so any change is a change of behaviour.
# The tolerance only absorbs float formatting of the stored values.
RELATIVE_TOLERANCE = 1e-9
ENGLAND_METRICS = (
    "vacancy_rate",
    "turnover_rate",
    "filled_posts",
    "posts",
    "asc_to_nhs",
    "nhs_to_asc",
    "unmet_care_hours",
    "delayed_bed_days",
)


def summarise(folder: Path) -> dict[str, float]:
    """Headline figures of a run folder: England per year, and each region's last year."""
    table = headline(read_tables(folder))
    out = {}
    england = table[(table["level"] == "england") & table["metric"].isin(ENGLAND_METRICS)]
    for row in england.itertuples():
        out[f"england/{row.fy}/{row.metric}"] = float(row.value)
    last = table["fy"].max()
    regions = table[(table["level"] == "region") & (table["fy"] == last)]
    for row in regions[regions["metric"] == "vacancy_rate"].itertuples():
        out[f"region/{row.fy}/{row.area}/vacancy_rate"] = float(row.value)
    return dict(sorted(out.items()))


def run_folder(results_dir: Path) -> Path:
    """Run ``RUN`` with ``python -m sim`` into ``results_dir`` and return its run folder."""
    subprocess.run(
        [sys.executable, "-m", "sim", *RUN, f"results_dir={results_dir}"],
        check=True,
        capture_output=True,
    )
    (folder,) = [p for p in results_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


def write_baseline(values: dict[str, float], path: Path = BASELINE) -> None:
    """Write the baseline file: the run it comes from, then every headline value."""
    path.write_text(
        "# Seeded regression baseline: regenerate with `python -m tests.regression --update`\n"
        + yaml.safe_dump({"run": RUN, "values": values}, sort_keys=False)
    )


def main(argv: list[str] | None = None) -> None:
    """``python -m tests.regression --update`` (or ``--from FOLDER`` for a finished run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="run RUN and rewrite the file")
    parser.add_argument("--from", dest="folder", help="take the values from this run folder")
    args = parser.parse_args(argv)
    if args.folder:
        write_baseline(summarise(Path(args.folder)))
    elif args.update:
        with tempfile.TemporaryDirectory() as tmp:
            write_baseline(summarise(run_folder(Path(tmp))))
    else:
        parser.error("pass --update (or --from FOLDER)")
    print(f"wrote {BASELINE}")


if __name__ == "__main__":
    main()
