"""Child processes that die with the process that started them (issue 11 point 2).

The service starts every ffmpeg (and the codec probe) with ``die_with_parent()``'s keyword
arguments, so that no ffmpeg outlives its service, however the service ends (kill -9
included): on Linux the child asks the kernel for SIGKILL when its parent goes
(PR_SET_PDEATHSIG). The kernel sends it when the *thread* that forked the child exits, not
only the process: asyncio forks subprocesses from the event loop's thread, which lives as
long as the service, so the rule holds; code that forks from a short-lived thread must not
use it.

Elsewhere there is no such call: on Windows the service's job object (gateway/process.py)
takes its children with it; on other systems, the service's process group does when it is
stopped.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_SIGKILL = 9


def die_with_parent() -> dict[str, Any]:
    """Popen (and asyncio.create_subprocess_exec) keyword arguments: on Linux, the child is
    killed when the thread that starts it ends, its process's end included."""
    if sys.platform != "linux":
        return {}
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here, not in the child
    parent = os.getpid()

    def preexec() -> None:  # runs in the child between fork and exec
        prctl(_PR_SET_PDEATHSIG, _SIGKILL)
        if os.getppid() != parent:  # the parent died before the call: nobody will signal
            os.kill(os.getpid(), _SIGKILL)

    return {"preexec_fn": preexec}
