"""The embedded service as a child process of the workstation (``patrol-app demo``) or a test.

A separate process keeps the GUI's interpreter free of the service's work, and a GUI crash
does not cut the service off in the middle of a write: it notices that its parent is gone
(its stdin, a pipe from us, closes) and shuts down cleanly. The workstation talks to it over
HTTP as it would to a provincial platform. Start waits for E-G5 to answer; stop is
terminate, wait, kill.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.http import PlatformError

log = logging.getLogger(__name__)


class ServiceStartError(RuntimeError):
    """The service process exited or did not answer in time; the message has its output."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class ServiceProcess:
    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        db_url: str = "",
        log_file: Path | None = None,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._command = [
            sys.executable,
            "-m",
            "patrol_app",
            "serve",
            "--host",
            host,
            "--port",
            str(self.port),
            "--data-dir",
            str(data_dir),
            "--parent-pipe",  # it stops when we are gone, however we go
        ]
        if db_url:
            self._command += ["--db", db_url]
        self._log_file = log_file or Path(data_dir) / "service.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._job: int | None = None  # Windows: the job object's handle
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The running service's process id; None once stopped."""
        process = self._process
        return process.pid if process is not None else None

    def start(self, timeout: float = 30.0, sleep: Callable[[float], None] = time.sleep) -> None:
        """Start the process and return once E-G5 answers; raise ServiceStartError if not."""
        self.launch()
        self.wait_ready(timeout, sleep)

    def launch(self) -> None:
        """Start the process, in a process group of its own (``stop`` ends the whole group)
        and, on Windows, in a job object that ends it with its children when we end."""
        self._log_file.parent.mkdir(parents=True, exist_ok=True)
        with self._log_file.open("ab") as output:
            process = subprocess.Popen(
                self._command,
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=output,
                start_new_session=True,  # ignored on Windows
            )
        if sys.platform == "win32":
            self._job = _job_killing_on_close(process)
        self._process = process

    def wait_ready(
        self, timeout: float = 30.0, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        """Return once E-G5 answers; ServiceStartError (and the process stopped) if it
        exits or does not answer in ``timeout``."""
        process = self._process
        if process is None:
            raise ServiceStartError(self._failure("stopped"))
        client = GatewayClient(self.base_url, timeout=1.0)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if process.poll() is not None:
                    self.stop()
                    raise ServiceStartError(self._failure("exited"))
                try:
                    client.check_gateway()
                    return
                except PlatformError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise ServiceStartError(self._failure("did not answer")) from None
                    sleep(0.1)  # polling a child process: there is no event to wait on
        finally:
            client.close()

    def wait(self) -> int | None:
        """Block until the process ends (by itself or by ``stop``); its return code, or None
        if it was not running."""
        process = self._process
        return process.wait() if process is not None else None

    def _failure(self, what: str) -> str:
        tail = self._log_file.read_text(encoding="utf-8", errors="replace")[-2000:]
        return f"嵌入式服务启动失败（{what}）：{' '.join(self._command)}\n{tail}"

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate, wait, kill; then end what is left of its process group (Linux) or job
        object (Windows): its ffmpeg children, should any have survived it. Any thread may
        call it, more than once."""
        with self._lock:
            process, self._process = self._process, None
            job, self._job = self._job, None
        if process is None:
            return
        assert process.stdin is not None
        with suppress(OSError):  # a pipe to a process that died: already broken
            process.stdin.close()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("service did not stop in %.0f s; killing it", timeout)
                process.kill()
                process.wait()
        if sys.platform == "win32":
            _close_handle(job)
        else:
            with suppress(ProcessLookupError):  # nothing left of the group: the usual case
                os.killpg(process.pid, signal.SIGKILL)


SERVICE_RESTARTING, SERVICE_RUNNING = "restarting", "running"
RESTART_DELAYS = (1.0, 15.0)  # seconds before the first try again, and the cap of the doubling


class ServiceSupervisor:
    """Keeps the workstation's service running (issue 11 point 2; STYLE habit 5).

    ``start`` starts it as ServiceProcess.start does. Then a thread waits on the process;
    when it ends without ``stop`` (a crash, a kill -9) the thread starts it again on the
    same port and data directory, after 1, 2, 4 ... 15 s between tries, and tells
    ``on_state(state, attempt)``: SERVICE_RESTARTING before each try (attempt 1, 2, ...),
    SERVICE_RUNNING once E-G5 answers again. ``on_state`` is called on that thread.
    ``stop`` ends the supervision and the service without waiting out a backoff.
    """

    def __init__(self, service: ServiceProcess, on_state: Callable[[str, int], None]) -> None:
        self.service = service
        self._on_state = on_state
        self._stopping = threading.Event()
        self._launch_lock = threading.Lock()  # no launch after stop has stopped the service
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.service.base_url

    def start(self, timeout: float = 30.0) -> None:
        self.service.start(timeout)
        self._thread = threading.Thread(target=self._watch, name="service supervisor")
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        with self._launch_lock:
            self.service.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _watch(self) -> None:
        while True:
            returncode = self.service.wait()
            if self._stopping.is_set():
                return
            log.warning("the service ended (return code %s): restarting it", returncode)
            self.service.stop()  # what is left of it: its process group, its job
            if not self._restart():
                return

    def _restart(self) -> bool:
        """Start the service again until it answers (True) or ``stop`` is called (False)."""
        delay, cap = RESTART_DELAYS
        attempt = 0
        while True:
            attempt += 1
            self._on_state(SERVICE_RESTARTING, attempt)
            if self._stopping.wait(delay):
                return False
            with self._launch_lock:
                if self._stopping.is_set():
                    return False
                self.service.launch()
            try:
                # A stop meanwhile ends the process: wait_ready sees it exit at once.
                self.service.wait_ready()
            except ServiceStartError as error:
                if self._stopping.is_set():
                    return False
                log.warning("restart %d of the service failed: %s", attempt, error)
                delay = min(2 * delay, cap)
                continue
            log.info("the service answers again after %d tries", attempt)
            self._on_state(SERVICE_RUNNING, attempt)
            return True


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _KILL_ON_JOB_CLOSE = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    _EXTENDED_LIMIT_INFORMATION = 9  # JobObjectExtendedLimitInformation

    class _BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
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

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.CreateJobObjectW.restype = wintypes.HANDLE

    def _job_killing_on_close(process: subprocess.Popen[bytes]) -> int:
        """A job object holding ``process`` (and its children, which inherit it) that Windows
        ends, with every process in it, when its last handle closes: ours, in ``stop`` or
        when the workstation ends however it ends. Not tested: the tests run on Linux.
        A child the service starts before this call (none does that early) would escape."""
        job = _kernel32.CreateJobObjectW(None, None)
        if not job:
            raise ctypes.WinError(ctypes.get_last_error())
        limits = _ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = _KILL_ON_JOB_CLOSE
        if not _kernel32.SetInformationJobObject(
            wintypes.HANDLE(job),
            _EXTENDED_LIMIT_INFORMATION,
            ctypes.byref(limits),
            ctypes.sizeof(limits),
        ) or not _kernel32.AssignProcessToJobObject(
            wintypes.HANDLE(job),
            wintypes.HANDLE(int(process._handle)),  # Popen keeps it there
        ):
            error = ctypes.WinError(ctypes.get_last_error())
            _kernel32.CloseHandle(wintypes.HANDLE(job))
            raise error
        return int(job)

    def _close_handle(job: int | None) -> None:
        if job is not None:
            _kernel32.CloseHandle(wintypes.HANDLE(job))
