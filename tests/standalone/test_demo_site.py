"""The demo site end to end: `patrol-app serve` in its own process, cameras registered through
E-C2, play addresses from the sharing API (8.6a), streams read by ffprobe (W-1, W-2, W-3)."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from fractions import Fraction

import httpx
import pytest

FFPROBE = shutil.which("ffprobe") or "ffprobe"
# A short probe, as a player tuned for a quick first picture would use (PEERS.md).
PROBE = ["-v", "error", "-analyzeduration", "1000000", "-probesize", "500000"]


def ffprobe(url: str, *args: str, seconds: float = 30) -> dict:
    done = subprocess.run(
        [FFPROBE, *PROBE, "-of", "json", *args, url],
        capture_output=True,
        timeout=seconds,
        check=True,
    )
    return json.loads(done.stdout)


def keyframe_positions(url: str, frames: int = 110) -> list[int]:
    """Indices of the keyframes among the first ``frames`` video frames of ``url``."""
    data = ffprobe(
        url,
        "-select_streams",
        "v:0",
        "-read_intervals",
        f"%+#{frames}",
        "-show_entries",
        "frame=key_frame",
    )
    return [index for index, frame in enumerate(data["frames"]) if frame["key_frame"] == 1]


@pytest.mark.parametrize("kind", ["flv", "hls"])
def test_ffprobe_reads_the_play_addresses_of_a_demo_camera(demo_site, kind: str) -> None:
    """W-1/W-2: H.264 at 25 fps, CIF for grade 0; keyframes at most 50 frames apart (5.5f)."""
    camera = demo_site.cameras[1]
    address = demo_site.client.play_address(camera, 0)
    url = getattr(address, kind)
    stream = ffprobe(url, "-show_streams", "-select_streams", "v:0")["streams"][0]
    assert stream["codec_name"] == "h264"
    assert Fraction(stream["r_frame_rate"]) == 25
    assert (stream["width"], stream["height"]) == (352, 288)
    keyframes = keyframe_positions(url)
    assert len(keyframes) >= 2, keyframes
    assert max(b - a for a, b in itertools.pairwise(keyframes)) <= 50


def test_sharing_api_lists_the_demo_site(demo_site) -> None:
    """8.6a: cameras with state, organisation by road section, and an OpenAPI document."""
    cameras = demo_site.client.cameras()
    assert len(cameras) >= 8
    assert {camera.classify for camera in cameras} >= {0, 1, 2, 3, 4}
    assert all(camera.online for camera in cameras)
    sections = demo_site.client.organisation()
    assert sum(section["cameraCount"] for section in sections) == len(cameras)
    document = httpx.get(f"{demo_site.base_url}/openapi.json").json()
    assert {"/api/v1/cameras", "/api/v1/cameras/{camera_num}/play", "/api/v1/organisation"} <= set(
        document["paths"]
    )


def test_unknown_camera_play_address_is_404(demo_site) -> None:
    reply = httpx.get(f"{demo_site.base_url}/api/v1/cameras/nope/play")
    assert reply.status_code == 404 and reply.json()["code"] == 404
