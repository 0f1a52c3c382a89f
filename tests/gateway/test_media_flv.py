"""The FLV parser and the fan-out hub, on crafted tags (W-1 HTTP-FLV, W-3 start at once)."""

from __future__ import annotations

import asyncio

import pytest

from patrol_app.gateway.media.flv import (
    TAG_SCRIPT,
    TAG_VIDEO,
    FlvError,
    FlvHub,
    FlvParser,
    FlvViewer,
)

HEADER = b"FLV\x01\x01\x00\x00\x00\x09" + b"\x00\x00\x00\x00"  # video only, PreviousTagSize0


def tag(kind: int, timestamp: int, body: bytes) -> bytes:
    size = len(body).to_bytes(3, "big")
    stamp = (timestamp & 0xFFFFFF).to_bytes(3, "big") + bytes([timestamp >> 24])
    return (
        bytes([kind]) + size + stamp + b"\x00\x00\x00" + body + (11 + len(body)).to_bytes(4, "big")
    )


METADATA = tag(TAG_SCRIPT, 0, b"\x02\x00\x0aonMetaData\x08\x00\x00\x00\x00\x00\x00\x09")
SEQUENCE_HEADER = tag(TAG_VIDEO, 0, b"\x17\x00\x00\x00\x00\x01\x64\x00\x1f")


def keyframe(ms: int) -> bytes:
    return tag(TAG_VIDEO, ms, b"\x17\x01\x00\x00\x00" + b"I" * 20)


def interframe(ms: int) -> bytes:
    return tag(TAG_VIDEO, ms, b"\x27\x01\x00\x00\x00" + b"P" * 10)


async def pending(viewer: FlvViewer) -> list[bytes]:
    """The chunks a viewer can read without waiting."""
    chunks = []
    while True:
        try:
            chunks.append(await asyncio.wait_for(anext(viewer), 0.01))
        except (TimeoutError, StopAsyncIteration):
            return chunks


def test_parser_splits_any_chunking_into_header_and_tags() -> None:
    """W-1: tags are found however the transcoder's pipe cuts the bytes."""
    stream = HEADER + METADATA + SEQUENCE_HEADER + keyframe(0x01020304) + interframe(40)
    parser = FlvParser()
    tags = [t for i in range(len(stream)) for t in parser.feed(stream[i : i + 1])]
    assert parser.header == HEADER
    assert [t.data for t in tags] == [
        METADATA,
        SEQUENCE_HEADER,
        keyframe(0x01020304),
        interframe(40),
    ]
    assert [(t.is_metadata, t.is_sequence_header, t.is_keyframe) for t in tags] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
        (False, False, False),
    ]
    assert tags[2].timestamp == 0x01020304  # the extended byte is the high byte


def test_parser_rejects_what_is_not_flv() -> None:
    """W-1: garbage on the pipe is an error, not a stream sent to players."""
    with pytest.raises(FlvError):
        FlvParser().feed(b"\x00\x00\x00\x01gE")


def test_hub_starts_each_viewer_at_the_latest_keyframe() -> None:
    """W-3: a viewer gets header, metadata, sequence header and the current GOP at once."""

    async def scenario() -> None:
        hub = FlvHub()
        early = hub.subscribe()  # before the stream starts: waits for a keyframe
        hub.feed(HEADER + METADATA + SEQUENCE_HEADER + interframe(0))
        assert not hub.live and await pending(early) == []
        hub.feed(keyframe(40) + interframe(80))
        assert hub.live
        start = HEADER + METADATA + SEQUENCE_HEADER
        assert await pending(early) == [start + keyframe(40), interframe(80)]
        hub.feed(keyframe(1240) + interframe(1280))
        late = hub.subscribe()
        assert await pending(late) == [start + keyframe(1240) + interframe(1280)]
        hub.feed(interframe(1320))
        assert await pending(late) == [interframe(1320)]
        assert await pending(early) == [keyframe(1240), interframe(1280), interframe(1320)]
        assert hub.viewer_count == 2

    asyncio.run(scenario())


def test_hub_does_not_replay_a_stale_gop() -> None:
    """W-6: from a frozen transcoder a new viewer gets no old pictures to take for live
    ones: it waits for the next keyframe; a second later it would have had the GOP."""

    async def scenario() -> None:
        now = [100.0]
        hub = FlvHub(stale_seconds=1.0, clock=lambda: now[0])
        hub.feed(HEADER + SEQUENCE_HEADER + keyframe(0) + interframe(40))
        now[0] += 1.0
        fresh = hub.subscribe()
        assert await pending(fresh) == [HEADER + SEQUENCE_HEADER + keyframe(0) + interframe(40)]
        now[0] += 0.5  # nothing came for 1.5 s
        late = hub.subscribe()
        assert hub.live and await pending(late) == []
        hub.feed(interframe(80))
        assert await pending(late) == []  # not an interframe without its keyframe
        hub.feed(keyframe(1200))
        assert await pending(late) == [HEADER + SEQUENCE_HEADER + keyframe(1200)]

    asyncio.run(scenario())


def test_hub_gop_cache_is_bounded() -> None:
    """W-3 within bounded memory: past ``gop_bytes`` the GOP is dropped and a new viewer
    waits for the next keyframe."""

    async def scenario() -> None:
        hub = FlvHub(gop_bytes=len(keyframe(0)) + 2 * len(interframe(0)))
        hub.feed(HEADER + SEQUENCE_HEADER + keyframe(0) + interframe(40) + interframe(80))
        assert hub.live
        hub.feed(interframe(120))
        assert not hub.live
        viewer = hub.subscribe()
        assert await pending(viewer) == []
        hub.feed(keyframe(1200))
        assert await pending(viewer) == [HEADER + SEQUENCE_HEADER + keyframe(1200)]

    asyncio.run(scenario())


def test_hub_drops_a_viewer_that_falls_behind() -> None:
    """M-2: a stalled player loses its stream; the others keep theirs, memory stays bounded."""

    async def scenario() -> None:
        hub = FlvHub(queue_tags=4)
        stalled, reader = hub.subscribe(), hub.subscribe()
        hub.feed(HEADER + SEQUENCE_HEADER + keyframe(0))
        got = await pending(reader)
        for n in range(1, 10):
            hub.feed(interframe(40 * n))
            got += await pending(reader)
        assert got == [HEADER + SEQUENCE_HEADER + keyframe(0)] + [
            interframe(40 * n) for n in range(1, 10)
        ]
        assert hub.viewer_count == 1
        assert [chunk async for chunk in stalled] == []  # it ends, and at once

    asyncio.run(scenario())


def test_hub_close_and_viewer_close() -> None:
    """M-1 on demand: leaving viewers are counted out; a stopped transcoder ends every stream."""

    async def scenario() -> None:
        hub = FlvHub()
        leaving, staying = hub.subscribe(), hub.subscribe()
        leaving.close()
        leaving.close()
        assert hub.viewer_count == 1
        hub.feed(HEADER + SEQUENCE_HEADER + keyframe(0))
        hub.close()
        assert hub.viewer_count == 0 and not hub.live
        assert [chunk async for chunk in staying] == []  # what it had not read is dropped
        hub.feed(HEADER + keyframe(0))  # a restarted transcoder: a new header
        assert hub.live

    asyncio.run(scenario())
