"""Time to first picture (W-3): the demo service's streams, and the same simulated stream from
real third-party servers, played by the app's players offscreen, frames counted by the player.

    .venv/bin/python bench/first_frame.py [--runs 10] [--grades 0 1] [--kind flv|hls]
    .venv/bin/python bench/first_frame.py --side-by-side [--runs 10] [--grades 0 1]

Default mode, the embedded service only, Qt Multimedia backend. "warm": the camera's
pipeline is already running (a platform's usual case: the first viewer, or the always-on low
stream, started it); the service hands the new viewer the cached GOP. "cold": the first
viewer of an on-demand camera, so the time includes starting ffmpeg. Each cold sample uses a
camera nobody has watched yet in this run, so there are as many cold samples per grade as
demo cameras.

Side-by-side mode, warm only: the first demo camera (``sim:road``) from the embedded service
(HTTP-FLV and HLS of its pipeline), and the same scene, text and encoder arguments pushed by
an ffmpeg over RTMP to node-media-server 4.4.3 (HTTP-FLV, GOP cache) and to nginx with the
RTMP module (HLS, no GOP cache) (bench/peers.py installs and starts them), each played by
the Qt Multimedia backend and the python-vlc backend with the app's options. Only one
source encodes at a time, so the encoders do not compete with the player for the two cores.
Ratios are peer / embedded for the same protocol and client.

The time runs from the player's ``open()`` to its first frame (its ``first_frame`` signal).
Results go to stdout as Markdown tables.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchlib import (
    Children,
    Summary,
    background_load,
    child_with_argument,
    children_of,
    handle_stop_signals,
    markdown_table,
    raise_if_stopped,
    wait_until,
)
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from patrol_app.domain.grades import grade
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.sharing import SharingClient
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import ServiceProcess
from patrol_app.ui.video.player import QtMultimediaPlayer, VideoPlayer

TIMEOUT_MS = 15_000
SETTLE_MS = 300  # between runs: the previous connection closes, the server lets go of it
TARGETS = {0: (0.2, 0.5), 1: (0.5, None)}  # Qt Multimedia + embedded: median, p90 (s)


def first_frame_seconds(player: VideoPlayer, url: str) -> float | None:
    """Open ``url`` and wait (in a local event loop) for its first frame; None on failure."""
    loop = QEventLoop()
    result: list[float] = []
    player.first_frame.connect(lambda seconds: (result.append(seconds), loop.quit()))
    player.error.connect(lambda _message: loop.quit())
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    player.open(url)
    loop.exec()
    player.stop()
    player.first_frame.disconnect()
    player.error.disconnect()
    pause(SETTLE_MS)
    return result[0] if result else None


def pause(ms: int) -> None:
    """Run Qt's events for ``ms``; KeyboardInterrupt if Ctrl+C came meanwhile."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    raise_if_stopped()


def timed_runs(player: VideoPlayer, url: str, runs: int) -> list[float | None]:
    samples = []
    for _ in range(runs):
        samples.append(first_frame_seconds(player, url))
        raise_if_stopped()
    return samples


# --- Players --------------------------------------------------------------------------------

BACKENDS = ("qt", "vlc")


def make_player(backend: str) -> VideoPlayer:
    if backend == "qt":
        return QtMultimediaPlayer()
    from patrol_app.ui.video.vlc_player import VlcPlayer

    return VlcPlayer()


def client_options(backend: str) -> str:
    if backend == "qt":
        return (
            f"Qt Multimedia (FFmpeg), QPlaybackOptions probe {QtMultimediaPlayer.PROBE_BYTES} B,"
            " network timeout 5000 ms, no low-latency intent"
        )
    import vlc

    from patrol_app.ui.video import vlc_player

    version = vlc.libvlc_get_version().decode()
    options = " ".join(vlc_player.INSTANCE_OPTIONS)
    output = vlc_player.default_output().value  # offscreen: the memory sink
    return f"python-vlc on libvlc {version}, VlcPlayer {output} output, options `{options}`"


# --- Default mode: the embedded service, cold and warm --------------------------------------


def embedded_cold_warm(args: argparse.Namespace, sharing: SharingClient) -> None:
    cameras = [camera.camera_num for camera in sharing.cameras()]
    player = make_player(args.backend)
    rows = []
    for number in args.grades:
        urls = [getattr(sharing.play_address(c, number), args.kind) for c in cameras]
        cold = [first_frame_seconds(player, url) for url in urls]
        raise_if_stopped()
        warm = timed_runs(player, urls[0], args.runs)
        rows += [
            [f"grade {number} cold", *Summary.of(cold).cells()],
            [f"grade {number} warm", *Summary.of(warm).cells()],
        ]
    print(f"{client_options(args.backend)}; {args.kind.upper()} from the embedded service")
    print(markdown_table(["case", "n", "median s", "p90 s", "min s", "max s", "failed"], rows))


# --- Side-by-side mode ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    server: str
    protocol: str  # "flv" or "hls"
    gop_cache: bool  # the server's, for HTTP-FLV (for HLS, the segments are there already)
    url: str


@dataclass
class Result:
    grade: int
    source: Source
    backend: str
    summary: Summary


