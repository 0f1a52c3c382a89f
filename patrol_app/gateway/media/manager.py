"""Every camera's media pipelines (M-1, W-1, W-3): configured from the register, opened by
players, stopped when idle; one supervised ffmpeg per camera and grade is in pipeline.py.

Push type 2 (on demand) runs a grade while it has FLV viewers or HLS requests, and stops it
after ``idle_stop_seconds`` without any; push type 1 keeps grade 0 (the low stream that M-1
pushes continuously) running for as long as the camera has a source.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from patrol_app.domain.grades import GRADES, grade
from patrol_app.domain.sim_ptz import SimMotion
from patrol_app.gateway.media.flv import FlvViewer
from patrol_app.gateway.media.pipeline import (
    PLAYLIST,
    START_TIMEOUT,
    Pipeline,
    PipelineError,
    PipelineState,
    SimView,
)
from patrol_app.gateway.media.sources import Overlay, scrub_credentials

log = logging.getLogger(__name__)

PUSH_ALWAYS, PUSH_ON_DEMAND = 1, 2  # E 3.1 pushType
_SEGMENT = re.compile(r"seg_\d{5,9}\.ts")  # what a pipeline writes, and nothing else


class UnknownCameraError(LookupError):
    """No camera with this number is configured."""


class NoSourceError(LookupError):
    """The camera is configured without a video source."""


@dataclass
class _Camera:
    source: str | None
    push_type: int
    overlay: Overlay | None
    view: SimView | None  # a controllable camera's
    pipelines: dict[int, Pipeline] = field(default_factory=dict)


class MediaManager:
    """Every camera's pipelines: configure them, open their streams, stop them all."""

    def __init__(
        self, *, ffmpeg: str, work_dir: Path, font_file: Path, idle_stop_seconds: float = 30.0
    ) -> None:
        self._ffmpeg = ffmpeg
        self._work_dir = work_dir
        self._font_file = font_file
        self._idle_stop_seconds = idle_stop_seconds
        self._cameras: dict[str, _Camera] = {}
        self._started = False
        self._reaper: asyncio.Task[None] | None = None
        self._changes: set[asyncio.Task[None]] = set()

    def configure(
        self,
        camera_num: str,
        source: str | None,
        push_type: int,
        overlay: Overlay | None,
        *,
        controllable: bool = False,
    ) -> None:
        """Add or update a camera; a changed source, text or controllability restarts its
        running pipelines. A ``controllable`` simulated camera shows the view that
        ``set_view`` gives it.

        Call it from the event loop's thread (or before ``start``).
        """
        if push_type not in (PUSH_ALWAYS, PUSH_ON_DEMAND):
            raise ValueError(f"pushType 应为 1 或 2，收到 {push_type!r}")
        camera = self._cameras.get(camera_num)
        if camera is None:
            camera = self._cameras[camera_num] = _Camera(source, push_type, overlay, None)
            directory = self._work_dir / _directory_name(camera_num)
            for g in GRADES:
                camera.pipelines[g.number] = Pipeline(
                    ffmpeg=self._ffmpeg,
                    camera_num=camera_num,
                    grade=g,
                    directory=directory / str(g.number),
                    font_file=self._font_file,
                )
        changed = (source, overlay, controllable) != (
            camera.source,
            camera.overlay,
            camera.view is not None,
        )
        camera.source, camera.push_type, camera.overlay = source, push_type, overlay
        if controllable != (camera.view is not None):
            camera.view = SimView() if controllable else None
        for pipeline in camera.pipelines.values():
            pipeline.source, pipeline.overlay, pipeline.view = source, overlay, camera.view
            if self._started and changed:
                self._spawn(pipeline.stop() if source is None else pipeline.restart())
        if self._started and source is not None and push_type == PUSH_ALWAYS:
            self._spawn(camera.pipelines[0].start())

    def set_view(self, camera_num: str, motion: SimMotion, now: float) -> None:
        """A controllable simulated camera's motion from now on (``now``: on the clock of
        ``motion``); its running pipelines show it at once. Any thread may call it; it does
        nothing for a camera that is unknown or not controllable."""
        camera = self._cameras.get(camera_num)
        if camera is not None and camera.view is not None:
            camera.view.set(motion, now)

    async def remove(self, camera_num: str) -> None:
        camera = self._cameras.pop(camera_num, None)
        if camera is not None:
            await asyncio.gather(*(p.stop() for p in camera.pipelines.values()))

    async def start(self) -> None:
        """Start the idle-stop watch and every push-type-1 pipeline."""
        self._started = True
        self._reaper = asyncio.create_task(self._stop_idle(), name="media idle stop")
        for camera in self._cameras.values():
            if camera.source is not None and camera.push_type == PUSH_ALWAYS:
                await camera.pipelines[0].start()

    async def stop(self) -> None:
        """Undo ``start``: no more changes or idle watch, then every ffmpeg stopped."""
        self._started = False
        if self._changes:
            await asyncio.wait(self._changes)
        if self._reaper is not None:
            self._reaper.cancel()
            await asyncio.wait([self._reaper])
            self._reaper = None
        pipelines = [p for c in self._cameras.values() for p in c.pipelines.values()]
        await asyncio.gather(*(p.stop() for p in pipelines))

    def state(self, camera_num: str) -> dict[str, Any]:
        camera = self._camera(camera_num)
        return {
            "cameraNum": camera_num,
            "source": scrub_credentials(camera.source) if camera.source else None,
            "pushType": camera.push_type,
            "grades": [
                {
                    "videoType": number,
                    "state": str(p.state),
                    "error": p.last_error,
                    "viewers": p.hub.viewer_count,
                    "pid": p.pid,
                }
                for number, p in camera.pipelines.items()
            ],
        }

    async def open_flv(self, camera_num: str, grade_number: int) -> tuple[bytes, FlvViewer]:
        """A new HTTP-FLV viewer and its first chunk (the FLV header, then a keyframe): a
        picture, or PipelineError when none comes in time or the transcoder stops first (a
        hung one is restarted: its cached GOP is too old to be replayed and nothing else
        comes; W-6).

        The viewer is an async iterator of the following bytes; ``close()`` it when the
        player leaves.
        """
        pipeline = self._pipeline(camera_num, grade_number)
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT
        await pipeline.wait_live(START_TIMEOUT)
        viewer = pipeline.hub.subscribe()
        try:
            async with asyncio.timeout_at(deadline):
                first = await anext(viewer, None)
            if first is None:
                raise PipelineError(f"转码中断：{pipeline.last_error or '转码已停止'}")
            return first, viewer
        except TimeoutError:
            viewer.close()
            raise PipelineError(f"转码器 {START_TIMEOUT:.0f} 秒内未出图") from None
        except BaseException:  # it ended first, or the player left (cancelled)
            viewer.close()
            raise

    async def hls_playlist(self, camera_num: str, grade_number: int) -> Path:
        """The grade's HLS playlist, starting the pipeline and waiting for it if needed."""
        pipeline = self._pipeline(camera_num, grade_number)
        deadline = time.monotonic() + START_TIMEOUT
        await pipeline.wait_live(START_TIMEOUT)
        playlist = pipeline.hls_dir / PLAYLIST
        # ffmpeg writes the playlist after its first segment; no portable event tells when.
        while not playlist.exists():
            if pipeline.state is not PipelineState.RUNNING or time.monotonic() > deadline:
                raise PipelineError(f"转码器 {START_TIMEOUT:.0f} 秒内未生成 HLS 播放列表")
            await asyncio.sleep(0.1)
        return playlist

    def hls_segment(self, camera_num: str, grade_number: int, name: str) -> Path | None:
        """An HLS segment of a running pipeline, or None (also for names it never writes)."""
        pipeline = self._pipeline(camera_num, grade_number)
        pipeline.touch()
        path = pipeline.hls_dir / name
        return path if _SEGMENT.fullmatch(name) and path.is_file() else None

    def _camera(self, camera_num: str) -> _Camera:
        camera = self._cameras.get(camera_num)
        if camera is None:
            raise UnknownCameraError(f"摄像机 {camera_num} 不存在")
        return camera

    def _pipeline(self, camera_num: str, grade_number: int) -> Pipeline:
        camera = self._camera(camera_num)
        number = grade(grade_number).number  # UnknownGradeError outside 0-3
        if camera.source is None:
            raise NoSourceError(f"摄像机 {camera_num} 未配置视频源")
        return camera.pipelines[number]

    def _spawn(self, change: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(change)
        self._changes.add(task)
        task.add_done_callback(self._changes.discard)

    async def _stop_idle(self) -> None:
        period = min(1.0, self._idle_stop_seconds / 4)
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for camera in list(self._cameras.values()):
                for number, pipeline in camera.pipelines.items():
                    if pipeline.hub.viewer_count:
                        pipeline.touch()
                    always = camera.push_type == PUSH_ALWAYS and number == 0
                    idle = now - pipeline.last_active >= self._idle_stop_seconds
                    if pipeline.running and idle and not always:
                        log.info(
                            "%s: no viewers for %.0f s, stopping",
                            pipeline.name,
                            now - pipeline.last_active,
                        )
                        await pipeline.stop()


def _directory_name(camera_num: str) -> str:
    """``camera_num`` if it is safe as a file name (a UUID is), else a hash of it."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", camera_num):
        return camera_num
    return hashlib.sha256(camera_num.encode()).hexdigest()[:32]
