"""One supervised ffmpeg per camera and grade (M-1, W-1, W-3; STYLE habit 5, after Frigate).

Each pipeline runs one encode and feeds it through the tee muxer to two outputs: FLV on
stdout, read into an FlvHub for HTTP-FLV players, and HLS segments in the pipeline's own
directory. A supervisor task starts ffmpeg, keeps the last 100 lines of its stderr and logs
them (credentials scrubbed) only when it fails, and restarts it with capped exponential
backoff for as long as it should run; stopping is terminate, wait, kill. The kernel kills
each ffmpeg if the service dies (gateway/children.py).

A hung transcoder (a stopped process, an encoder that froze) is noticed by its silence: a
pipeline whose ffmpeg wrote nothing for ``STALL_TIMEOUT`` seconds once running (for
``START_TIMEOUT`` before) is killed and started again. A new HTTP-FLV viewer is only answered
once it has its first bytes, so that it gets a picture or a clear failure, never an empty
stream. A restarted pipeline goes on with the HLS segment numbers where the last one (of this
service or of an earlier one on the same data directory) stopped: a player's playlist never
goes backwards and no segment name comes back with other pictures.

A controllable simulated camera (Z-1, Z-2) is steered while it runs: ``set_view`` hands the
camera's ``SimMotion`` to every pipeline of it, and each writes the filter options that
changed to its ffmpeg as interactive commands on stdin (``c<target> -1 <option> <value>``;
no libzmq needed, and it works on Windows pipes too). ffmpeg reads one such command per
100 ms, so pan, tilt and iris are expressions of its time ``t`` (one command starts or stops
them) and only a zoom needs a command every few frames. A pipeline that starts takes the
view as it is then.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import threading
import time
from collections import deque
from contextlib import suppress
from enum import StrEnum
from pathlib import Path

from patrol_app.domain.grades import FRAME_RATE, GOP_FRAMES, StreamGrade
from patrol_app.domain.ptz import PtzAction
from patrol_app.domain.sim_ptz import SimMotion
from patrol_app.gateway.children import die_with_parent
from patrol_app.gateway.media.flv import FlvError, FlvHub
from patrol_app.gateway.media.sources import (
    CHILD_TZ,
    Overlay,
    PtzSettings,
    SourceError,
    input_args,
    is_simulated,
    ptz_settings,
    scrub_credentials,
)

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0  # seconds from a request to the first keyframe (W-3 wants < 1-4 s)
# Seconds without a byte from a running ffmpeg before it is taken for hung: frames come every
# 40 ms, a GOP every 2 s, and a dead network source ends ffmpeg itself in 5 s (sources.py).
STALL_TIMEOUT = 5.0
SOURCE_ENCODE_KBPS = 6000  # grade 3 when it must be encoded: a simulated or non-H.264 source
PLAYLIST = "index.m3u8"
_SEGMENT_FILE = re.compile(r"seg_(\d+)\.ts(?:\.tmp)?")  # one ffmpeg writes, or is writing
_NEXT_SEGMENT = "next_segment"  # beside the HLS directory: its number outlives the segments
_RETRY_MIN, _RETRY_MAX = 1.0, 30.0
# Seconds from a hung ffmpeg's last output to a picture for a new viewer, at most: it is
# killed after STALL_TIMEOUT, started again after the shortest backoff, and has START_TIMEOUT
# for its first keyframe (docs/SERVICE.md).
HUNG_RECOVERY_BOUND = STALL_TIMEOUT + _RETRY_MIN + START_TIMEOUT
_STOP_WAIT = 5.0
_STDERR_LINES = 100
_READ_SIZE = 1 << 16
# ffmpeg takes one interactive command per 100 ms: a little more keeps them from queueing.
_COMMAND_INTERVAL = 0.12
_ZOOM_FOLLOW = 0.2  # while the zoom changes, look at it again this often
# What ffmpeg says on stderr about each interactive command, when the command worked.
_COMMAND_CHATTER = re.compile(r"$|Enter command: |Command reply for stream \d+: ret:0 ")


def _tee(first_segment: int) -> str:
    """The two outputs; HLS numbered from ``first_segment`` (its media sequence too), marked
    as a discontinuity when it goes on from an earlier ffmpeg's segments."""
    flags = "delete_segments+independent_segments+temp_file"
    if first_segment:
        flags += "+discont_start"
    return (
        "[f=flv:flvflags=no_duration_filesize]pipe:1"
        f"|[f=hls:hls_time=1:hls_list_size=5:hls_segment_filename=seg_%05d.ts"
        f":start_number={first_segment}:hls_flags={flags}]{PLAYLIST}"
    )


