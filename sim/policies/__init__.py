"""Policy levers of the Adult Social Care Workforce Strategy, as dated diffs over the baseline.

One module per lever (``fair_pay``, ``pay_parity``, ...), each with ``apply`` (what it changes
this month) and its costs; ``levers`` holds the shared machinery: the order levers apply in,
the numbers kernels read (``LeverNumbers``), phase-in and area masks. ``attribution`` and
``wagebill`` split the cost of pay uplifts between levers. The levers' settings are declared
in ``sim.config.policies``.
"""
