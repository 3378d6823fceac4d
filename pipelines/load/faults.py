"""Named points in an ingest where the fault tests kill the process (issue 10, point 6).

`tests/pipelines/test_ingest_faults.py` runs `neglect-insight ingest` with
`NEGLECT_INSIGHT_FAULT=<point>` and the process kills itself with SIGKILL when it reaches that
point, as a power cut or an out-of-memory kill would. Without the variable a point does nothing.

    after:read, after:validate, after:build_models, after:history   the new load is being built
    before:switch, after:switch                                     around the pointer switch
    during:read, during:validate                                    at the first progress message
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

FAULT_ENV = "NEGLECT_INSIGHT_FAULT"


def fault_point(name: str) -> None:
    """Kill this process on the spot if the tests asked for a fault at `name`."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def during(phase: str, progress: Callable[[str], None]) -> Callable[[str], None]:
    """`progress`, with a fault point `during:<phase>` at each message it is given."""
    def say(message: str) -> None:
        fault_point(f"during:{phase}")
        progress(message)
    return say
