"""Soak of the embedded service (issue 11): four HTTP-FLV viewers for hours, the memory of the
service process and of its ffmpeg children sampled to a CSV.

    .venv/bin/python bench/service_soak.py [--minutes 120] [--viewers 4] [--grade 0]
        [--every 10] [--csv service_soak.csv] [--work-dir DIR]
    .venv/bin/python bench/service_soak.py --summary soak.csv

The service runs as the demo runs it: ``patrol-app serve`` in its own process
(``ServiceProcess``) on a fresh data directory, the eight demo cameras registered through
E-C2. Each viewer is what a wall tile is to the service: an HTTP client that asks the sharing
API for the camera's play address and reads its HTTP-FLV stream for as long as the soak
lasts (httpx, one thread each, one camera each; a stream that ends is opened again and
counted). The bench does not decode: the players' cost is the workstation's (wall_load.py).

Every ``--every`` seconds a CSV row: the elapsed time, the service's RSS and CPU time, the
number of its ffmpeg children and the sum of their RSS (from /proc), the bytes the viewers
have received and their reconnections. At the end (or with ``--summary`` on a CSV) it prints
the RSS every 10 minutes and the slope of the service's RSS (least squares, MiB per minute)
over the first and the last third, both after the first minute (the pipelines start): memory
that levels off has a last-third slope near zero.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import httpx
from benchlib import (
    background_load,
    child_with_argument,
    children_of,
    cpu_seconds,
    handle_stop_signals,
    markdown_table,
    raise_if_stopped,
    rss_bytes,
)

from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.sharing import SharingClient
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import ServiceProcess

MiB = 1024 * 1024
WARM_UP = 60.0  # s: the pipelines start and fill their buffers; the summary starts after it
READ_TIMEOUT = 10.0  # s without a byte: the viewer reconnects (a player calls it stalled at 3)
COLUMNS = [
    "elapsed_s", "utc", "service_rss_kib", "service_cpu_s", "ffmpeg_processes",
    "ffmpeg_rss_kib", "viewer_bytes", "reconnects",
]  # fmt: skip


class Viewer(threading.Thread):
    """Reads one HTTP-FLV stream until told to stop, counting bytes and reconnections."""

    def __init__(self, url: str, stop: threading.Event) -> None:
        super().__init__(name=f"viewer {url}", daemon=True)
        self.url = url
        self.bytes = 0
        self.reconnects = -1  # the first connection is not a reconnection
        self.last_error = ""
        self._stop_event = stop

    def run(self) -> None:
        timeout = httpx.Timeout(5.0, read=READ_TIMEOUT)
        with httpx.Client(timeout=timeout) as client:
            while not self._stop_event.is_set():
                self.reconnects += 1
                try:
                    with client.stream("GET", self.url) as response:
                        response.raise_for_status()
                        for chunk in response.iter_raw():
                            self.bytes += len(chunk)
                            if self._stop_event.is_set():
                                return
                except httpx.HTTPError as error:
                    self.last_error = f"{type(error).__name__}: {error}"
                    self._stop_event.wait(1.0)  # a failed open: try again, not in a busy loop


def kib(pid: int) -> int:
    try:
        return rss_bytes(pid) // 1024
    except (FileNotFoundError, ProcessLookupError):
        return 0  # ended between the listing and the read


def soak(args: argparse.Namespace) -> Path:
    with ExitStack() as stack:
        work = args.work_dir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        service = ServiceProcess(work / "service")
        service.start(timeout=120)  # a busy shared machine starts it slowly
        stack.callback(service.stop)
        with GatewayClient(service.base_url) as gateway:
            failed = [r for r in gateway.register_cameras(demo_cameras()) if r["status"]]
        if failed:
            raise RuntimeError(f"cameras not registered: {failed}")
        pid = child_with_argument(f"--port\x00{service.port}")
        with SharingClient(service.base_url) as sharing:
            cameras = sharing.cameras()[: args.viewers]
            urls = [sharing.play_address(c.camera_num, args.grade).flv for c in cameras]
        stop = threading.Event()
        viewers = [Viewer(url, stop) for url in urls]
        for viewer in viewers:
            viewer.start()
        stack.callback(lambda: [v.join(READ_TIMEOUT + 5) for v in viewers])
        stack.callback(stop.set)
        csv_path = args.csv
        print(f"service pid {pid}, {len(viewers)} viewers of grade {args.grade}; {csv_path}")
        with csv_path.open("w", newline="") as output:
            writer = csv.writer(output)
            writer.writerow(COLUMNS)
            start = time.monotonic()
            end = start + 60 * args.minutes
            while True:
                now = time.monotonic()
                ffmpegs = children_of(pid)
                writer.writerow([
                    f"{now - start:.1f}", datetime.now(UTC).strftime("%H:%M:%S"),
                    kib(pid), f"{cpu_seconds(pid):.1f}", len(ffmpegs),
                    sum(kib(child) for child in ffmpegs),
                    sum(v.bytes for v in viewers), sum(max(v.reconnects, 0) for v in viewers),
                ])  # fmt: skip
                output.flush()
                if now >= end:
                    break
                stop.wait(min(args.every, max(end - time.monotonic(), 0.0)))
                raise_if_stopped()
        for viewer in viewers:
            if viewer.last_error:
                print(f"{viewer.url}: last error {viewer.last_error}", file=sys.stderr)
        return csv_path


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (x, y)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def summary(csv_path: Path, interval_minutes: int = 10) -> None:
    """The table every ``interval_minutes`` and the slopes, from the end of the warm-up."""
    with csv_path.open(newline="") as source:
        rows = [r for r in csv.DictReader(source) if float(r["elapsed_s"]) >= WARM_UP]
    if len(rows) < 6:
        raise SystemExit(f"{csv_path}: {len(rows)} samples after the warm-up, too few")
    minutes = [float(r["elapsed_s"]) / 60 for r in rows]
    service = [int(r["service_rss_kib"]) / 1024 for r in rows]
    ffmpeg = [int(r["ffmpeg_rss_kib"]) / 1024 for r in rows]
    table = []
    mark, previous = 0.0, 0
    for index, at in enumerate(minutes):
        if at >= mark or index == len(rows) - 1:
            row = rows[index]
            rate = int(row["viewer_bytes"]) * 8 / 1000 / float(row["elapsed_s"])
            change = (service[index] - service[previous]) / (at - minutes[previous] or 1)
            table.append([
                f"{at:.0f}", row["utc"], f"{service[index]:.1f}",
                f"{change:+.3f}" if index else "", f"{ffmpeg[index]:.1f}",
                row["ffmpeg_processes"], f"{rate:.0f}", row["reconnects"],
            ])  # fmt: skip
            mark, previous = (at // interval_minutes + 1) * interval_minutes, index
    header = [
        "minute", "UTC", "service RSS MiB", "since the row above MiB/min",
        "ffmpeg RSS MiB (sum)", "ffmpeg processes", "viewers kbit/s (all, mean so far)",
        "reconnections",
    ]  # fmt: skip
    print(markdown_table(header, table))
    third = len(rows) // 3
    parts = {"first third": slice(0, third), "last third": slice(len(rows) - third, None)}
    for name, part in parts.items():
        span = f"{minutes[part][0]:.0f}-{minutes[part][-1]:.0f} min"
        service_slope = slope(list(zip(minutes[part], service[part], strict=True)))
        ffmpeg_slope = slope(list(zip(minutes[part], ffmpeg[part], strict=True)))
        print(
            f"- {name} ({span}): service {service_slope:+.3f} MiB/min, "
            f"ffmpeg children {ffmpeg_slope:+.3f} MiB/min"
        )
    print(
        f"- service RSS {service[0]:.1f} MiB at {minutes[0]:.0f} min, "
        f"{max(service):.1f} at most, {service[-1]:.1f} at the end ({minutes[-1]:.0f} min)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0)
    parser.add_argument("--viewers", type=int, default=4, help="one demo camera each (1-8)")
    parser.add_argument("--grade", type=int, default=0, help="the wall's grade for 4 tiles: 0")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--csv", type=Path, default=Path("service_soak.csv"))
    parser.add_argument("--work-dir", type=Path, help="keep the service's data and log here")
    parser.add_argument("--summary", type=Path, metavar="CSV", help="only summarise a CSV")
    args = parser.parse_args()
    if args.summary:
        summary(args.summary)
        return 0
    handle_stop_signals()
    load = background_load()
    print(f"machine busy before the run: {load:.2f} of {os.cpu_count()} cores", flush=True)
    csv_path = soak(args)
    summary(csv_path)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM, after the service was stopped
        sys.exit(130)
