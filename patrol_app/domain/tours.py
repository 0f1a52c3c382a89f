"""Tours (轮巡, W-5): a named list of cameras, each shown for its dwell time.

A tour runs in one tile, one camera at a time, or across the wall, one page of as many
cameras as the wall has tiles at a time (``Tour.pages``). ``TourRun`` is where a running tour
is: which stop (a step, or a page) is on screen and when the next switch is due. It is pure:
the caller passes the time in (monotonic seconds) and gets a new ``TourRun`` back.

A switch that comes late (the workstation was busy or asleep) moves on by one stop, and that
stop gets its whole dwell time: every camera of the patrol list is seen for as long as the
tour says, none is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

MAX_NAME_CHARS = 100


class TourError(ValueError):
    """A tour that cannot be run; the message says why, for the operator."""


@dataclass(frozen=True)
class TourStep:
    """One camera of a tour. ``preset``: the PTZ preset to call first (Z-5), once presets
    exist; None shows the camera as it points."""

    camera_num: str
    dwell_seconds: float
    preset: int | None = None

    def __post_init__(self) -> None:
        if not self.camera_num:
            raise TourError("轮巡步骤缺少摄像机编号")
        if not self.dwell_seconds > 0:
            raise TourError(f"停留时间应大于 0 秒，收到 {self.dwell_seconds!r}")
        if self.preset is not None and self.preset < 1:
            raise TourError(f"预置位应为正整数，收到 {self.preset!r}")


@dataclass(frozen=True)
class TourPage:
    """The steps shown together across the wall; the page stays for its longest dwell."""

    steps: tuple[TourStep, ...]

    @property
    def dwell_seconds(self) -> float:
        return max(step.dwell_seconds for step in self.steps)


@dataclass(frozen=True)
class Tour:
    name: str
    steps: tuple[TourStep, ...]

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > MAX_NAME_CHARS:
            raise TourError(f"轮巡名称应为 1-{MAX_NAME_CHARS} 个字符，收到 {self.name!r}")
        if not self.steps:
            raise TourError(f"轮巡“{self.name}”没有摄像机")

    def pages(self, size: int) -> tuple[TourPage, ...]:
        """The steps in pages of ``size`` (the wall's tile count; 1 for a tour in one tile)."""
        if size < 1:
            raise TourError(f"每页画面数应为正整数，收到 {size!r}")
        return tuple(
            TourPage(self.steps[start : start + size]) for start in range(0, len(self.steps), size)
        )

    def only(self, camera_nums: set[str]) -> Tour:
        """The tour without the steps of cameras not in ``camera_nums`` (removed since it was
        saved); TourError when none is left."""
        steps = tuple(step for step in self.steps if step.camera_num in camera_nums)
        if not steps:
            raise TourError(f"轮巡“{self.name}”的摄像机都不在目录中")
        return replace(self, steps=steps)


@dataclass(frozen=True)
class TourRun:
    """A running tour's position over its stops, each with a dwell time in seconds.

    ``due`` is when the next switch is due, None while paused; ``left`` is the current
    stop's remaining dwell while paused.
    """

    dwells: tuple[float, ...]
    index: int
    due: float | None
    left: float = 0.0

    @classmethod
    def start(cls, dwells: Sequence[float], now: float) -> TourRun:
        if not dwells or min(dwells) <= 0:
            raise TourError(f"停留时间应大于 0 秒，收到 {list(dwells)!r}")
        return cls(tuple(dwells), 0, now + dwells[0])

    @property
    def paused(self) -> bool:
        return self.due is None

    @property
    def following(self) -> int:
        """The stop after this one (the tour wraps round)."""
        return (self.index + 1) % len(self.dwells)

    def advance(self, now: float) -> TourRun:
        """Move to the next stop when its switch is due; otherwise this run unchanged."""
        if self.due is None or now < self.due:
            return self
        return self._go(self.following, now)

    def next(self, now: float) -> TourRun:
        return self._go(self.following, now)

    def previous(self, now: float) -> TourRun:
        return self._go((self.index - 1) % len(self.dwells), now)

    def pause(self, now: float) -> TourRun:
        if self.due is None:
            return self
        return replace(self, due=None, left=max(0.0, self.due - now))

    def resume(self, now: float) -> TourRun:
        if self.due is not None:
            return self
        return replace(self, due=now + self.left, left=0.0)

    def preload_at(self, lead_seconds: float) -> float | None:
        """When to start connecting the following stop: ``lead_seconds`` before the switch
        (at once when the dwell is shorter); None while paused."""
        return None if self.due is None else self.due - lead_seconds

    def _go(self, index: int, now: float) -> TourRun:
        dwell = self.dwells[index]
        if self.due is None:  # paused: stays paused, with the new stop's whole dwell
            return replace(self, index=index, left=dwell)
        return replace(self, index=index, due=now + dwell)
