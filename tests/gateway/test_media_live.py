"""Live media end to end: real ffmpeg pipelines behind live_router on a real uvicorn server,
read by real ffprobe and HTTP clients (W-1, W-2, W-3, M-1)."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import httpx
import pytest

from patrol_app.gateway.media.flv import TAG_VIDEO, FlvParser, FlvTag
from patrol_app.gateway.media.pipeline import HUNG_RECOVERY_BOUND
from tests.conftest import MEDIA_OVERLAY, MediaServer

FFPROBE = shutil.which("ffprobe") or "ffprobe"
# A short probe, as a player tuned for a quick first picture would use (PEERS.md).
PROBE = ["-v", "error", "-analyzeduration", "1000000", "-probesize", "500000"]
CAMERA = "0b6f3d4e-8a51-4c1e-9d0b-5b8f4f6c2a10"


def probe(url: str, frames: int = 80) -> tuple[dict, list[int]]:
    """The video stream's parameters and the keyframe flags of its first ``frames`` frames."""
    done = subprocess.run(
        [
            FFPROBE, *PROBE, "-of", "json", "-select_streams", "v:0",
            "-read_intervals", f"%+#{frames}",
            "-show_entries", "stream=codec_name,width,height,r_frame_rate:frame=key_frame",
            url,
        ],
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    data = json.loads(done.stdout)
    return data["streams"][0], [frame["key_frame"] for frame in data["frames"]]


@pytest.mark.parametrize("kind", ["flv", "hls"])
def test_media_grade0_is_h264_cif_25fps_with_short_gop(
    media_server: Callable[..., MediaServer], kind: str
) -> None:
    """W-1 HTTP-FLV and HLS, W-2/M-1 grade 0 = H.264 CIF 25 fps, W-3 GOP <= 50 frames."""
    server = media_server({CAMERA: "sim:road"})
    path = f"/live/{CAMERA}/0.flv" if kind == "flv" else f"/live/{CAMERA}/0/index.m3u8"
    stream, keyframes = probe(server.base_url + path)
    assert stream["codec_name"] == "h264"
    assert (stream["width"], stream["height"]) == (352, 288)
    assert Fraction(stream["r_frame_rate"]) == 25
    positions = [index for index, key in enumerate(keyframes) if key]
    assert len(keyframes) >= 70 and len(positions) >= 2, keyframes
    assert positions[0] == 0, "a player's first frame is a keyframe (GOP cache / segment start)"
    assert max(b - a for a, b in itertools.pairwise(positions)) <= 50


def ffmpeg_children() -> list[int] | None:
    """Process ids of the ffmpeg processes this test process started; None without /proc."""
    if not Path("/proc/self").exists():
        return None
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
            name, ppid = fields[0].split("(", 1)[1], int(fields[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if name == "ffmpeg" and ppid == os.getpid():
            pids.append(int(stat.parent.name))
    return pids


def first_video_frame(chunks: Iterator[bytes]) -> tuple[FlvTag, bytes]:
    """The first video frame (not the sequence header) of an FLV body, and the bytes so far.

    ``chunks`` is an iterator kept by the caller: abandoning httpx's iterator closes the stream.
    """
    parser, received = FlvParser(), b""
    for chunk in chunks:
        received += chunk
        for tag in parser.feed(chunk):
            if tag.kind == TAG_VIDEO and not tag.is_sequence_header:
                return tag, received
    raise AssertionError("the stream ended before a video frame")


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)  # polling another thread's state against a deadline


def grade0(server: MediaServer) -> dict:
    return server.call(server.manager.state, CAMERA)["grades"][0]


def test_media_two_viewers_share_one_pipeline_and_join_at_a_keyframe(
    media_server: Callable[..., MediaServer],
) -> None:
    """W-3: a viewer joining a running pipeline starts at once on a cached keyframe; M-2: every
    viewer of a grade is served by the same single ffmpeg."""
    server = media_server({CAMERA: "sim:road"})
    url = f"{server.base_url}/live/{CAMERA}/0.flv"
    with httpx.Client(timeout=30) as client, client.stream("GET", url) as first:
        assert first.status_code == 200
        assert first.headers["content-type"] == "video/x-flv"
        first_chunks = first.iter_bytes()
        frame, _ = first_video_frame(first_chunks)
        assert frame.is_keyframe
        time.sleep(0.5)  # let the GOP grow past its keyframe before the second viewer joins
        started = time.monotonic()
        with client.stream("GET", url) as second:
            second_chunks = second.iter_bytes()
            frame, received = first_video_frame(second_chunks)
            waited = time.monotonic() - started
            assert received.startswith(b"FLV")
            assert frame.is_keyframe, "the first video frame a joining viewer gets is a keyframe"
            assert waited < 1.0, f"warm viewer waited {waited:.2f} s"
            grades = server.call(server.manager.state, CAMERA)["grades"]
            assert [(g["videoType"], g["viewers"]) for g in grades if g["pid"]] == [(0, 2)]
            assert ffmpeg_children() in (None, [grades[0]["pid"]])


def test_media_on_demand_pipeline_stops_when_its_viewers_leave(
    media_server: Callable[..., MediaServer],
) -> None:
    """M-1 push type 2: the stream runs while watched and stops after the idle time."""
    server = media_server({CAMERA: "sim:road"}, idle_stop_seconds=0.5)
    assert grade0(server)["state"] == "idle" and grade0(server)["pid"] is None
    with httpx.Client(timeout=30) as client:
        with client.stream("GET", f"{server.base_url}/live/{CAMERA}/0.flv") as response:
            chunks = response.iter_bytes()
            first_video_frame(chunks)
            assert grade0(server) | {"viewers": 1} == grade0(server)
            assert grade0(server)["state"] == "running"
        wait_for(lambda: grade0(server)["viewers"] == 0, 5, "the viewer leaves when it disconnects")
    wait_for(lambda: grade0(server)["state"] == "idle", 10, "idle stop")
    assert grade0(server)["pid"] is None and not ffmpeg_children()


def test_media_push_type_1_runs_without_viewers_until_shutdown(
    media_server: Callable[..., MediaServer],
) -> None:
    """M-1 push type 1 (常推流): grade 0 runs from service start, unwatched; the service's
    shutdown leaves no ffmpeg behind."""
    server = media_server({CAMERA: "sim:road"}, push_type=1, idle_stop_seconds=0.2)
    wait_for(lambda: grade0(server)["state"] == "running", 10, "push type 1 starts")
    time.sleep(0.6)  # three idle checks: it must not be stopped
    pid = grade0(server)["pid"]
    assert grade0(server)["state"] == "running" and ffmpeg_children() in (None, [pid])
    server.stop()
    assert not ffmpeg_children()


def test_media_new_source_restarts_the_running_pipeline(
    media_server: Callable[..., MediaServer],
) -> None:
    """A camera re-registered with another source (E-C2 upsert) is transcoded from it at once;
    players of the old stream see it end and reconnect."""
    server = media_server({CAMERA: "sim:road"})
    url = f"{server.base_url}/live/{CAMERA}/0.flv"
    with httpx.Client(timeout=30) as client:
        with client.stream("GET", url) as old:
            chunks = old.iter_bytes()
            first_video_frame(chunks)
            old_pid = grade0(server)["pid"]
            server.call(server.manager.configure, CAMERA, "sim:tunnel", 2, MEDIA_OVERLAY)
            for _ in chunks:  # the old stream ends
                pass
        with client.stream("GET", url) as new:
            chunks = new.iter_bytes()
            frame, _ = first_video_frame(chunks)
            assert frame.is_keyframe
            assert grade0(server)["pid"] not in (None, old_pid)
    assert server.call(server.manager.state, CAMERA)["source"] == "sim:tunnel"


@pytest.mark.parametrize(
    "path",
    [
        "/live/no-such-camera/0.flv",
        "/live/no-such-camera/0/index.m3u8",
        f"/live/{CAMERA}/7.flv",
        f"/live/{CAMERA}/x/index.m3u8",
        "/live/unset/0.flv",
        f"/live/{CAMERA}/0/..%5C..%5C..%5Cwindows%5Cwin.ini",
        f"/live/{CAMERA}/0/%2E%2E",
        f"/live/{CAMERA}/0/seg_00001.ts.tmp",
        f"/live/{CAMERA}/0/seg_00001.ts",
    ],
)
def test_media_not_found_is_a_404_envelope(
    media_server: Callable[..., MediaServer], path: str
) -> None:
    """E 1.4 code 404 (no such video): unknown camera or videoType, no source, no segment."""
    server = media_server({CAMERA: "sim:road", "unset": None})
    reply = httpx.get(server.base_url + path, timeout=30)
    assert reply.status_code == 404
    body = reply.json()
    assert body["code"] == 404 and body["data"] is None and body["msg"]
    assert not ffmpeg_children(), "a 404 starts no transcoder"
    assert all(g["pid"] is None for g in server.call(server.manager.state, CAMERA)["grades"])


def test_media_failing_source_is_a_500_envelope_not_a_hang(
    media_server: Callable[..., MediaServer], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """E 1.4 code 500 (transcoder error): a source ffmpeg cannot open fails fast, says why, and
    logs ffmpeg's last output."""
    missing = tmp_path / "missing.mp4"
    server = media_server({CAMERA: str(missing)})
    started = time.monotonic()
    reply = httpx.get(f"{server.base_url}/live/{CAMERA}/0.flv", timeout=30)
    assert time.monotonic() - started < 5
    assert reply.status_code == 500
    body = reply.json()
    assert body["code"] == 500 and "No such file or directory" in body["msg"], body
    state = grade0(server)
    assert state["state"] == "failed" and "missing.mp4" in state["error"]
    assert "missing.mp4: No such file or directory" in caplog.text


def picture_or_failure(client: httpx.Client, url: str) -> str:
    """What a new HTTP-FLV viewer gets: "picture" (a 200 with a video frame) or "failure" (a
    500 envelope saying why); anything else (an empty 200) fails the test."""
    with client.stream("GET", url) as reply:
        if reply.status_code == 200:
            first_video_frame(reply.iter_bytes())
            return "picture"
        body = json.loads(reply.read())
    assert reply.status_code == 500 and body["code"] == 500, body
    assert re.search(r"[\u4e00-\u9fff]", body["msg"]), body  # said in Chinese
    return "failure"


def test_media_hung_transcoder_is_restarted(media_server: Callable[..., MediaServer]) -> None:
    """Issue 11 point 3, W-6: an ffmpeg that stops producing (SIGSTOP) is killed and started
    again; its viewers' streams end (they reconnect), a viewer who comes meanwhile gets a
    picture or a 500 (never a 200 with nothing), and within HUNG_RECOVERY_BOUND of the hang
    a new viewer gets pictures again."""
    server = media_server({CAMERA: "sim:road"})
    url = f"{server.base_url}/live/{CAMERA}/0.flv"
    with httpx.Client(timeout=HUNG_RECOVERY_BOUND) as client:
        with client.stream("GET", url) as watching:
            chunks = watching.iter_bytes()
            first_video_frame(chunks)
            hung = grade0(server)["pid"]
            os.kill(hung, signal.SIGSTOP)  # the fixture's shutdown kills it, should it stay
            stopped = time.monotonic()
            picture_or_failure(client, url)
            for _ in chunks:  # the stalled stream ends instead of hanging
                pass

        def restarted() -> bool:
            state = grade0(server)
            return state["pid"] not in (None, hung) and state["state"] == "running"

        wait_for(restarted, HUNG_RECOVERY_BOUND, "the hung pipeline restarted")
        assert picture_or_failure(client, url) == "picture"
        assert time.monotonic() - stopped < HUNG_RECOVERY_BOUND


def media_playlist(url: str) -> tuple[int, list[int]]:
    """An HLS playlist's media sequence and its segments' numbers."""
    reply = httpx.get(url, timeout=30)
    assert reply.status_code == 200, reply.text
    sequence = re.search(r"#EXT-X-MEDIA-SEQUENCE:(\d+)", reply.text)
    assert sequence is not None, reply.text
    return int(sequence.group(1)), [int(n) for n in re.findall(r"seg_(\d+)\.ts", reply.text)]


def test_media_hls_playlist_never_goes_back_when_its_pipeline_restarts(
    media_server: Callable[..., MediaServer],
) -> None:
    """Issue 11 point 3: after an ffmpeg crash and after a clean stop and start of the media
    (as a service restart on the same data directory does), a playlist goes on: its media
    sequence grows and no segment name comes back (with other pictures)."""
    server = media_server({CAMERA: "sim:road"})
    url = f"{server.base_url}/live/{CAMERA}/0/index.m3u8"
    seen = [media_playlist(url)]
    crashed = grade0(server)["pid"]
    os.kill(crashed, signal.SIGKILL)

    def restarted() -> bool:
        state = grade0(server)
        return state["pid"] not in (None, crashed) and state["state"] == "running"

    wait_for(restarted, HUNG_RECOVERY_BOUND, "the crashed pipeline restarted")
    seen.append(media_playlist(url))
    server.call(server.manager.stop)
    server.call(server.manager.start)
    seen.append(media_playlist(url))
    for (sequence, segments), (later, later_segments) in itertools.pairwise(seen):
        assert later > sequence and min(later_segments) > max(segments), seen
