"""PTZ (Z-1, Z-4, Z-5; E 5.3): actions, request validation, control priority, preset patrols."""

import pytest

from patrol_app.domain.config_json import json_shown
from patrol_app.domain.ptz import (
    MAX_STEP,
    MIN_STEP,
    Controller,
    ControlLevel,
    DecisionKind,
    Preset,
    PresetError,
    PresetPatrol,
    PresetPatrolRun,
    PresetPatrolStep,
    PtzAction,
    PtzCommand,
    PtzFieldError,
    PtzSessions,
    ptz_command_from_e53,
    ptz_move_from_json,
)

# The E 5.3 demo body, without the trailing comma the spec puts after it.
DEMO = {"cameraNum": "baee05a7-166a-48f8-9a57-3754c1a7ac65", "action": 1, "step": 5}
CAM = DEMO["cameraNum"]

SUPERVISOR = Controller("张三", ControlLevel.SECTION_SUPERVISOR, "workstation")
OPERATOR = Controller("李四", ControlLevel.SECTION_OPERATOR, "workstation")
OPERATOR_2 = Controller("王五", ControlLevel.SECTION_OPERATOR, "workstation")
PROVINCE = Controller("省平台", ControlLevel.PROVINCE, "platform")


def body(**fields: object) -> dict[str, object]:
    return {**DEMO, **fields}


def field_error(obj: object) -> PtzFieldError:
    with pytest.raises(PtzFieldError) as caught:
        ptz_command_from_e53(obj)
    return caught.value


# --- Actions and E 5.3 request bodies ---------------------------------------------------------


def test_actions_are_numbered_and_named_as_e53() -> None:
    assert [(int(action), action.label) for action in PtzAction] == [
        (1, "向左"), (2, "向右"), (3, "向上"), (4, "向下"), (5, "变倍短"), (6, "变倍长"),
        (7, "聚焦近"), (8, "聚焦远"), (9, "光圈小"), (10, "光圈大"), (11, "灯光关"),
        (12, "灯光开"),
    ]  # fmt: skip
    assert (MIN_STEP, MAX_STEP) == (1, 8)


def test_action_kinds() -> None:
    kinds = {
        "movement": [a for a in PtzAction if a.is_movement],
        "pan": [a for a in PtzAction if a.is_pan],
        "tilt": [a for a in PtzAction if a.is_tilt],
        "zoom": [a for a in PtzAction if a.is_zoom],
        "focus": [a for a in PtzAction if a.is_focus],
        "iris": [a for a in PtzAction if a.is_iris],
        "light": [a for a in PtzAction if a.is_light],
        "step": [a for a in PtzAction if a.needs_step],
    }
    assert {kind: [int(a) for a in actions] for kind, actions in kinds.items()} == {
        "movement": [1, 2, 3, 4],
        "pan": [1, 2],
        "tilt": [3, 4],
        "zoom": [5, 6],
        "focus": [7, 8],
        "iris": [9, 10],
        "light": [11, 12],
        "step": [1, 2, 3, 4, 5, 6],
    }


def test_the_e53_demo_is_valid() -> None:
    command = ptz_command_from_e53(DEMO)
    assert command == PtzCommand(CAM, PtzAction.LEFT, 5)
    assert command.action is PtzAction.LEFT


@pytest.mark.parametrize("number", range(1, 13))
def test_every_action_number_is_accepted(number: int) -> None:
    assert ptz_command_from_e53(body(action=number)).action == PtzAction(number)


@pytest.mark.parametrize("step", [1, 8])
def test_step_boundaries_accepted(step: int) -> None:
    assert ptz_command_from_e53(body(step=step)).step == step


@pytest.mark.parametrize("step", [0, 9, -1])
def test_step_out_of_range_is_refused_with_the_allowed_values(step: int) -> None:
    error = field_error(body(step=step))
    assert error.field == "step"
    assert "1-8" in error.message and f"收到 {step}" in error.message


@pytest.mark.parametrize("action", [0, 13, -1])
def test_action_out_of_range_is_refused_with_the_allowed_values(action: int) -> None:
    error = field_error(body(action=action))
    assert error.field == "action"
    assert "1 向左" in error.message and "12 灯光开" in error.message
    assert f"收到 {action}" in error.message


