"""Wall load: CPU and memory of the workstation playing a full wall, with frames counted.

    .venv/bin/python bench/wall_load.py [--seconds 60] [--display xvfb|offscreen]
                                        [--cases 16:0 4:1] [--work-dir DIR]

Runs ``patrol-app serve`` with 16 simulated cameras (the 8 demo cameras and 8 copies with
new numbers, piles and traffic, registered through E-C2), then for each case (TILES:GRADE;
by default 16 tiles of grade 0, then 4 tiles of grade 1) starts a fresh GUI process, this
script with ``--child``: the app's real MainWindow, VideoWall, tiles, streams and players
(``create_player`` with the default setting: Qt Multimedia), its real clients, task runner
and platform watch, made by the application's own factory (``ui.app.Workstation``, which
``run_gui`` runs). Grade 0 is what the wall picks for 16 tiles
(autoplay); another grade is set per tile as the operator's, through a wall layout.

Display: Xvfb by default, where each QVideoWidget renders through Qt's RHI on OpenGL, which
on a machine without a GPU is Mesa's llvmpipe, on the CPU, in the GUI process; "offscreen"
has no window system and no GL (Qt converts frames on the CPU, without drawing them).

Once every tile plays, the child measures for ``--seconds``: its own CPU (all threads, from
/proc/self/stat, and per thread name from /proc/self/task) and RSS, the frames its players
delivered (the players' ``frames`` counters), and from outside the CPU of the service
process, of its ffmpeg children and of Xvfb. Results go to stdout as Markdown.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchlib import (
    Children,
    background_load,
    child_with_argument,
    children_of,
    cpu_seconds,
    handle_stop_signals,
    machine_busy_seconds,
    markdown_table,
    raise_if_stopped,
    rss_bytes,
    thread_cpu_seconds,
    wait_until,
    xvfb,
)

PLAY_TIMEOUT = 30.0  # s for every tile to show its first frame
RSS_EARLY = 10.0  # s into the window: the memory baseline
SAMPLE_MS = 1000
MiB = 1024 * 1024


# --- Parent: service, cameras, display; one child per case ----------------------------------


def sixteen_cameras() -> list[dict[str, Any]]:
    """The demo cameras and a copy of each with a new number, pile and traffic variant."""
    from patrol_app.domain.pile import PileNumber
    from patrol_app.standalone.demo_site import demo_cameras

    cameras = demo_cameras()
    copies = []
    for index, camera in enumerate(cameras):
        old = PileNumber.parse(camera["pileNum"])
        new = str(PileNumber(old.km + 7 + index, (old.m + 137 * index) % 1000))
        others = json.loads(camera["others"])
        scene = others["source"].removeprefix("sim:").partition(":")[0]
        others["source"] = f"sim:{scene}:{index + 3}"
        copies.append({
            **camera,
            "cameraNum": str(uuid.uuid4()),
            "pileNum": new,
            "cameraName": camera["cameraName"].replace(str(old), new),
            "others": json.dumps(others, ensure_ascii=False),
        })  # fmt: skip
    return cameras + copies


def run_cases(args: argparse.Namespace) -> list[dict[str, Any]]:
    from patrol_app.platform.gateway import GatewayClient
    from patrol_app.standalone.process import ServiceProcess

    results = []
    with ExitStack() as stack:
        work = args.work_dir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        children = stack.enter_context(Children(work / "logs"))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        xserver = 0
        if args.display == "xvfb":
            display, xserver = stack.enter_context(xvfb(children))
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        service = ServiceProcess(work / "service")
        service.start()
        stack.callback(service.stop)
        with GatewayClient(service.base_url) as gateway:
            failed = [r for r in gateway.register_cameras(sixteen_cameras()) if r["status"]]
        if failed:
            raise RuntimeError(f"cameras not registered: {failed}")
        pid = child_with_argument(f"--port\x00{service.port}")
        for tiles, grade in args.cases:
            # The previous case's pipelines stop 30 s after their last viewer.
            wait_until(lambda: not children_of(pid), 60, "the service's ffmpeg to stop", 1)
            argv = [
                sys.executable, __file__, "--child", "--platform", service.base_url,
                "--service-pid", str(pid), "--xserver-pid", str(xserver),
                "--tiles", str(tiles), "--grade", str(grade),
                "--data-dir", str(work / f"gui-{tiles}x{grade}"),
                "--seconds", str(args.seconds), "--display", args.display,
            ]  # fmt: skip
            print(f"{tiles} tiles of grade {grade}…", file=sys.stderr, flush=True)
            child = children.start(f"gui-{tiles}x{grade}", argv, env=env, stdout=subprocess.PIPE)
            output, _ = child.communicate()
            children.stop(child)
            raise_if_stopped()
            if child.returncode != 0:
                log = (work / "logs" / f"gui-{tiles}x{grade}.log").read_text()[-3000:]
                raise RuntimeError(f"the GUI child failed ({child.returncode}):\n{log}")
            results.append(json.loads(output.decode().strip().splitlines()[-1]))
    return results


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    rows = []
    for r in results:
        fps = r["frames"] / r["seconds"] / r["tiles"]
        growth = 100 * (r["rss_end"] - r["rss_early"]) / r["rss_early"]
        rows.append([
            f"{r['tiles']} × grade {r['grade']}", f"{r['playing']}/{r['tiles']}",
            f"{fps:.1f}", f"{r['gui_cpu']:.0f}", f"{r['rss_early'] / MiB:.0f}",
            f"{r['rss_end'] / MiB:.0f}", f"{growth:+.1f}", f"{r['service_cpu']:.0f}",
            f"{r['ffmpeg_cpu']:.0f} ({r['ffmpeg_count']})",
            "-" if r["xserver_cpu"] is None else f"{r['xserver_cpu']:.0f}",
            f"{r['machine_cpu']:.0f}",
        ])  # fmt: skip
    header = ["case", "playing", "frames/s per tile", "GUI CPU % of a core",
              f"GUI RSS at {RSS_EARLY:.0f} s MiB", f"GUI RSS at {args.seconds:.0f} s MiB",
              "RSS growth %", "service CPU %", "ffmpeg CPU % (processes)",
              "Xvfb CPU %", f"machine CPU % (of {100 * (os.cpu_count() or 1)})"]  # fmt: skip
    print(f"display: {args.display}; window {args.seconds:.0f} s after every tile played")
    print(markdown_table(header, rows))
    for r in results:
        threads = sorted(r["gui_threads"].items(), key=lambda item: -item[1])
        shown = ", ".join(f"{name} {share:.0f}" for name, share in threads if share >= 1)
        print(f"- GUI threads, {r['tiles']} × grade {r['grade']} (% of a core): {shown}")
        per_second = "/".join(f"{n:.1f}" for n in r["gc_per_second"])
        print(
            f"- Python's garbage collector, {r['tiles']} × grade {r['grade']}: "
            f"{r['gc_cpu']:.1f} % of a core, {per_second} collections/s (gen 0/1/2)"
        )
        curve = " ".join(f"{rss / MiB:.0f}" for rss in r["rss_every_10s"])
        print(f"- GUI RSS every 10 s, {r['tiles']} × grade {r['grade']} (MiB): {curve}")


# --- Child: the app's window, measured from inside ------------------------------------------


class GcTimer:
    """Time spent in Python's garbage collector (a ``gc.callbacks`` entry)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]  # per generation
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections[info["generation"]] += 1


