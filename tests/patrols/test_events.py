"""The handling of an event (P-5) without a display: the site's configuration, the order of
the signs and plans offered, and the texts the steps record."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from patrol_app.domain.events import CheckOutcome, HandlingConfig, StepKind
from patrol_app.patrols.events import (
    DEFAULT_HANDLING,
    add_step,
    load_handling,
    notify_detail,
    plans_in_order,
    sign_detail,
    signs_in_order,
    watch_detail,
)
from patrol_app.store.patrols import PatrolStore, PatrolStoreError
from tests.patrols.helpers import HANDLING, MAINLINE, OPERATOR, T0, check


@pytest.fixture
def handling(tmp_path: Path) -> HandlingConfig:
    (tmp_path / "handling.json").write_text(HANDLING, encoding="utf-8")
    return load_handling(tmp_path)


def test_the_sites_handling_file_wins_over_the_bundled_one(tmp_path: Path) -> None:
    bundled = load_handling(tmp_path)  # no site file
    assert bundled == HandlingConfig.parse(DEFAULT_HANDLING.read_text(encoding="utf-8"))
    (tmp_path / "handling.json").write_text(HANDLING, encoding="utf-8")
    site = load_handling(tmp_path)
    assert [unit.name for unit in site.units] == ["路政", "交警高速大队", "清障救援"]


def test_the_near_signs_and_the_met_plans_come_first(
    handling: HandlingConfig, patrol_store: PatrolStore
) -> None:
    near, others = signs_in_order(handling, "G4", "K1844+650")
    assert [sign.sign_id for sign in near] == ["near", "far"]
    assert [sign.sign_id for sign in others] == ["other"]
    assert signs_in_order(handling, None, "K1844+650") == ((), handling.signs)
    assert signs_in_order(handling, "G4", "路口")[0] == ()

    saved = check(patrol_store, MAINLINE, T0, CheckOutcome.ANOMALY, items=("accident",))
    assert saved.event_id is not None
    met, rest = plans_in_order(handling, patrol_store.event(saved.event_id))
    assert [plan.name for plan in met] == ["交通事故应急预案"]
    assert [plan.name for plan in rest] == ["隧道火灾应急预案"]


def test_each_step_is_recorded_until_the_event_is_closed(
    handling: HandlingConfig, patrol_store: PatrolStore
) -> None:
    saved = check(patrol_store, MAINLINE, T0, CheckOutcome.ANOMALY, note="抛洒物")
    assert saved.event_id is not None
    sign = handling.signs[1]
    details = [
        (StepKind.WATCH, watch_detail(MAINLINE.pile, MAINLINE.name)),
        (StepKind.NOTIFY, notify_detail(["路政", "清障救援"])),
        (StepKind.SIGN, sign_detail(sign, " 前方抛洒物 减速慢行 ")),
        (StepKind.CLOSE, "已清理"),
    ]
    for minute, (kind, detail) in enumerate(details, 1):
        add_step(
            patrol_store,
            saved.event_id,
            kind,
            detail,
            operator=OPERATOR,
            now=T0 + timedelta(minutes=minute),
        )
    event = patrol_store.event(saved.event_id)
    assert [step.detail for step in event.steps] == [
        "K1844+650 固定上墙持续关注",
        "路政、清障救援",
        "K1845+000 情报板：前方抛洒物 减速慢行",
        "已清理",
    ]
    assert event.closed
    assert watch_detail("", MAINLINE.name) == f"{MAINLINE.name} 固定上墙持续关注"
    with pytest.raises(PatrolStoreError):
        add_step(patrol_store, saved.event_id, StepKind.REPORT, "晚了", operator=OPERATOR, now=T0)
