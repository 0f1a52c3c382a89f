"""The libvlc backend of the tile's player (W-1, W-3, W-6; issue 4 item 6), via python-vlc.

One libvlc instance serves every tile; each ``open`` gets a fresh libvlc media player, and
``stop`` hands the old one to a worker thread that stops and releases it, because
``libvlc_media_player_stop`` joins the input thread and can block for seconds on a stalled
network read. The GUI thread never waits on libvlc.

Two outputs:

- ``VlcOutput.WINDOW``: libvlc draws into a native child window (X11 ``set_xwindow``,
  Windows ``set_hwnd``, macOS ``set_nsobject``). On Debian this needs the xcb/GL video
  outputs of ``vlc-plugin-video-output``. libvlc has no per-frame callback here: the first
  frame is the ``MediaPlayerVout`` event (the video output is created for the first decoded
  picture, within a frame of showing it) and ``frames`` follows libvlc's
  ``displayed_pictures`` statistic, which libvlc updates every 250 ms.
- ``VlcOutput.MEMORY``: libvlc renders RV32 pictures into a buffer of ours through the
  ``libvlc_video_set_callbacks`` memory sink, and the view paints the latest one (the
  offscreen platform, Wayland, and anywhere the native outputs are missing). Every display
  callback is one frame.

libvlc calls its event and video callbacks on its own threads: they only emit a Qt signal
(STYLE habit 4); the state machine runs in the slot, on the GUI thread.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import Enum, IntEnum
from pathlib import Path
from typing import Any

import vlc
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from patrol_app.ui.video.player import PlayerState, VideoPlayer

log = logging.getLogger(__name__)

# Live, low latency, video only. network-caching is libvlc's jitter buffer for network
# inputs (default 1000 ms); it does not shorten the avformat probe that dominates a
# video-only HTTP-FLV start (docs/VLC.md). Hardware decoding is off: tiles are small, and
# probing VA-API/VDPAU on every open costs time on machines without a GPU.
INSTANCE_OPTIONS = (
    "--quiet",
    "--no-audio",
    "--no-xlib",  # libvlc must not use Xlib inside a Qt process (no XInitThreads)
    "--network-caching=300",
    "--live-caching=300",
    "--clock-jitter=0",
    "--clock-synchro=0",
    "--avcodec-hw=none",
    "--no-video-title-show",
    "--no-snapshot-preview",
    "--no-osd",
    "--no-spu",
)

_RV32_BYTES = 4  # B, G, R, X in memory: QImage.Format_RGB32 on little-endian machines


class VlcOutput(Enum):
    WINDOW = "window"  # libvlc draws into a native child window
    MEMORY = "memory"  # libvlc renders into our buffer; the view paints it


class _Event(IntEnum):
    FRAME = 1  # memory sink: a picture was displayed
    VOUT = 2  # window: the video output was created (first picture)
    ERROR = 3
    END = 4


def default_output() -> VlcOutput:
    """A native window where libvlc can draw into one, else the memory sink."""
    native = {"xcb", "windows", "cocoa"}
    return VlcOutput.WINDOW if QGuiApplication.platformName() in native else VlcOutput.MEMORY


# --- Process-wide libvlc state, created lazily on first use ---------------------------------

_instance: vlc.Instance | None = None
_releaser: ThreadPoolExecutor | None = None
_ledger_lock = threading.Lock()
_created = 0
_released = 0


def shared_instance() -> vlc.Instance:
    """The one libvlc instance of the process (loading libvlc's plugins takes ~0.1 s)."""
    global _instance
    if _instance is None:
        _instance = vlc.Instance(list(INSTANCE_OPTIONS))
        if _instance is None:
            raise RuntimeError("libvlc could not be initialised (is libvlc installed?)")
    return _instance


def live_media_players() -> int:
    """libvlc media players created by this module and not yet released."""
    with _ledger_lock:
        return _created - _released


def wait_released(timeout: float | None = None) -> bool:
    """Wait until every stopped player is released (at exit, in tests); True if all were."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while live_media_players() > _active_sessions():
        if deadline is not None and time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _active_sessions() -> int:
    return sum(1 for player in _players.values() if player() is not None)


def _release_later(session: _Session) -> None:
    global _releaser
    if _releaser is None:
        _releaser = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vlc-release")
    _releaser.submit(session.release)


class _Events(QObject):
    """Carries libvlc's callbacks to the GUI thread: (session id, _Event)."""

    happened = Signal(int, int)


_events: _Events | None = None
_players: dict[int, weakref.ref[VlcPlayer]] = {}  # session id -> its player
_session_ids = itertools.count(1)


def _event_bridge() -> _Events:
    global _events
    if _events is None:
        _events = _Events(QCoreApplication.instance())  # lives as long as the application
        _events.happened.connect(_dispatch)
    return _events


def _dispatch(session_id: int, event: int) -> None:
    reference = _players.get(session_id)
    player = reference() if reference else None
    if player is not None and isValid(player):  # else a late event of a stopped session
        player._on_event(_Event(event))


# --- The memory sink ------------------------------------------------------------------------


class _FrameBuffer:
    """libvlc's memory sink: one RV32 picture buffer, read under a lock.

    The lock is held from libvlc's lock callback to its unlock callback (while libvlc writes
    a picture) and while the GUI reads, so a snapshot or a paint never sees half a picture.
    """

    def __init__(self, on_display: Callable[[], None]) -> None:
        self._on_display = on_display
        self._lock = threading.Lock()
        self._buffer: ctypes.Array[ctypes.c_char] | None = None
        self.width = self.height = self.pitch = 0  # of the picture libvlc renders
        self.visible: tuple[int, int] | None = None  # the stream's size, once known
        # Kept referenced for as long as libvlc may call them (freed thunks crash).
        self.callbacks = (
            _FormatCb(self._format),
            vlc.CallbackDecorators.VideoCleanupCb(self._cleanup),
            vlc.CallbackDecorators.VideoLockCb(self._lock_picture),
            vlc.CallbackDecorators.VideoUnlockCb(self._unlock_picture),
            vlc.CallbackDecorators.VideoDisplayCb(self._display),
        )

    def attach(self, player: vlc.MediaPlayer) -> None:
        fmt, cleanup, lock, unlock, display = self.callbacks
        player.video_set_callbacks(lock, unlock, display, None)
        player.video_set_format_callbacks(
            ctypes.cast(fmt, vlc.CallbackDecorators.VideoFormatCb), cleanup
        )

    def _format(self, _opaque: Any, chroma: int, width: Any, height: Any, pitches: Any,
                lines: Any) -> int:  # fmt: skip
        ctypes.memmove(chroma, b"RV32", 4)  # whatever the decoder gives, libvlc converts
        w, h = width[0], height[0]
        pitch = (w * _RV32_BYTES + 31) // 32 * 32
        rows = (h + 31) // 32 * 32
        with self._lock:
            self._buffer = ctypes.create_string_buffer(pitch * rows)
            self.width, self.height, self.pitch = w, h, pitch
            self.visible = None  # the GUI thread asks libvlc again (VlcPlayer._progress)
        pitches[0], lines[0] = pitch, rows
        return 1

    def _cleanup(self, _opaque: Any) -> None:
        pass  # the buffer stays for a snapshot after the stream ended

    def _lock_picture(self, _opaque: Any, planes: Any) -> None:
        self._lock.acquire()
        planes[0] = ctypes.addressof(self._buffer) if self._buffer is not None else None

    def _unlock_picture(self, _opaque: Any, _picture: Any, _planes: Any) -> None:
        self._lock.release()

    def _display(self, _opaque: Any, _picture: Any) -> None:
        self._on_display()

    def _picture(self) -> QImage | None:
        """The buffer as an image, without a copy: use it under the lock only."""
        if self._buffer is None:
            return None
        # libvlc may render a few more rows than the stream has (290 for 288): crop them.
        width, height = self.visible or (self.width, self.height)
        width, height = min(width, self.width), min(height, self.height)
        pixels = memoryview(self._buffer).cast("B")[: self.pitch * height]
        return QImage(pixels, width, height, self.pitch, QImage.Format.Format_RGB32)

    def image(self) -> QImage:
        """A copy of the latest picture; a null image before the first."""
        with self._lock:
            image = self._picture()
            return QImage() if image is None else image.copy()

    def paint(self, painter: QPainter, target: QWidget) -> None:
        with self._lock:
            image = self._picture()
            if image is None:
                return
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            corner = QPoint(
                (target.width() - size.width()) // 2, (target.height() - size.height()) // 2
            )
            painter.drawImage(QRect(corner, size), image)


# python-vlc declares the chroma argument as c_char_p, which ctypes turns into an immutable
# bytes object; libvlc expects the callback to write the chosen chroma there.
_FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.c_void_p,
    *[ctypes.POINTER(ctypes.c_uint)] * 4,
)