class Meter:
    """Samples once a second: frames (summed over every tile's players, across counter resets
    and player swaps), the GUI's RSS, and the CPU time of the service and of each of its
    ffmpeg children."""

    def __init__(self, players: Callable[[], list[Any]], service: int, xserver: int) -> None:
        self._players = players
        self._service = service
        self._xserver = xserver
        self._xserver_cpu = cpu_seconds(xserver) if xserver else 0.0
        self._gc = GcTimer()
        gc.callbacks.append(self._gc)
        self._last_frames = {player: player.frames for player in players()}
        self.frames = 0
        self._ffmpeg_first = {pid: cpu_seconds(pid) for pid in children_of(service)}
        self._ffmpeg_last = dict(self._ffmpeg_first)
        self._start = time.monotonic()
        self._cpu = cpu_seconds()
        self._threads = thread_cpu_seconds()
        self._service_cpu = cpu_seconds(service)
        self._machine = machine_busy_seconds()
        self.rss: list[tuple[float, int]] = []

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def sample(self) -> None:
        for player in self._players():
            now, before = player.frames, self._last_frames.get(player, 0)
            self.frames += now - before if now >= before else now  # reopened: counter reset
            self._last_frames[player] = now
        for pid in children_of(self._service):
            try:
                self._ffmpeg_last[pid] = cpu_seconds(pid)
            except FileNotFoundError:
                continue  # ended between the listing and the read
            self._ffmpeg_first.setdefault(pid, 0.0)  # started during the window
        self.rss.append((self.elapsed, rss_bytes()))

    def _rss_at(self, seconds: float) -> int:
        return next(rss for at, rss in self.rss if at >= seconds - 0.5)

    def result(self) -> dict[str, Any]:
        seconds = self.elapsed
        early = self._rss_at(RSS_EARLY)
        ffmpeg = sum(self._ffmpeg_last[p] - self._ffmpeg_first[p] for p in self._ffmpeg_last)
        gui = cpu_seconds() - self._cpu
        service = cpu_seconds(self._service) - self._service_cpu
        xserver = cpu_seconds(self._xserver) - self._xserver_cpu if self._xserver else None
        gc.callbacks.remove(self._gc)
        machine = machine_busy_seconds() - self._machine
        # Where the GUI's time goes, by thread name (numbers dropped: "llvmpipe-0" and
        # "llvmpipe-1" are one kind); threads started during the window count from zero.
        kinds: dict[str, float] = {}
        for tid, (name, spent) in thread_cpu_seconds().items():
            kind = name.rstrip("0123456789").rstrip("-_:# ") or name
            kinds[kind] = kinds.get(kind, 0.0) + spent - self._threads.get(tid, (name, 0.0))[1]
        return {
            "seconds": seconds,
            "frames": self.frames,
            "gui_cpu": 100 * gui / seconds,
            "rss_early": early,
            "rss_end": self.rss[-1][1],
            "service_cpu": 100 * service / seconds,
            "xserver_cpu": None if xserver is None else 100 * xserver / seconds,
            "gc_cpu": 100 * self._gc.seconds / seconds,
            "gc_per_second": [n / seconds for n in self._gc.collections],
            "ffmpeg_cpu": 100 * ffmpeg / seconds,
            "machine_cpu": 100 * machine / seconds,
            "ffmpeg_count": len(self._ffmpeg_last),
            "gui_threads": {k: 100 * v / seconds for k, v in kinds.items()},
            "rss_every_10s": [self._rss_at(mark) for mark in range(0, int(seconds) + 1, 10)],
        }