class PipelineError(RuntimeError):
    """The transcoder failed or gave no picture in time (Appendix E code 500)."""


class PipelineState(StrEnum):
    IDLE = "idle"
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"


def find_ffmpeg() -> str:
    """ffmpeg on PATH, else the binary of the imageio-ffmpeg wheel (Windows installs)."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg  # only installed where there is no system ffmpeg (Windows)
    except ImportError:
        raise FileNotFoundError(
            "找不到 ffmpeg：请安装 ffmpeg 并加入 PATH（Debian: apt install ffmpeg），"
            "或安装 imageio-ffmpeg"
        ) from None
    return imageio_ffmpeg.get_ffmpeg_exe()


def _encode_args(grade: StreamGrade, *, scale: bool) -> list[str]:
    """libx264 at ``grade``: 25 fps, a keyframe every GOP_FRAMES, capped bitrate, no audio."""
    kbps = grade.bitrate_kbps or SOURCE_ENCODE_KBPS
    args = ["-vf", f"scale={grade.width}:{grade.height}"] if scale else []
    args += [
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency",
        "-profile:v", "main", "-pix_fmt", "yuv420p", "-r", str(FRAME_RATE),
        "-g", str(GOP_FRAMES), "-keyint_min", str(GOP_FRAMES), "-sc_threshold", "0",
        "-b:v", f"{kbps}k", "-maxrate", f"{kbps}k", "-bufsize", f"{2 * kbps}k",
        # The tee muxer does not ask for global headers; FLV needs them for its sequence header.
        "-flags", "+global_header",
    ]  # fmt: skip
    if grade.number == 0:
        args += ["-threads", "1"]  # CIF gains nothing from threads and pays for their overhead
    return args


class SimView:
    """The motion of a controllable simulated camera, shared by its pipelines.

    ``set`` may be called from any thread; the pipelines watching it (on their event loop)
    are woken to steer their ffmpeg.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._motion = SimMotion()
        self._offset = 0.0  # the motion's clock minus time.monotonic()
        self._watchers: dict[asyncio.Event, asyncio.AbstractEventLoop] = {}

    def set(self, motion: SimMotion, now: float) -> None:
        """``motion`` is the camera's from now on; ``now`` is the time on its clock."""
        with self._lock:
            self._motion, self._offset = motion, now - time.monotonic()
            watchers = list(self._watchers.items())
        for event, loop in watchers:
            with suppress(RuntimeError):  # that loop has just closed
                loop.call_soon_threadsafe(event.set)

    def settings(self, epoch: float) -> tuple[PtzSettings, bool]:
        """The filter options showing the view in an ffmpeg whose ``t`` = 0 was at ``epoch``
        (time.monotonic()), and whether the zoom is changing."""
        with self._lock:
            motion, offset = self._motion, self._offset
        settings = ptz_settings(motion, motion.since - offset - epoch, time.monotonic() - epoch)
        return settings, bool(motion.rate(PtzAction.ZOOM_IN))

    def watch(self) -> asyncio.Event:
        """An event set at every change, until ``unwatch``."""
        event = asyncio.Event()
        with self._lock:
            self._watchers[event] = asyncio.get_running_loop()
        return event

    def unwatch(self, event: asyncio.Event) -> None:
        with self._lock:
            self._watchers.pop(event, None)


