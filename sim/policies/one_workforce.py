"""One workforce: joint training and secondments make NHS-care moves cheaper both ways."""

from sim.state import ASC, NHS


def apply(lever, x, mask, model, numbers) -> None:
    """Lower the switching cost between care and the NHS, in both directions."""
    for a, b in ((ASC, NHS), (NHS, ASC)):
        cut = lever.switch_cost_reduction * x
        numbers.sector_switch[a, b] = max(numbers.sector_switch[a, b] - cut, 0.0)
