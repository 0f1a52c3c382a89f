"""The player interface of a wall tile and its Qt Multimedia backend (W-1, W-3, W-6).

``VideoPlayer`` is what a tile sees: ``open``/``stop``, a ``view`` widget to put on screen,
the current picture, and three signals. A backend reports frames and failures through the
protected helpers, which keep the state machine in one place:

    IDLE --open--> CONNECTING --first frame--> PLAYING --end/failure--> NO_SIGNAL
      ^-------------------------- stop (any state) ---------------------------'
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaPlayer, QPlaybackOptions, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class PlayerState(Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    PLAYING = "playing"
    NO_SIGNAL = "no_signal"  # the stream could not be opened, failed or ended


class VideoPlayer(QObject):
    """One stream on one view. Backends implement ``view``, ``open``, ``stop``, ``snapshot``."""

    state_changed = Signal(PlayerState)
    first_frame = Signal(float)  # seconds from open() to the first frame on the view
    error = Signal(str)

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._state = PlayerState.IDLE
        self._frames = 0
        self._opened_at = 0.0

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def frames(self) -> int:
        """Frames delivered to the view since the last ``open``."""
        return self._frames

    @property
    def view(self) -> QWidget:
        """The widget showing the video; the owner puts it in a layout."""
        raise NotImplementedError

    def open(self, url: str) -> None:
        """Start playing ``url`` (HTTP-FLV or HLS), replacing whatever played before."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop and release the stream without blocking the GUI; the state becomes IDLE."""
        raise NotImplementedError

    def snapshot(self) -> QImage:
        """The picture on the view now; a null image before the first frame."""
        raise NotImplementedError

    def _opening(self) -> None:
        self._frames = 0
        self._opened_at = self._clock()
        self._set_state(PlayerState.CONNECTING)

    def _frame_shown(self) -> None:
        if self._state not in (PlayerState.CONNECTING, PlayerState.PLAYING):
            return  # a late frame of a stream already stopped or failed
        self._frames += 1
        if self._frames == 1:
            self._set_state(PlayerState.PLAYING)
            self.first_frame.emit(self._clock() - self._opened_at)

    def _failed(self, message: str) -> None:
        if self._state in (PlayerState.CONNECTING, PlayerState.PLAYING):
            self._set_state(PlayerState.NO_SIGNAL)
            self.error.emit(message)

    def _set_state(self, state: PlayerState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state)


class QtMultimediaPlayer(VideoPlayer):
    """QMediaPlayer (Qt's FFmpeg backend) drawing into a QVideoWidget.

    The FFmpeg probe is cut to 4 KiB: the wall's streams are video-only H.264 whose FLV
    header says all there is to know, and the default probe reads 5 s of a live stream before
    the first picture (0.09 s with 4 KiB, measured). The LowLatencyStreaming intent of Qt
    6.10+ is deliberately not used: with it Qt 6.11 drops frames up to the second keyframe,
    so the first picture comes one GOP (1.2 s at GOP 30) later, against W-3's 1 s.
    """

    PROBE_BYTES = 4096

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        network_timeout_ms: int = 5000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, clock=clock)
        self._view = QVideoWidget()
        self._player = QMediaPlayer(self)
        options = QPlaybackOptions()
        options.setProbeSize(self.PROBE_BYTES)
        # Also bounds a stalled stream: a read that times out ends in errorOccurred.
        options.setNetworkTimeout(network_timeout_ms)
        self._player.setPlaybackOptions(options)
        self._player.setVideoOutput(self._view)
        self._view.videoSink().videoFrameChanged.connect(self._on_frame)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_status)

    @property
    def view(self) -> QVideoWidget:
        return self._view

    def open(self, url: str) -> None:
        self._player.setSource(QUrl(url))
        self._opening()
        self._player.play()

    def stop(self) -> None:
        # QMediaPlayer.stop() would leave a pending connect running; clearing the source
        # interrupts it (tens of milliseconds) and releases the decoder.
        self._player.setSource(QUrl())
        self._set_state(PlayerState.IDLE)

    def snapshot(self) -> QImage:
        return self._view.videoSink().videoFrame().toImage()

    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():  # the sink is sent an empty frame when the source is cleared
            self._frame_shown()

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        # Qt's messages ("Demuxing failed") are English and technical: log them, and tell
        # the operator what kind of failure it is.
        source = self._player.source().toString().partition("?")[0]  # a token may be there
        log.warning("stream %s failed: %s (%s)", source, message, error.name)
        texts = {
            QMediaPlayer.Error.ResourceError: self.tr("The stream cannot be opened or read"),
            QMediaPlayer.Error.NetworkError: self.tr("Network error"),
            QMediaPlayer.Error.FormatError: self.tr("Unsupported stream format"),
        }
        self._lost(texts.get(error, message))

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status is QMediaPlayer.MediaStatus.EndOfMedia:
            self._lost(self.tr("The stream ended"))

    def _lost(self, message: str) -> None:
        self._failed(message)
        self._player.setSource(QUrl())  # else FFmpeg keeps retrying a stalled read
