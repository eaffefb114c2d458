import numpy as np

from sim.rng import STREAM_SEARCH, below, gumbel, normal, uniform


def test_uniform_is_a_pure_function_of_its_key():
    assert uniform(7, STREAM_SEARCH, 3, 11, 0) == uniform(7, STREAM_SEARCH, 3, 11, 0)
    assert uniform(7, STREAM_SEARCH, 3, 11, 0) != uniform(8, STREAM_SEARCH, 3, 11, 0)
    assert uniform(7, STREAM_SEARCH, 3, 11, 0) != uniform(7, STREAM_SEARCH, 4, 11, 0)


def test_uniform_moments_and_range():
    u = np.array([uniform(1, 2, 3, i, 0) for i in range(200_000)])
    assert u.min() > 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 4 * np.sqrt(1 / 12 / u.size)
    assert abs(u.var() - 1 / 12) < 0.002


def test_gumbel_and_normal_moments():
    g = np.array([gumbel(5, 6, 0, i, 1) for i in range(200_000)])
    assert abs(g.mean() - np.euler_gamma) < 0.01  # Gumbel mean is Euler's constant
    z = np.array([normal(5, 6, 0, i, 1) for i in range(200_000)])
    assert abs(z.mean()) < 0.01 and abs(z.std() - 1) < 0.01


def test_below_covers_range_evenly():
    k = np.array([below(1, 1, 1, i, 0, 5) for i in range(50_000)])
    counts = np.bincount(k, minlength=5)
    assert counts.size == 5 and counts.min() > 9_500
