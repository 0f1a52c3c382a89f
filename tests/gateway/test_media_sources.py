"""ffmpeg input arguments per source kind, simulated cameras and their on-screen text (M-1, N-2)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path, PureWindowsPath

import pytest

from patrol_app.domain.grades import GRADES
from patrol_app.gateway.app import FONT_FILE as MEDIA_FONT
from patrol_app.gateway.media.pipeline import find_ffmpeg
from patrol_app.gateway.media.sources import (
    CHILD_TZ,
    SCENES,
    Overlay,
    SourceError,
    filter_path,
    input_args,
    scrub_credentials,
    text_size,
)
from tests.conftest import MEDIA_OVERLAY

CIF = GRADES[0]


def args_for(source: str, tmp_path: Path, overlay: Overlay | None = None) -> list[str]:
    return input_args(source, CIF, overlay, tmp_path, MEDIA_FONT)


def test_rtsp_over_tcp_with_a_short_probe(tmp_path: Path) -> None:
    """M-1 camera sources over RTSP; W-3 a short probe keeps the cold start quick."""
    url = "rtsp://admin:secret@10.0.0.8:554/Streaming/Channels/101"
    args = args_for(url, tmp_path)
    assert args[:2] == ["-rtsp_transport", "tcp"]
    assert int(args[args.index("-analyzeduration") + 1]) <= 500_000
    assert args[-4:] == ["-i", url, "-map", "0:v:0"]


def test_http_and_file_sources(tmp_path: Path) -> None:
    """M-1: HTTP(S) sources, and a file looped in real time as a stand-in camera."""
    assert args_for("https://cam.example/live.flv", tmp_path)[-4:-2] == [
        "-i",
        "https://cam.example/live.flv",
    ]
    args = args_for("clips/k1844.mp4", tmp_path)
    assert args[:3] == ["-stream_loop", "-1", "-re"]
    assert args[args.index("-i") + 1] == f"file:{Path('clips/k1844.mp4').absolute()}"


@pytest.mark.parametrize("source", ["rtmp://host/live/x", "sim:desert", "sim:", "sim:road:x"])
def test_unknown_source_kinds_are_refused(tmp_path: Path, source: str) -> None:
    """M-1: a source kind the gateway cannot pull is refused with what it accepts."""
    with pytest.raises(SourceError, match="应为"):
        args_for(source, tmp_path)


def test_credentials_never_reach_a_log() -> None:
    """A-2 no secrets in plain text: camera passwords are scrubbed from logged URLs."""
    assert scrub_credentials("rtsp://admin:p@ss:w0rd@10.0.0.8:554/ch1") == (
        "rtsp://***:***@10.0.0.8:554/ch1"
    )
    line = "Input #0, rtsp, from 'rtsp://user:pw@cam/1': Connection refused"
    assert (
        scrub_credentials(line) == "Input #0, rtsp, from 'rtsp://***:***@cam/1': Connection refused"
    )
    assert scrub_credentials("rtsp://cam/1") == "rtsp://cam/1"


def test_windows_paths_are_escaped_for_the_filtergraph() -> None:
    """N-2 text files on Windows: the drive colon and specials escaped for the option parser,
    then for the graph parser."""
    path = PureWindowsPath(r"C:\Program Files\巡查\osd[1],a;b'c.txt")
    assert filter_path(path) == r"C\\:/Program Files/巡查/osd\[1\]\,a\;b\\\'c.txt"


def test_simulated_camera_writes_its_text_files(tmp_path: Path) -> None:
    """N-2: the Overlay lines reach drawtext through UTF-8 text files, never the filter text."""
    args = args_for("sim:toll", tmp_path, Overlay(("粤-G4京港澳-小金口收费站", "内广场")))
    graph = args[args.index("-filter_complex") + 1]
    assert "小金口" not in graph and graph.count("drawtext=") == 3  # clock and two blocks
    texts = {p.read_text(encoding="utf-8") for p in tmp_path.glob("osd*.txt")}
    assert texts == {"粤-G4京港澳-小金口收费站", "内广场", r"%{localtime:%Y-%m-%d %H\:%M\:%S}"}
    assert args[-2:] == ["-map", "[sim]"]


def test_text_size_follows_appendix_b() -> None:
    """N-2: characters about width/24, shrunk to keep blocks apart, never below width/32."""
    assert text_size(352, [("2024-01-01 00:00:00", "粤-G4-京港澳-路面")], 6) == 15
    assert 11 <= text_size(352, [("2024-01-01 00:00:00", "粤-G4京港澳-太和服务区-停车场")], 6) < 15
    assert text_size(352, [("2024-01-01 00:00:00", "粤" * 40)], 6) == 11


def test_an_overlay_has_at_most_three_blocks() -> None:
    """N-2: top-left, bottom-right (position) and bottom-left (reserved); the clock is ours."""
    with pytest.raises(ValueError, match="最多 3 行"):
        Overlay(("a", "b", "c", "d"))


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_every_scene_renders_with_awkward_paths(tmp_path: Path, scene: str) -> None:
    """M-1/N-2: real ffmpeg renders every simulated scene, with font and text files under a
    path holding every character the filtergraph treats specially."""
    # Windows forbids ':' in a name, but every path there has one after the drive letter.
    awkward = tmp_path / ("a b,d'e[f];g" if os.name == "nt" else "a b:c,d'e[f];g")
    awkward.mkdir()
    font = awkward / "font.ttc"
    shutil.copyfile(MEDIA_FONT, font)
    args = input_args(f"sim:{scene}", CIF, MEDIA_OVERLAY, awkward, font)
    output = tmp_path / "frame.png"
    done = subprocess.run(
        [find_ffmpeg(), "-hide_banner", "-loglevel", "error", *args, "-frames:v", "1", str(output)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": CHILD_TZ},
    )
    assert done.returncode == 0, done.stderr
    assert output.stat().st_size > 1000


def test_variants_of_a_scene_move_its_traffic(tmp_path: Path) -> None:
    """Two simulated cameras of one scene type show different traffic (sim:road:<n>)."""
    assert args_for("sim:road", tmp_path) != args_for("sim:road:1", tmp_path)
    assert args_for("sim:road:0", tmp_path) == args_for("sim:road", tmp_path)
