"""Live video for players (W-1): HTTP-FLV and HLS of each camera's grades (W-2).

``/live/{cameraNum}/{videoType}.flv`` and ``/live/{cameraNum}/{videoType}/index.m3u8``. An
on-demand pipeline starts with its first request. Errors use the Appendix E envelope with
the HTTP status players act on: 404 for an unknown camera, grade or segment, or a camera
without a source; 500 when the transcoder fails, stops or gives no picture in time. An
HTTP-FLV answer starts only with its first bytes in hand (the header and a keyframe): a 200
is never an empty stream.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from pathlib import Path

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.background import BackgroundTask

from patrol_app.domain.codes import Code
from patrol_app.domain.grades import UnknownGradeError, grade
from patrol_app.gateway.envelope import envelope
from patrol_app.gateway.media.flv import FlvViewer
from patrol_app.gateway.media.manager import MediaManager, NoSourceError, UnknownCameraError
from patrol_app.gateway.media.pipeline import PipelineError

_NO_CACHE = {"Cache-Control": "no-cache, no-store"}
_NOT_FOUND = (UnknownCameraError, NoSourceError, UnknownGradeError)


def live_router(media: MediaManager) -> APIRouter:
    router = APIRouter(tags=["live"])

    @router.get("/live/{camera_num}/{video_type}.flv", response_model=None)
    async def flv(camera_num: str, video_type: str) -> Response:
        try:
            first, viewer = await media.open_flv(camera_num, _grade_number(video_type))
        except (*_NOT_FOUND, PipelineError) as error:
            return _failure(error)
        # The viewer leaves the hub when the stream ends, when the player disconnects
        # (the body is cancelled), and, should the body never start, after the response.
        return StreamingResponse(
            _stream(first, viewer),
            media_type="video/x-flv",
            headers=_NO_CACHE,
            background=BackgroundTask(viewer.close),
        )

    @router.get("/live/{camera_num}/{video_type}/index.m3u8", response_model=None)
    async def playlist(camera_num: str, video_type: str) -> Response:
        try:
            path = await media.hls_playlist(camera_num, _grade_number(video_type))
        except (*_NOT_FOUND, PipelineError) as error:
            return _failure(error)
        return await _file(path, "application/vnd.apple.mpegurl", _NO_CACHE)

    @router.get("/live/{camera_num}/{video_type}/{segment}", response_model=None)
    async def segment(camera_num: str, video_type: str, segment: str) -> Response:
        try:
            path = media.hls_segment(camera_num, _grade_number(video_type), segment)
        except _NOT_FOUND as error:
            return _failure(error)
        return await _file(path, "video/mp2t")

    return router


def _grade_number(video_type: str) -> int:
    """The path's videoType as a grade number; UnknownGradeError unless it is 0-3."""
    number: object = (
        int(video_type) if video_type.isascii() and video_type.isdigit() else video_type
    )
    return grade(number).number


async def _stream(first: bytes, viewer: FlvViewer) -> AsyncIterator[bytes]:
    try:
        yield first
        async for chunk in viewer:
            yield chunk
    finally:
        viewer.close()


async def _file(
    path: Path | None, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    # Read whole: ffmpeg replaces the playlist by renaming and deletes old segments, so a
    # file opened after a stat (FileResponse) could change size or vanish under it.
    if path is not None:
        with suppress(FileNotFoundError):
            content = await asyncio.to_thread(path.read_bytes)
            return Response(content, media_type=media_type, headers=headers)
    return envelope(Code.NOT_FOUND, "文件不存在或已过期", http_status=404)


def _failure(error: Exception) -> JSONResponse:
    if isinstance(error, PipelineError):
        return envelope(Code.TRANSCODER_ERROR, str(error), http_status=500)
    return envelope(Code.NOT_FOUND, str(error), http_status=404)
