"""Tours (轮巡, W-5): a named list of cameras, each shown for its dwell time.

A tour runs in one tile, one camera at a time, or across the wall, one page of as many
cameras as the wall has tiles at a time (``Tour.pages``). ``TourRun`` is where a running tour
is: which stop (a step, or a page) is on screen and when the next switch is due. It is pure:
the caller passes the time in (monotonic seconds) and gets a new ``TourRun`` back.

A switch that comes late (the workstation was busy or asleep) moves on by one stop, and that
stop gets its whole dwell time: every camera of the patrol list is seen for as long as the
tour says, none is skipped.

A step may call one PTZ preset of its camera first, or run one of the camera's preset patrols
(Z-5, 12.3.3b) for as long as the step lasts: the patrol's whole round, ``with_preset_patrols``
sets the step's dwell to it. The patrols themselves are camera configuration (the presets
store); ``named_preset_patrols`` turns what the store holds into ``NamedPresetPatrol``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from patrol_app.domain.ptz import PresetError, PresetPatrol, PresetPatrolStep

MAX_NAME_CHARS = 100
MAX_PRESET_PATROL_CHARS = 50  # as the presets store keeps a preset patrol's name

# (camera number, preset patrol name): how a tour step names a camera's preset patrol.
PatrolKey = tuple[str, str]


class TourError(ValueError):
    """A tour that cannot be run; the message says why, for the operator."""


@dataclass(frozen=True)
class TourStep:
    """One camera of a tour. ``preset``: the PTZ preset to call at the step's start (Z-5);
    ``preset_patrol``: the name of one of the camera's preset patrols to run during the step
    instead (its dwell is then the patrol's round, see ``Tour.with_preset_patrols``). Neither:
    the camera as it points. A step has one or the other, never both."""

    camera_num: str
    dwell_seconds: float
    preset: int | None = None
    preset_patrol: str | None = None

    def __post_init__(self) -> None:
        if not self.camera_num:
            raise TourError("轮巡步骤缺少摄像机编号")
        if not self.dwell_seconds > 0:
            raise TourError(f"停留时间应大于 0 秒，收到 {self.dwell_seconds!r}")
        if self.preset is not None and self.preset < 1:
            raise TourError(f"预置位应为正整数，收到 {self.preset!r}")
        if self.preset_patrol is not None:
            if self.preset is not None:
                raise TourError("轮巡步骤只能调用一个预置位或运行一个预置位巡查，不能两者都有")
            name = self.preset_patrol
            if not name.strip() or len(name) > MAX_PRESET_PATROL_CHARS:
                raise TourError(
                    f"预置位巡查名称应为 1-{MAX_PRESET_PATROL_CHARS} 个字符，收到 {name!r}"
                )

    @property
    def patrol_key(self) -> PatrolKey | None:
        """(camera, preset patrol name) when the step runs a preset patrol."""
        return None if self.preset_patrol is None else (self.camera_num, self.preset_patrol)


@dataclass(frozen=True)
class NamedPresetPatrol:
    """A camera's preset patrol as tours and rounds run it: its ``name``, its steps
    (``patrol``), and the names of the camera's presets for the operator's label."""

    name: str
    patrol: PresetPatrol
    preset_names: tuple[tuple[int, str], ...] = ()

    @property
    def camera_num(self) -> str:
        return self.patrol.camera_num

    @property
    def key(self) -> PatrolKey:
        return (self.patrol.camera_num, self.name)

    @property
    def steps(self) -> tuple[PresetPatrolStep, ...]:
        return self.patrol.steps

    @property
    def total_seconds(self) -> float:
        """One round of the patrol: every preset for its dwell."""
        return sum(step.dwell_seconds for step in self.patrol.steps)

    def preset_name(self, number: int) -> str:
        """The preset's name, "" when the camera has no preset of that number stored."""
        return dict(self.preset_names).get(number, "")


def named_preset_patrols(
    camera_num: str,
    presets: Iterable[tuple[int, str]],
    patrols: Iterable[tuple[str, Sequence[tuple[int, float]]]],
) -> list[NamedPresetPatrol]:
    """The camera's preset patrols from what the presets store holds: ``presets`` as
    (number, name), ``patrols`` as (name, [(preset, dwell seconds), ...]), in their order. A
    patrol that cannot run (no steps, a preset number or a dwell out of range) is left out."""
    names = tuple(presets)
    named = []
    for name, steps in patrols:
        try:
            patrol = PresetPatrol(
                camera_num,
                tuple(PresetPatrolStep(preset, dwell) for preset, dwell in steps),
            )
        except PresetError:
            continue
        named.append(NamedPresetPatrol(name, patrol, names))
    return named


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

    def with_preset_patrols(self, patrols: Mapping[PatrolKey, NamedPresetPatrol]) -> Tour:
        """The tour as it runs now: a step's preset patrol lasts one round of the patrol as
        it is stored now, so the step's dwell becomes that round. A step whose patrol is gone
        (removed or renamed since the tour was saved) shows its camera as it points for the
        dwell the tour saved."""
        steps = []
        for step in self.steps:
            key = step.patrol_key
            if key is not None:
                patrol = patrols.get(key)
                if patrol is None:
                    step = replace(step, preset_patrol=None)
                else:
                    step = replace(step, dwell_seconds=patrol.total_seconds)
            steps.append(step)
        return replace(self, steps=tuple(steps))


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