class _MemoryView(QWidget):
    """Paints the memory sink's latest picture, letterboxed on black."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: _FrameBuffer | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.frames is not None:
            self.frames.paint(painter, self)


class _NativeView(QWidget):
    """A native child window for libvlc to draw into."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setStyleSheet("background: black;")
        self.setAutoFillBackground(True)


# --- One open stream ------------------------------------------------------------------------


class _Session:
    """One ``open``: the libvlc media and media player and what libvlc calls back into."""

    _WATCHED = (
        (vlc.EventType.MediaPlayerVout, _Event.VOUT),
        (vlc.EventType.MediaPlayerEncounteredError, _Event.ERROR),
        (vlc.EventType.MediaPlayerEndReached, _Event.END),
    )

    def __init__(self, url: str, output: VlcOutput, view: QWidget) -> None:
        global _created
        self.id = next(_session_ids)
        self._bridge = _event_bridge()  # made here, on the GUI thread, before any callback
        self.frames: _FrameBuffer | None = None
        self.shown = 0  # window output: pictures displayed so far (libvlc's statistic)
        self._stats = vlc.MediaStats()
        instance = shared_instance()
        self.media = instance.media_new(url)
        self.player = instance.media_player_new()
        with _ledger_lock:
            _created += 1
        self.player.set_media(self.media)
        self.player.video_set_mouse_input(False)  # clicks and drops go to Qt
        self.player.video_set_key_input(False)
        if output is VlcOutput.MEMORY:
            self.frames = _FrameBuffer(self._emit_frame)
            self.frames.attach(self.player)
        else:
            _set_window(self.player, int(view.winId()))
        # Keep the wrapper: python-vlc keeps the C callback thunk on it.
        self._manager = self.player.event_manager()
        for kind, event in self._WATCHED:
            self._manager.event_attach(kind, self._emit_event, event)

    # Called on libvlc's threads: emit, nothing else.
    def _emit_event(self, _event: vlc.Event, event: _Event) -> None:
        self._bridge.happened.emit(self.id, event)

    def _emit_frame(self) -> None:
        self._bridge.happened.emit(self.id, _Event.FRAME)

    def play(self) -> None:
        self.player.play()

    def displayed(self) -> int:
        """Pictures libvlc has displayed (window output; updated every 250 ms)."""
        if self.media.get_stats(self._stats):
            self.shown = max(self.shown, self._stats.displayed_pictures)
        return self.shown

    def detach(self) -> None:
        """No more events (GUI thread; libvlc holds its event lock only while emitting)."""
        for kind, _ in self._WATCHED:
            self._manager.event_detach(kind)

    def release(self) -> None:
        """Stop and release (a worker thread: stop joins libvlc's input thread)."""
        global _released
        try:
            self.player.stop()
            self.player.release()
            self.media.release()
        except Exception:
            log.exception("releasing a libvlc player failed")
        finally:
            with _ledger_lock:
                _released += 1


