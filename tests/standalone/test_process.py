"""The service as the workstation's child process (standalone/process.py): it stops when the
workstation is gone, however it went, instead of running on as an orphan; its ffmpeg
children end with it, however it ends; the workstation's supervisor brings it back."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.http import PlatformError
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import (
    SERVICE_RESTARTING,
    SERVICE_RUNNING,
    ServiceProcess,
    ServiceSupervisor,
)

PARENT = """
import os, sys
from pathlib import Path
from patrol_app.standalone.process import ServiceProcess
service = ServiceProcess(Path(sys.argv[1]))
service.start()
print(service.base_url, flush=True)
os._exit(0)  # gone without stopping it: a crash, a lost X display, a kill -9
"""


def answers(base_url: str) -> bool:
    with GatewayClient(base_url, timeout=1.0) as client:
        try:
            client.check_gateway()
        except PlatformError:
            return False
        return True


def test_the_service_stops_when_the_workstation_that_started_it_is_gone(tmp_path: Path) -> None:
    parent = subprocess.run(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    base_url = parent.stdout.strip()
    log_file = tmp_path / "service.log"

    def shut_down() -> bool:
        return "Application shutdown complete" in log_file.read_text(errors="replace")

    deadline = time.monotonic() + 20
    while not shut_down():  # another process's log: there is no event to wait on
        assert time.monotonic() < deadline, log_file.read_text(errors="replace")[-2000:]
        time.sleep(0.2)
    assert "the workstation that started the service is gone: stopping" in log_file.read_text()
    assert not answers(base_url)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc (Linux)."""
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with suppress(FileNotFoundError):
            for child in map(int, children.read_text().split()):
                found += [child, *descendants(child)]
    return found


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (dead, waiting for its parent to read it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def process_name(pid: int) -> str:
    with suppress(FileNotFoundError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return ""


@contextmanager
def playing(base_url: str, camera_nums: list[str]) -> Iterator[None]:
    """HTTP-FLV viewers of grade 0 of ``camera_nums``, each with its first bytes received."""
    with ExitStack() as streams, httpx.Client(base_url=base_url, timeout=30) as client:
        for camera_num in camera_nums:
            response = streams.enter_context(client.stream("GET", f"/live/{camera_num}/0.flv"))
            assert response.status_code == 200
            assert next(response.iter_bytes()).startswith(b"FLV")
        yield


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_no_ffmpeg_outlives_a_killed_service(tmp_path: Path) -> None:
    """Issue 11 point 2: kill -9 of the service takes its ffmpeg children with it (a steered
    camera's too, whose stdin is a pipe from the service)."""
    service = ServiceProcess(tmp_path)
    service.start()
    try:
        cameras = demo_cameras()
        steered = next(c for c in cameras if c["hasControl"])
        fixed = next(c for c in cameras if not c["hasControl"])
        with GatewayClient(service.base_url) as gateway:
            replies = gateway.register_cameras([steered, fixed])
        assert all(reply["status"] == 0 for reply in replies), replies
        assert service.pid is not None
        with playing(service.base_url, [steered["cameraNum"], fixed["cameraNum"]]):
            ffmpegs = [p for p in descendants(service.pid) if process_name(p) == "ffmpeg"]
            assert len(ffmpegs) == 2, ffmpegs
            os.kill(service.pid, signal.SIGKILL)
            # No event tells us of the death of another process's child: poll /proc.
            deadline = time.monotonic() + 5
            while any(map(alive, ffmpegs)) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not [p for p in ffmpegs if alive(p)], "ffmpeg outlived its service"
    finally:
        service.stop()


class States:
    """What a ServiceSupervisor tells its listener, waited on with a condition."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []
        self.details: list[str] = []
        self._condition = threading.Condition()

    def __call__(self, state: str, attempt: int, detail: str) -> None:
        with self._condition:
            self.seen.append((state, attempt))
            self.details.append(detail)
            self._condition.notify_all()

    def wait_for(self, state: str, attempt: int, timeout: float = 60) -> None:
        with self._condition:
            found = self._condition.wait_for(lambda: (state, attempt) in self.seen, timeout)
        assert found, f"no {state!r} {attempt} within {timeout} s: {self.seen}"


def playlist(base_url: str, camera_num: str) -> tuple[int, list[int]]:
    """The HLS playlist of grade 0: its media sequence and its segments' numbers."""
    reply = httpx.get(f"{base_url}/live/{camera_num}/0/index.m3u8", timeout=30)
    assert reply.status_code == 200, reply.text
    sequence = re.search(r"#EXT-X-MEDIA-SEQUENCE:(\d+)", reply.text)
    assert sequence is not None, reply.text
    return int(sequence.group(1)), [int(n) for n in re.findall(r"seg_(\d+)\.ts", reply.text)]


def test_the_supervisor_restarts_a_killed_service_and_hls_goes_on(tmp_path: Path) -> None:
    """Issue 11 points 2 and 3: kill -9 of the service; the workstation's supervisor says it
    is restarting, starts it again on the same address and data directory, and a camera's
    HLS playlist goes on from where it was (no media sequence or segment name again)."""
    states = States()
    supervisor = ServiceSupervisor(ServiceProcess(tmp_path), states)
    supervisor.start()
    try:
        assert states.seen == [(SERVICE_RUNNING, 0)]
        camera = demo_cameras()[0]
        with GatewayClient(supervisor.base_url) as gateway:
            assert gateway.register_cameras([camera])[0]["status"] == 0
        before, segments_before = playlist(supervisor.base_url, camera["cameraNum"])
        base_url, pid = supervisor.base_url, supervisor.service.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        states.wait_for(SERVICE_RUNNING, 1)
        assert states.seen == [(SERVICE_RUNNING, 0), (SERVICE_RESTARTING, 1), (SERVICE_RUNNING, 1)]
        assert "-9" in states.details[1]
        assert supervisor.base_url == base_url and answers(base_url)
        assert supervisor.service.pid not in (None, pid)
        after, segments_after = playlist(base_url, camera["cameraNum"])
        assert after > before and min(segments_after) > max(segments_before), (
            (before, segments_before),
            (after, segments_after),
        )
    finally:
        supervisor.stop()
    assert supervisor.service.pid is None and not answers(base_url)


def test_stopping_the_supervisor_during_its_backoff_does_not_wait_it_out(
    tmp_path: Path,
) -> None:
    """stop() while the supervisor waits to restart the service returns at once and does not
    start it again (a backoff of an hour would hang the test, not slow it)."""
    states = States()
    supervisor = ServiceSupervisor(ServiceProcess(tmp_path), states, retry_min=3600)
    supervisor.start()
    base_url, pid = supervisor.base_url, supervisor.service.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    states.wait_for(SERVICE_RESTARTING, 1)
    stopping = threading.Thread(target=supervisor.stop)
    stopping.start()
    stopping.join(timeout=30)
    assert not stopping.is_alive(), "stop() waited out the backoff"
    assert states.seen == [(SERVICE_RUNNING, 0), (SERVICE_RESTARTING, 1)]
    assert supervisor.service.pid is None and not answers(base_url)
