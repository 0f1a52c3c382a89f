"""HTTP-FLV fan-out: an incremental FLV parser and a hub with a GOP cache (W-1, W-3).

One transcoder feeds a hub; any number of players subscribe to it. A player that joins gets
the FLV header, the latest onMetaData, the AVC sequence header and every tag since the latest
keyframe at once, so its first video frame is a keyframe and the picture starts without
waiting for the next GOP. A player that falls too far behind is dropped (its stream ends)
rather than slowing the others or growing memory.

The cached GOP is only handed out while the stream is alive: when nothing has come from the
transcoder for ``stale_seconds`` (a frozen source, a hung ffmpeg), a player that joins would
show old pictures as if they were live and take the stream for recovered (W-6); it waits for
the next keyframe instead.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

TAG_AUDIO, TAG_VIDEO, TAG_SCRIPT = 8, 9, 18
_CODEC_AVC = 7
_TAG_HEADER = 11
_PREVIOUS_TAG_SIZE = 4
_ON_METADATA = b"\x02\x00\x0aonMetaData"  # AMF0 string "onMetaData"


class FlvError(ValueError):
    """The bytes are not an FLV stream."""


@dataclass(frozen=True, slots=True)
class FlvTag:
    kind: int  # TAG_AUDIO, TAG_VIDEO or TAG_SCRIPT
    timestamp: int  # milliseconds
    data: bytes  # the whole tag: header, body and the previous-tag-size that follows it

    def _body_byte(self, index: int) -> int | None:
        position = _TAG_HEADER + index
        return self.data[position] if position < len(self.data) - _PREVIOUS_TAG_SIZE else None

    @property
    def is_metadata(self) -> bool:
        return self.kind == TAG_SCRIPT and self.data.startswith(_ON_METADATA, _TAG_HEADER)

    @property
    def is_sequence_header(self) -> bool:
        """An AVC decoder configuration record (codec 7, AVCPacketType 0)."""
        first = self._body_byte(0)
        return (
            self.kind == TAG_VIDEO
            and first is not None
            and first & 0x0F == _CODEC_AVC
            and self._body_byte(1) == 0
        )

    @property
    def is_keyframe(self) -> bool:
        """A video frame of frame type 1, not a sequence header."""
        first = self._body_byte(0)
        return (
            self.kind == TAG_VIDEO
            and first is not None
            and first >> 4 == 1
            and not self.is_sequence_header
        )


class FlvParser:
    """Splits a byte stream, fed in chunks of any size, into its header and tags."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.header: bytes | None = None  # the FLV header and PreviousTagSize0

    def feed(self, chunk: bytes) -> list[FlvTag]:
        buffer = self._buffer
        buffer += chunk
        position = 0
        if self.header is None:
            if buffer[:3] != b"FLV"[: len(buffer)]:
                raise FlvError(f"不是 FLV 数据：开头为 {bytes(buffer[:3])!r}")
            if len(buffer) < 9:
                return []
            position = int.from_bytes(buffer[5:9], "big") + _PREVIOUS_TAG_SIZE
            if len(buffer) < position:
                return []
            self.header = bytes(buffer[:position])
        tags = []
        while len(buffer) - position >= _TAG_HEADER:
            size = int.from_bytes(buffer[position + 1 : position + 4], "big")
            end = position + _TAG_HEADER + size + _PREVIOUS_TAG_SIZE
            if len(buffer) < end:
                break
            timestamp = int.from_bytes(buffer[position + 4 : position + 7], "big")
            timestamp |= buffer[position + 7] << 24
            tags.append(FlvTag(buffer[position] & 0x1F, timestamp, bytes(buffer[position:end])))
            position = end
        del buffer[:position]
        return tags


