"""A tile's live stream (W-2, W-6): its players, play addresses, watchdogs and reconnection.

A stream plays one camera at one grade on its *current* player, whose view the tile shows.
A *spare* player connects ahead of time: to the next camera of a tour (``preload``), or to
the camera's new grade while the old one stays on screen (``switch_grade``); ``play`` then
swaps the players, so the switch shows no gap.

    IDLE --play--> CONNECTING --first frame--> PLAYING
                       |                          |
                       '-- failure, stall, timeout +--> NO_SIGNAL --backoff--> reconnect
    any state --clear--> IDLE                               ^ failure |  first frame: PLAYING
                                                            '---------'

NO_SIGNAL lasts until a reconnection shows a picture: for as long as the stream has its
camera, it asks the platform for a fresh address after a capped exponential backoff. The
reason it shows is the player's (cannot open, ended, network), a stall (no new frame for
``stall_ms``), a connection without a picture within ``connect_timeout_ms``, or the
platform's (404: the camera was removed). Stopping never blocks: players let go of their
connection at once, and answers that come back late are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.platform.sharing import PlatformError, PlayAddress, SharingClient
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState, VideoPlayer

NOT_FOUND = 404  # Appendix E business code: no such video
_STALL_CHECKS = 3  # the stall watchdog looks this many times per stall_ms

Key = tuple[str, int]  # (cameraNum, grade)


@dataclass(frozen=True)
class StreamTimings:
    """How patient a stream is, in milliseconds. The defaults meet W-6 as issue 4 words it:
    a dead picture is told within 5 s (a stall after 3-4 s, an ended stream at once) and a
    returning source plays within 5 s (retries at most 4 s apart; a connection to the
    embedded service shows its first picture in well under a second)."""

    connect_timeout_ms: int = 10_000  # address, open, first frame: the service waits 10 s too
    stall_ms: int = 3_000
    retry_first_ms: int = 500
    retry_max_ms: int = 4_000

    def retry_ms(self, attempt: int) -> int:
        """The wait before reconnection ``attempt`` (0 first): doubling, capped."""
        return min(self.retry_first_ms << min(attempt, 16), self.retry_max_ms)


DEFAULT_TIMINGS = StreamTimings()


class LiveStream(QObject):
    """Plays a camera at a grade and keeps it playing; ``changed`` says when to redraw."""

    changed = Signal()  # state, reason, camera, grade or current player changed

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        player_factory: Callable[[], VideoPlayer],
        timings: StreamTimings = DEFAULT_TIMINGS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._player_factory = player_factory
        self._timings = timings
        self._players: list[VideoPlayer] = []  # [current, spare]
        self._keys: dict[VideoPlayer, Key | None] = {}
        self._urls: dict[VideoPlayer, str] = {}
        self._requests: dict[VideoPlayer, int] = {}  # an answer for an older request is late
        self._started: dict[VideoPlayer, float] = {}  # seconds from open to first frame
        self._add_player()
        self._key: Key | None = None
        self._switch_to: Key | None = None  # a new grade, waiting for the spare's picture
        self._state = PlayerState.IDLE
        self._reason = ""
        self._attempts = 0
        self._frames_seen = 0
        self._still = 0
        self._connect_timer = QTimer(self, singleShot=True, interval=timings.connect_timeout_ms)
        self._connect_timer.timeout.connect(lambda: self._lost(self.tr("Connection timed out")))
        self._retry_timer = QTimer(self, singleShot=True)
        self._retry_timer.timeout.connect(self._reconnect)
        self._watchdog = QTimer(self, interval=max(1, timings.stall_ms // _STALL_CHECKS))
        self._watchdog.timeout.connect(self._check_stall)

    @property
    def player(self) -> VideoPlayer:
        """The current player: the one on screen."""
        return self._players[0]

    @property
    def players(self) -> tuple[VideoPlayer, ...]:
        """The current player, then the spare once there is one."""
        return tuple(self._players)

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def reason(self) -> str:
        """Why there is no signal (empty in the other states)."""
        return self._reason

    @property
    def attempts(self) -> int:
        """Reconnections since the picture was lost."""
        return self._attempts

    @property
    def url(self) -> str:
        """The address the current player plays (empty before the platform gave one)."""
        return self._urls.get(self.player, "")

    @property
    def start_seconds(self) -> float | None:
        """Measured time from open to the first picture of the current player (W-3)."""
        return self._started.get(self.player)

    def play(self, camera_num: str, grade: int) -> None:
        """Play ``camera_num`` at ``grade``; the spare takes over if it is connected to it."""
        key = (camera_num, grade)
        if key == self._key and self._state is not PlayerState.IDLE:
            return  # already on it (or reconnecting to it)
        self._key, self._switch_to, self._attempts, self._reason = key, None, 0, ""
        self._retry_timer.stop()
        self._watchdog.stop()
        if self._spare_has(key):
            self._players.reverse()
            self._release(self._players[1])
            if self.player.state is PlayerState.PLAYING:
                self._playing()
                return
        else:
            self._connect(self.player, key)
        self._connect_timer.start()
        self._set_state(PlayerState.CONNECTING)

    def preload(self, camera_num: str, grade: int) -> None:
        """Connect the spare to ``camera_num`` so that ``play`` shows it without a gap."""
        key = (camera_num, grade)
        if key != self._key and not self._spare_has(key):
            self._connect(self._spare(), key)

    def switch_grade(self, grade: int) -> None:
        """Play the camera at ``grade``; a picture on screen stays until the new one comes."""
        if self._key is None or grade == self._key[1]:
            return
        key = (self._key[0], grade)
        if self._state is PlayerState.PLAYING:
            self._switch_to = key
            self.preload(*key)
        else:
            self.play(*key)

    def retry_now(self) -> None:
        """Without a signal: reconnect at once instead of after the backoff (the platform
        answers again after an outage)."""
        if self._state is PlayerState.NO_SIGNAL and self._retry_timer.isActive():
            self._retry_timer.stop()
            self._attempts = 0
            self._reconnect()

    def drop_spare(self) -> None:
        """Let go of what the spare is connected to (a tour stopped)."""
        if len(self._players) > 1:
            self._release(self._players[1])
        self._switch_to = None

    def clear(self) -> None:
        """Stop everything; the state becomes IDLE."""
        for player in self._players:
            self._release(player)
        self._key, self._switch_to, self._attempts, self._reason = None, None, 0, ""
        for timer in (self._connect_timer, self._retry_timer, self._watchdog):
            timer.stop()
        self._set_state(PlayerState.IDLE)

    def _add_player(self) -> VideoPlayer:
        player = self._player_factory()
        player.setParent(self)
        player.first_frame.connect(lambda seconds: self._first_frame(player, seconds))
        player.error.connect(lambda message: self._failed(player, message))
        self._players.append(player)
        self._keys[player] = None
        self._requests[player] = 0
        return player

    def _spare(self) -> VideoPlayer:
        return self._players[1] if len(self._players) > 1 else self._add_player()

    def _spare_has(self, key: Key) -> bool:
        return (
            len(self._players) > 1
            and self._keys[self._players[1]] == key
            and self._players[1].state in (PlayerState.CONNECTING, PlayerState.PLAYING)
        )

    def _release(self, player: VideoPlayer) -> None:
        self._requests[player] += 1
        self._keys[player] = None
        self._urls.pop(player, None)
        self._started.pop(player, None)
        player.stop()

    def _connect(self, player: VideoPlayer, key: Key) -> None:
        """Ask the platform for the address of ``key`` (off the GUI thread), then open it."""
        self._release(player)
        self._keys[player] = key
        request = self._requests[player]
        self._runner.run(
            self._client.play_address,
            *key,
            on_done=lambda address: self._open(player, request, address),
            on_error=lambda error: self._no_address(player, request, error),
            expected=(PlatformError,),
        )

    def _open(self, player: VideoPlayer, request: int, address: PlayAddress) -> None:
        if request == self._requests[player]:
            url = address.hls if player.prefers_hls else address.flv
            self._urls[player] = url
            player.open(url)
            if player is self.player:
                self.changed.emit()  # the address is new

    def _no_address(self, player: VideoPlayer, request: int, error: PlatformError) -> None:
        if request == self._requests[player]:
            removed = error.code == NOT_FOUND
            self._failed(player, self.tr("The camera has been removed") if removed else str(error))

    def _first_frame(self, player: VideoPlayer, seconds: float) -> None:
        self._started[player] = seconds
        if player is self.player:
            self._playing()
        elif self._switch_to is not None and self._keys[player] == self._switch_to:
            self.play(*self._switch_to)

    def _failed(self, player: VideoPlayer, reason: str) -> None:
        if player is self.player:
            if self._state is not PlayerState.IDLE:
                self._lost(reason)
        else:
            key = self._keys[player]
            self._release(player)
            if key is not None and key == self._switch_to:
                self.play(*key)  # the new grade failed on the spare: connect it on screen

    def _playing(self) -> None:
        self._connect_timer.stop()
        self._attempts, self._reason = 0, ""
        self._frames_seen, self._still = self.player.frames, 0
        self._watchdog.start()
        self._set_state(PlayerState.PLAYING)

    def _lost(self, reason: str) -> None:
        self._release(self.player)
        self._connect_timer.stop()
        self._watchdog.stop()
        self._reason = reason
        self._retry_timer.start(self._timings.retry_ms(self._attempts))
        self._attempts += 1
        self._set_state(PlayerState.NO_SIGNAL)

    def _reconnect(self) -> None:
        if self._key is not None:
            self._connect(self.player, self._key)
            self._connect_timer.start()

    def _check_stall(self) -> None:
        frames = self.player.frames
        if frames != self._frames_seen:
            self._frames_seen, self._still = frames, 0
            return
        self._still += 1
        if self._still >= _STALL_CHECKS:
            self._lost(self.tr("The picture stalled"))

    def _set_state(self, state: PlayerState) -> None:
        self._state = state
        self.changed.emit()
