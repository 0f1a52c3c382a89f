"""Handling configuration (P-5, spec 12.3.4): units to notify, message signs near an event,
emergency plans started by checklist items; the default of the demo site parses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.events import (
    EmergencyPlan,
    HandlingConfig,
    HandlingError,
    HandlingUnit,
    MessageSign,
)
from patrol_app.domain.pile import PileNumber
from patrol_app.resources import RESOURCES_DIR

RESOURCES = RESOURCES_DIR / "patrol"
TEXT = (RESOURCES / "handling.json").read_text(encoding="utf-8")
CONFIG = HandlingConfig.parse(TEXT)
BOOK = ChecklistBook.parse((RESOURCES / "checklists.json").read_text(encoding="utf-8"))


def test_the_default_has_the_units_signs_and_plans_of_the_demo_site() -> None:
    assert [unit.name for unit in CONFIG.units] == [
        "路政大队", "交警高速大队", "养护中心", "清障救援", "消防", "急救",
    ]  # fmt: skip
    phones = {unit.name: unit.phone for unit in CONFIG.units}
    assert (phones["交警高速大队"], phones["消防"], phones["急救"]) == ("12122", "119", "120")
    assert 4 <= len(CONFIG.signs) <= 6
    assert {sign.road for sign in CONFIG.signs} == {"G4", "G0423"}
    assert {plan.name for plan in CONFIG.plans} >= {
        "隧道火灾应急预案", "交通事故应急预案", "恶劣天气应急预案", "道路塌方应急预案",
    }  # fmt: skip


def test_every_plan_trigger_is_a_checklist_item() -> None:
    """A trigger no checklist has would never start its plan."""
    assert CONFIG.unknown_triggers(BOOK.codes()) == frozenset()
    assert CONFIG.unknown_triggers({"accident"}) >= {"fire", "icy_road"}


def test_plans_for_the_items_found() -> None:
    names = [plan.name for plan in CONFIG.plans_for(["fire", "abnormal_stop"])]
    assert names == ["隧道火灾应急预案"]
    names = [plan.name for plan in CONFIG.plans_for({"landslide"})]
    assert names == ["恶劣天气应急预案", "道路塌方应急预案"]
    assert [plan.name for plan in CONFIG.plans_for(["icy_road"])] == ["恶劣天气应急预案"]
    assert CONFIG.plans_for(["congestion"]) == ()
    assert CONFIG.plans_for([]) == ()


def test_signs_near_an_event_nearest_first_on_its_road_only() -> None:
    config = HandlingConfig(
        units=(HandlingUnit("路政", "1"),),
        signs=(
            MessageSign("a", "A", "G4", "K1850+000", "南行"),
            MessageSign("b", "B", "G4", "K1857+000", "北行"),
            MessageSign("c", "C", "G4", "K1866+400", "北行"),  # 10.1 km away
            MessageSign("d", "D", "G0423", "K1856+000", "西行"),  # another road
            MessageSign("e", "E", "G4", "K1855+300", "南行"),  # as near as b: by id
        ),
        plans=(EmergencyPlan("交通事故应急预案", "Ⅲ级", frozenset({"accident"})),),
    )
    near = config.signs_near("G4", PileNumber.parse("K1856+300"))
    assert [sign.sign_id for sign in near] == ["b", "e", "a"]
    assert [s.sign_id for s in config.signs_near("G4", PileNumber(1856, 300), limit_km=11)] == [
        "b", "e", "a", "c",
    ]  # fmt: skip
    assert config.signs_near("G4", PileNumber(1856, 300), limit_km=0.5) == ()
    assert config.signs_near("S2", PileNumber(1856, 300)) == ()


def test_the_default_signs_near_the_demo_tunnel() -> None:
    near = CONFIG.signs_near("G4", PileNumber.parse("K1856+300"))
    assert near and all(sign.road == "G4" for sign in near)
    distances = [abs(sign.position.metres - 1_856_300) for sign in near]
    assert distances == sorted(distances) and distances[-1] <= 10_000
    assert [sign.road for sign in CONFIG.signs_near("G0423", PileNumber(12, 300))] == ["G0423"] * 2


def _config(change: Any) -> str:
    data = json.loads(TEXT)
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=2)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"units": [\n\n  {"name": 1,}]}', r"处置配置不是有效的 JSON：第 3 行第 14 列"),
        ('{"units": [], "signs": []}', r"处置配置：缺少字段：plans"),
        (_config(_set(("signs", 1, "pile"), "1853.6")), r"情报板第 2 项（signs）：桩号格式应为"),
        (_config(_set(("units", 0, "name"), " ")), r"处置单位第 1 项（units）：name 不能为空"),
        (_config(_set(("units", 2, "fax"), "0751")), r"处置单位第 3 项（units）：有未知字段：fax"),
        (_config(_set(("plans", 0, "triggers"), [])), r"应急预案第 1 项（plans）：triggers 应为"),
        (_config(_set(("plans", 1, "triggers"), ["交通事故"])), r"应急预案第 2 项.*'交通事故'"),
        (_config(_set(("signs", 3, "sign_id"), "G4-VMS-1841")), r"情报板编号重复：G4-VMS-1841"),
        (_config(_set(("plans", 2, "level"), 3)), r"应急预案第 3 项（plans）：level 应为文字"),
        (_config(_set(("units",), {})), r"处置配置的 units 应为列表"),
        ('{"units": [], "units": []}', r"字段“units”出现了两次"),
    ],
)
def test_a_bad_configuration_says_where_the_fault_is(text: str, message: str) -> None:
    with pytest.raises(HandlingError, match=message):
        HandlingConfig.parse(text)
