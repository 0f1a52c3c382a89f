"""The C allocator of the service process, set for a process that streams for days (issue 11).

glibc's malloc adapts its mmap threshold: each time a block above it that was mmapped is
freed, the threshold rises to that block's size (up to 32 MiB on 64-bit) and the heap's trim
threshold to twice that. From then on, the 256 KiB buffer that asyncio allocates for every
read of an ffmpeg's stdout (shrunk to the bytes read, about one FLV tag) comes from the heap
instead of its own mapping, between the tags that the hubs keep for their GOP caches and
viewer queues: those tags split the freed rest of each buffer, the next buffer does not fit
in the holes, and the heap grows. Measured with four HTTP-FLV viewers
(bench/service_soak.py): the service's RSS grew by about 0.5 MiB a minute; with the mmap
threshold fixed, it stays flat (docs/PERFORMANCE.md; fixing only the trim threshold does
not help).

``fix_malloc_thresholds`` pins both thresholds at glibc's own defaults, as the environment
variable ``MALLOC_MMAP_THRESHOLD_`` would from the start (the trim threshold too: the imports
before the call may have raised it). Other C libraries (Windows, macOS, musl) do not adapt
them this way.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

# mallopt's parameter numbers in glibc's malloc.h, and glibc's defaults for them
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
DEFAULTS = {M_TRIM_THRESHOLD: 128 * 1024, M_MMAP_THRESHOLD: 128 * 1024}


def fix_malloc_thresholds() -> bool:
    """Pin glibc's mmap and trim thresholds for the rest of the process; False where there
    is no glibc (the call is then not needed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the process's own C library
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    fixed = all(mallopt(parameter, value) for parameter, value in DEFAULTS.items())
    if fixed:
        log.info("malloc: mmap and trim thresholds fixed at 128 KiB")
    return fixed
