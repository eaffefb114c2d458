"""Mesa agents: handles onto rows of the model's arrays.

The state lives in struct-of-arrays form (``sim.state``); an agent reads and writes its row,
so a user can inspect any worker or employer the Mesa way (``model.agents_by_type[Worker]``).
The agents hold no behaviour: the reference engine (``sim.engines.reference``) activates them
through Mesa's AgentSet with the rules of ``sim.engines.rules``, and the numba engine runs
the kernels of ``sim.kernels`` over the same arrays.
"""

from __future__ import annotations

import itertools
import weakref

import mesa

from sim.state import OWNER_LA, QUAL_NAMES, ROLE_NAMES, SETTING_NAMES, STATUS_NAMES


class _IdCounters(weakref.WeakKeyDictionary):
    """Per-model counters of agents' unique ids, holding each model only weakly.

    Mesa 3.3's ``Agent._ids`` is a class-level ``defaultdict`` keyed by the model, so every
    model that ever created an agent stays alive, with all its arrays, until the process
    ends (mesa issue #3179, fixed in mesa PR #3180 after the 3.3 series). A calibration or
    sweep worker builds thousands of models; this counter lets them be collected.
    """

    def __getitem__(self, model: mesa.Model) -> itertools.count:
        counter = self.get(model)
        if counter is None:
            counter = self[model] = itertools.count(1)
        return counter


class _CareAgent(mesa.Agent):
    """Base of this model's agents: Mesa's agent with ids counted per model, weakly held."""

    _ids = _IdCounters()


class Worker(_CareAgent):
    """A person in (or able to enter) the care and NHS workforce; row ``row`` of the arrays."""

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row
        # This month's decisions, written by the reference engine's rules
        # (``sim.engines.rules``): separation drawn, whether searching, order among
        # searchers, options that beat staying.
        self.dest = -1
        self.searching = False
        self.order_key = 0
        self.offers: list = []

    @property
    def _w(self):
        return self.model.workers

    @property
    def status(self) -> str:
        """Sector or state: asc, nhs, outside, non_employed, abroad or retired."""
        return STATUS_NAMES[self._w.status[self.row]]

    @property
    def employer(self) -> mesa.Agent | None:
        """The care provider or NHS trust employing the worker (None otherwise)."""
        return self.model.site_agent(int(self._w.site[self.row]))

    @property
    def role(self) -> str:
        """Role of the current (or last) job."""
        return ROLE_NAMES[self._w.role[self.row]]

    @property
    def qualification(self) -> str:
        """Highest care qualification."""
        return QUAL_NAMES[self._w.qual[self.row]]

    @property
    def age_years(self) -> float:
        """Age in years."""
        return self._w.age_months[self.row] / 12.0

    @property
    def pay_per_hour(self) -> float:
        """Hourly pay, GBP (0 when not employed)."""
        return float(self._w.pay_per_hour[self.row])

    @pay_per_hour.setter
    def pay_per_hour(self, value: float) -> None:
        self._w.pay_per_hour[self.row] = value

    @property
    def commute_km(self) -> float:
        """Home-to-work distance, km."""
        return float(self._w.commute_km[self.row])

    @property
    def zero_hours(self) -> bool:
        """Whether the contract is zero-hours."""
        return bool(self._w.zero_hours[self.row])

    @property
    def international(self) -> bool:
        """Whether the worker was recruited from abroad."""
        return bool(self._w.international[self.row])

    @property
    def home_area(self) -> str:
        """Local authority of the home."""
        return str(self.model.geo.la_name[self._w.home_la[self.row]])


class _Site(_CareAgent):
    """An employer; row ``row`` of the site arrays."""

    def __init__(self, model: mesa.Model, row: int):
        super().__init__(model)
        self.row = row

    @property
    def area(self) -> str:
        """Local authority of the workplace."""
        return str(self.model.geo.la_name[self.model.sites.la[self.row]])

    @property
    def ics(self) -> str:
        """Integrated care system of the workplace."""
        geo = self.model.geo
        return str(geo.ics_name[geo.la_ics[self.model.sites.la[self.row]]])

    @property
    def posts(self) -> int:
        """Funded posts, all roles."""
        return int(self.model.sites.posts[self.row].sum())

    @property
    def filled(self) -> int:
        """Filled posts, all roles."""
        return int(self.model.sites.filled[self.row].sum())

    @property
    def vacancies(self) -> int:
        """Funded posts not filled."""
        return max(self.posts - self.filled, 0)

    def pay_per_hour(self, role: str = "care_worker") -> float:
        """Hourly pay offered for a role, GBP."""
        return float(self.model.sites.pay_per_hour[self.row, ROLE_NAMES.index(role)])

    def staff(self) -> list[Worker]:
        """The workers employed here (needs worker handles)."""
        return [
            w for w in self.model.agents_by_type.get(Worker, []) if w._w.site[w.row] == self.row
        ]


class CareProvider(_Site):
    """A care establishment (residential, nursing, domiciliary or community)."""

    @property
    def setting(self) -> str:
        """Care setting."""
        return SETTING_NAMES[self.model.sites.setting[self.row]]

    @property
    def council_run(self) -> bool:
        """Whether the local authority runs it."""
        return bool(self.model.sites.owner[self.row] == OWNER_LA)

    @property
    def sponsor_licence(self) -> bool:
        """Whether it may sponsor international recruits."""
        return bool(self.model.sites.sponsor[self.row])


class NHSTrust(_Site):
    """An NHS trust, paying Agenda for Change rates."""


class OutsideEmployer(_Site):
    """The outside-sector jobs of one area (retail, hospitality...): posts match staff."""
