"""The model's rules in plain Python: the specification the reference engine runs.

One module per monthly phase, each restating the formulas of the matching numba kernel
without calling it, so the engine-agreement test checks the formulas as well as the order in
which agents act:

- ``demand``: funded posts follow need (phase 2).
- ``pay``: care employers' premiums, site rates, policy levers, personal pay (phase 3).
- ``separations``: retirement, exits from work, returns abroad (phase 4).
- ``choice``: who may take which post, what a job is worth, the cost of moving, and who
  searches (phase 5).
- ``contracts``: each employer keeps its share of staff on zero hours (phases 5 and 6).
- ``geometry``: distances and commuting times (phase 5).
- ``search``: the open vacancies and where a searcher finds them (phase 5).
- ``training``: qualifications and promotion (phase 7).
- ``moves``: the one move that edits employment and logs the event (phases 4, 5 and 7).

Each module also holds the steps one agent takes in its phase (``fn(agent, ctx)``, activated
by ``sim.engines.reference`` through ``AgentSet.do``). Random draws come from ``sim.rng``, the
same keyed generator the kernels use (common random numbers); numeric codes from
``sim.state``; the indices of the behaviour and hazard vectors and the assumed commuting
speeds (plain numbers) from the kernel modules that declare them.
"""
