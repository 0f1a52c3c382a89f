"""The service's C allocator (gateway/memory.py): after a large block is freed, the heap does
not keep the space that asyncio's read buffers and the kept FLV tags leave behind, so a
service that streams for hours levels off (issue 11's soak; the figures in
docs/PERFORMANCE.md come from bench/service_soak.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from patrol_app.standalone.process import ServiceProcess

# A fresh interpreter, so that nothing else has shaped its heap: the service's reads of an
# ffmpeg's stdout (a 256 KiB buffer per read, shrunk to about one tag) with the parser's
# copies kept for a while, as a hub's GOP cache and viewer queues keep them. Prints the
# heap's free bytes that glibc keeps instead of giving them back.
PROBE = """
import collections, ctypes, os, sys
from patrol_app.gateway.memory import fix_malloc_thresholds

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "fixed":
    assert fix_malloc_thresholds()
block = bytearray(8 << 20)  # mmapped, and freed: glibc raises its thresholds to its size
del block
read, write = os.pipe()
kept = collections.deque(maxlen=60)
for index in range(20_000):
    os.write(write, bytes(600 + index * 37 % 900))
    kept.append(bytes(os.read(read, 256 * 1024)))  # asyncio's read size for a pipe
print(libc.mallinfo2().fordblks)
"""


def free_heap_bytes(mode: str) -> int:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return int(probe.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc")
def test_the_heap_gives_back_what_the_stream_reads_leave_free() -> None:
    assert free_heap_bytes("fixed") < 512 * 1024


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc")
def test_the_service_process_fixes_its_malloc_thresholds(tmp_path: Path) -> None:
    service = ServiceProcess(tmp_path)
    service.start()
    service.stop()
    log = (tmp_path / "service.log").read_text(errors="replace")
    assert "malloc: mmap and trim thresholds fixed at 128 KiB" in log