class FlvViewer:
    """One player's stream: an async iterator of chunks that ends when the hub lets it go."""

    def __init__(self, hub: FlvHub, queue_tags: int) -> None:
        self._hub = hub
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue(queue_tags)
        self._ended = False
        self.synced = False  # has had the header and a keyframe

    def __aiter__(self) -> FlvViewer:
        return self

    async def __anext__(self) -> bytes:
        if not self._ended:
            chunk = await self._queue.get()
            if chunk is not None:
                return chunk
            self._ended = True
        raise StopAsyncIteration

    def close(self) -> None:
        """Leave the hub (the player went away); safe to call more than once."""
        self._hub._leave(self)

    def _send(self, chunk: bytes) -> bool:
        try:
            self._queue.put_nowait(chunk)
        except asyncio.QueueFull:
            return False
        return True

    def _end(self) -> None:
        while not self._queue.empty():  # what it has not read is of no use now
            self._queue.get_nowait()
        self._queue.put_nowait(None)


class FlvHub:
    """Fans one FLV stream out to many viewers, with what a new one needs to start at once.

    ``queue_tags`` bounds each viewer's backlog (250 tags: 10 s of 25 fps video);
    ``gop_bytes`` bounds the cached GOP (beyond it, new viewers wait for the next keyframe);
    ``stale_seconds`` without a tag and the cached GOP is not replayed (25 frames at 25 fps:
    far above the frame interval, below the 3 s after which a player calls a stream stalled).
    """

    def __init__(
        self,
        *,
        queue_tags: int = 250,
        gop_bytes: int = 4 << 20,
        stale_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._queue_tags = queue_tags
        self._gop_bytes = gop_bytes
        self._stale_seconds = stale_seconds
        self._clock = clock
        self._fed_at = 0.0
        self._viewers: set[FlvViewer] = set()
        self._reset()

    def _reset(self) -> None:
        self._parser = FlvParser()
        self._metadata: FlvTag | None = None
        self._sequence_header: FlvTag | None = None
        self._gop: list[FlvTag] = []
        self._gop_size = 0

    @property
    def viewer_count(self) -> int:
        return len(self._viewers)

    @property
    def live(self) -> bool:
        """A keyframe has arrived since the stream (re)started: viewers start at once."""
        return bool(self._gop)

    def subscribe(self) -> FlvViewer:
        viewer = FlvViewer(self, self._queue_tags)
        self._viewers.add(viewer)
        if self._gop and self._clock() - self._fed_at <= self._stale_seconds:
            viewer._send(self._start(self._gop))
            viewer.synced = True
        return viewer

    def _leave(self, viewer: FlvViewer) -> None:
        self._viewers.discard(viewer)

    def feed(self, chunk: bytes) -> None:
        """Take the next bytes of the transcoder's output; raises FlvError if not FLV."""
        self._fed_at = self._clock()
        for tag in self._parser.feed(chunk):
            self._keep(tag)
            for viewer in list(self._viewers):
                if viewer.synced:
                    sent = viewer._send(tag.data)
                elif tag.is_keyframe:
                    sent = viewer._send(self._start([tag]))
                    viewer.synced = True
                else:
                    continue
                if not sent:
                    log.info("dropping an FLV viewer %d tags behind", self._queue_tags)
                    self._leave(viewer)
                    viewer._end()

    def close(self) -> None:
        """End every viewer and forget the stream: the next feed starts with an FLV header."""
        for viewer in self._viewers:
            viewer._end()
        self._viewers.clear()
        self._reset()

    def _keep(self, tag: FlvTag) -> None:
        if tag.is_metadata:
            self._metadata = tag
        elif tag.is_sequence_header:
            self._sequence_header = tag
        elif tag.is_keyframe:
            self._gop, self._gop_size = [tag], len(tag.data)
        elif self._gop:
            self._gop_size += len(tag.data)
            if self._gop_size > self._gop_bytes:
                self._gop = []
            else:
                self._gop.append(tag)

    def _start(self, gop: list[FlvTag]) -> bytes:
        """What a viewer needs first: header, metadata, sequence header, then ``gop``."""
        parts = [self._parser.header or b""]
        parts += [tag.data for tag in (self._metadata, self._sequence_header) if tag]
        parts += [tag.data for tag in gop]
        return b"".join(parts)
