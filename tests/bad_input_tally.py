"""The bad-input tally: every command fed inputs a careless or hurried user would give.

Each case runs the real command in a fresh process and is classed by what it did:

- ``clean``: refused with a message and no traceback, before work (argparse adds its usage
  line to a bad option of ``analyse``, ``catalogue`` or ``calibrate``);
- ``traceback``: refused, but with a Python traceback (or with no message at all);
- ``after work``: failed after the model had been built or run;
- ``silent``: accepted (exit 0) although the input is bad.

::

    python -m tests.bad_input_tally [--out tally.csv]

It takes several minutes (one process per case); ``tests/test_bad_inputs.py`` keeps the
run command's catalogue as a fast test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from tests.test_bad_inputs import COMMAND_LINE, YAML, experiment_file

TINY = ["scale=0.002", "years=1", "progress=false", "figure=false"]
WORK_STARTED = ("workers and", "results written", "months:")


def carework(*args: str, cwd: Path) -> tuple[int, str, str, float]:
    """Run ``carework <args>`` in ``cwd``; (exit code, stdout, stderr, seconds)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start


def classify(code: int, out: str, err: str) -> str:
    """``clean``, ``traceback``, ``after work`` or ``silent`` (module docstring)."""
    if code == 0:
        return "silent"
    if any(mark in out for mark in WORK_STARTED):
        return "after work"
    if "Traceback" in err or "HYDRA_FULL_ERROR" in err or not err.strip():
        return "traceback"
    return "clean"


def finished_sweep(root: Path) -> Path:
    """A folder holding one finished tiny run, to damage copies of."""
    sweep = root / "good"
    code, _, err, _ = carework("run", *TINY, f"results_dir={sweep}", cwd=root)
    if code != 0:
        raise RuntimeError(err)
    return sweep


def damaged(sweep: Path, root: Path, name: str, file: str, text: str) -> Path:
    """A copy of ``sweep`` with one file of its run overwritten."""
    copy = root / name
    shutil.copytree(sweep, copy)
    (run,) = [p for p in copy.iterdir() if p.is_dir()]
    (run / file).write_text(text)
    return copy


