"""``carework <command> [arguments]``: one command for everything the simulator does."""

from __future__ import annotations

import importlib
import sys

from sim.errors import ConfigError

# command -> (module with ``main(argv)`` or ``cli(argv)``, one-line help)
COMMANDS = {
    "run": ("sim.cli.run", "run a projection (Hydra overrides; -m for a sweep)"),
    "experiment": ("sim.analysis.experiment", "run a named experiment: runs, figures, summary"),
    "analyse": ("sim.analysis.analyse", "paired effects with 95% intervals for a sweep folder"),
    "compare": ("sim.analysis.compare", "the paired difference of two single runs of one seed"),
    "catalogue": ("sim.analysis.catalogue", "a DuckDB catalogue over a sweep folder"),
    "report": ("sim.report.cli", "per-ICS workforce-plan reports (HTML, PDF) from finished runs"),
    "dashboard": ("sim.dashboard.cli", "a browser dashboard of finished runs and live scenarios"),
    "calibrate": ("sim.calibration.cli", "fit the behavioural coefficients to published data"),
    "sensitivity": ("sim.analysis.sensitivity", "Morris screening of the coefficients"),
    "bench": ("sim.cli.bench", "speed and memory of the engines, side by side"),
    "docs": ("sim.cli.docs", "write docs/parameters.md and docs/policies.md"),
    "fingerprint": ("sim.output.fingerprint", "digests of run folders' tables"),
}


def usage() -> str:
    """The plain-text help: every command with its one-line description."""
    width = max(len(name) for name in COMMANDS)
    lines = ["usage: carework <command> [arguments]", "", "commands:"]
    lines += [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "carework <command> --help shows a command's own arguments."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``carework <command> ...`` to the command's module.

    Args:
        argv: Arguments after ``carework``; ``sys.argv[1:]`` when None.

    Returns:
        The process exit code (2 for an unknown command).
    """
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(
            f"carework: unknown command {name!r}: expected one of {' | '.join(COMMANDS)}",
            file=sys.stderr,
        )
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    if name == "run":
        module.cli(rest)
        return 0
    try:
        code = module.main(rest)
    except ConfigError as err:  # bad input found once the work had to read it: one line
        print(f"config error: {err}", file=sys.stderr)
        return 2
    return code if isinstance(code, int) else 0
