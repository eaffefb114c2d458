"""Splitting national totals into whole areas and establishments.

``allocate`` shares an integer total out by weight with a floor (establishments and trusts
to areas); ``rake`` sizes establishments so posts add up by area and by setting at once.
"""

from __future__ import annotations

import numpy as np


def allocate(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Split an integer total in proportion to weights (largest remainder), with a floor."""
    w = np.asarray(weights, float) / np.sum(weights)
    base = np.full(w.size, minimum, np.int64)
    rest = max(total - base.sum(), 0)
    raw = w * rest
    alloc = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - alloc), kind="stable")
    alloc[order[: rest - alloc.sum()]] += 1
    return base + alloc


def rake(size, la, setting, la_totals, setting_totals, rounds: int = 50) -> np.ndarray:
    """Scale establishment sizes so posts add up to each area's and each setting's total.

    Every area has at least one establishment, so at small scales the small areas hold more
    establishments than their population share; scaling sizes only by setting would give
    them more posts too, and spread care jobs unlike the people who fill them (a drift with
    the scale). Iterative proportional fitting (alternately by setting and by area) keeps
    both margins: posts by area follow population, posts by setting their shares.

    Args:
        size: Positive relative sizes, shape (E,).
        la: Area of each establishment, shape (E,).
        setting: Setting code of each establishment (0-3), shape (E,).
        la_totals: Posts wanted in each area, shape (L,).
        setting_totals: Posts wanted in each setting, shape (4,); same sum as ``la_totals``.
        rounds: Fitting rounds (at scale 0.01 both margins are within 1e-12 after 50).

    Returns:
        Sizes in posts, shape (E,).
    """
    size = np.asarray(size, float).copy()
    for _ in range(rounds):
        by_setting = np.bincount(setting, weights=size, minlength=setting_totals.size)
        size *= (setting_totals / np.maximum(by_setting, 1e-12))[setting]
        by_la = np.bincount(la, weights=size, minlength=la_totals.size)
        size *= (la_totals / np.maximum(by_la, 1e-12))[la]
    return size