def cases(root: Path) -> list[tuple[str, str, list[str]]]:
    """(command, description, arguments after ``carework``) of every bad input."""
    out = [("run", " ".join(a)[:80], ["run", *a, f"results_dir={root / 'r'}"])
           for a, _, _ in COMMAND_LINE]  # fmt: skip
    for body, _, _ in YAML:
        (root / f"yaml{len(out)}").mkdir()
        argv = experiment_file(root / f"yaml{len(out)}", body)
        out.append(("run", f"YAML: {body!r}"[:80], ["run", *argv, f"results_dir={root / 'r'}"]))
    out += [
        ("run", "results_dir under a file", ["run", f"results_dir={root / 'afile' / 'r'}"]),
        ("run", "empty results_dir", ["run", "results_dir="]),
        ("run", "lever start before April 2024",
         ["run", "policy=[training]", "policies.training.start=2023-04"]),
        ("run", "sweep with a bad late job", ["run", "-m", "years=1,0", *TINY[:1]]),
        ("run", "seed with replicate", ["run", "seed=3", "replicate=2"]),
        ("run", "NLW growth infinite", ["run", "pay.nlw_growth_after=inf"]),
        ("run", "65+ growth 1000% a year", ["run", "demand.pop65_growth_per_year=10"]),
        ("run", "a key that does not exist", ["run", "training.completion_multiplier=1000"]),
        ("run", "technology investment 1e30",
         ["run", "policy=[technology]", "policies.technology.investment_per_year=1e30"]),
        ("run", "a lever setting with the lever off", ["run", "policies.pay_parity.share=0.5"]),
        ("run", "a fair-pay floor of GBP 5", ["run", "policy=[fair_pay]",
                                              "policies.fair_pay.basis=absolute",
                                              "policies.fair_pay.level=5"]),
        ("run", "retirement at 10", ["run", "separation.max_age_years=10"]),
        ("run", "a probability of 1.5", ["run", "separation.exit_to_non_employment=1.5"]),
        ("run", "switching cost NaN", ["run", "behaviour.switch_cost_sector=nan"]),
        ("run", "negative hours", ["run", "hours.nhs_hours_per_week=-5"]),
        ("run", "sweep over a bad scale", ["run", "-m", "scale=0.002,0"]),
        ("run", "unknown lever", ["run", "policy=[magic]"]),
    ]  # fmt: skip
    (root / "afile").write_text("x")
    sweep = finished_sweep(root)
    (run,) = [p for p in sweep.iterdir() if p.is_dir()]
    parquet = damaged(sweep, root, "parquet", "national_monthly.parquet", "not parquet")
    prov = damaged(sweep, root, "prov", "provenance.json", "{not json")
    (root / "empty").mkdir()
    other = root / "other"
    shutil.copytree(sweep, other)
    (orun,) = [p for p in other.iterdir() if p.is_dir()]
    meta = json.loads((orun / "provenance.json").read_text())
    meta["seed"] = meta["config"]["seed"] = 99
    (orun / "provenance.json").write_text(json.dumps(meta))
    for command in ("analyse", "catalogue"):
        out += [
            (command, "missing folder", [command, str(root / "nowhere")]),
            (command, "a file for the folder", [command, str(root / "afile")]),
            (command, "empty folder", [command, str(root / "empty")]),
            (command, "truncated table", [command, str(parquet)]),
            (command, "damaged provenance", [command, str(prov)]),
        ]
    out += [
        ("analyse", "confidence above 1", ["analyse", str(sweep), "--confidence", "1.5"]),
        ("analyse", "unknown DiD outcome", ["analyse", str(sweep), "--did-outcome", "nope"]),
        ("analyse", "unknown baseline", ["analyse", str(sweep), "--baseline", "nope"]),
        ("catalogue", "bad SQL", ["catalogue", str(sweep), "--sql", "SELEC 1"]),
        ("catalogue", "SQL on a missing table", ["catalogue", str(sweep), "--sql",
                                                  "SELECT * FROM nope"]),
        ("compare", "missing run", ["compare", str(root / "nowhere"), str(run)]),
        ("compare", "different seeds", ["compare", str(orun), str(run)]),
        ("compare", "damaged run", ["compare", str(next(p for p in parquet.iterdir())), str(run)]),
        ("experiment", "unknown experiment", ["experiment", "nope"]),
        ("experiment", "replicates=0", ["experiment", "fair_pay", "replicates=0"]),
        ("experiment", "replicates=x", ["experiment", "fair_pay", "replicates=x"]),
        ("experiment", "members=0", ["experiment", "fair_pay", "members=0"]),
        ("experiment", "scale=abc", ["experiment", "fair_pay", "scale=abc"]),
        ("experiment", "years too short for the levers", ["experiment", "fair_pay", "years=1",
                                                          "replicates=2", "members=1"]),
        ("experiment", "results folder is a file", ["experiment", "fair_pay",
                                                    f"results_dir={root / 'afile'}"]),
        ("experiment", "unknown override", ["experiment", "fair_pay", "nosuch=1"]),
        ("experiment", "one run per scenario", ["experiment", "fair_pay", "replicates=1",
                                                "members=1"]),
        ("experiment", "members=x", ["experiment", "fair_pay", "members=x"]),
    ]  # fmt: skip
    calibrate = [
        ["--scale", "0.5"], ["--scale", "1e-9"], ["--seeds", "1,1"], ["--seeds", "1,x"],
        ["--years", "0"], ["--jobs", "0"], ["--hold", "behaviour.nosuch"],
        ["--population", "5"], ["--generations", "0"], ["--draws", "1"],
        ["--check-scales", "0.05,2"], ["--method", "nope"], ["--measure-seed-noise", "2"],
        ["--skip-fit", "--method", "tpe", "--storage", str(root / "none.db")],
        ["--timeout-min", "0"], ["--trials", "0"],
    ]  # fmt: skip
    out += [("calibrate", " ".join(a), ["calibrate", *a]) for a in calibrate]
    return out


def tally(root: Path) -> pd.DataFrame:
    """Run every case in ``root``; one row per case with its class and timing."""
    rows = []
    for command, what, argv in cases(root):
        code, out, err, seconds = carework(*argv, cwd=root)
        kind = classify(code, out, err)
        first = next((line for line in err.splitlines() if line.strip()), "")
        rows.append({"command": command, "input": what, "class": kind, "exit": code,
                     "seconds": round(seconds, 1), "message": first[:160]})  # fmt: skip
        print(f"{kind:>10}  {command:<10} {what}", flush=True)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the tally, print it by command and class, and write it as CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bad_input_tally.csv", help="CSV of every case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        table = tally(Path(tmp))
    table.to_csv(args.out, index=False)
    print(pd.crosstab(table["command"], table["class"], margins=True).to_string())
    print(f"{len(table)} cases: {dict(Counter(table['class']))}; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
