"""Child processes that do not outlive the service (issue 11 point 2).

However the service ends, SIGKILL included, the kernel ends its ffmpeg children with it:

- Linux: each child is started with ``**die_with_parent()``, a ``preexec_fn`` that sets
  PR_SET_PDEATHSIG to SIGKILL between fork and exec. The signal is sent when the *thread*
  that forked the child ends, not the process: asyncio starts its subprocesses from the
  event loop's thread, which in ``patrol-app serve`` is uvicorn's main thread and lives as
  long as the service. (A thread that starts ffmpeg and then ends would kill it at once.)
- Windows: ``kill_children_on_exit`` puts the service in a job object with
  JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE; the processes it starts afterwards are in the job too,
  and when the service's handle to the job closes (at its exit, however it exits) Windows
  ends every process left in it. This path cannot run on the Linux machines the tests run
  on: it is kept to a few documented calls.
- Elsewhere (macOS) neither exists; the workstation still kills the service's process group
  (standalone/process.py).
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
from typing import Any

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _libc_prctl() -> Any:
    """libc's prctl, looked up once here: a preexec_fn should only call, not load."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return prctl


_prctl = _libc_prctl() if sys.platform == "linux" else None


def die_with_parent() -> dict[str, Any]:
    """Popen (and asyncio.create_subprocess_exec) keyword arguments: on Linux, the kernel
    SIGKILLs the child when the calling thread ends, its process's end included; elsewhere
    none (Windows: ``kill_children_on_exit``)."""
    if _prctl is None:
        return {}
    prctl, parent = _prctl, os.getpid()

    def preexec() -> None:  # in the child, between fork and exec
        if prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG)")
        if os.getppid() != parent:  # the parent died before prctl: no signal will come
            os._exit(1)

    return {"preexec_fn": preexec}


# JOBOBJECT_EXTENDED_LIMIT_INFORMATION and what it holds (winnt.h).
class _BasicLimits(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    ]


class _ExtendedLimits(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", _BasicLimits),
        ("IoInfo", ctypes.c_uint64 * 6),  # IO_COUNTERS
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
_job: int | None = None  # the handle, never closed by us: its closing at our exit is the point


def kill_children_on_exit() -> None:
    """Windows: from now on the processes this one starts end when it ends. Elsewhere:
    nothing (Linux uses ``dies_with_parent`` for each child). Failing, it logs and goes on:
    the service works without it, as it did before."""
    global _job
    if sys.platform != "win32" or _job is not None:
        return
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = ctypes.c_void_p
    kernel32.GetCurrentProcess.restype = ctypes.c_void_p
    kernel32.SetInformationJobObject.argtypes = [
        ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32
    ]  # fmt: skip
    kernel32.AssignProcessToJobObject.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    job = kernel32.CreateJobObjectW(None, None)  # its handle is not inherited
    limits = _ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = _JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    if not (
        job
        and kernel32.SetInformationJobObject(
            job, _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits), ctypes.sizeof(limits)
        )
        and kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())
    ):
        log.warning(
            "no job object for the service's children (error %d): an ffmpeg may outlive it",
            ctypes.get_last_error(),
        )
        return
    _job = job
