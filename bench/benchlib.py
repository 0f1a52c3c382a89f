"""Helpers shared by the benchmarks: child processes in their own process groups, statistics,
CPU and memory read from /proc, a virtual X display.

Linux only (/proc, process groups), like the machines the figures are measured on.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


class Children:
    """Processes the bench starts, each in its own session (process group), so that stopping
    one also stops whatever it started (nginx workers, npm's node). ``stop_all`` undoes the
    starts in reverse order: SIGTERM to the group, wait, SIGKILL. Use it as a context manager
    so that Ctrl+C and exceptions stop them too."""

    def __init__(self, log_dir: Path) -> None:
        self._log_dir = log_dir
        self._started: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, argv: Sequence[str], **options: object) -> subprocess.Popen[bytes]:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        with (self._log_dir / f"{name}.log").open("ab") as log:
            streams: dict[str, object] = {"stdout": log, "stderr": subprocess.STDOUT}
            if "stdout" in options:  # the caller reads stdout; stderr still goes to the log
                streams["stderr"] = log
            process = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                **{**streams, **options},  # type: ignore[arg-type]
            )
        self._started.append((name, process))
        return process

    def log_tail(self, process: subprocess.Popen[bytes], chars: int = 2000) -> str:
        name = next(n for n, p in self._started if p is process)
        tail = (self._log_dir / f"{name}.log").read_text(errors="replace")[-chars:]
        state = "running" if process.poll() is None else f"exited with {process.returncode}"
        return f"--- {name} ({state}), end of its output:\n{tail}"

    def check(self, process: subprocess.Popen[bytes]) -> None:
        """Raise with the log's tail if ``process`` has exited."""
        if process.poll() is not None:
            raise RuntimeError(self.log_tail(process))

    def stop(self, process: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
        self._started = [(n, p) for n, p in self._started if p is not process]
        _stop_group(process, timeout)

    def stop_all(self) -> None:
        while self._started:
            _, process = self._started.pop()
            _stop_group(process, 5.0)

    def __enter__(self) -> Children:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop_all()


def _stop_group(process: subprocess.Popen[bytes], timeout: float) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):  # the group is gone
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def xvfb(children: Children, size: str = "1920x1080x24") -> Iterator[tuple[str, int]]:
    """A virtual X display for the duration of the block; yields its name (":N") and the
    X server's pid."""
    read, write = os.pipe()
    process = children.start(
        "xvfb",
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number once it is ready
    if not number:
        children.check(process)
        raise RuntimeError("Xvfb did not report a display")
    try:
        yield f":{number}", process.pid
    finally:
        children.stop(process)


# --- Statistics -----------------------------------------------------------------------------


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list (p90 of 10 samples: the 9th)."""
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Summary:
    n: int
    failed: int
    median: float | None
    p90: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, samples: Sequence[float | None]) -> Summary:
        ok = sorted(s for s in samples if s is not None)
        failed = len(samples) - len(ok)
        if not ok:
            return cls(len(samples), failed, None, None, None, None)
        return cls(len(samples), failed, statistics.median(ok), percentile(ok, 0.9), ok[0], ok[-1])

    def cells(self) -> list[str]:
        values = (self.median, self.p90, self.low, self.high)
        return [str(self.n), *(_seconds(v) for v in values), str(self.failed)]


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- /proc ----------------------------------------------------------------------------------


def cpu_seconds(pid: int | str = "self") -> float:
    """User plus system CPU time of a process, all its threads, in seconds."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rpartition(b")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def thread_cpu_seconds(pid: int | str = "self") -> dict[int, tuple[str, float]]:
    """CPU time of each thread of a process: thread id -> (thread name, seconds)."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as stat:
                head, _, tail = stat.read().rpartition(b")")
        except FileNotFoundError:
            continue  # ended meanwhile
        fields = tail.split()
        name = head.partition(b"(")[2].decode(errors="replace")
        threads[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return threads


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent busy (not idle, not waiting for I/O), all cores."""
    with open("/proc/stat", "rb") as stat:
        fields = [int(v) for v in stat.readline().split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / CLOCK_TICKS


def background_load(seconds: float = 3.0) -> float:
    """Busy cores of the machine over ``seconds``, before the bench starts anything: other
    people's work competes for the cores the figures depend on."""
    before = machine_busy_seconds()
    time.sleep(seconds)
    return (machine_busy_seconds() - before) / seconds


def rss_bytes(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/statm", "rb") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (by the parent field of every /proc/N/stat)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                ppid = int(stat.read().rpartition(b")")[2].split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
        if ppid == pid:
            found.append(int(entry))
    return found


def child_with_argument(argument: str) -> int:
    """The child of this process whose command line holds ``argument`` (a NUL-separated
    run, e.g. ``--port\x008640``): the ``patrol-app serve`` that ServiceProcess started, as
    ServiceProcess does not expose its pid."""
    for pid in children_of(os.getpid()):
        with open(f"/proc/{pid}/cmdline") as cmdline:
            if f"\x00{argument}\x00" in cmdline.read():
                return pid
    raise RuntimeError(f"no child process of the bench was started with {argument!r}")


def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, period: float = 0.1
) -> None:
    """Poll ``condition()`` (a callable) until true; TimeoutError naming ``what`` if not.
    For processes outside our event loop: there is no event to wait on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(period)


# --- Stopping on Ctrl+C and SIGTERM ---------------------------------------------------------

_stop_requested = False


def handle_stop_signals(on_stop: Callable[[], None] = lambda: None) -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt (SIGTERM would otherwise end Python without
    running ``finally`` blocks) and call ``on_stop`` first: a Qt bench passes
    ``QCoreApplication.exit``, which leaves every running event loop, because an exception
    raised inside a Qt slot does not unwind through Qt. After each event loop the bench calls
    ``raise_if_stopped``. Python runs the handler only between bytecodes: a Qt bench keeps a
    timer running so that it gets the chance."""

    def handler(_number: int, _frame: object) -> None:
        global _stop_requested
        _stop_requested = True
        on_stop()
        raise KeyboardInterrupt

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, handler)


def raise_if_stopped() -> None:
    if _stop_requested:
        raise KeyboardInterrupt
