"""Checklists (P-4, spec 12.2): the book of version 1, items by site and weather, and the
errors a supervisor sees for a bad book."""

from __future__ import annotations

import json
from typing import Any

import pytest

from patrol_app.domain.checklists import (
    ChecklistBook,
    ChecklistError,
    ChecklistItem,
    PatrolKind,
)
from patrol_app.domain.patrols import SiteType, WeatherKind
from patrol_app.resources import RESOURCES_DIR

BOOK_FILE = RESOURCES_DIR / "patrol" / "checklists.json"
TEXT = BOOK_FILE.read_text(encoding="utf-8")
BOOK = ChecklistBook.parse(TEXT)


def labels(items: tuple[ChecklistItem, ...]) -> list[str]:
    return [item.label for item in items]


def test_the_spec_items_per_site_as_the_spec_words_them() -> None:
    """12.2.1 and 12.2.2, in the spec's order."""
    assert labels(BOOK.items_for(SiteType.MAINLINE)) == [
        "坍塌", "山体滑坡", "交通事故", "异常停车", "占道施工", "交通阻塞",
        "行人与非机动车闯入", "牲畜闯入", "抛洒物（障碍物）", "烟火",
    ]  # fmt: skip
    assert labels(BOOK.items_for(SiteType.TOLL_PLAZA)) == ["交通事故", "交通阻塞"]
    assert labels(BOOK.items_for(SiteType.SERVICE_RAMP)) == ["交通阻塞", "交通事故", "异常停车"]
    assert labels(BOOK.items_for(SiteType.TUNNEL)) == [
        "坍塌", "交通事故", "火灾", "爆炸", "洪水", "断电", "异常停车", "设备故障", "占道施工",
    ]  # fmt: skip
    assert labels(BOOK.items_for(SiteType.VIADUCT)) == ["坍塌", "交通事故", "异常停车"]
    assert [item.code for item in BOOK.items_for(SiteType.RAMP)] == [
        "wrong_way", "accident", "abnormal_stop", "congestion", "pedestrian",
    ]  # fmt: skip
    assert labels(BOOK.items_for(SiteType.CONSTRUCTION)) == ["交通事故", "异常停车", "交通阻塞"]


def test_weather_lists_and_the_service_area_note() -> None:
    assert labels(BOOK.rain_fog_typhoon) == [
        "洪涝", "山体滑坡", "泥石流", "交通事故", "异常停车", "严重积水", "道路设施受损",
        "树木倾倒",
    ]  # fmt: skip
    assert labels(BOOK.freezing) == ["交通事故", "异常停车", "交通阻塞", "路面结冰"]
    # 12.2.1 d): the service area's own parking lots are its operator's, not the section's.
    assert "服务区经营管理单位" in BOOK.site_list(SiteType.SERVICE_RAMP).note


def test_each_site_has_its_patrol_kind() -> None:
    kinds = {site: BOOK.kind_of(site) for site in SiteType}
    assert kinds == {
        SiteType.MAINLINE: PatrolKind.DAILY,
        SiteType.TOLL_PLAZA: PatrolKind.DAILY,
        SiteType.SERVICE_RAMP: PatrolKind.DAILY,
        SiteType.TUNNEL: PatrolKind.KEY,
        SiteType.VIADUCT: PatrolKind.KEY,
        SiteType.RAMP: PatrolKind.KEY,
        SiteType.CONSTRUCTION: PatrolKind.KEY,
    }


def test_a_code_means_the_same_in_every_list() -> None:
    assert BOOK.label("accident") == "交通事故"
    assert BOOK.label("icy_road") == "路面结冰"
    assert BOOK.label("no_such_item") == "no_such_item"
    accident = {
        item for site in SiteType for item in BOOK.items_for(site) if item.code == "accident"
    }
    assert accident == {ChecklistItem("accident", "交通事故")}


def test_items_for_adds_the_weather_items_without_duplicates() -> None:
    """A viaduct under a rainstorm warning: its own items, then 12.2.3 a) less what it has."""
    items = BOOK.items_for(SiteType.VIADUCT, [WeatherKind.RAINSTORM])
    assert [item.code for item in items] == [
        "collapse", "accident", "abnormal_stop",
        "flooding", "landslide", "debris_flow", "standing_water", "facility_damage",
        "fallen_tree",
    ]  # fmt: skip
    # Fog and typhoon call for the same list; OTHER for none; both lists in a fixed order.
    assert BOOK.items_for(SiteType.VIADUCT, [WeatherKind.FOG, WeatherKind.TYPHOON]) == items
    assert BOOK.items_for(SiteType.TOLL_PLAZA, [WeatherKind.OTHER]) == BOOK.items_for(
        SiteType.TOLL_PLAZA
    )
    both = BOOK.items_for(SiteType.TOLL_PLAZA, iter([WeatherKind.FREEZING, WeatherKind.FOG]))
    assert [item.code for item in both] == [
        "accident", "congestion",
        "flooding", "landslide", "debris_flow", "abnormal_stop", "standing_water",
        "facility_damage", "fallen_tree",
        "icy_road",
    ]  # fmt: skip


def test_to_json_round_trips_and_the_resource_is_canonical() -> None:
    assert BOOK.to_json() == TEXT
    assert ChecklistBook.parse(BOOK.to_json()) == BOOK
    assert BOOK.codes() >= {"accident", "fire", "explosion", "icy_road", "wrong_way"}


def _book(change: Any) -> str:
    data = json.loads(TEXT)
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=2)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


def _delete(*path: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return change


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{\n  "sites": {,\n}', r"不是有效的 JSON：第 2 行第 13 列"),
        ("[]", "应为 JSON 对象"),
        (_book(_set(("sites", "bridge"), {"kind": "key", "items": []})), "未知的场所类型：bridge"),
        (_book(_delete("sites", "tunnel")), r"缺少以下场所的清单：隧道（tunnel）"),
        (
            _book(_set(("sites", "tunnel", "items", 2, "code"), "accident")),
            r"“隧道”清单（sites.tunnel）第 3 项：编码“accident”重复",
        ),
        (
            _book(_set(("sites", "viaduct", "items", 1, "label"), "  ")),
            r"“高架桥”清单（sites.viaduct）第 2 项（accident）：名称不能为空",
        ),
        (
            _book(_set(("sites", "ramp", "items", 0, "code"), "Wrong Way")),
            r"“匝道出入口”清单（sites.ramp）第 1 项：编码应为小写字母开头",
        ),
        (
            _book(_set(("weather", "freezing", "items", 3, "label"), "交通事故")),
            r"（weather.freezing）第 4 项（icy_road）：名称“交通事故”与第 1 项重复",
        ),
        (
            _book(_set(("weather", "freezing", "items", 0, "label"), "车祸")),
            r"“冰冻天气巡查”清单（weather.freezing）第 1 项：编码“accident”的名称“车祸”"
            r"与“主线”清单（sites.mainline）的“交通事故”不同",
        ),
        (_book(_set(("sites", "mainline", "kind"), "weekly")), r"sites.mainline）：kind 应为"),
        (_book(_set(("sites", "mainline", "items"), [])), r"sites.mainline）：没有检查项"),
        (_book(_delete("weather", "freezing")), r"weather：缺少字段：freezing"),
        (_book(_set(("sites", "mainline", "colour"), "red")), r"有未知字段：colour"),
        ('{"sites": {}, "weather": {}, "sites": {}}', r"字段“sites”出现了两次"),
    ],
)
def test_a_bad_book_says_where_the_fault_is(text: str, message: str) -> None:
    with pytest.raises(ChecklistError, match=message):
        ChecklistBook.parse(text)