def test_integral_floats_and_digit_strings_are_numbers() -> None:
    assert ptz_command_from_e53(body(action=2.0, step="7")) == PtzCommand(CAM, PtzAction.RIGHT, 7)
    assert ptz_command_from_e53(body(action=" 12 ", step=8.0)).action is PtzAction.LIGHT_ON


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("action", True),
        ("action", 1.5),
        ("action", "left"),
        ("action", "-1"),
        ("action", [1]),
        ("step", False),
        ("step", 2.5),
        ("step", "five"),
        ("step", {}),
        ("cameraNum", 123),
        ("cameraNum", ["x"]),
    ],
)
def test_wrong_types_name_the_field(field: str, value: object) -> None:
    assert field_error(body(**{field: value})).field == field


@pytest.mark.parametrize("field", ["cameraNum", "action"])
def test_missing_or_null_required_fields(field: str) -> None:
    missing = {key: value for key, value in DEMO.items() if key != field}
    for obj in (missing, body(**{field: None})):
        error = field_error(obj)
        assert error.field == field and "必填" in error.message


@pytest.mark.parametrize("camera_num", ["", "   "])
def test_blank_camera_num_is_refused(camera_num: str) -> None:
    assert field_error(body(cameraNum=camera_num)).field == "cameraNum"


@pytest.mark.parametrize("action", range(1, 7))
def test_step_is_required_for_pan_tilt_and_zoom(action: int) -> None:
    error = field_error({"cameraNum": CAM, "action": action})
    assert error.field == "step"
    assert "必填" in error.message and PtzAction(action).label in error.message


@pytest.mark.parametrize("action", range(7, 13))
def test_step_defaults_to_1_for_focus_iris_and_light(action: int) -> None:
    assert ptz_command_from_e53({"cameraNum": CAM, "action": action}).step == 1
    assert ptz_command_from_e53({"cameraNum": CAM, "action": action, "step": None}).step == 1
    assert field_error({"cameraNum": CAM, "action": action, "step": 9}).field == "step"


@pytest.mark.parametrize("obj", [[DEMO], "text", None, 5])
def test_a_body_that_is_no_object(obj: object) -> None:
    error = field_error(obj)
    assert error.field == "" and "JSON 对象" in error.message


def test_camera_num_is_trimmed_and_unknown_keys_ignored() -> None:
    command = ptz_command_from_e53(body(cameraNum=f" {CAM} ", speed=3))
    assert command.camera_num == CAM


def test_a_command_built_in_code_is_checked_too() -> None:
    with pytest.raises(PtzFieldError) as caught:
        PtzCommand(CAM, PtzAction.UP, 9)
    assert caught.value.field == "step"
    with pytest.raises(PtzFieldError):
        PtzCommand("", PtzAction.UP, 1)
    for action, tilt in ((PtzAction.UP, PtzAction.DOWN), (PtzAction.LEFT, PtzAction.RIGHT)):
        with pytest.raises(PtzFieldError) as caught:
            PtzCommand(CAM, action, 1, tilt)
        assert caught.value.field == "tilt"


# --- A workstation's held move: E 5.3 plus a tilt (diagonals) ---------------------------------


@pytest.mark.parametrize(
    ("action", "tilt"), [(1, 3), (1, 4), (2, 3), (2, 4), (1, "4"), (2, 3.0), (2, " 3 ")]
)
def test_a_pan_may_carry_a_tilt(action: int, tilt: object) -> None:
    command = ptz_move_from_json(body(action=action, step=6, tilt=tilt))
    assert command == PtzCommand(CAM, PtzAction(action), 6, PtzAction(int(float(str(tilt)))))


def test_a_move_without_tilt_is_the_e53_command() -> None:
    assert ptz_move_from_json(DEMO) == ptz_command_from_e53(DEMO)
    assert ptz_move_from_json(body(tilt=None)).tilt is None
    assert ptz_command_from_e53(body(tilt=3)).tilt is None  # E 5.3 has no diagonals


@pytest.mark.parametrize(
    ("action", "tilt"),
    [(3, 4), (4, 3), (6, 3), (11, 4), (1, 1), (1, 2), (2, 5), (1, 0), (1, True), (1, "up")],
)
def test_a_tilt_goes_only_with_a_pan_and_is_up_or_down(action: int, tilt: object) -> None:
    with pytest.raises(PtzFieldError) as caught:
        ptz_move_from_json(body(action=action, step=2, tilt=tilt))
    error = caught.value
    assert error.field == "tilt"
    assert "3 向上" in error.message and "4 向下" in error.message
    assert "1 向左" in error.message and "2 向右" in error.message
    assert json_shown(tilt) in error.message and f"action {action}" in error.message


