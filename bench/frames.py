"""Decoded frames of a simulated camera's HTTP-FLV stream, and the measures that tell where
its view points: for the PTZ latency bench (bench/ptz_latency.py) and the PTZ tests
(tests/gateway/test_sim_ptz.py, which import it as ``bench.frames``)."""

from __future__ import annotations

import queue
import subprocess
import threading
import time
from collections.abc import Callable

import httpx

from patrol_app.gateway.media.pipeline import find_ffmpeg

WIDTH, HEIGHT = 352, 288  # grade 0
RESERVE_ROWS = range(163, 169)  # the central reserve at 1x, no tilt: landmarks, no traffic


class Frames:
    """Decoded gray frames of an HTTP-FLV stream, in order, as they come."""

    def __init__(self, url: str) -> None:
        self._frames: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self.last_at = 0.0  # time.monotonic() when the frame ``next`` gave last was decoded
        # A short probe: with none given, ffmpeg analyses an FLV input for up to 90 s.
        self._decoder = subprocess.Popen(
            [
                find_ffmpeg(), "-hide_banner", "-loglevel", "error", "-fflags", "nobuffer",
                "-analyzeduration", "100000", "-probesize", "32768",
                "-f", "flv", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1",
            ],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip
        self._client = httpx.Client(timeout=30)
        self._feeder = threading.Thread(target=self._feed, args=(url,), daemon=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._feeder.start()
        self._reader.start()

    def _feed(self, url: str) -> None:
        assert self._decoder.stdin is not None
        try:
            with self._client.stream("GET", url) as response:
                for chunk in response.iter_bytes():
                    self._decoder.stdin.write(chunk)
                    self._decoder.stdin.flush()
        except (httpx.HTTPError, OSError, ValueError):
            pass  # closed by close()
        finally:
            self._decoder.stdin.close()

    def _read(self) -> None:
        assert self._decoder.stdout is not None
        while len(frame := self._decoder.stdout.read(WIDTH * HEIGHT)) == WIDTH * HEIGHT:
            self._frames.put((time.monotonic(), frame))

    def next(self) -> bytes:
        self.last_at, frame = self._frames.get(timeout=15)
        return frame

    def drain(self) -> None:
        """Forget the frames decoded so far: ``next`` then waits for a new one."""
        while True:
            try:
                self._frames.get_nowait()
            except queue.Empty:
                return

    def until(self, condition: Callable[[bytes], bool], what: str, frames: int = 150) -> bytes:
        """The first frame (of the next ``frames``: 6 s) that meets ``condition``."""
        for _ in range(frames):
            frame = self.next()
            if condition(frame):
                return frame
        raise AssertionError(f"no frame in {frames}: {what}")

    def still(self, measure: Callable[[bytes], float]) -> bytes:
        """The first frame whose ``measure`` equals that of the frame 0.2 s (5 frames) later."""
        window = [(frame := self.next(), measure(frame)) for _ in range(5)]
        for _ in range(100):
            frame = self.next()
            value = measure(frame)
            if window[0][1] == value:
                return frame
            window = [*window[1:], (frame, value)]
        raise AssertionError("the picture did not stand still")

    def close(self) -> None:
        self._client.close()
        self._decoder.kill()
        self._decoder.wait()
        self._feeder.join(5)
        self._reader.join(5)
        assert self._decoder.stdout is not None
        self._decoder.stdout.close()


def reserve_profile(frame: bytes) -> list[int]:
    """Per column, the luma summed over the central reserve's rows."""
    return [sum(frame[row * WIDTH + x] for row in RESERVE_ROWS) for x in range(WIDTH)]


def shift(before: list[int], after: list[int], largest: int = 64) -> int:
    """How far the picture moved right from ``before`` to ``after`` (best match, pixels)."""

    def misfit(s: int) -> float:
        columns = range(max(0, s) + 8, min(WIDTH, WIDTH + s) - 8)
        return sum(abs(after[x] - before[x - s]) for x in columns) / len(columns)

    return min(range(-largest, largest + 1), key=misfit)