def side_by_side(
    args: argparse.Namespace, sharing: SharingClient, service_pid: int, work: Path
) -> None:
    import peers  # imports the service's media modules; only this mode needs them

    peers.install()
    players = {backend: make_player(backend) for backend in args.backends}
    camera = demo_cameras()[0]["cameraNum"]  # the camera peers.sim_camera() pushes to the peers
    results: list[Result] = []
    with Children(work / "logs") as children:
        nms = peers.NodeMediaServer(children, work)
        nginx = peers.NginxRtmp(children, work)
        for number in args.grades:
            address = sharing.play_address(camera, number)
            embedded = [
                Source("embedded service", "flv", True, address.flv),
                Source("embedded service", "hls", True, address.hls),
            ]
            results += measure_sources(embedded, players, number, args.runs)
            # The service's pipeline stops 30 s after its last viewer: wait, so that only
            # the peer's encoder runs while the peers are measured.
            wait_until(lambda: not children_of(service_pid), 60, "the service's ffmpeg to stop", 1)
            for peer in (nms, nginx):
                stream = f"road{number}"
                push = peers.push_sim(
                    children, f"push-{peer.protocol}-{number}", grade(number),
                    peer.publish_url(stream), work,
                )  # fmt: skip
                peer.wait_stream(stream, push)
                source = Source(peer.name, peer.protocol, peer.gop_cache, peer.play_url(stream))
                results += measure_sources([source], players, number, args.runs)
                children.stop(push)
    if "vlc" in players:
        from patrol_app.ui.video.vlc_player import wait_released

        wait_released(10)  # libvlc's players are released on a worker thread
    print_side_by_side(results, args)


def measure_sources(
    sources: list[Source], players: dict[str, VideoPlayer], number: int, runs: int
) -> list[Result]:
    results = []
    for source in sources:
        for backend, player in players.items():
            first_frame_seconds(player, source.url)  # warm-up: starts an on-demand pipeline
            raise_if_stopped()
            samples = timed_runs(player, source.url, runs)
            results.append(Result(number, source, backend, Summary.of(samples)))
            cells = " ".join(Summary.of(samples).cells())
            print(f"grade {number} {source.server} {source.protocol} {backend}: n median p90 "
                  f"min max failed = {cells}", file=sys.stderr, flush=True)  # fmt: skip
    return results


def warm_start(source: Source) -> str:
    if source.protocol == "hls":
        return "the last segments of the playlist"
    return "the cached GOP" if source.gop_cache else "the next keyframe"


def print_side_by_side(results: list[Result], args: argparse.Namespace) -> None:
    def ratio(value: float | None, base: float | None) -> str:
        return "-" if value is None or not base else f"{value / base:.1f}"

    baseline = {
        (r.grade, r.source.protocol, r.backend): r.summary
        for r in results
        if r.source.server == "embedded service"
    }
    rows = []
    for r in results:
        base = baseline[(r.grade, r.source.protocol, r.backend)]
        rows.append([
            str(r.grade), r.source.server, r.source.protocol.upper(),
            warm_start(r.source), r.backend, *r.summary.cells(),
            ratio(r.summary.median, base.median), ratio(r.summary.p90, base.p90),
        ])  # fmt: skip
    header = ["grade", "server", "protocol", "a new viewer starts from", "client", "n",
              "median s", "p90 s", "min s", "max s", "failed", "median / embedded",
              "p90 / embedded"]  # fmt: skip
    print(markdown_table(header, rows))
    print()
    for backend in args.backends:
        print(f"- {backend}: {client_options(backend)}")
    for number, (median_max, p90_max) in TARGETS.items():
        summary = baseline.get((number, "flv", "qt"))
        if summary is None or summary.median is None:
            continue
        holds = summary.median <= median_max and (p90_max is None or summary.p90 <= p90_max)
        wanted = f"median <= {median_max} s" + (f", p90 <= {p90_max} s" if p90_max else "")
        print(f"- target grade {number}, Qt + embedded HTTP-FLV ({wanted}): "
              f"{'holds' if holds else 'MISSED'} (median {summary.median:.3f} s, "
              f"p90 {summary.p90:.3f} s)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="warm samples per case")
    parser.add_argument("--grades", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--kind", choices=["flv", "hls"], default="flv")
    parser.add_argument("--backend", choices=BACKENDS, default="qt", help="default mode")
    parser.add_argument("--side-by-side", action="store_true", help="embedded vs real peers")
    parser.add_argument("--backends", choices=BACKENDS, nargs="+", default=list(BACKENDS))
    parser.add_argument("--work-dir", type=Path, help="keep the logs here (default: a temp dir)")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    handle_stop_signals(QCoreApplication.exit)
    wake = QTimer(app)  # lets Python run its signal handlers while Qt waits
    wake.timeout.connect(lambda: None)
    wake.start(200)
    load = background_load()
    print(f"machine busy before the run: {load:.2f} of {os.cpu_count()} cores", flush=True)
    with ExitStack() as stack:
        work = args.work_dir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        service = ServiceProcess(work / "service")
        service.start()
        stack.callback(service.stop)
        with GatewayClient(service.base_url) as gateway:
            gateway.register_cameras(demo_cameras())
        with SharingClient(service.base_url) as sharing:
            if args.side_by_side:
                pid = child_with_argument(f"--port\x00{service.port}")
                side_by_side(args, sharing, pid, work / "peers")
            else:
                embedded_cold_warm(args, sharing)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM, after every child process was stopped
        sys.exit(130)
