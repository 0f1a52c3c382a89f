"""The service as the workstation's child process (gateway/process.py): it stops when the
workstation is gone, however it went, instead of running on as an orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from patrol_app.gateway.demo_site import demo_cameras
from patrol_app.gateway.process import ServiceProcess
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.http import PlatformError

PARENT = """
import os, sys
from pathlib import Path
from patrol_app.gateway.process import ServiceProcess
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
