"""ffmpeg input arguments for a camera source: RTSP, HTTP(S), a looped file, or a simulated camera.

A simulated camera (``sim:<scene>``) is a synthetic expressway scene drawn by lavfi filters at
the grade's size and 25 fps, with the on-screen text of Appendix B (N-2) burnt in: the road and
scene block top-left, the Beijing-time clock top-right, the position block bottom-right and the
reserved block bottom-left (the three zones and the reserved corner of Appendix B 一(二)). Real
cameras burn in their own text. The clock is ffmpeg's local time: run ffmpeg with ``CHILD_TZ``.

A controllable simulated camera (Z-1, Z-2) draws its scene ``SCENE_SCALE`` times larger and
shows the view of its ``SimMotion`` (patrol_app.domain.sim_ptz): ``crop@ptz`` cuts the view
out (x and y follow the pan and tilt as expressions of ffmpeg's time ``t``, the width is the
zoom), ``scale`` brings it to the grade's size, and ``eq@ptz`` brightens or darkens it with
the iris. ``ptz_settings`` gives those filter options; the pipeline passes them to
``input_args`` at start and sends the ones that change as filter commands while it runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from patrol_app.domain.grades import FRAME_RATE, StreamGrade
from patrol_app.domain.ptz import PtzAction
from patrol_app.domain.sim_ptz import SCENE_SCALE, SimMotion

# POSIX TZ for Beijing time (UTC+8, no DST); glibc and the Windows CRT both read it.
CHILD_TZ = "CST-8"

SIM_PREFIX = "sim:"

# Cold start matters more than a perfect probe: an H.264 camera is identified in well under
# half a second (PEERS.md: -analyzeduration 200000 halves an RTSP cold start).
_PROBE = ["-analyzeduration", "300000", "-probesize", "500000"]
_IO_TIMEOUT_US = "5000000"  # a dead camera fails in 5 s instead of hanging
_MAP = ["-map", "0:v:0"]  # video only: the grades carry no audio

# The filters a controllable simulated camera is steered through (``target`` of a command).
PTZ_CROP, PTZ_EQ = "crop@ptz", "eq@ptz"
IRIS_BRIGHTNESS = 0.25  # eq brightness at the iris fully open (its negative: fully closed)

# (target, option) -> value of the filter options that show a simulated camera's view.
PtzSettings = dict[tuple[str, str], str]

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s]*@")


class SourceError(ValueError):
    """A camera source that is not one of the supported kinds."""


@dataclass(frozen=True)
class Overlay:
    """Appendix B text blocks: top-left, then bottom-right (position), then bottom-left."""

    lines: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.lines) > len(_CORNERS):
            raise ValueError(f"字符叠加最多 {len(_CORNERS)} 行，收到 {len(self.lines)} 行")


def scrub_credentials(url: str) -> str:
    """``url`` (or any text holding URLs) with user and password replaced by ``***``."""
    return _USERINFO.sub(r"\1***:***@", url)


def is_simulated(source: str) -> bool:
    return source.startswith(SIM_PREFIX)


def input_args(
    source: str,
    grade: StreamGrade,
    overlay: Overlay | None,
    work_dir: Path,
    font_file: Path,
    ptz: PtzSettings | None = None,
) -> list[str]:
    """ffmpeg arguments that open ``source`` for ``grade`` and ``-map`` its video stream.

    They go before the output options. ``overlay`` is only drawn on simulated cameras
    (at the grade's size); its text files are written to ``work_dir``. ``ptz`` (from
    ``ptz_settings``) makes a simulated camera show that view of its larger scene.
    """
    if is_simulated(source):
        # sim:<scene>[:<variant>]: a variant number shifts the traffic, so that two cameras
        # of one scene type do not show the same vehicles.
        name, _, variant = source.removeprefix(SIM_PREFIX).partition(":")
        scene = SCENES.get(name)
        if scene is None or not (variant == "" or variant.isdigit()):
            raise SourceError(
                f"未知的模拟场景 {source!r}：应为 {', '.join(SIM_PREFIX + s for s in SCENES)}"
                "，可加 :<变体编号>"
            )
        shift = int(variant or 0) * 0.37
        if ptz is None:
            graph = _scene_graph(scene, grade.width, grade.height, shift)
        else:
            big = _even(SCENE_SCALE * grade.width), _even(SCENE_SCALE * grade.height)
            graph = _scene_graph(scene, *big, shift)
            graph += _view_filters(grade, ptz)
        graph += _text_filters(overlay, grade.width, work_dir, font_file)
        # A source-only -filter_complex rather than the lavfi device: its thread count can be
        # set, and at these sizes one thread costs half the CPU of a thread per core.
        # ``realtime`` paces it at 25 fps, as -re would an input.
        return [
            "-filter_complex_threads", "1",
            "-filter_complex", f"{graph},realtime[sim]",
            "-map", "[sim]",
        ]  # fmt: skip
    match = _URL.match(source)
    scheme = match.group(1).lower() if match else None
    if scheme == "rtsp":
        return ["-rtsp_transport", "tcp", "-timeout", _IO_TIMEOUT_US, *_PROBE, "-i", source, *_MAP]
    if scheme in ("http", "https"):
        return ["-rw_timeout", _IO_TIMEOUT_US, *_PROBE, "-i", source, *_MAP]
    if scheme is not None:
        raise SourceError(
            f"不支持的视频源 {scrub_credentials(source)!r}：应为 rtsp://、http(s)://、"
            f"本地文件或 {SIM_PREFIX}<场景>"
        )
    # "file:" keeps a name with a colon from being read as a protocol.
    return ["-stream_loop", "-1", "-re", "-i", f"file:{Path(source).absolute()}", *_MAP]


def ptz_settings(motion: SimMotion, since: float, now: float) -> PtzSettings:
    """The filter options that show ``motion`` in a pipeline whose time (ffmpeg's ``t``) is
    ``now`` and was ``since`` when the motion started.

    Pan, tilt and iris are expressions of ``t``, so one command starts or stops them; the
    zoom is the view's width at ``now`` (crop's width is no expression of time), to be sent
    again while it changes. The expressions hold the view within the scene exactly as
    SimMotion does: the view's edge stops at the scene's edge.
    """
    zoom = motion.position(motion.since + max(0.0, now - since)).zoom
    start = motion.start
    since_text = f"(t{-since:+.3f})"

    def moving(value: float, rate: float) -> str:
        return f"({value:.6f}{rate:+.6f}*{since_text})" if rate else f"{value:.6f}"

    x = moving(0.5 + start.pan, motion.rate(PtzAction.RIGHT))
    y = moving(0.5 - start.tilt, -motion.rate(PtzAction.UP))  # picture rows run downwards
    iris = moving(start.iris * IRIS_BRIGHTNESS, motion.rate(PtzAction.IRIS_OPEN) * IRIS_BRIGHTNESS)
    return {
        (PTZ_CROP, "w"): f"iw/{SCENE_SCALE * zoom:.4f}",
        (PTZ_CROP, "x"): f"clip({x}*iw-ow/2,0,iw-ow)",
        (PTZ_CROP, "y"): f"clip({y}*ih-oh/2,0,ih-oh)",
        (PTZ_EQ, "brightness"): f"clip({iris},{-IRIS_BRIGHTNESS},{IRIS_BRIGHTNESS})",
    }


def _view_filters(grade: StreamGrade, ptz: PtzSettings) -> str:
    """Crop the view, scale it to ``grade``, set its brightness; with a leading comma.

    The ``null`` between crop and scale keeps the size of scale's input as configured when
    a command resizes the crop, so that scale sees the new frame size and re-initialises
    itself (directly behind crop, ffmpeg 5.1's scale hangs on the first resized frame).
    """
    crop = ":".join(
        [
            f"w={_graph_value(ptz[PTZ_CROP, 'w'])}",
            f"h=ow*{grade.height}/{grade.width}",
            f"x={_graph_value(ptz[PTZ_CROP, 'x'])}",
            f"y={_graph_value(ptz[PTZ_CROP, 'y'])}",
        ]
    )
    brightness = _graph_value(ptz[PTZ_EQ, "brightness"])
    return (
        f",{PTZ_CROP}={crop},null,scale={grade.width}:{grade.height}"
        f",{PTZ_EQ}=eval=frame:brightness={brightness}"
    )


def _graph_value(expression: str) -> str:
    """An expression as a filter option value inside a filtergraph (its commas escaped)."""
    return _escape(expression, "\\'[],;")


def _even(size: float) -> int:
    return 2 * math.ceil(size / 2)


def filter_path(path: PurePath) -> str:
    """``path`` as a filter option value inside a filtergraph (two levels of escaping).

    Forward slashes work on Windows too; the drive colon, quotes, brackets, commas and
    semicolons are escaped for the option parser and then for the graph parser.
    """
    value = _escape(path.as_posix(), "\\':")
    return _escape(value, "\\'[],;")


def _escape(text: str, special: str) -> str:
    return "".join("\\" + c if c in special else c for c in text)


# --- The synthetic scenes ------------------------------------------------------------------
# Geometry is in fractions of the picture (x and widths of its width, y and heights of its
# height), so one description serves every grade. Traffic keeps to the right: the lower
# carriageway runs left to right, the upper one right to left.


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class _Stripes:
    """Vertical stripes across ``area``: lane dashes, lamps, railing posts, parking bays."""

    area: _Box
    period: float  # fraction of the picture width
    width: float  # stripe width, same unit
    color: str


@dataclass(frozen=True)
class _Vehicle:
    lane: float  # centre line, fraction of the height
    length: float
    width: float
    speed: float  # picture widths per second; negative runs right to left
    phase: float  # 0-1: where it is at t = 0
    body: str
    cab: str = ""  # a truck or bus: the cab in another colour; a car gets a windscreen


@dataclass(frozen=True)
class _Scene:
    ground: str
    layers: tuple[_Box | _Stripes, ...]
    vehicles: tuple[_Vehicle, ...]
    cover: tuple[_Box, ...] = ()  # drawn over the traffic: a toll canopy
    lights: bool = False  # head and tail lights (tunnel)


def _scene_graph(scene: _Scene, width: int, height: int, shift: float = 0.0) -> str:
    """A filtergraph, without its output label, that draws ``scene`` at ``width`` x ``height``,
    every vehicle's phase moved on by ``shift``."""
    graph = _Graph(width, height, scene.ground)
    for layer in scene.layers:
        if isinstance(layer, _Box):
            graph.draw(layer)
        else:
            graph.stripes(layer)
    graph.animate()
    for vehicle in scene.vehicles:
        graph.vehicle(replace(vehicle, phase=(vehicle.phase + shift) % 1), scene.lights)
    for box in scene.cover:
        graph.draw(box)
    return graph.text()


def _source(color: str, width: int, height: int, rate: int = FRAME_RATE) -> str:
    return f"color=c={color}:s={width}x{height}:r={rate}"


def _drawbox(x: int, y: int, w: int, h: int, color: str) -> str:
    return f"drawbox=x={x}:y={y}:w={max(1, w)}:h={max(1, h)}:color={color}:t=fill"


class _Graph:
    """One filter chain on the main picture; each layer overlaid on it restarts the chain."""

    def __init__(self, width: int, height: int, ground: str) -> None:
        self.width, self.height = width, height
        self._done: list[str] = []
        self._chain = [_source(ground, width, height, rate=1)]

    def _x(self, fraction: float) -> int:
        return round(fraction * self.width)

    def _y(self, fraction: float) -> int:
        return round(fraction * self.height)

    def draw(self, box: _Box) -> None:
        self._chain.append(
            _drawbox(self._x(box.x), self._y(box.y), self._x(box.w), self._y(box.h), box.color)
        )

    def _overlay(self, layer: str, x: str, y: int) -> None:
        n = len(self._done)
        self._done += [",".join(self._chain) + f"[m{n}]", f"{layer}[o{n}]"]
        self._chain = [f"[m{n}][o{n}]overlay=x='{x}':y={y}"]

    def stripes(self, stripes: _Stripes) -> None:
        area = stripes.area
        w, h = max(1, self._x(area.w)), max(1, self._y(area.h))
        # drawgrid also draws rows as thick as the columns: with the rows offset by h and
        # repeating every h + t, none of them falls inside the area.
        t = max(1, self._x(stripes.width))
        grid = (
            f"drawgrid=w={max(2, self._x(stripes.period))}:h={h + t}:y={h}:t={t}:c={stripes.color}"
        )
        layer = f"{_source(area.color, w, h, rate=1)},{grid}"
        self._overlay(layer, str(self._x(area.x)), self._y(area.y))

    def animate(self) -> None:
        """End of the still picture: drawn once a second, repeated (by reference) at 25 fps."""
        self._chain.append(f"fps={FRAME_RATE}")

    def vehicle(self, vehicle: _Vehicle, lights: bool) -> None:
        length, breadth = max(6, self._x(vehicle.length)), max(4, self._y(vehicle.width))
        ahead = vehicle.speed > 0

        def part(start: float, size: float, color: str, inset: int = 0) -> str:
            # ``start`` is measured from the rear; mirrored when the vehicle runs leftwards.
            x = start if ahead else 1 - start - size
            return _drawbox(
                round(x * length), inset, round(size * length), breadth - 2 * inset, color
            )

        dark = "0x1c2630"
        if vehicle.cab:  # a gap, then the cab
            details = [part(0.74, 0.03, dark), part(0.77, 0.23, vehicle.cab)]
        else:  # rear window and windscreen
            inset = max(1, breadth // 8)
            details = [part(0.12, 0.12, dark, inset), part(0.60, 0.17, dark, inset)]
        if lights:
            lamp = max(2, breadth // 4)
            size = lamp / length
            for start, color in ((1 - size, "0xfff2b0"), (0.0, "0xff2a10")):
                x = round((start if ahead else 1 - start - size) * length)
                details += [
                    _drawbox(x, 0, lamp, lamp, color),
                    _drawbox(x, breadth - lamp, lamp, lamp, color),
                ]
        span = self.width + length
        run = f"mod({abs(vehicle.speed) * self.width:.1f}*t+{vehicle.phase * span:.0f},{span})"
        left = f"{run}-{length}" if ahead else f"{self.width}-{run}"
        layer = ",".join([_source(vehicle.body, length, breadth), *details])
        self._overlay(layer, left, self._y(vehicle.lane) - breadth // 2)

    def text(self) -> str:
        return ";".join([*self._done, ",".join(self._chain)])


# drawtext expands this (expansion=normal) from a text file, so only its own escaping applies.
_CLOCK = r"%{localtime:%Y-%m-%d %H\:%M\:%S}"
_CLOCK_SAMPLE = "2024-01-01 00:00:00"
# Where the Overlay lines go, as drawtext x/y around a margin: top-left, bottom-right,
# bottom-left (Appendix B: road and scene, position, reserved).
_CORNERS = (("{m}", "{m}"), ("w-tw-{m}", "h-th-{m}"), ("{m}", "h-th-{m}"))


def _text_filters(overlay: Overlay | None, width: int, work_dir: Path, font_file: Path) -> str:
    """drawtext filters (with a leading comma) for the clock and the ``overlay`` blocks."""
    lines = overlay.lines if overlay else ()
    margin = round(width / 64)
    size = text_size(width, [(_CLOCK_SAMPLE, *lines[:1]), tuple(lines[1:])], margin)
    style = (
        f"fontfile={filter_path(font_file.absolute())}:fontsize={size}:fontcolor=white"
        f":box=1:boxcolor=black@0.55:boxborderw={max(2, size // 6)}"
    )
    blocks = [(_CLOCK, ("w-tw-{m}", "{m}"), "normal")]
    blocks += [
        (line, at, "none") for line, at in zip(lines, _CORNERS[: len(lines)], strict=True) if line
    ]
    work_dir.mkdir(parents=True, exist_ok=True)
    filters = []
    for n, (text, (x, y), expansion) in enumerate(blocks):
        text_file = work_dir / f"osd{n}.txt"
        text_file.write_text(text, encoding="utf-8")
        filters.append(
            f"drawtext={style}:textfile={filter_path(text_file.absolute())}"
            f":expansion={expansion}:x={x.format(m=margin)}:y={y.format(m=margin)}"
        )
    return "," + ",".join(filters)


def text_size(width: int, rows: list[tuple[str, ...]], margin: int) -> int:
    """Character height in pixels: width/24, smaller where a row's blocks would collide.

    Never below width/32, Appendix B's minimum. A CJK character is one em wide, other
    characters about half an em in WenQuanYi Micro Hei.
    """
    largest, smallest = round(width / 24), -(-width // 32)
    fits = largest
    for blocks in rows:
        ems = sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in "".join(blocks))
        if ems:
            room = width - margin * (len(blocks) + 1) - largest // 3 * len(blocks)
            fits = min(fits, int(room / ems))
    return max(smallest, fits)


_GRASS, _ASPHALT, _WHITE, _YELLOW = "0x4d7a38", "0x55585c", "0xe8e8e8", "0xe0b400"


def _dashes(y: float, road: str = _ASPHALT) -> _Stripes:
    return _Stripes(_Box(0, y, 1, 0.008, _WHITE), period=0.1, width=0.045, color=road)


def _line(y: float, color: str = _WHITE) -> _Box:
    return _Box(0, y, 1, 0.008, color)


def _traffic(
    upper: tuple[float, float], lower: tuple[float, float], slow: float = 1
) -> tuple[_Vehicle, ...]:
    """A mix of cars, a truck and a bus, leftwards on the ``upper`` lanes, rightwards below."""
    (u1, u2), (l1, l2) = upper, lower
    return (
        _Vehicle(u1, 0.085, 0.065, -0.30 * slow, 0.10, "0xd8d8d8"),
        _Vehicle(u1, 0.085, 0.065, -0.30 * slow, 0.62, "0x2050a0"),
        _Vehicle(u2, 0.20, 0.085, -0.19 * slow, 0.35, "0xe0e0d0", cab="0x2a6a3a"),
        _Vehicle(l1, 0.085, 0.065, 0.34 * slow, 0.05, "0xb02020"),
        _Vehicle(l1, 0.085, 0.065, 0.34 * slow, 0.55, "0x303030"),
        _Vehicle(l2, 0.22, 0.09, 0.17 * slow, 0.30, "0x8a8f96", cab="0xd08a20"),
    )


_ROAD = _Scene(
    ground=_GRASS,
    layers=(
        *(_Box(x, 0.07, 0.05, 0.10, "0x2c5520") for x in (0.08, 0.30, 0.55, 0.78)),
        _Box(0, 0.20, 1, 0.006, "0xb8b8b8"),  # guardrails
        _Box(0, 0.90, 1, 0.006, "0xb8b8b8"),
        _Box(0, 0.22, 1, 0.66, _ASPHALT),
        _line(0.255),
        _line(0.845),
        _Box(0, 0.535, 1, 0.03, "0x3f6a30"),  # central reserve
        _line(0.525, _YELLOW),
        _line(0.565, _YELLOW),
        _dashes(0.39),
        _dashes(0.705),
        *(_Box(x, 0.93, 0.05, 0.06, "0x2c5520") for x in (0.12, 0.40, 0.66)),
        # Landmarks at irregular places, so that a pan shows (the lanes repeat): shrubs and
        # emergency telephones on the central reserve, repaired asphalt, a sign gantry.
        *(
            _Box(x, 0.538, w, 0.024, color)
            for x, w, color in (
                (0.06, 0.03, "0x1f3d18"),
                (0.17, 0.012, "0xf08a00"),
                (0.29, 0.05, "0x1f3d18"),
                (0.44, 0.02, "0xf0f0f0"),
                (0.69, 0.012, "0xf08a00"),
                (0.81, 0.04, "0x1f3d18"),
                (0.93, 0.02, "0xf0f0f0"),
            )
        ),
        _Box(0.13, 0.60, 0.07, 0.05, "0x45484b"),
        _Box(0.74, 0.29, 0.09, 0.04, "0x45484b"),
        _Box(0.575, 0.21, 0.012, 0.68, "0x9aa0a6"),
        _Box(0.555, 0.28, 0.05, 0.07, "0x1e6e3c"),
        _Box(0.555, 0.67, 0.05, 0.07, "0x1e6e3c"),
    ),
    vehicles=_traffic((0.33, 0.46), (0.635, 0.775)),
)

_TUNNEL = _Scene(
    ground="0x121212",
    layers=(
        _Box(0, 0.12, 1, 0.16, "0x3a3a36"),  # walls
        _Box(0, 0.74, 1, 0.16, "0x3a3a36"),
        _Stripes(_Box(0, 0.16, 1, 0.035, "0x26261f"), period=0.125, width=0.05, color="0xffcc5c"),
        _Stripes(_Box(0, 0.81, 1, 0.035, "0x26261f"), period=0.125, width=0.05, color="0xffcc5c"),
        _Box(0.33, 0.21, 0.03, 0.05, "0x00a060"),  # emergency telephone and hydrant signs
        _Box(0.71, 0.21, 0.03, 0.05, "0xd02020"),
        _Box(0, 0.28, 1, 0.46, "0x303136"),
        _Box(0, 0.28, 1, 0.03, "0x6a6a62"),  # kerbs
        _Box(0, 0.71, 1, 0.03, "0x6a6a62"),
        _line(0.32),
        _line(0.695),
        _dashes(0.505, "0x303136"),
    ),
    # One bore, one direction: Chinese expressway tunnels are twin-bore.
    vehicles=(
        _Vehicle(0.41, 0.085, 0.065, 0.30, 0.10, "0xd0d0d0"),
        _Vehicle(0.41, 0.085, 0.065, 0.30, 0.60, "0x802020"),
        _Vehicle(0.60, 0.21, 0.09, 0.18, 0.30, "0x9098a0", cab="0x2050a0"),
        _Vehicle(0.60, 0.085, 0.065, 0.22, 0.85, "0x202020"),
    ),
    lights=True,
)

_TOLL = _Scene(
    ground="0x767a7e",
    layers=(
        _Box(0, 0.17, 1, 0.76, _ASPHALT),
        *(_line(y) for y in (0.29, 0.41, 0.66, 0.78)),
        _Box(0, 0.525, 1, 0.03, "0x8a8d90"),  # centre island
        # Lane islands with a booth on each, under the canopy.
        *(_Box(0.38, y - 0.015, 0.24, 0.03, "0xd0c040") for y in (0.29, 0.41, 0.66, 0.78)),
        *(_Box(0.47, y - 0.04, 0.06, 0.08, "0xf0f0f0") for y in (0.29, 0.41, 0.66, 0.78)),
    ),
    vehicles=_traffic((0.35, 0.47), (0.60, 0.72), slow=0.35),
    cover=(
        _Box(0.38, 0.15, 0.24, 0.80, "0x2a62c0@0.3"),  # canopy, lane signals on its edge
        *(_Box(0.595, y - 0.02, 0.02, 0.04, "0x30e040") for y in (0.35, 0.47)),
        *(_Box(0.385, y - 0.02, 0.02, 0.04, "0x30e040") for y in (0.60, 0.72)),
        _Box(0.36, 0.15, 0.28, 0.03, "0x1a4a9a"),
        _Box(0.36, 0.92, 0.28, 0.03, "0x1a4a9a"),
    ),
)

_SERVICE = _Scene(
    ground=_GRASS,
    layers=(
        _Box(0, 0.12, 1, 0.30, _ASPHALT),  # main road along the top
        _line(0.14),
        _line(0.40),
        _Box(0, 0.265, 1, 0.01, _YELLOW),
        _Box(0, 0.48, 0.68, 0.46, "0x6c6f72"),  # car park
        _Stripes(_Box(0.02, 0.50, 0.64, 0.14, "0x6c6f72"), period=0.06, width=0.006, color=_WHITE),
        _Stripes(_Box(0.02, 0.78, 0.64, 0.14, "0x6c6f72"), period=0.06, width=0.006, color=_WHITE),
        *(
            _Box(0.03 + 0.06 * n, y, 0.04, 0.11, color)
            for n, y, color in (
                (0, 0.515, "0xc02828"),
                (1, 0.515, "0xe0e0e0"),
                (3, 0.515, "0x2858a8"),
                (4, 0.515, "0x303030"),
                (7, 0.515, "0xb0b4b8"),
                (9, 0.515, "0xe0e0e0"),
                (1, 0.795, "0x404850"),
                (2, 0.795, "0xd8c020"),
                (5, 0.795, "0xe0e0e0"),
                (6, 0.795, "0x208050"),
                (8, 0.795, "0xb02020"),
            )
        ),
        _Box(0.72, 0.48, 0.26, 0.36, "0xd8d0c0"),  # service building
        _Box(0.72, 0.48, 0.26, 0.05, "0x2a7a4a"),
        *(_Box(0.74 + 0.06 * n, 0.60, 0.035, 0.08, "0x6fa8d0") for n in range(4)),
    ),
    vehicles=(
        *_traffic((0.20, 0.20), (0.33, 0.33))[::2],  # one lane each way: half the traffic
        _Vehicle(0.71, 0.07, 0.06, 0.06, 0.2, "0xe0e0e0"),  # a car looking for a bay
    ),
)

_BRIDGE = _Scene(
    ground="0x2b5f8e",
    layers=(
        *(
            _Box(x, y, 0.12, 0.008, "0x5a8cbc")
            for x, y in ((0.05, 0.10), (0.42, 0.16), (0.70, 0.08), (0.20, 0.86), (0.60, 0.92))
        ),
        _Box(0, 0.79, 1, 0.03, "0x1d4468"),  # the deck's shadow
        _Box(0, 0.25, 1, 0.54, "0x8a8d90"),  # deck
        _Box(0, 0.28, 1, 0.48, _ASPHALT),
        _Stripes(_Box(0, 0.25, 1, 0.03, "0xc4c4c4"), period=0.04, width=0.008, color="0x505050"),
        _Stripes(_Box(0, 0.76, 1, 0.03, "0xc4c4c4"), period=0.04, width=0.008, color="0x505050"),
        _Box(0, 0.505, 1, 0.02, "0xb0b0b0"),  # median barrier
        _dashes(0.39),
        _dashes(0.64),
        *(_Box(x, 0.28, 0.006, 0.48, "0x3a3c3e") for x in (0.25, 0.75)),  # expansion joints
    ),
    vehicles=_traffic((0.335, 0.45), (0.58, 0.70)),
)

SCENES: dict[str, _Scene] = {
    "road": _ROAD,
    "tunnel": _TUNNEL,
    "toll": _TOLL,
    "service": _SERVICE,
    "bridge": _BRIDGE,
}
