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
from PySide6.QtWidgets import QStackedWidget, QWidget

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

    # Whether the backend is better served by the HLS address than by the HTTP-FLV one:
    # libvlc 3 starts the service's HLS in 0.1-0.5 s and its video-only FLV in ~5 s.
    prefers_hls = False

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


class FallbackPlayer(VideoPlayer):
    """The primary backend, and once per ``open`` the fallback for what the primary cannot open.

    The rule: when the primary fails before its first frame, the same URL goes to the
    fallback (created on first need), and this player stays CONNECTING meanwhile. Qt's
    FFmpeg backend reports a stream it cannot demux and a refused connection alike
    (ResourceError), so a failed open is the only signal there is; a dead server costs a
    second, quick failure. A failure after the first frame is reported as it is: the
    wall reconnects, and the next ``open`` starts with the primary again.
    """

    def __init__(
        self,
        primary: VideoPlayer,
        fallback_factory: Callable[[], VideoPlayer],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, clock=clock)
        self._fallback_factory = fallback_factory
        self._fallback: VideoPlayer | None = None
        self._stack = QStackedWidget()
        self._url = ""
        self._adopt(primary)
        self._primary = self._active = primary

    @property
    def active(self) -> VideoPlayer:
        """The backend playing now."""
        return self._active

    @property
    def frames(self) -> int:
        return self._active.frames

    @property
    def view(self) -> QWidget:
        return self._stack

    def open(self, url: str) -> None:
        self._stop_backends()
        self._url = url
        self._show(self._primary)
        self._opening()
        self._primary.open(url)

    def stop(self) -> None:
        self._stop_backends()
        self._set_state(PlayerState.IDLE)

    def snapshot(self) -> QImage:
        return self._active.snapshot()

    def _adopt(self, backend: VideoPlayer) -> None:
        backend.setParent(self)
        self._stack.addWidget(backend.view)
        backend.state_changed.connect(lambda state: self._backend_state(backend, state))
        backend.error.connect(lambda message: self._backend_error(backend, message))

    def _show(self, backend: VideoPlayer) -> None:
        self._active = backend
        self._stack.setCurrentWidget(backend.view)

    def _stop_backends(self) -> None:
        for backend in (self._primary, self._fallback):
            if backend is not None and backend.state is not PlayerState.IDLE:
                backend.stop()

    def _backend_state(self, backend: VideoPlayer, state: PlayerState) -> None:
        if backend is not self._active or state in (PlayerState.IDLE, PlayerState.CONNECTING):
            return
        if state is PlayerState.PLAYING:
            self._frame_shown()  # first_frame counts from this player's open
        # NO_SIGNAL: the error signal that follows says why (and may start the fallback).

    def _backend_error(self, backend: VideoPlayer, message: str) -> None:
        if backend is not self._active:
            return
        if backend is self._primary and self._state is PlayerState.CONNECTING:
            fallback = self._fallback_player()
            if fallback is not None:
                log.info("the primary backend cannot open the stream; trying the fallback")
                backend.stop()
                self._show(fallback)
                fallback.open(self._url)
                return
        self._failed(message)

    def _fallback_player(self) -> VideoPlayer | None:
        if self._fallback is None:
            try:
                self._fallback = self._fallback_factory()
            except Exception:  # libvlc missing or broken: the primary's failure stands
                log.exception("the fallback player cannot be created")
                return None
            self._adopt(self._fallback)
        return self._fallback
