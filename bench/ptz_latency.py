"""PTZ control latency (Z-1): how long after the operator presses a direction the picture
moves, and after they let go it stands still, on a controllable simulated camera of the demo
site, through the whole chain the workstation uses.

    .venv/bin/python bench/ptz_latency.py [--runs 20] [--speed 4]

The chain: ``PtzClient.move`` (HTTP) -> the embedded service (``patrol-app serve`` in its own
process, as the demo runs it) -> the simulated camera's driver -> ffmpeg's command input ->
the crop of the next frames -> x264 -> HTTP-FLV -> an ffmpeg decoder reading gray frames (the
bench's ``frames.py``), where the bench sees the picture move (the central
reserve's landmarks shift by 2 px or more) or stand still (the same shift for 5 frames). It
is the picture an operator sees less the player's own buffering.

- press -> moving: from just before the move request to the arrival of the first decoded
  frame that moved;
- release -> still: from just before the stop request to the first of the frames that stay
  put (the arrival of the frame 0.2 s later, less 0.2 s);
- request round trip: the HTTP call itself (service, priority check, audit write).

Runs alternate left and right so that the view stays inside the scene. Results go to stdout
as a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchlib import Summary, handle_stop_signals, markdown_table, raise_if_stopped
from frames import Frames, reserve_profile, shift

from patrol_app.domain.ptz import PtzAction
from patrol_app.platform.gateway import GatewayClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.standalone.process import ServiceProcess

STILL_FRAMES_SECONDS = 0.2  # Frames.still compares a frame with the one 5 frames (0.2 s) later
HOLD_SECONDS = 0.6  # how long each press lasts once the picture moves


def one_run(
    client: PtzClient, frames: Frames, camera: str, action: PtzAction, speed: int
) -> tuple[float, float, float]:
    """(press -> moving, release -> still, move request round trip), in seconds."""
    frames.drain()
    reference = reserve_profile(frames.next())
    pressed = time.monotonic()
    client.move(camera, action, speed)
    answered = time.monotonic()
    frames.until(lambda f: abs(shift(reference, reserve_profile(f))) >= 2, "the picture moving")
    moving = frames.last_at - pressed
    hold_until = time.monotonic() + HOLD_SECONDS
    while frames.last_at < hold_until:  # the press lasts a moment, as an operator's does
        frames.next()
    released = time.monotonic()
    client.stop(camera)
    frames.still(lambda f: shift(reference, reserve_profile(f)))
    still = frames.last_at - STILL_FRAMES_SECONDS - released
    return moving, max(0.0, still), answered - pressed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--speed", type=int, default=4, choices=range(1, 9))
    args = parser.parse_args()
    handle_stop_signals()
    with tempfile.TemporaryDirectory(prefix="ptz-bench-") as data_dir:
        service = ServiceProcess(Path(data_dir))
        service.start()
        try:
            body = [camera for camera in demo_cameras() if camera["hasControl"] == 1][:1]
            with GatewayClient(service.base_url) as gateway:
                assert gateway.register_cameras(body)[0]["status"] == 0
            camera = body[0]["cameraNum"]
            frames = Frames(f"{service.base_url}/live/{camera}/0.flv")
            try:
                with PtzClient(service.base_url, operator="bench") as client:
                    frames.next()  # the stream is up
                    samples = []
                    for run in range(args.runs):
                        action = PtzAction.LEFT if run % 2 == 0 else PtzAction.RIGHT
                        samples.append(one_run(client, frames, camera, action, args.speed))
                        raise_if_stopped()
            finally:
                frames.close()
        finally:
            service.stop()
    header = ["measure (s)", "n", "median", "p90", "min", "max", "failed"]
    names = ["press -> picture moving", "release -> picture still", "move request round trip"]
    rows = [[name, *Summary.of([s[i] for s in samples]).cells()] for i, name in enumerate(names)]
    print(f"PTZ latency, grade 0 HTTP-FLV, speed {args.speed}, {args.runs} runs")
    print(markdown_table(header, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
