"""Counter-based random numbers keyed on (seed, stream, month, agent, draw).

Every draw is a pure function of its key, so a worker faces the same luck in a baseline and
in a policy run with the same seed (common random numbers) and results do not depend on the
order in which threads visit agents. The mixer is SplitMix64 (Steele, Lea and Flood 2014)
applied to a combination of the key fields.
"""

import numpy as np
from numba import njit

# Decision streams: one constant per kind of draw, never reused for another purpose.
STREAM_INIT = 1
STREAM_SEPARATION = 2
STREAM_SEPARATION_DEST = 3
STREAM_SEARCH = 4
STREAM_OFFER = 5
STREAM_TASTE = 6
STREAM_ORDER = 7
STREAM_ENTRY = 8
STREAM_TRAINING = 9
STREAM_PROMOTION = 10
STREAM_CONTRACT = 11
STREAM_LICENCE = 12
STREAM_LISTING = 13
STREAM_MATCH = 14
STREAM_REWARD = 15
STREAM_MARKET = 16

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


@njit(cache=True, inline="always")
def _splitmix64(x):
    x = (x + np.uint64(0x9E3779B97F4A7C15)) & _MASK
    x = ((x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _MASK
    x = ((x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _MASK
    return x ^ (x >> np.uint64(31))


@njit(cache=True, inline="always")
def key_hash(seed, stream, month, agent, draw):
    """Hash a draw's key to 64 random bits.

    (stream, month, agent) are packed into one 64-bit word (8, 24 and 32 bits: a one-to-one
    packing for the ranges a run uses), mixed with the hashed seed, then with the draw index.
    The month enters as its low 24 bits, so the warm-up's negative months take the top of
    the range, which no run reaches.

    Args:
        seed: Root seed of the run (non-negative int).
        stream: Decision stream constant (``STREAM_*``, below 256).
        month: Month index of the run (-2**23 to 2**23; negative in the warm-up).
        agent: Agent row (or any non-negative integer label below 2**32).
        draw: Index of the draw for that agent in that month and stream.

    Returns:
        A uint64 that is a deterministic function of the five fields.
    """
    packed = (
        (np.uint64(stream) << np.uint64(56))
        | (np.uint64(month & 0xFFFFFF) << np.uint64(32))
        | np.uint64(agent)
    )
    h = _splitmix64(_splitmix64(np.uint64(seed)) ^ packed)
    return _splitmix64(h ^ np.uint64(draw))


@njit(cache=True, inline="always")
def uniform(seed, stream, month, agent, draw):
    """Uniform draw on the open interval (0, 1) for one key (53-bit resolution)."""
    h = key_hash(seed, stream, month, agent, draw)
    return ((h >> np.uint64(11)) + 0.5) * (1.0 / 9007199254740992.0)


@njit(cache=True, inline="always")
def gumbel(seed, stream, month, agent, draw):
    """Standard Gumbel (type-I extreme value) draw: the logit taste shock."""
    return -np.log(-np.log(uniform(seed, stream, month, agent, draw)))


@njit(cache=True, inline="always")
def normal(seed, stream, month, agent, draw):
    """Standard normal draw by Box-Muller from two keyed uniforms."""
    u1 = uniform(seed, stream, month, agent, 2 * draw)
    u2 = uniform(seed, stream, month, agent, 2 * draw + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


@njit(cache=True, inline="always")
def below(seed, stream, month, agent, draw, n):
    """Integer draw uniform on ``0 .. n-1`` (``n`` >= 1)."""
    return min(int(uniform(seed, stream, month, agent, draw) * n), n - 1)