def test_the_e53_fields_of_a_move_are_checked_first() -> None:
    with pytest.raises(PtzFieldError) as caught:
        ptz_move_from_json(body(step=9, tilt=3))
    assert caught.value.field == "step"


# --- Control sessions and priority (Z-4) ------------------------------------------------------


def test_levels_rank_section_above_province_and_supervisor_above_operator() -> None:
    assert ControlLevel.PROVINCE < ControlLevel.SECTION_OPERATOR < ControlLevel.SECTION_SUPERVISOR
    assert ControlLevel.SECTION_SUPERVISOR.label == "路段主管"


def test_operator_refused_while_a_supervisor_holds_then_granted_after_15_s_idle() -> None:
    sessions, decision = PtzSessions().request(CAM, SUPERVISOR, now=100.0)
    assert decision.kind is DecisionKind.NEW and decision.granted

    refused_state, refused = sessions.request(CAM, OPERATOR, now=114.9)
    assert not refused.granted and refused.kind is DecisionKind.REFUSED
    assert refused.holder == SUPERVISOR and refused.holder.level is ControlLevel.SECTION_SUPERVISOR
    assert refused.message == "摄像机正由 路段主管 张三 控制，请稍后再试"
    assert refused_state is sessions  # a refusal changes nothing

    sessions, granted = sessions.request(CAM, OPERATOR, now=115.0)
    assert granted.kind is DecisionKind.NEW and granted.holder == OPERATOR
    assert granted.taken_from is None  # the supervisor had let go by idling


def test_holder_is_reported_until_idle_release() -> None:
    sessions, _ = PtzSessions().request(CAM, OPERATOR, now=0.0)
    held = sessions.holder(CAM, now=14.9)
    assert held is not None and held.controller == OPERATOR
    assert sessions.holder(CAM, now=15.0) is None
    assert sessions.holder("other-camera", now=0.0) is None


def test_a_province_command_never_overrides_a_section_operator() -> None:
    sessions, _ = PtzSessions().request(CAM, OPERATOR, now=0.0)
    for now in (1.0, 5.0, 14.0):
        _, decision = sessions.request(CAM, PROVINCE, now=now)
        assert decision.kind is DecisionKind.REFUSED and decision.holder == OPERATOR
        assert decision.message == "摄像机正由 路段值班员 李四 控制，请稍后再试"


def test_a_supervisor_takes_over_from_an_operator_and_says_from_whom() -> None:
    sessions, _ = PtzSessions().request(CAM, OPERATOR, now=0.0)
    sessions, decision = sessions.request(CAM, SUPERVISOR, now=1.0)
    assert decision.kind is DecisionKind.TAKEN_OVER and decision.granted
    assert decision.holder == SUPERVISOR and decision.taken_from == OPERATOR
    assert decision.message == "已从 路段值班员 李四 接管摄像机控制"
    _, back = sessions.request(CAM, OPERATOR, now=2.0)
    assert back.kind is DecisionKind.REFUSED and back.holder == SUPERVISOR


def test_a_section_operator_takes_over_from_the_province() -> None:
    sessions, _ = PtzSessions().request(CAM, PROVINCE, now=0.0)
    _, decision = sessions.request(CAM, OPERATOR, now=1.0)
    assert decision.kind is DecisionKind.TAKEN_OVER and decision.taken_from == PROVINCE


def test_equal_level_first_come_keeps_it() -> None:
    sessions, _ = PtzSessions().request(CAM, OPERATOR, now=0.0)
    _, decision = sessions.request(CAM, OPERATOR_2, now=3.0)
    assert decision.kind is DecisionKind.REFUSED and decision.holder == OPERATOR


def test_the_same_person_is_always_granted_and_keeps_the_session_start() -> None:
    sessions, _ = PtzSessions().request(CAM, OPERATOR, now=0.0)
    sessions, decision = sessions.request(CAM, OPERATOR, now=10.0)
    assert decision.kind is DecisionKind.CONTINUED and decision.message == ""
    held = sessions.holder(CAM, now=10.0)
    assert held is not None and (held.since, held.last_active) == (0.0, 10.0)


def test_release_lets_the_next_one_in() -> None:
    sessions, _ = PtzSessions().request(CAM, SUPERVISOR, now=0.0)
    assert sessions.release(CAM, OPERATOR, now=1.0) is sessions  # not theirs to release
    sessions = sessions.release(CAM, SUPERVISOR, now=1.0)
    assert sessions.holder(CAM, now=1.0) is None
    _, decision = sessions.request(CAM, PROVINCE, now=1.5)
    assert decision.kind is DecisionKind.NEW and decision.holder == PROVINCE


