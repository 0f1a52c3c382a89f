"""Test doubles and helpers of the GUI tests."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.platform.sharing import PlatformError, PlayAddress
from patrol_app.ui.video.player import PlayerState, VideoPlayer
from patrol_app.ui.video.stream import StreamTimings
from tests.patrols.helpers import camera

CAMERAS = [
    camera("c1", "G4（京港澳高速）…K1844+650（上行）（路面）", "K1844+650"),
    camera("c2", "G4（京港澳高速）…K1844+158（粤北收费站）", "K1844+158", classify=1),
    camera("c3", "G4（京港澳高速）…K1851+200（下行）（路面）", "K1851+200", orientation=2),
    camera("c4", "G4（京港澳高速）…K1856+300（上行）（大宝山隧道）", "K1856+300", classify=3),
    camera("c5", "G4（京港澳高速）…K1859+400（武江特大桥）", "K1859+400", classify=4, online=False),
    camera(
        "c6",
        "G0423（乐广高速）…K12+300（下行）（云岩隧道）",
        "K12+300",
        road="G0423",
        road_name="乐广高速",
        road_sec="乐广段",
        classify=3,
        orientation=2,
    ),
]


class FakeClient:
    """The sharing API's two calls the UI makes, answered from memory. Its play addresses are
    those of the service's /live routes at ``base_url``: a media server's (real video
    without the platform) or nowhere."""

    def __init__(
        self, cameras: list[CameraEntry], *, fail: str = "", base_url: str = "http://sim"
    ) -> None:
        self._cameras = cameras
        self._base_url = base_url
        self.fail = fail
        self.removed: set[str] = set()  # answered as the platform does: 404
        self.asked: list[tuple[str, int]] = []

    def cameras(self) -> list[CameraEntry]:
        if self.fail:
            raise PlatformError(self.fail)
        return list(self._cameras)

    def play_address(self, camera_num: str, video_type: int) -> PlayAddress:
        self.asked.append((camera_num, video_type))
        if self.fail:
            raise PlatformError(self.fail)
        if camera_num in self.removed:
            raise PlatformError(f"摄像机 {camera_num} 不存在", code=404)
        base = f"{self._base_url}/live/{camera_num}/{video_type}"
        return PlayAddress(camera_num, video_type, flv=f"{base}.flv", hls=f"{base}/index.m3u8")


class FakeClock:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakePlayer(VideoPlayer):
    """A backend without video: records what it is asked, frames and losses on demand."""

    def __init__(self) -> None:
        super().__init__()
        self._view = QWidget()
        self.opened: list[str] = []

    @property
    def view(self) -> QWidget:
        return self._view

    def open(self, url: str) -> None:
        self.opened.append(url)
        self._opening()

    def stop(self) -> None:
        self._set_state(PlayerState.IDLE)

    def snapshot(self) -> QImage:
        return QImage()

    def show_frame(self) -> None:
        self._frame_shown()

    def lose(self, message: str) -> None:
        self._failed(message)


# Fake players never stall or time out unless a test wants them to; retries come at once.
PATIENT = StreamTimings(
    connect_timeout_ms=600_000, stall_ms=600_000, retry_first_ms=10, retry_max_ms=40
)


def text_of(widget: QWidget, name: str) -> str:
    """The text of the label named ``name`` (its objectName) inside ``widget``."""
    label = widget.findChild(QLabel, name)
    assert label is not None, f"no label {name} in {widget}"
    return label.text()


def distinct_colours(image: QImage, grid: int = 16) -> int:
    """How many different colours a grid x grid sample of ``image`` has (1 = blank)."""
    return len(
        {
            image.pixel(
                x * (image.width() - 1) // (grid - 1), y * (image.height() - 1) // (grid - 1)
            )
            for x in range(grid)
            for y in range(grid)
        }
    )
