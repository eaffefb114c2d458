"""How ``python -m sim`` ends when something goes wrong: one line and a documented exit code.

| exit | meaning |
| --- | --- |
| 2 | bad input: a config value, an unknown lever, an unwritable results folder, too little memory |
| 3 | the results could not be written (disk full, file too large, folder made read-only) |
| 4 | an invariant broke during the run (``sim.engines.invariants``) |

In a ``--multirun`` a failing job prints the same line, prefixed with its job number and
overrides, and raises ``JobFailed`` so that Hydra records the job as failed while the other
jobs run to completion; Hydra then exits non-zero.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from sim.config import ConfigError
from sim.errors import InvariantError, ResultsError

CONFIG_EXIT, RESULTS_EXIT, INVARIANT_EXIT = 2, 3, 4


class JobFailed(RuntimeError):
    """One job of a multirun failed; its one-line reason is the message."""


EXPECTED_FAILURES = (ConfigError, ResultsError, InvariantError)
LABELS = (
    (ConfigError, "config error", CONFIG_EXIT),
    (ResultsError, "results error", RESULTS_EXIT),
    (InvariantError, "invariant error", INVARIANT_EXIT),
)


def fail(err: BaseException, job: str | None = None) -> NoReturn:
    """Print ``<label>: <reason>`` on stderr, then exit (single run) or raise (multirun job).

    Args:
        err: One of ``EXPECTED_FAILURES``.
        job: ``"job <k> of <N> (<overrides>)"`` inside a multirun, None for a single run.

    Raises:
        JobFailed: inside a multirun, carrying the printed line.
        SystemExit: for a single run, with the exit code of the table above.
    """
    label, code = next((lab, c) for kind, lab, c in LABELS if isinstance(err, kind))
    line = f"{label}: {err}" if job is None else f"{job} failed: {label}: {err}"
    print(line, file=sys.stderr, flush=True)
    if job is not None:
        raise JobFailed(line) from None
    sys.exit(code)
