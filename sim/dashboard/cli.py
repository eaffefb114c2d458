"""``carework dashboard [results] [--port N]``: serve the dashboard on this machine.

Starts Solara's server (``solara run sim.dashboard.app``) on 127.0.0.1, reading finished
runs under ``results`` (default ``results/``: experiments, sweeps and live runs, found
three folders deep). Open the address it prints; stop it with Ctrl-C. Needs the
``dashboard`` extra (``pip install -e ".[dashboard]"``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from sim.analysis.source import find_sources

DEFAULT_PORT = 8765
HOST = "127.0.0.1"


def refuse(message: str) -> None:
    """Print a one-line refusal and exit with code 2."""
    print(f"config error: {message}", file=sys.stderr)
    sys.exit(2)


def command(port: int) -> list[str]:
    """The server's command line (production mode: no reloading, no browser opened)."""
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        "sim.dashboard.app",
        "--host",
        HOST,
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--log-level",
        "warning",
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: check the results folder and the port, then serve until stopped."""
    parser = argparse.ArgumentParser(
        prog="carework dashboard",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "results",
        nargs="?",
        type=Path,
        default=Path("results"),
        help="folder of experiments, sweeps and runs (default: results)",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    if not args.results.is_dir():
        refuse(f"results={str(args.results)!r} is not allowed: expected an existing folder")
    if not find_sources(args.results):
        refuse(
            f"results={str(args.results)!r} is not allowed: expected a folder holding "
            "finished runs (run `carework experiment <name>` or a sweep first)"
        )
    if not 1024 <= args.port <= 65535:
        refuse(f"port={args.port} is not allowed: expected 1024-65535")
    if importlib.util.find_spec("solara") is None:
        refuse("dashboard is not installed: expected the extra (pip install -e '.[dashboard]')")
    env = {**os.environ, "CAREWORK_RESULTS": str(args.results.resolve())}
    print(
        f"carework dashboard of {args.results.resolve()} at http://{HOST}:{args.port} "
        "(Ctrl-C stops it)",
        flush=True,
    )
    os.execve(sys.executable, command(args.port), env)  # the server replaces this process
