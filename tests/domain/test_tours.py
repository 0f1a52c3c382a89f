"""Tours (W-5): pages across the wall and the pure stepping of a running tour; steps that
call a preset or run a camera's preset patrol (Z-5)."""

import pytest

from patrol_app.domain.ptz import PresetPatrolStep
from patrol_app.domain.tours import (
    NamedPresetPatrol,
    Tour,
    TourError,
    TourRun,
    TourStep,
    named_preset_patrols,
)

NIGHT = Tour(
    "夜间重点",
    (TourStep("c1", 10), TourStep("c2", 20), TourStep("c3", 15, preset=2)),
)


def test_steps_through_three_cameras_in_order_with_their_dwell() -> None:
    """W-5: each camera stays for its own dwell time, then the next; the tour wraps round.
    Time is passed in: nothing here reads a clock."""
    run = TourRun.start([step.dwell_seconds for step in NIGHT.steps], now=100.0)
    seen = [(100.0, run.index)]
    for now in (109.9, 110.0, 129.9, 130.0, 144.9, 145.0):
        run = run.advance(now)
        seen.append((now, run.index))
    assert seen == [(100.0, 0), (109.9, 0), (110.0, 1), (129.9, 1), (130.0, 2), (144.9, 2),
                    (145.0, 0)]  # fmt: skip
    assert run.due == 155.0


def test_a_late_switch_moves_one_step_with_its_whole_dwell() -> None:
    """After a long pause of the workstation no camera is skipped or shortened."""
    run = TourRun.start((10, 20, 15), now=0.0).advance(500.0)
    assert (run.index, run.due) == (1, 520.0)


def test_pause_keeps_the_dwell_left_and_resume_continues() -> None:
    run = TourRun.start((10, 20, 15), now=0.0).pause(4.0)
    assert run.paused and run.left == 6.0
    assert run.advance(1000.0) is run  # a paused tour does not move by itself
    run = run.resume(50.0)
    assert (run.index, run.due) == (0, 56.0)


def test_next_and_previous_switch_at_once_and_wrap() -> None:
    run = TourRun.start((10, 20, 15), now=0.0)
    run = run.previous(3.0)
    assert (run.index, run.due) == (2, 18.0)
    run = run.next(4.0)
    assert (run.index, run.due) == (0, 14.0)
    paused = run.pause(5.0).next(6.0)
    assert (paused.index, paused.paused, paused.left) == (1, True, 20)


def test_preload_comes_a_lead_before_the_switch() -> None:
    run = TourRun.start((10, 2), now=0.0)
    assert run.preload_at(3.0) == 7.0
    assert run.next(0.0).preload_at(3.0) == -1.0  # shorter than the lead: at once
    assert run.pause(1.0).preload_at(3.0) is None
    assert run.following == 1 and run.next(0).following == 0


def test_pages_across_the_wall_stay_for_their_longest_dwell() -> None:
    pages = NIGHT.pages(2)
    assert [[step.camera_num for step in page.steps] for page in pages] == [["c1", "c2"], ["c3"]]
    assert [page.dwell_seconds for page in pages] == [20, 15]
    assert len(NIGHT.pages(1)) == 3


def test_only_drops_cameras_no_longer_in_the_directory() -> None:
    assert [step.camera_num for step in NIGHT.only({"c1", "c3"}).steps] == ["c1", "c3"]
    with pytest.raises(TourError, match="都不在目录中"):
        NIGHT.only({"c9"})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Tour(" ", (TourStep("c1", 10),)), "名称"),
        (lambda: Tour("空", ()), "没有摄像机"),
        (lambda: TourStep("c1", 0), "停留时间"),
        (lambda: TourStep("c1", 5, preset=0), "预置位"),
        (lambda: TourStep("", 5), "摄像机编号"),
        (lambda: TourRun.start((), now=0.0), "停留时间"),
        (lambda: NIGHT.pages(0), "每页画面数"),
        (lambda: TourStep("c1", 5, preset=2, preset_patrol="收费广场"), "两者都有"),
        (lambda: TourStep("c1", 5, preset_patrol=" "), "预置位巡查名称"),
        (lambda: TourStep("c1", 5, preset_patrol="长" * 51), "预置位巡查名称"),
    ],
)
def test_invalid_tours_are_refused_in_chinese(make, message: str) -> None:
    with pytest.raises(TourError, match=message):
        make()


# The toll plaza camera c2 has three presets and one preset patrol over them (Z-5).
PLAZA_PRESETS = [(1, "收费广场"), (2, "入口车道"), (3, "出口车道")]
PLAZA = named_preset_patrols("c2", PLAZA_PRESETS, [("广场一圈", [(1, 10.0), (3, 5.0), (2, 8.0)])])[
    0
]


def test_a_tour_step_keeps_its_old_form() -> None:
    """Tours saved before preset patrols (camera, dwell, preset) load unchanged: the new
    field is last and defaults to none, positional and keyword forms are as before."""
    old = TourStep("c3", 15, 2)
    assert old == TourStep("c3", 15, preset=2) == TourStep("c3", 15, 2, None)
    assert (old.preset_patrol, old.patrol_key) == (None, None)
    assert {step.patrol_key for step in NIGHT.steps} == {None}
    assert NIGHT.with_preset_patrols({PLAZA.key: PLAZA}) == NIGHT


def test_the_stores_patrols_become_named_preset_patrols() -> None:
    assert PLAZA.name == "广场一圈" and PLAZA.key == ("c2", "广场一圈")
    assert PLAZA.steps == (
        PresetPatrolStep(1, 10.0),
        PresetPatrolStep(3, 5.0),
        PresetPatrolStep(2, 8.0),
    )
    assert PLAZA.total_seconds == 23.0
    assert (PLAZA.preset_name(3), PLAZA.preset_name(9)) == ("出口车道", "")
    broken = named_preset_patrols("c2", [], [("空", []), ("坏", [(0, 5.0)]), ("好", [(4, 1)])])
    assert [patrol.name for patrol in broken] == ["好"]  # those that cannot run are left out
    assert isinstance(broken[0], NamedPresetPatrol)


def test_a_preset_patrol_step_lasts_one_round_of_the_patrol() -> None:
    """The step's dwell is the patrol's round as stored now (23 s), not the dwell saved with
    the tour; a patrol removed since the tour was saved leaves the camera as it points for
    the saved dwell."""
    tour = Tour(
        "收费站",
        (TourStep("c1", 10), TourStep("c2", 30, preset_patrol="广场一圈"), TourStep("c3", 10)),
    )
    assert [step.patrol_key for step in tour.steps] == [None, ("c2", "广场一圈"), None]
    running = tour.with_preset_patrols({PLAZA.key: PLAZA})
    assert [step.dwell_seconds for step in running.steps] == [10, 23.0, 10]
    assert running.steps[1].preset_patrol == "广场一圈"
    gone = tour.with_preset_patrols({})
    assert gone.steps[1] == TourStep("c2", 30)
    assert [page.dwell_seconds for page in running.pages(4)] == [23.0]
