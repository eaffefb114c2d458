"""Invariants checked at the end of every month when ``check_invariants`` is on.

1. Agents are conserved: in every area, the agents of each status equal last month's plus
   the arrivals minus the departures the month's events record (stock-flow identity).
2. Filled posts never exceed funded posts at any employer. (When a lever
   lowers the posts needed, e.g. technology, funded posts fall only as staff leave: nobody is
   made redundant; see ``sim.kernels.demand``.)
3. Nobody is employed twice: each employed worker has exactly one employer of their sector,
   and every employer's filled posts equal the workers who name it.
4. Nobody employed is paid below the legal floor in force (the NLW, raised by any NLW lever).
5. No stock is NaN or negative (posts, filled posts, funded-post targets, pay, hours).

A violation raises ``InvariantError`` naming the month, the area (local authority and ICS, or
England) and the invariant. The check is two passes over the arrays (``sim.kernels.invariants``).
"""

from __future__ import annotations

import numpy as np

from sim import calendar
from sim.errors import InvariantError
from sim.kernels import invariants as kernel
from sim.state import ROLE_NAMES, STATUS_NAMES

ROW_PROBLEMS = {
    kernel.BAD_STATUS: "every agent ends the month in one status (asc..retired)",
    kernel.EMPLOYER_MISMATCH: "nobody employed twice (status, employer and sector agree)",
    kernel.PAY_BELOW_FLOOR: "pay never below the legal floor in force",
    kernel.NOT_FINITE: "no NaN pay or hours",
}


class InvariantChecker:
    """Remembers last month's stocks and checks the model's state after each step.

    Args:
        model: A freshly built ``CareWorkforceModel`` (its state is taken as the first
            month's start).
    """

    def __init__(self, model):
        self.geo = model.geo
        self.n_la = len(model.geo.la_name)
        self.after = (self._scan(model, None)[0], model.n)  # (agents by area and status, rows)
        self.before = self.after
        self.steps = model.steps

    def check(self, model) -> None:
        """Check the state at the end of the month being stepped.

        The month is the run month (negative in the warm-up): Mesa's step count less one (the
        step counter advances as a step begins) less the warm-up, so checking again after
        ``step`` returns re-checks the same month.

        Raises:
            InvariantError: naming the month, the area and the invariant broken.
        """
        if model.steps != self.steps:
            self.steps, self.before = model.steps, self.after
        month = model.steps - 1 - model.cfg.warm_up_months
        counts_before, n_before = self.before
        counts, employed = self._scan(model, month)
        s, ev = model.sites, model.events
        delta = kernel.event_balance(ev.ints, int(ev.n[0]), n_before, self.n_la)
        self._sites(month, s, employed)
        broken = np.argwhere(counts != counts_before + delta)
        if broken.size:
            la, st = broken[0]
            self._fail(
                month,
                self._area(la),
                f"agents conserved: {counts[la, st]} {STATUS_NAMES[st]} agents, expected "
                f"{counts_before[la, st]} + {delta[la, st]} from the month's moves",
            )
        self.after = (counts, model.n)

    def _scan(self, model, month):
        w, s = model.workers, model.sites
        counts, employed, problem, row = kernel.scan_workers(
            w.as_tuple(), s.as_tuple(), model.n, self.n_la, model.nlw
        )
        if problem != kernel.OK:
            site = int(w.site[row])
            la = s.la[site] if site >= 0 else w.home_la[row]
            detail = (
                f"worker {row}: status {w.status[row]}, employer {site}, "
                f"pay {w.pay_per_hour[row]:.4f} GBP/h with the floor at {model.nlw:.4f}"
            )
            self._fail(month, self._area(la), f"{ROW_PROBLEMS[problem]} ({detail})")
        return counts, employed

    def _sites(self, month, s, employed) -> None:
        over = s.filled > s.posts
        checks = (
            ("no negative or NaN posts", ~np.isfinite(s.posts_target).all(1)),
            ("no negative or NaN posts", (s.posts < 0).any(1) | (s.posts_target < 0).any(1)),
            ("no negative filled posts", (s.filled < 0).any(1)),
            ("no NaN pay offers", ~np.isfinite(s.pay_per_hour).all(1)),
            ("filled posts never above funded posts", over.any(1)),
            ("filled posts equal the workers employed", (s.filled != employed).any(1)),
        )
        for name, bad in checks:
            if bad.any():
                site = int(np.flatnonzero(bad)[0])
                self._fail(
                    month,
                    self._area(s.la[site]),
                    f"{name} (site {site}, by role {', '.join(ROLE_NAMES)}: posts "
                    f"{s.posts[site].tolist()}, filled {s.filled[site].tolist()}, workers "
                    f"{employed[site].tolist()})",
                )

    def _area(self, la: int) -> str:
        geo = self.geo
        return f"{geo.la_name[la]} ({geo.ics_name[geo.la_ics[la]]})"

    @staticmethod
    def _fail(month, area: str, invariant: str) -> None:
        if month is None:
            when = "at the start"
        else:
            when = "in month {} ({}-{:02d})".format(month, *calendar.calendar_month(month))
        raise InvariantError(f"invariant broken {when} in {area}: {invariant}")
