"""``carework calibrate``: fit the behavioural coefficients to the published targets.

Simulated method of moments: Optuna's seeded TPE sampler proposes coefficients
(``sim.calibration.space``), each candidate runs at a reduced scale with several seeds
(common to every candidate), and the weighted distance of the mean moments to the fitted
targets (``sim/data/calibration_targets.csv``) is minimised. The study is stored in SQLite
under ``results/calibration/`` and resumes when run again with the same ``--study``. The
report (``results/calibration/``) follows the fit; ``--ship`` writes the best coefficients
as the shipped defaults (``sim/data/fitted_defaults.json``) if they beat the current ones
clearly and the data pin their long run (``sim.calibration.shipping``).

``--method abc`` instead runs approximate Bayesian computation by sequential Monte Carlo
(``sim.calibration.abc``, pyabc): a weighted ensemble of coefficient vectors consistent
with the targets, stored in ``results/calibration/abc.db`` (resumed when run again) and
written as ``ensemble.csv`` with ``ensemble.json`` (method, date, data, settings, the
representative member); ``--ship`` copies both into ``sim/data/`` as the defaults.

Examples:
    carework calibrate --timeout-min 40
    carework calibrate --skip-fit --ship
    carework calibrate --measure-seed-noise 12 --scale 0.02
    carework calibrate --method abc --scale 0.02 --population 200 --timeout-min 170 --ship
    carework calibrate --method abc --skip-fit      # the shipped ensemble's report
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from sim.config import ConfigError

RESULTS = Path("results") / "calibration"


def parse(argv: list[str]) -> argparse.Namespace:
    """Command-line options (see ``--help``)."""
    ap = argparse.ArgumentParser(prog="carework calibrate", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--method",
        choices=("tpe", "abc"),
        default="tpe",
        help="tpe: Optuna's best point; abc: an ABC-SMC ensemble (pyabc)",
    )
    ap.add_argument("--population", type=int, default=200, help="abc: particles a generation")
    ap.add_argument("--generations", type=int, default=8, help="abc: generations in all")
    ap.add_argument(
        "--draws", type=int, default=40, help="abc report: ensemble draws (members by weight)"
    )
    ap.add_argument("--scale", type=float, default=0.01, help="agents per person (0 < s <= 0.1)")
    ap.add_argument("--years", type=int, default=1, help="years per run (moments: first year)")
    ap.add_argument("--seeds", default="11,12", help="comma-separated seeds per evaluation")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes running seeds")
    ap.add_argument(
        "--hold",
        default="",
        help="comma-separated coefficients of the space to hold at their config values",
    )
    ap.add_argument("--trials", type=int, default=None, help="stop after this many new trials")
    ap.add_argument("--timeout-min", type=float, default=35.0, help="stop after these minutes")
    ap.add_argument("--study", default="nhs-balanced-growth", help="study name in the storage")
    ap.add_argument(
        "--storage",
        default=None,
        help="SQLite file (default: results/calibration/study.db, or abc.db for --method abc)",
    )
    ap.add_argument("--sampler-seed", type=int, default=20240401, help="TPE sampler seed")
    ap.add_argument(
        "--report-seeds",
        default="101,102,103,104,105,106,107,108",
        help="seeds of the report runs (not used by the fit)",
    )
    ap.add_argument(
        "--check-scales",
        default="0.05,1.0",
        help="comma-separated larger scales the fitted first year is re-run at (1.0: England)",
    )
    ap.add_argument("--out", default=str(RESULTS), help="report folder")
    ap.add_argument("--skip-fit", action="store_true", help="report on the stored study only")
    ap.add_argument("--skip-report", action="store_true", help="fit only")
    ap.add_argument("--ship", action="store_true", help="write the best fit as the defaults")
    ap.add_argument(
        "--scheduler",
        default=None,
        help="abc: run the simulations on the workers of this Dask scheduler (tcp://host:port)",
    )
    ap.add_argument(
        "--measure-seed-noise",
        type=int,
        default=0,
        metavar="N",
        help="measure each moment's seed noise from N seeds at --scale, write it into the "
        "target table's seed_sd column and stop",
    )
    return ap.parse_args(argv)


def _names(text: str) -> list[str]:
    """Comma-separated names, blanks dropped."""
    return [n.strip() for n in text.split(",") if n.strip()]


def _scales(text: str) -> tuple[float, ...]:
    """Comma-separated scales; an unreadable entry becomes -1 (refused by ``check``)."""
    try:
        return tuple(float(s) for s in _names(text))
    except ValueError:
        return (-1.0,)


def check(args: argparse.Namespace) -> tuple[int, ...]:
    """Refuse bad options before any work; return the fit seeds.

    Raises:
        ConfigError: naming the option, its value and what is allowed.
    """
    from sim.calibration.objective import seeds_from

    def need(ok: bool, name: str, value, allowed: str) -> None:
        if not ok:
            raise ConfigError(f"{name}={value!r} is not allowed: expected {allowed}")

    need(0.0001 <= args.scale <= 0.1, "--scale", args.scale, "0.0001 to 0.1 (a reduced scale)")
    need(1 <= args.years <= 5, "--years", args.years, "1 to 5")
    need(args.timeout_min > 0, "--timeout-min", args.timeout_min, "> 0 minutes")
    from sim.calibration.space import SPACE

    names = [c.name for c in SPACE]
    unknown = [h for h in _names(args.hold) if h not in names]
    need(not unknown, "--hold", args.hold, "names from the search space: " + ", ".join(names))
    need(args.jobs >= 1, "--jobs", args.jobs, ">= 1 worker processes")
    need(args.trials is None or args.trials >= 1, "--trials", args.trials, ">= 1")
    need(args.population >= 10, "--population", args.population, ">= 10 particles")
    need(args.generations >= 1, "--generations", args.generations, ">= 1")
    need(args.draws >= 5, "--draws", args.draws, ">= 5 ensemble draws")
    need(
        args.scheduler is None or (args.method == "abc" and "://" in args.scheduler),
        "--scheduler",
        args.scheduler,
        "a Dask scheduler address such as tcp://127.0.0.1:8786, with --method abc",
    )
    need(
        args.measure_seed_noise == 0 or args.measure_seed_noise >= 3,
        "--measure-seed-noise",
        args.measure_seed_noise,
        "0 (off) or at least 3 seeds",
    )
    need(
        all(0 < s <= 1 for s in _scales(args.check_scales)),
        "--check-scales",
        args.check_scales,
        "comma-separated scales in (0, 1]",
    )
    for name in ("seeds", "report_seeds"):
        text = getattr(args, name)
        ok = all(s.strip().isdigit() for s in text.split(",")) and bool(text.strip())
        need(ok, f"--{name.replace('_', '-')}", text, "comma-separated non-negative integers")
        seeds = seeds_from(text)
        need(len(set(seeds)) == len(seeds), f"--{name.replace('_', '-')}", text, "distinct seeds")
    if args.skip_fit and args.method == "tpe":
        storage = Path(args.storage or RESULTS / "study.db")
        need(storage.is_file(), "--storage", str(storage), "a study file to report on (--skip-fit)")
        import optuna

        url = f"sqlite:///{storage}"
        finished = {
            s.study_name for s in optuna.get_all_study_summaries(url) if s.best_trial is not None
        }
        need(
            args.study in finished,
            "--study",
            args.study,
            "a study with a finished trial: " + (", ".join(sorted(finished)) or "none stored"),
        )
    return seeds_from(args.seeds)


def _abc(args: argparse.Namespace, setup, targets) -> int:
    """``--method abc``: fit (or resume), ship if asked, then report on the ensemble.

    With ``--skip-fit`` and no stored history the report is of the shipped ensemble
    (``sim/data/ensemble.csv``): one command reproduces the shipped calibration's report.
    """
    from sim.calibration import abc_run
    from sim.calibration.space import SPACE
    from sim.calibration.targets import fitted_targets
    from sim.config.ensemble import ENSEMBLE_CSV, ENSEMBLE_JSON

    folder = Path(args.out)
    db = Path(args.storage) if args.storage else folder / "abc.db"
    if args.skip_fit and not db.exists():
        ens, meta = abc_run.read(ENSEMBLE_CSV, ENSEMBLE_JSON)
        print(f"reporting on the shipped ensemble ({ENSEMBLE_CSV})")
    else:
        space = tuple(c for c in SPACE if c.name not in _names(args.hold))
        print(abc_run.calibrate(setup, fitted_targets(targets), space, args, folder))
        ens, meta = abc_run.read(folder / "ensemble.csv", folder / "ensemble.json")
    if not args.skip_report:
        print(abc_run.report(folder, ens, meta, setup, targets, args.draws))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the fit and/or the report; return the exit status (2 on bad options)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        seeds = check(args)
    except ConfigError as err:
        print(f"config error: {err}", file=sys.stderr)
        return 2
    from sim.calibration import study as fit
    from sim.calibration.objective import Setup, seeds_from
    from sim.calibration.space import SPACE
    from sim.calibration.targets import fitted_targets, load_targets

    setup = Setup(args.scale, args.years, seeds, jobs=args.jobs)
    if args.measure_seed_noise:
        from sim.calibration import noise

        print(noise.write(setup, args.measure_seed_noise))
        return 0
    targets = load_targets()
    if args.method == "abc":
        return _abc(args, setup, targets)
    storage = args.storage or str(RESULTS / "study.db")
    study = fit.open_study(args.study, fit.storage_url(storage), args.sampler_seed)
    if not args.skip_fit:
        space = tuple(c for c in SPACE if c.name not in _names(args.hold))
        fit.run(study, setup, fitted_targets(targets), args.trials, 60.0 * args.timeout_min, space)
    best = study.best_trial
    print(f"{len(study.trials)} trials; best distance {best.value:.3f} (trial {best.number})")
    if args.skip_report and not args.ship:
        return 0
    from sim.calibration.report import evaluate, write_report

    report_setup = dataclasses.replace(setup, seeds=seeds_from(args.report_seeds))
    if args.skip_report:
        evaluated = evaluate(study, report_setup, targets)
    else:
        folder, evaluated = write_report(
            study, setup, targets, report_setup.seeds, Path(args.out), _scales(args.check_scales)
        )
        print(f"report written to {folder}")
    d = evaluated["distances"]
    print(f"report seeds: distance hand-set {d['hand-set']:.3f}, fitted {d['fitted']:.3f}")
    if args.ship:
        from sim.calibration.shipping import ship

        print(ship(study, evaluated, seeds, targets))
    return 0