class Pipeline:
    """The transcoder of one camera at one grade, with its FLV hub and HLS directory."""

    def __init__(
        self, *, ffmpeg: str, camera_num: str, grade: StreamGrade, directory: Path, font_file: Path
    ) -> None:
        self.name = f"{camera_num}/{grade.number}"
        self.grade = grade
        self.hub = FlvHub()
        self.hls_dir = directory / "hls"
        self.state = PipelineState.IDLE
        self.last_error: str | None = None
        self.pid: int | None = None  # of the running ffmpeg
        self.last_active = time.monotonic()
        self.source: str | None = None
        self.overlay: Overlay | None = None
        self.view: SimView | None = None  # set for a controllable camera
        self._ffmpeg = ffmpeg
        self._directory = directory
        self._font_file = font_file
        self._env = {**os.environ, "TZ": CHILD_TZ}
        self._stderr: deque[str] = deque(maxlen=_STDERR_LINES)
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def touch(self) -> None:
        """Somebody is watching: an FLV viewer or an HLS request."""
        self.last_active = time.monotonic()

    async def start(self) -> None:
        async with self._lock:
            if not self.running:
                self._set_state(PipelineState.STARTING)
                self._task = asyncio.create_task(self._supervise(), name=f"ffmpeg {self.name}")

    async def stop(self) -> None:
        async with self._lock:
            if self._task is not None:
                self._task.cancel()
                await asyncio.wait([self._task])
                self._task = None

    async def restart(self) -> None:
        """Stop and start again if it runs (or waits to retry), to take a new source."""
        async with self._lock:
            running = self._task is not None
        if running:
            await self.stop()
            await self.start()

    async def wait_live(self, timeout: float) -> None:
        """Start if needed and return once a keyframe is out; PipelineError if it is not."""
        self.touch()
        if self.state is PipelineState.FAILED:  # waiting out its backoff: say why at once
            raise PipelineError(f"转码失败：{self.last_error}")
        await self.start()
        try:
            async with asyncio.timeout(timeout):
                while self.state is PipelineState.STARTING:
                    await self._changed.wait()
        except TimeoutError:
            raise PipelineError(f"转码器 {timeout:.0f} 秒内未出图") from None
        if self.state is PipelineState.FAILED:
            raise PipelineError(f"转码失败：{self.last_error}")
        if self.state is not PipelineState.RUNNING:
            raise PipelineError("转码已停止")

    def _set_state(self, state: PipelineState, error: str | None = None) -> None:
        self.state, self.last_error = state, error
        self._changed.set()
        self._changed = asyncio.Event()

    async def _supervise(self) -> None:
        delay = _RETRY_MIN
        try:
            while True:
                self._set_state(PipelineState.STARTING)
                error = await self._run_once()
                if self.state is PipelineState.RUNNING:  # it worked for a while: retry soon
                    delay = _RETRY_MIN
                self._set_state(PipelineState.FAILED, error)
                await asyncio.sleep(delay)
                delay = min(2 * delay, _RETRY_MAX)
        except Exception:  # a bug here must not leave a pipeline that looks alive
            log.exception("%s: supervisor failed", self.name)
        finally:
            self.hub.close()
            self._reset_hls()
            self._set_state(PipelineState.IDLE)

    async def _run_once(self) -> str:
        """Run ffmpeg until it ends; returns what went wrong."""
        view = self.view if self.source is not None and is_simulated(self.source) else None
        # ffmpeg's t = 0, until its first output tells better
        epoch = time.monotonic()
        settings = view.settings(epoch)[0] if view is not None else None
        try:
            command = await self._command(settings, self._reset_hls())
        except SourceError as error:
            return str(error)
        self._stderr.clear()
        try:
            process = await asyncio.create_subprocess_exec(
                *command,
                # A steered ffmpeg reads its commands on stdin; its stdin stays open while it
                # runs (at end of file, ffmpeg's command reader would spin).
                stdin=asyncio.subprocess.DEVNULL if view is None else asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=self.hls_dir,
                env=self._env,
                **die_with_parent(),  # no ffmpeg outlives the service, even a kill -9 of it
            )
        except OSError as error:
            return f"无法启动 ffmpeg：{error}"
        assert process.stdout is not None and process.stderr is not None
        log.info("%s: ffmpeg %d started", self.name, process.pid)
        self.pid = process.pid
        stderr = asyncio.create_task(self._collect(process.stderr))
        steer: asyncio.Task[None] | None = None
        hung = False
        try:
            # Nothing tells that a process hangs but the silence of its output: a deadline,
            # pushed on by every read.
            async with asyncio.timeout(None) as silence:
                while True:
                    bound = STALL_TIMEOUT if self.state is PipelineState.RUNNING else START_TIMEOUT
                    silence.reschedule(asyncio.get_running_loop().time() + bound)
                    chunk = await process.stdout.read(_READ_SIZE)
                    if not chunk:
                        break
                    if steer is None and view is not None and settings is not None:
                        # The first frame passed the realtime filter (its t = 0) just before.
                        assert process.stdin is not None
                        steer = asyncio.create_task(
                            self._steer(process.stdin, view, time.monotonic(), settings)
                        )
                    self.hub.feed(chunk)
                    if self.state is PipelineState.STARTING and self.hub.live:
                        self._set_state(PipelineState.RUNNING)
            await process.wait()
            await stderr
            reason = f"ffmpeg 退出，返回码 {process.returncode}"
        except FlvError as error:
            reason = str(error)
        except TimeoutError:
            hung = True
            reason = f"转码器 {bound:.0f} 秒无输出，正在重启"
        finally:
            if steer is not None:
                steer.cancel()
            await _terminate(process, hung=hung)
            stderr.cancel()
            self.pid = None
        self.hub.close()
        tail = "\n".join(self._stderr)
        log.warning("%s: %s; ffmpeg's last output:\n%s", self.name, reason, tail)
        return f"{reason}：{self._stderr[-1]}" if self._stderr else reason

    async def _collect(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            text = line.decode("utf-8", "replace").rstrip()
            if not _COMMAND_CHATTER.match(text):
                self._stderr.append(scrub_credentials(text))

    async def _steer(
        self, stdin: asyncio.StreamWriter, view: SimView, epoch: float, sent: PtzSettings
    ) -> None:
        """Send ffmpeg (started with ``sent``; its t = 0 at ``epoch``) each filter option of
        ``view`` that changes, one command at a time, for as long as it runs."""
        changed = view.watch()
        try:
            while True:
                wanted, zooming = view.settings(epoch)
                news = [(key, value) for key, value in wanted.items() if sent.get(key) != value]
                if news:
                    (target, option), value = news[0]
                    log.debug("%s: %s %s %s", self.name, target, option, value)
                    stdin.write(f"c{target} -1 {option} {value}\n".encode())
                    await stdin.drain()
                    sent[target, option] = value
                    await asyncio.sleep(_COMMAND_INTERVAL)
                    continue
                with suppress(TimeoutError):
                    async with asyncio.timeout(_ZOOM_FOLLOW if zooming else None):
                        await changed.wait()
                changed.clear()
        except (BrokenPipeError, ConnectionResetError):
            pass  # ffmpeg has ended: _run_once sees it on stdout
        finally:
            view.unwatch(changed)

    async def _command(self, ptz: PtzSettings | None, first_segment: int) -> list[str]:
        if self.source is None:
            raise SourceError("未配置视频源")
        args = input_args(
            self.source, self.grade, self.overlay, self._directory, self._font_file, ptz
        )
        simulated = is_simulated(self.source)
        if simulated or self.grade.bitrate_kbps is not None:
            video = _encode_args(self.grade, scale=not simulated)
        elif await self._probe_codec(args) == "h264":
            video = ["-c:v", "copy"]  # grade 3 of an H.264 camera: its own stream
        else:
            video = _encode_args(self.grade, scale=False)
        stdin = [] if ptz is not None else ["-nostdin"]  # a steered one reads its commands
        return [
            self._ffmpeg, "-hide_banner", *stdin, "-nostats", "-loglevel", "warning",
            *args, "-an", "-sn", "-dn", *video, "-f", "tee", _tee(first_segment),
        ]  # fmt: skip

    async def _probe_codec(self, args: list[str]) -> str | None:
        """The source's video codec as ffmpeg names it, from opening it with no output."""
        process = await asyncio.create_subprocess_exec(
            self._ffmpeg, "-hide_banner", "-nostdin", *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            **die_with_parent(),
        )  # fmt: skip
        try:
            async with asyncio.timeout(START_TIMEOUT):
                _, output = await process.communicate()
        except TimeoutError:
            return None
        finally:
            await _terminate(process)
        found = re.search(rb"Stream #0:\d+.*?: Video: (\w+)", output)
        return found.group(1).decode() if found else None

    def _reset_hls(self) -> int:
        """Empty the HLS directory; the number of the next segment: past every segment this
        pipeline wrote, also in an earlier run of the service on this data directory (the
        directory it left, or the number it kept in ``_NEXT_SEGMENT``)."""
        self.hls_dir.mkdir(parents=True, exist_ok=True)
        kept = self._directory / _NEXT_SEGMENT
        try:
            numbers = [int(kept.read_text())]
        except (FileNotFoundError, ValueError):
            numbers = [0]
        for stale in self.hls_dir.iterdir():
            if found := _SEGMENT_FILE.fullmatch(stale.name):
                numbers.append(int(found.group(1)) + 1)
            stale.unlink(missing_ok=True)
        if max(numbers) != numbers[0]:
            kept.write_text(str(max(numbers)))
        return max(numbers)


async def _terminate(process: asyncio.subprocess.Process, *, hung: bool = False) -> None:
    """Terminate, wait, kill; a ``hung`` one (it would not act on a terminate) is killed at
    once. Its stdout is drained meanwhile: a full pipe would block ffmpeg."""
    if process.returncode is not None:
        return
    with suppress(ProcessLookupError):
        if hung:
            process.kill()
        else:
            process.terminate()
    try:
        async with asyncio.timeout(_STOP_WAIT):
            while process.stdout and await process.stdout.read(_READ_SIZE):
                pass
            await process.wait()
    except TimeoutError:
        log.warning("ffmpeg %d did not stop in %.0f s; killing it", process.pid, _STOP_WAIT)
    finally:
        if process.returncode is None:  # timed out, or cancelled while waiting
            with suppress(ProcessLookupError):
                process.kill()
