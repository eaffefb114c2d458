"""Struct-of-arrays state of workers and job sites, and the codes shared by all kernels.

Every per-worker quantity is a numpy array indexed by the worker's row; rows are never
reused, so a row is a stable agent id. Sites are care establishments, NHS trusts and one
outside-sector employer per local authority, in one table.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

# Worker status / sector codes (also the origin and destination codes of flows).
# NEW appears only as the origin of an entrant's first event (education or returning).
ASC, NHS, OUTSIDE, NONEMP, ABROAD, RETIRED, NEW = 0, 1, 2, 3, 4, 5, 6
STATUS_NAMES = ("asc", "nhs", "outside", "non_employed", "abroad", "retired", "new_entrant")
N_STATUS = 7

# Site settings.
RESIDENTIAL, NURSING, DOMICILIARY, COMMUNITY, NHS_TRUST, OUTSIDE_JOB = 0, 1, 2, 3, 4, 5
SETTING_NAMES = ("residential", "nursing", "domiciliary", "community", "nhs_trust", "outside")
N_SETTINGS = 6

# Roles: care worker / NHS support worker (Band 2-3); senior care worker / Band 4;
# registered nurse (Band 5+); other staff (administrative, estates, ancillary, managers);
# other registered professionals (doctors, allied health professionals, scientists, midwives
# and paramedics in the NHS; social workers and occupational therapists in care).
ROLE_CARE_WORKER, ROLE_SENIOR, ROLE_NURSE, ROLE_OTHER, ROLE_PROFESSIONAL = 0, 1, 2, 3, 4
N_ROLES = 5
ROLE_NAMES = ("care_worker", "senior", "registered_nurse", "other", "professional")

# Qualifications, in order: none, Care Certificate, Level 2, Level 3+, registered nurse.
QUAL_NONE, QUAL_CARE_CERTIFICATE, QUAL_LEVEL2, QUAL_LEVEL3, QUAL_NURSE = 0, 1, 2, 3, 4
QUAL_NAMES = ("none", "care_certificate", "level2", "level3", "registered_nurse")

# Ownership of sites.
OWNER_INDEPENDENT, OWNER_LA, OWNER_NHS, OWNER_OUTSIDE = 0, 1, 2, 3
N_OWNERS = 4


# Positions of the arrays in ``Workers.as_tuple()`` and ``Sites.as_tuple()``, the form
# kernels receive them in.
(
    W_STATUS,
    W_SITE,
    W_ROLE,
    W_HOME_PLACE,
    W_HOME_LA,
    W_AGE,
    W_TENURE,
    W_QUAL,
    W_INTL,
    W_SPONSOR,
    W_ZH,
    W_HOURS,
    W_PAY,
    W_COMMUTE,
) = range(14)
(
    S_SECTOR,
    S_SETTING,
    S_OWNER,
    S_LA,
    S_PLACE,
    S_POSTS_TARGET,
    S_ROUND_OFFSET,
    S_POSTS,
    S_FILLED,
    S_PREMIUM,
    S_HEADROOM,
    S_PAY,
    S_PAY_BASE,
    S_CONDITIONS,
    S_ZH_SHARE,
    S_SPONSOR,
    S_HOURS,
    S_COMMUTE_WEIGHT,
    S_TERMS,
    S_REWARD,
) = range(20)

# Columns of ``Sites.terms``: the terms of work at a site that policy levers can change
# (set every month from ``sim.policies.LeverNumbers``).
T_EXPERIENCE_STEP, T_QUALIFICATION_STEP = 0, 1  # pay steps, share per year / per level
T_SWITCH_CUT = 2  # utils off the care-NHS switching cost for moves from or to the site
T_ENTRY_COST = 3  # utils a newcomer to care pays to join the site (registration barrier)
T_EXIT_SCALE = 4  # multiplier of the monthly exit hazard of the site's staff
T_TRAINED_EXIT_SCALE = 5  # further multiplier for staff with a Care Certificate or above
N_TERMS = 6

# Columns of ``Sites.reward``: total reward beyond basic pay, each a share of basic pay
# (``sim.world.reward``): employer pension, sick pay above statutory sick pay, unsocial-hours
# enhancements, paid leave above the statutory 28 days.
R_PENSION, R_SICK_PAY, R_ENHANCEMENTS, R_LEAVE = 0, 1, 2, 3
N_REWARD = 4
REWARD_NAMES = ("pension", "sick_pay", "enhancements", "annual_leave")


@dataclass
class Workers:
    """Per-worker arrays of length ``capacity``; rows ``0..n-1`` are in use.

    Attributes:
        status: Sector code (ASC, NHS, OUTSIDE, NONEMP while in England's labour market;
            ABROAD or RETIRED once gone), int8.
        site: Row of the employing site, -1 when not employed, int32.
        role: Role code of the current (or last) job, int8.
        home_place: Row of the home place in the geography, int32.
        home_la: Local authority of the home, int32.
        age_months: Age in months, int32.
        tenure_months: Months with the current employer (or in the current state), int32.
        qual: Qualification code, int8.
        international: 1 for a worker who is not a British national (an international
            recruit, or someone already in the UK on another visa or settled status), int8.
        sponsor_months: Months of visa sponsorship left (0 = not tied), int32.
        zero_hours: 1 on a zero-hours contract, int8.
        hours_per_week: Contracted hours a week, float64.
        pay_per_hour: Hourly pay in the current job, GBP, float64 (0 when not employed).
        commute_km: Straight-line home-to-work distance, km, float64.
    """

    status: np.ndarray
    site: np.ndarray
    role: np.ndarray
    home_place: np.ndarray
    home_la: np.ndarray
    age_months: np.ndarray
    tenure_months: np.ndarray
    qual: np.ndarray
    international: np.ndarray
    sponsor_months: np.ndarray
    zero_hours: np.ndarray
    hours_per_week: np.ndarray
    pay_per_hour: np.ndarray
    commute_km: np.ndarray

    @classmethod
    def empty(cls, capacity: int) -> Workers:
        """Allocate arrays for ``capacity`` workers, all marked RETIRED and unemployed."""
        dtypes = {
            "status": np.int8,
            "site": np.int32,
            "role": np.int8,
            "home_place": np.int32,
            "home_la": np.int32,
            "age_months": np.int32,
            "tenure_months": np.int32,
            "qual": np.int8,
            "international": np.int8,
            "sponsor_months": np.int32,
            "zero_hours": np.int8,
            "hours_per_week": np.float64,
            "pay_per_hour": np.float64,
            "commute_km": np.float64,
        }
        arrays = {name: np.zeros(capacity, dtype=dt) for name, dt in dtypes.items()}
        arrays["status"][:] = RETIRED
        arrays["site"][:] = -1
        return cls(**arrays)

    def as_tuple(self) -> tuple[np.ndarray, ...]:
        """The arrays in field order (indices ``W_*``), as kernels take them."""
        return tuple(getattr(self, f.name) for f in fields(self))

    def clear(self) -> None:
        """Empty the log for a new month (the buffer is kept)."""
        self.n[0] = 0

    @property
    def capacity(self) -> int:
        """Number of allocated rows."""
        return self.status.shape[0]

    def grow(self, capacity: int) -> None:
        """Enlarge every array to ``capacity`` rows, keeping existing rows."""
        extra = Workers.empty(capacity - self.capacity)
        for f in fields(self):
            setattr(self, f.name, np.concatenate([getattr(self, f.name), getattr(extra, f.name)]))


@dataclass
class Sites:
    """Per-site arrays: care establishments, NHS trusts and outside employers.

    Attributes:
        sector: ASC, NHS or OUTSIDE, int8.
        setting: Setting code, int8.
        owner: Ownership code, int8.
        la: Local authority row, int32.
        place: Place row of the workplace, int32.
        posts_target: Funded posts as demand sets them (fractional), shape (S, R), float64.
        round_offset: Fixed offset in [0, 1) that rounds each target to whole posts, so that
            sites of equal size do not all gain a post in the same month, shape (S, R).
        posts: Funded posts by role, ``floor(target + offset)``, shape (S, R), int32.
        filled: Filled posts by role, shape (S, R), int32.
        premium: Care-worker pay premium over the NLW (ASC sites), share, float64.
        headroom: Highest premium the site's fee income allows, share, float64.
        pay_per_hour: Hourly pay offered by role, GBP, shape (S, R), float64.
        pay_base: The same rates without policy levers (for their cost), shape (S, R).
        conditions: Index of working conditions other than pay, total reward and contract
            (training, staffing, management), 0-1, float64.
        zero_hours_share: Share of its staff the employer keeps on zero-hours contracts (its
            contract policy, ``sim.kernels.contracts``), float64.
        sponsor: 1 if the site holds a visa sponsor licence, int8.
        hours_per_week: Contracted hours offered on a guaranteed-hours contract, float64.
        commute_weight: Share of commute time that counts in the value of a job here (below
            1 where a policy pays travel time), float64.
        terms: Terms of work that levers can change, columns ``T_*``, shape (S, N_TERMS),
            float64.
        reward: Total reward beyond basic pay, shares of basic pay, columns ``R_*``, shape
            (S, N_REWARD), float64 (levers included).
    """

    sector: np.ndarray
    setting: np.ndarray
    owner: np.ndarray
    la: np.ndarray
    place: np.ndarray
    posts_target: np.ndarray
    round_offset: np.ndarray
    posts: np.ndarray
    filled: np.ndarray
    premium: np.ndarray
    headroom: np.ndarray
    pay_per_hour: np.ndarray
    pay_base: np.ndarray
    conditions: np.ndarray
    zero_hours_share: np.ndarray
    sponsor: np.ndarray
    hours_per_week: np.ndarray
    commute_weight: np.ndarray
    terms: np.ndarray
    reward: np.ndarray

    def as_tuple(self) -> tuple[np.ndarray, ...]:
        """The arrays in field order (indices ``S_*``), as kernels take them."""
        return tuple(getattr(self, f.name) for f in fields(self))

    @property
    def n(self) -> int:
        """Number of sites."""
        return self.sector.shape[0]


# Columns of the event table (one row per move or exit, filled sequentially each month).
EV_WORKER, EV_FROM_STATUS, EV_FROM_SITE, EV_FROM_ROLE, EV_FROM_LA = 0, 1, 2, 3, 4
EV_TO_STATUS, EV_TO_SITE, EV_TO_ROLE, EV_TO_LA = 5, 6, 7, 8
EV_AGE_MONTHS, EV_TENURE_MONTHS, EV_ZERO_HOURS, EV_INTERNATIONAL = 9, 10, 11, 12
N_EV_INT = 13
EV_COMMUTE_KM, EV_PAY_RATIO_NLW = 0, 1
N_EV_FLOAT = 2


@dataclass
class Events:
    """One month's moves and exits, in the order they happened.

    Every event is written by ``sim.kernels.moves.move``, which never writes past the buffer:
    it still counts an event that does not fit, so ``n`` above the capacity means events were
    lost. Each phase makes room with ``reserve`` before it writes; the model empties the log
    with ``clear`` at the start of the month's moves and calls ``check`` before tallying, which
    raises instead of letting a lost event through.

    Attributes:
        ints: Integer columns ``EV_*`` (site -1 when not employed; la is the site's area, or
            the home area when not employed), shape (capacity, N_EV_INT), int32.
        floats: The mover's commute (km) and pay relative to the NLW just before the move,
            shape (capacity, N_EV_FLOAT), float64.
        n: One-element array holding the number of events recorded this month.
    """

    ints: np.ndarray
    floats: np.ndarray
    n: np.ndarray

    @classmethod
    def empty(cls, capacity: int) -> Events:
        """Allocate an event buffer for up to ``capacity`` events."""
        return cls(
            ints=np.zeros((capacity, N_EV_INT), np.int32),
            floats=np.zeros((capacity, N_EV_FLOAT), np.float64),
            n=np.zeros(1, np.int64),
        )

    def as_tuple(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ints, floats, n) as kernels take them."""
        return self.ints, self.floats, self.n

    def clear(self) -> None:
        """Empty the log for a new month (the buffer is kept)."""
        self.n[0] = 0

    @property
    def capacity(self) -> int:
        """Number of events the buffer can hold."""
        return self.ints.shape[0]

    def reserve(self, extra: int) -> None:
        """Make room for ``extra`` more events this month, keeping those recorded (in place)."""
        k = int(self.n[0])
        need = k + extra
        if need <= self.capacity:
            return
        bigger = Events.empty(int(need * 1.5))
        bigger.ints[:k], bigger.floats[:k] = self.ints[:k], self.floats[:k]
        self.ints, self.floats = bigger.ints, bigger.floats

    def check(self, phase: str) -> None:
        """Raise ``EventOverflowError`` if ``phase`` recorded more events than were reserved."""
        if int(self.n[0]) > self.capacity:
            raise EventOverflowError(
                f"{phase}: {int(self.n[0])} events for a buffer of {self.capacity}; "
                "the phase must reserve room for its events first (Events.reserve)"
            )


class EventOverflowError(RuntimeError):
    """A phase wrote more events than it reserved room for; the lost events are counted."""
