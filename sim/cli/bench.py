"""``carework bench``: speed and memory of the engines, side by side in one run.

Measures, on this machine and in one session:

- compile time of the numba kernels (a fresh cache directory, so it is a real compile);
- agent-steps per second of the numba and Mesa engines on the same populations;
- numba wall time per month across sizes up to full England, and the log-log slope;
- a full-England 15-year run in a child process: wall time, peak memory (RSS);
- a thread check: 1 and 2 numba threads give identical tables, and the speedup.

Prints a table and writes ``results/bench/bench_<UTC time>.json`` and ``.md`` (README's
table, ``sim.cli.bench_table``); ``--readme README.md`` also puts that table in README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from sim.cli.bench_table import markdown_table, update_readme

WORKERS_PER_UNIT_SCALE = 4_055_000  # agents at scale=1.0 (ASC, NHS, outside, non-employed)


def _model(scale: float, years: int, engine: str = "numba", handles: str = "employers"):
    from sim.config import load_config
    from sim.model import CareWorkforceModel

    cfg = load_config(
        [
            f"scale={scale}",
            f"years={years}",
            "progress=false",
            f"engine={engine}",
            f"handles={handles}",
            "warm_up_months=0",  # months are timed from the first; the warm-up is months too
        ]
    )
    return CareWorkforceModel(cfg)


def _timed_months(model, months: int) -> tuple[float, float]:
    """Run ``months`` steps; return (seconds, mean agents in the labour market).

    Agents in the labour market are workers employed or non-employed in England (rows of
    people gone abroad or retired are not counted, though the kernels still skip over them).
    """
    from sim.state import NONEMP

    seconds, agents = 0.0, []
    for _ in range(months):
        start = time.perf_counter()
        model.step()
        seconds += time.perf_counter() - start
        agents.append(int((model.workers.status[: model.n] <= NONEMP).sum()))
    return seconds, float(np.mean(agents))


def compile_seconds() -> dict[str, float]:
    """First month of a tiny model (compiles every kernel) against its second month."""
    start = time.perf_counter()
    model = _model(0.001, 1)
    build = time.perf_counter() - start
    first, _ = _timed_months(model, 1)
    second, _ = _timed_months(model, 1)
    return {
        "first_month_s": first,
        "second_month_s": second,
        "compile_s": first - second,
        "tiny_build_s": build,
    }


def engines(sizes: dict[str, float], mesa_months: dict[str, int], months: int) -> list[dict]:
    """Agent-steps per second of both engines on the same populations."""
    rows = []
    for label, scale in sizes.items():
        fast = _model(scale, 2)
        fast.step()  # warm: first-month specialisations
        t_fast, n_fast = _timed_months(fast, months)
        ref = _model(scale, 2, engine="mesa", handles="all")
        ref.step()
        k = mesa_months[label]
        t_ref, n_ref = _timed_months(ref, k)
        numba_rate = n_fast * months / t_fast
        mesa_rate = n_ref * k / t_ref
        rows.append(
            {
                "size": label,
                "scale": scale,
                "agents": n_fast,
                "numba_agent_steps_per_s": numba_rate,
                "numba_months": months,
                "mesa_agent_steps_per_s": mesa_rate,
                "mesa_months": k,
                "speedup": numba_rate / mesa_rate,
            }
        )
    return rows


def scaling(sizes: dict[str, float], months: dict[str, int]) -> dict:
    """Numba seconds per month by size, and the slope of log(time) on log(agents)."""
    rows = []
    for label, scale in sizes.items():
        model = _model(scale, 2)
        model.step()
        seconds, agents = _timed_months(model, months[label])
        rows.append(
            {
                "size": label,
                "scale": scale,
                "agents": agents,
                "seconds_per_month": seconds / months[label],
                "months": months[label],
            }
        )
        del model
    x = np.log([r["agents"] for r in rows])
    y = np.log([r["seconds_per_month"] for r in rows])
    slope = float(np.polyfit(x, y, 1)[0])
    return {"rows": rows, "loglog_slope": slope}


def threads(scale: float, months: int) -> dict:
    """Same tables with 1 and 2 numba threads, and the speedup."""
    import numba

    results = {}
    for n_threads in (1, 2):
        numba.set_num_threads(n_threads)
        model = _model(scale, 2)
        model.step()
        seconds, _ = _timed_months(model, months)
        results[n_threads] = (seconds, model.tables())
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    identical = all(results[1][1][k].equals(results[2][1][k]) for k in results[1][1])
    return {
        "scale": scale,
        "months": months + 1,
        "seconds_1_thread": results[1][0],
        "seconds_2_threads": results[2][0],
        "speedup": results[1][0] / results[2][0],
        "tables_identical": identical,
    }


def full_run(years: int) -> dict:
    """A full-England run in a child process (its own peak RSS), reported as JSON."""
    cmd = [sys.executable, "-m", "sim.cli", "bench", "--child-full-run", str(years)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child_full_run(years: int) -> None:
    start = time.perf_counter()
    model = _model(1.0, years)
    build = time.perf_counter() - start
    model.step()  # first month: specialisations already compiled and cached by the parent
    seconds, agents = _timed_months(model, 12 * years - 1)
    start = time.perf_counter()
    model.tables()
    tables = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        json.dumps(
            {
                "years": years,
                "agents_mean": agents,
                "build_s": build,
                "run_s_excluding_first_month": seconds,
                "run_s_estimated_all_months": seconds * 12 * years / (12 * years - 1),
                "tables_s": tables,
                "peak_rss_gb": peak,
            }
        )
    )


def start_up(scale: float, candidates: int) -> dict:
    """What the many-run work pays per run: building a small model, and a whole candidate.

    The build is timed twice in this process (the first also reads the packaged geography
    and population inputs); a calibration candidate is everything ``carework calibrate``
    runs for one candidate and seed (``sim.calibration.objective.seed_moments``: the first
    year, the pay-rise experiment and the two-year backtest, each built and run) on one
    thread, after one untimed candidate.

    Args:
        scale: Scale of the build and of each candidate's runs.
        candidates: Candidates timed.
    """
    import numba

    from sim.calibration.objective import Setup, seed_moments

    builds = []
    for _ in range(2):
        start = time.perf_counter()
        _model(scale, 1)
        builds.append(time.perf_counter() - start)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        configs = Setup(scale, 1, ()).configs()
        seed_moments(configs, {}, 0)
        start = time.perf_counter()
        for seed in range(1, candidates + 1):
            seed_moments(configs, {}, seed)
        per = (time.perf_counter() - start) / candidates
    finally:
        numba.set_num_threads(threads)
    return {
        "scale": scale,
        "build_first_s": builds[0],
        "build_s": builds[1],
        "candidates_timed": candidates,
        "seconds_per_candidate_1_thread": per,
        "candidates_per_hour_per_process": 3600.0 / per,
    }


def _print(report: dict) -> None:
    c = report["compile"]
    print(f"compile: {c['compile_s']:.1f} s (first month {c['first_month_s']:.1f} s)")
    print(f"{'size':>6} {'agents':>10} {'numba steps/s':>14} {'mesa steps/s':>13} {'ratio':>7}")
    for r in report["engines"]:
        print(
            f"{r['size']:>6} {r['agents']:>10,.0f} {r['numba_agent_steps_per_s']:>14,.0f} "
            f"{r['mesa_agent_steps_per_s']:>13,.0f} {r['speedup']:>7.0f}x"
        )
    print(f"{'size':>6} {'agents':>10} {'s / month':>10}")
    for r in report["scaling"]["rows"]:
        print(f"{r['size']:>6} {r['agents']:>10,.0f} {r['seconds_per_month']:>10.4f}")
    print(f"log-log slope of time on agents: {report['scaling']['loglog_slope']:.2f}")
    if "full_england" in report:
        f = report["full_england"]
        print(
            f"full England {f['years']} years, {f['agents_mean']:,.0f} agents: "
            f"{f['run_s_estimated_all_months']:.1f} s run + {f['build_s']:.1f} s build + "
            f"{f['tables_s']:.1f} s tables; peak RSS {f['peak_rss_gb']:.2f} GB"
        )
    u = report["start_up"]
    print(
        f"start-up at scale {u['scale']}: build {u['build_s']:.2f} s "
        f"(first {u['build_first_s']:.2f} s); calibration candidate "
        f"{u['seconds_per_candidate_1_thread']:.2f} s on one thread, "
        f"{u['candidates_per_hour_per_process']:,.0f} an hour per process"
    )
    t = report["threads"]
    print(
        f"threads: 1 -> {t['seconds_1_thread']:.2f} s, 2 -> {t['seconds_2_threads']:.2f} s "
        f"(x{t['speedup']:.2f}); tables identical: {t['tables_identical']}"
    )


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark and write its JSON report; returns the report."""
    parser = argparse.ArgumentParser(prog="carework bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (a smoke run)")
    parser.add_argument("--years", type=int, default=15, help="years of the full-England run")
    parser.add_argument("--out", default="results/bench", help="folder for the JSON report")
    parser.add_argument("--readme", help="README whose bench table to rewrite from this run")
    parser.add_argument("--child-full-run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_full_run:
        _child_full_run(args.child_full_run)
        return {}
    if "NUMBA_CACHE_DIR" not in os.environ:  # a fresh cache, so compile time is real
        os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="carework-bench-numba-")
        again = sys.argv[2:] if argv is None else argv
        os.execv(sys.executable, [sys.executable, "-m", "sim.cli", "bench", *again])
    scale_of = {
        k: v / WORKERS_PER_UNIT_SCALE for k, v in {"10k": 1e4, "100k": 1e5, "1M": 1e6}.items()
    }
    if args.quick:
        sizes, mesa_months, months = {"10k": scale_of["10k"]}, {"10k": 2}, {"10k": 3}
        scale_sizes = {"10k": scale_of["10k"], "40k": 4 * scale_of["10k"]}
        months = {"10k": 3, "40k": 3}
    else:
        sizes, mesa_months = (
            {"10k": scale_of["10k"], "100k": scale_of["100k"]},
            {"10k": 6, "100k": 2},
        )
        scale_sizes = {**scale_of, "full": 1.0}
        months = {"10k": 24, "100k": 12, "1M": 6, "full": 4}
    from sim.output.results import git_commit, package_versions

    report = {
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "git_commit": git_commit(),
        "packages": package_versions(),
        "compile": compile_seconds(),
        "engines": engines(sizes, mesa_months, 6 if not args.quick else 2),
        "scaling": scaling(scale_sizes, months),
        "threads": threads(scale_sizes["10k"] if args.quick else scale_of["100k"], 6),
        "start_up": start_up(0.002 if args.quick else 0.02, 1 if args.quick else 3),
    }
    if not args.quick:
        report["full_england"] = full_run(args.years)
    _print(report)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench_{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2))
    table = markdown_table(report)
    path.with_suffix(".md").write_text(table + "\n")
    print(f"report written to {path} and {path.with_suffix('.md').name}")
    if args.readme:
        update_readme(args.readme, table)
        print(f"bench table of {args.readme} rewritten")
    return report
