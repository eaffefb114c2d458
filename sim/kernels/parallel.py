"""How the kernels' parallel loops are compiled: their ``prange`` loops, nothing else.

``parallel=True`` also turns every numpy call and array expression in a kernel (each
``np.zeros``, ``.sum(axis=0)``, ``a += b``) into a parallel loop of its own, compiled as a
separate function. The kernels' parallel work is all in explicit ``prange`` loops over fixed
chunks of rows (so results do not depend on the thread count); the implicit loops only added
compile time: the accounting kernel's first compile fell from about 27 s to 19 s with them
off (on a busy 2-core machine).
"""

from __future__ import annotations

from numba.core.cpu import ParallelOptions

PRANGE_ONLY = ParallelOptions(
    {
        "comprehension": False,
        "reduction": False,
        "inplace_binop": False,
        "setitem": False,
        "numpy": False,
        "stencil": False,
        "fusion": False,
        "prange": True,
    }
)
"""``parallel=`` option of every parallel kernel: explicit ``prange`` loops only."""