def test_every_granted_command_refreshes_the_hold() -> None:
    sessions, _ = PtzSessions().request(CAM, SUPERVISOR, now=0.0)
    sessions, _ = sessions.request(CAM, SUPERVISOR, now=10.0)
    _, decision = sessions.request(CAM, OPERATOR, now=20.0)  # 20 s after start, 10 s idle
    assert decision.kind is DecisionKind.REFUSED
    _, decision = sessions.request(CAM, OPERATOR, now=25.0)  # 15 s idle
    assert decision.kind is DecisionKind.NEW


def test_idle_release_is_configurable_and_cameras_are_independent() -> None:
    sessions, _ = PtzSessions(idle_release=30.0).request(CAM, SUPERVISOR, now=0.0)
    assert sessions.request(CAM, OPERATOR, now=29.9)[1].kind is DecisionKind.REFUSED
    assert sessions.request(CAM, OPERATOR, now=30.0)[1].kind is DecisionKind.NEW
    assert sessions.request("other-camera", OPERATOR, now=1.0)[1].kind is DecisionKind.NEW
    with pytest.raises(ValueError):
        PtzSessions(idle_release=0)


def test_sessions_are_immutable_values() -> None:
    empty = PtzSessions()
    _, _ = empty.request(CAM, OPERATOR, now=0.0)
    assert empty.holder(CAM, now=0.0) is None


def test_controller_needs_a_name_and_a_known_source() -> None:
    with pytest.raises(ValueError):
        Controller(" ", ControlLevel.PROVINCE, "platform")
    with pytest.raises(ValueError):
        Controller("张三", ControlLevel.SECTION_OPERATOR, "phone")


# --- Presets and preset patrols (Z-5) ---------------------------------------------------------


@pytest.mark.parametrize("number", [1, 255])
def test_preset_number_boundaries_accepted(number: int) -> None:
    assert Preset(number, "收费广场").number == number


@pytest.mark.parametrize("number", [0, 256, -1, True, 1.0, "3"])
def test_preset_number_out_of_range_or_not_an_integer(number: object) -> None:
    with pytest.raises(PresetError, match="1-255"):
        Preset(number, "收费广场")  # type: ignore[arg-type]
    with pytest.raises(PresetError, match="1-255"):
        PresetPatrolStep(number, 10)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "  ", "名" * 51])
def test_preset_name_is_required_and_bounded(name: str) -> None:
    with pytest.raises(PresetError, match="预置位名称"):
        Preset(3, name)


def test_patrol_steps_need_a_positive_dwell_and_a_patrol_needs_steps() -> None:
    with pytest.raises(PresetError, match="停留时间"):
        PresetPatrolStep(1, 0)
    with pytest.raises(PresetError, match="至少"):
        PresetPatrol(CAM, ())
    with pytest.raises(PresetError, match="摄像机"):
        PresetPatrol("", (PresetPatrolStep(1, 10),))


THREE = PresetPatrol(
    CAM, (PresetPatrolStep(4, 10), PresetPatrolStep(7, 20), PresetPatrolStep(2, 5))
)


def test_preset_patrol_calls_presets_in_order_at_the_right_instants_and_loops() -> None:
    run = PresetPatrolRun.start(THREE, now=1000.0)
    assert (run.current.preset, run.next_at) == (4, 1010.0)
    calls = []
    for now in (1009.9, 1010.0, 1020.0, 1029.9, 1030.0, 1034.9, 1035.0, 1044.9, 1045.0):
        run, preset = run.tick(now)
        calls.append((now, preset))
    assert calls == [
        (1009.9, None), (1010.0, 7), (1020.0, None), (1029.9, None), (1030.0, 2),
        (1034.9, None), (1035.0, 4), (1044.9, None), (1045.0, 7),
    ]  # fmt: skip
    assert (run.current, run.next_at) == (PresetPatrolStep(7, 20), 1065.0)


def test_a_late_tick_moves_exactly_one_step_with_its_whole_dwell() -> None:
    run, preset = PresetPatrolRun.start(THREE, now=0.0).tick(500.0)
    assert (preset, run.index, run.next_at) == (7, 1, 520.0)


def test_a_single_preset_patrol_calls_it_again_each_round() -> None:
    run = PresetPatrolRun.start(PresetPatrol(CAM, (PresetPatrolStep(9, 30),)), now=0.0)
    run, preset = run.tick(30.0)
    assert (preset, run.next_at) == (9, 60.0)
