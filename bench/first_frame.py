"""Time to first picture (W-3): the demo service's streams played by the app's Qt Multimedia
backend, offscreen, frames counted through the video sink.

    .venv/bin/python bench/first_frame.py [--runs 10] [--grades 0 1] [--kind flv|hls]

"warm": the camera's pipeline is already running (a platform's usual case: the first
viewer, or the always-on low stream, started it); the service hands the new viewer the
cached GOP. "cold": the first viewer of an on-demand camera, so the time includes starting
ffmpeg. Each cold sample uses a camera nobody has watched yet in this run, so there are as
many cold samples per grade as demo cameras. Results go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from patrol_app.gateway.demo_site import demo_cameras
from patrol_app.gateway.process import ServiceProcess
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.sharing import SharingClient
from patrol_app.ui.player import QtMultimediaPlayer

TIMEOUT_MS = 15_000


def first_frame_seconds(player: QtMultimediaPlayer, url: str) -> float | None:
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
    return result[0] if result else None


def summary(label: str, samples: list[float | None]) -> str:
    ok = sorted(s for s in samples if s is not None)
    failed = len(samples) - len(ok)
    if not ok:
        return f"| {label} | {len(samples)} | - | - | - | - | {failed} |"
    p90 = ok[min(len(ok) - 1, round(0.9 * (len(ok) - 1)))]
    return (
        f"| {label} | {len(samples)} | {statistics.median(ok):.3f} | {p90:.3f} | "
        f"{ok[0]:.3f} | {ok[-1]:.3f} | {failed} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="warm samples per grade")
    parser.add_argument("--grades", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--kind", choices=["flv", "hls"], default="flv")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data_dir:
        service = ServiceProcess(Path(data_dir))
        service.start()
        try:
            with GatewayClient(service.base_url) as gateway:
                gateway.register_cameras(demo_cameras())
            sharing = SharingClient(service.base_url)
            cameras = [camera.camera_num for camera in sharing.cameras()]
            player = QtMultimediaPlayer()
            rows = []
            for grade in args.grades:
                urls = [getattr(sharing.play_address(c, grade), args.kind) for c in cameras]
                cold = [first_frame_seconds(player, url) for url in urls]
                warm = [first_frame_seconds(player, urls[0]) for _ in range(args.runs)]
                rows += [summary(f"grade {grade} cold", cold), summary(f"grade {grade} warm", warm)]
            sharing.close()
        finally:
            service.stop()
    print(f"Qt Multimedia backend, probe 4096 B, {args.kind.upper()} from the embedded service")
    print("| case | n | median s | p90 s | min s | max s | failed |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