def child(args: argparse.Namespace) -> int:
    """The workstation as ``run_gui`` runs it, with its own data directory."""

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from patrol_app.domain.layouts import TileLayout, WallLayout
    from patrol_app.settings import Settings
    from patrol_app.ui.app import Workstation, create_application
    from patrol_app.ui.video.player import PlayerState

    create_application()
    handle_stop_signals(QCoreApplication.exit)
    # Grade 0 is the wall's own choice for 16 tiles; grade 1 is the operator's, per tile.
    autoplay = args.tiles if args.grade == 0 else 0
    workstation = Workstation(args.platform, Settings.load(args.data_dir), autoplay=autoplay)
    window = workstation.window
    window.resize(1600, 900)
    window.showMaximized()

    def wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
        """Run Qt's loop until ``condition()``; TimeoutError naming ``what`` if not."""
        deadline = time.monotonic() + timeout
        loop = QEventLoop()
        timer = QTimer(interval=100)
        timer.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
        timer.start()
        if not condition():
            loop.exec()
        timer.stop()
        raise_if_stopped()
        if not condition():
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")

    wall = window.wall
    if args.grade != 0:
        cameras = workstation.client.cameras()[: args.tiles]
        wall.set_cameras(cameras)
        tiles = tuple(TileLayout(camera.camera_num, args.grade) for camera in cameras)
        wall.apply(WallLayout("wall_load", tiles))
    wait(lambda: len(wall.tiles) == args.tiles, 10, "the wall's layout")
    tiles = wall.tiles

    def playing() -> int:
        return sum(t.state is PlayerState.PLAYING and t.grade == args.grade for t in tiles)

    try:
        wait(lambda: playing() == args.tiles, PLAY_TIMEOUT, "every tile playing")
    except TimeoutError as error:
        print(f"{error}: {playing()} of {args.tiles}; measuring anyway", file=sys.stderr)

    players = lambda: [p for t in tiles for p in t.stream.players]  # noqa: E731
    meter = Meter(players, args.service_pid, args.xserver_pid)
    sampler = QTimer(interval=SAMPLE_MS)
    sampler.timeout.connect(meter.sample)
    sampler.start()
    wait(lambda: meter.elapsed >= args.seconds, args.seconds + 10, "the measurement")
    meter.sample()
    sampler.stop()
    result = {"tiles": args.tiles, "grade": args.grade, "playing": playing(), **meter.result()}
    workstation.close()
    print(json.dumps(result), flush=True)
    return 0


def case(text: str) -> tuple[int, int]:
    tiles, _, grade = text.partition(":")
    return int(tiles), int(grade)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--display", choices=["xvfb", "offscreen"], default="xvfb")
    parser.add_argument(
        "--cases", type=case, nargs="+", default=[(16, 0), (4, 1)], help="TILES:GRADE ..."
    )
    parser.add_argument("--work-dir", type=Path, help="keep the logs here (default: a temp dir)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--platform", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--service-pid", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--xserver-pid", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--tiles", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--grade", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    handle_stop_signals()
    load = background_load()
    print(f"machine busy before the run: {load:.2f} of {os.cpu_count()} cores", file=sys.stderr)
    results = run_cases(args)
    print(f"machine busy before the run: {load:.2f} of {os.cpu_count()} cores")
    report(results, args)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM, after every child process was stopped
        sys.exit(130)