def _set_window(player: vlc.MediaPlayer, handle: int) -> None:
    if sys.platform == "win32":
        player.set_hwnd(handle)
    elif sys.platform == "darwin":
        player.set_nsobject(handle)
    else:
        player.set_xwindow(handle)


# --- The player -----------------------------------------------------------------------------


class VlcPlayer(VideoPlayer):
    """libvlc playing into a native window or a memory sink (see the module docstring).

    ``timeout_ms``: no first picture, or no new picture while playing, for this long is a
    lost stream (libvlc itself waits forever on a server that accepts and never answers).
    It is longer than Qt's because VLC 3 needs ~5 s to start a video-only HTTP-FLV stream.
    """

    CHECK_MS = 250
    prefers_hls = True  # docs/VLC.md: video-only HTTP-FLV takes ~5 s to start on VLC 3

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        output: VlcOutput | None = None,
        timeout_ms: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, clock=clock)
        self._output = output or default_output()
        self._view: QWidget = _MemoryView() if self._output is VlcOutput.MEMORY else _NativeView()
        self._timeout = timeout_ms / 1000
        self._session: _Session | None = None
        self._last_progress = 0.0
        self._check = QTimer(self)
        self._check.setInterval(self.CHECK_MS)
        self._check.timeout.connect(self._on_check)

    @property
    def output(self) -> VlcOutput:
        return self._output

    @property
    def view(self) -> QWidget:
        return self._view

    def open(self, url: str) -> None:
        self._end_session()
        session = self._session = _Session(url, self._output, self._view)
        _players[session.id] = weakref.ref(self)
        if isinstance(self._view, _MemoryView):
            self._view.frames = session.frames
        self._opening()
        self._last_progress = self._clock()
        self._check.start()
        session.play()

    def stop(self) -> None:
        self._end_session()
        self._set_state(PlayerState.IDLE)

    def snapshot(self) -> QImage:
        session = self._session
        if session is None or self.frames == 0:
            return QImage()
        if session.frames is not None:
            return session.frames.image()
        # The native window cannot be grabbed by Qt: ask libvlc for a file (it waits for the
        # next picture, at most a few hundred milliseconds).
        with tempfile.TemporaryDirectory(prefix="patrol-vlc-") as folder:
            path = Path(folder) / "snapshot.png"
            if session.player.video_take_snapshot(0, str(path), 0, 0) != 0:
                return QImage()
            return QImage(str(path))

    def _end_session(self) -> None:
        session, self._session = self._session, None
        self._check.stop()
        if session is not None:
            _players.pop(session.id, None)
            session.detach()
            _release_later(session)
        if isinstance(self._view, _MemoryView):
            self._view.frames = None  # black until the next stream's first picture
            self._view.update()

    def _on_event(self, event: _Event) -> None:
        if event is _Event.FRAME:
            self._progress()
            self._view.update()
        elif event is _Event.VOUT:
            if self._frames == 0:
                self._progress()
        elif event is _Event.ERROR:
            self._lose(self.tr("The stream cannot be opened or read"))
        elif event is _Event.END:
            self._lose(self.tr("The stream ended"))

    def _progress(self, pictures: int = 1) -> None:
        session = self._session
        if session is not None and session.frames is not None and session.frames.visible is None:
            # libvlc knows the stream's size a picture or two after the first, and may
            # render a few more rows than that; not on its callback thread (not reentrant).
            width, height = session.player.video_get_size(0)
            session.frames.visible = (width, height) if width and height else None
        self._last_progress = self._clock()
        for _ in range(pictures):
            self._frame_shown()

    def _on_check(self) -> None:
        session = self._session
        if session is None:
            return
        if session.frames is None:  # window: follow libvlc's statistic
            new = session.displayed() - self._frames
            if new > 0:
                self._progress(new)
        if self._clock() - self._last_progress > self._timeout:
            if self._state is PlayerState.CONNECTING:
                self._lose(self.tr("No picture from the stream"))
            else:
                self._lose(self.tr("The stream stalled"))

    def _lose(self, message: str) -> None:
        self._failed(message)
        self._end_session()  # else libvlc keeps a dead input open
