"""Replicate seeds spawned from one root seed (numpy ``SeedSequence``).

Replicate ``k`` of a root seed runs with the seed of ``SeedSequence(root_seed).spawn(k + 1)[k]``
(the child with ``spawn_key=(k,)``), so replicates are statistically independent streams and
any one of them can be re-run alone. Because the model's draws are keyed on (seed, stream,
month, agent) (``sim.rng``), a baseline and a policy run with the same replicate share their
random draws: their difference is a paired comparison (common random numbers).
"""

from __future__ import annotations

import numpy as np

SEED_BITS = 63


def replicate_seed(root_seed: int, replicate: int) -> int:
    """The run seed of replicate ``replicate`` spawned from ``root_seed``.

    Args:
        root_seed: Non-negative root seed of the experiment.
        replicate: Replicate index, 0-based.

    Returns:
        A non-negative integer below 2**63: the first 64 bits of the spawned child's state
        with the top bit cleared.
    """
    return _seed_of(np.random.SeedSequence(root_seed, spawn_key=(replicate,)))


def replicate_seeds(root_seed: int, replicates: int) -> list[int]:
    """Seeds of replicates ``0 .. replicates-1``, spawned with ``SeedSequence.spawn``."""
    return [_seed_of(child) for child in np.random.SeedSequence(root_seed).spawn(replicates)]


def _seed_of(child: np.random.SeedSequence) -> int:
    low, high = (int(w) for w in child.generate_state(2, dtype=np.uint32))
    return ((high << 32) | low) & ((1 << SEED_BITS) - 1)
