"""Patrol checklists (P-4, spec 12.2): what to look for by site type and patrol kind.

A ``ChecklistBook`` holds one list per site type (12.2.1 daily, 12.2.2 key) and the two
severe-weather lists (12.2.3). It is stored whole, as one version, as JSON::

    {
      "note": "...",
      "sites": {
        "mainline": {"kind": "daily", "note": "...", "items": [{"code": "collapse",
                     "label": "坍塌"}, ...]},
        ...                                    (every SiteType, exactly once)
      },
      "weather": {
        "rain_fog_typhoon": {"note": "...", "items": [...]},
        "freezing": {"note": "...", "items": [...]}
      }
    }

An item code means the same thing in every list that has it (``accident`` is 交通事故
wherever it appears), so it carries the same label everywhere; emergency plans are
triggered by codes (``patrol_app.domain.events``). ``ChecklistError`` messages are for the
supervisor who edits the book: they say where the fault is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from patrol_app.domain.config_json import json_object, load_json
from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.patrols import KEY_SITES, SiteType, WeatherKind

CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_LABEL_CHARS = 50


class ChecklistError(ValueError):
    """A checklist book that cannot be used; the message is for the supervisor."""


class PatrolKind(LabelledStr):
    DAILY = "daily", "日常巡查"
    KEY = "key", "重点巡查"
    RAIN_FOG_TYPHOON = "rain_fog_typhoon", "雨雾（台风）天气巡查"
    FREEZING = "freezing", "冰冻天气巡查"


SITE_KINDS = (PatrolKind.DAILY, PatrolKind.KEY)
WEATHER_KINDS = (PatrolKind.RAIN_FOG_TYPHOON, PatrolKind.FREEZING)

# Which weather list a warning's hazard calls for (12.2.3); OTHER calls for none.
WEATHER_LIST: Mapping[WeatherKind, PatrolKind] = {
    WeatherKind.RAINSTORM: PatrolKind.RAIN_FOG_TYPHOON,
    WeatherKind.FOG: PatrolKind.RAIN_FOG_TYPHOON,
    WeatherKind.TYPHOON: PatrolKind.RAIN_FOG_TYPHOON,
    WeatherKind.FREEZING: PatrolKind.FREEZING,
}


def spec_kind(site: SiteType) -> PatrolKind:
    """The patrol kind spec 12.2 files a site's list under: key for the key sites."""
    return PatrolKind.KEY if site in KEY_SITES else PatrolKind.DAILY


def valid_code(code: object) -> bool:
    """An item code: lowercase ASCII letters, digits and underscores, starting with a letter."""
    return isinstance(code, str) and CODE_PATTERN.fullmatch(code) is not None


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str

    def __post_init__(self) -> None:
        if not valid_code(self.code):
            raise ChecklistError(
                f"检查项编码应为小写字母开头的字母、数字或下划线（最多 40 个字符），"
                f"收到 {self.code!r}"
            )
        if not isinstance(self.label, str) or not self.label.strip():
            raise ChecklistError(f"检查项“{self.code}”的名称不能为空")
        if len(self.label) > MAX_LABEL_CHARS:
            raise ChecklistError(
                f"检查项“{self.code}”的名称超过 {MAX_LABEL_CHARS} 个字符：{self.label!r}"
            )


@dataclass(frozen=True)
class SiteChecklist:
    """What to look for at one site type, filed under its patrol kind (daily or key)."""

    site: SiteType
    kind: PatrolKind
    items: tuple[ChecklistItem, ...]
    note: str = ""


@dataclass(frozen=True)
class ChecklistBook:
    """Every checklist; stored whole as one version.

    ``sites``: one list per ``SiteType``, in the enum's order; ``rain_fog_typhoon`` and
    ``freezing``: the items added while such a warning is in force (12.2.3).
    """

    sites: tuple[SiteChecklist, ...]
    rain_fog_typhoon: tuple[ChecklistItem, ...]
    freezing: tuple[ChecklistItem, ...]
    note: str = ""
    rain_fog_typhoon_note: str = ""
    freezing_note: str = ""

    def __post_init__(self) -> None:
        seen: dict[SiteType, SiteChecklist] = {}
        for checklist in self.sites:
            where = _site_place(checklist.site)
            if checklist.site in seen:
                raise ChecklistError(f"{where}：出现了两次")
            if checklist.kind not in SITE_KINDS:
                raise ChecklistError(
                    f"{where}：巡查类型应为 daily（日常巡查）或 key（重点巡查），"
                    f"收到 {checklist.kind!r}"
                )
            seen[checklist.site] = checklist
        missing = [site for site in SiteType if site not in seen]
        if missing:
            absent = "、".join(f"{site.label}（{site.value}）" for site in missing)
            raise ChecklistError(f"巡查清单缺少以下场所的清单：{absent}")
        if [checklist.site for checklist in self.sites] != list(SiteType):
            object.__setattr__(self, "sites", tuple(seen[site] for site in SiteType))
        labels: dict[str, tuple[str, str]] = {}  # code -> (label, place of first use)
        for where, items in self._lists():
            if not items:
                raise ChecklistError(f"{where}：没有检查项")
            codes: set[str] = set()
            names: dict[str, int] = {}
            for number, item in enumerate(items, 1):
                if item.code in codes:
                    raise ChecklistError(f"{where}第 {number} 项：编码“{item.code}”重复")
                if item.label in names:
                    raise ChecklistError(
                        f"{where}第 {number} 项（{item.code}）：名称“{item.label}”"
                        f"与第 {names[item.label]} 项重复"
                    )
                codes.add(item.code)
                names[item.label] = number
                first = labels.setdefault(item.code, (item.label, where))
                if first[0] != item.label:
                    raise ChecklistError(
                        f"{where}第 {number} 项：编码“{item.code}”的名称“{item.label}”"
                        f"与{first[1]}的“{first[0]}”不同；同一编码在各清单中应同名"
                    )

    def _lists(self) -> list[tuple[str, tuple[ChecklistItem, ...]]]:
        return [(_site_place(c.site), c.items) for c in self.sites] + [
            (_weather_place(kind), self.weather_items(kind)) for kind in WEATHER_KINDS
        ]

    # Reading.
    def site_list(self, site: SiteType) -> SiteChecklist:
        return next(checklist for checklist in self.sites if checklist.site == site)

    def weather_items(self, kind: PatrolKind) -> tuple[ChecklistItem, ...]:
        if kind is PatrolKind.RAIN_FOG_TYPHOON:
            return self.rain_fog_typhoon
        if kind is PatrolKind.FREEZING:
            return self.freezing
        raise ChecklistError(f"{kind!r} 不是异常天气巡查清单")

    def kind_of(self, site: SiteType) -> PatrolKind:
        return self.site_list(site).kind

    def items_for(
        self, site: SiteType, weather: Iterable[WeatherKind] = ()
    ) -> tuple[ChecklistItem, ...]:
        """The site's items, then those of the weather lists the given hazards call for
        (rain/fog/typhoon first, then freezing), each code once."""
        wanted = {WEATHER_LIST[kind] for kind in weather if kind in WEATHER_LIST}
        items = list(self.site_list(site).items)
        codes = {item.code for item in items}
        for kind in WEATHER_KINDS:
            if kind in wanted:
                for item in self.weather_items(kind):
                    if item.code not in codes:
                        codes.add(item.code)
                        items.append(item)
        return tuple(items)

    def codes(self) -> frozenset[str]:
        """Every item code of the book."""
        return frozenset(item.code for _, items in self._lists() for item in items)

    def label(self, code: str) -> str:
        """The label of an item code (the same in every list), the code itself if unknown."""
        for _, items in self._lists():
            for item in items:
                if item.code == code:
                    return item.label
        return code

    # JSON.
    @classmethod
    def parse(cls, text: str) -> ChecklistBook:
        data = load_json(text, "巡查清单", ChecklistError)
        root = _object(data, "巡查清单", {"sites", "weather"}, {"note"})
        sites = _object(root["sites"], "巡查清单的 sites", set(), set())
        known = {site.value: site for site in SiteType}
        unknown = [name for name in sites if name not in known]
        if unknown:
            raise ChecklistError(
                f"巡查清单 sites 中有未知的场所类型：{'、'.join(unknown)}；"
                f"可用的有 {', '.join(known)}"
            )
        site_lists = tuple(_site_checklist(known[name], value) for name, value in sites.items())
        weather = _object(
            root["weather"], "巡查清单的 weather", {kind.value for kind in WEATHER_KINDS}, set()
        )
        rain_items, rain_note = _weather_list(PatrolKind.RAIN_FOG_TYPHOON, weather)
        freezing_items, freezing_note = _weather_list(PatrolKind.FREEZING, weather)
        return cls(
            sites=site_lists,
            rain_fog_typhoon=rain_items,
            freezing=freezing_items,
            note=_text(root.get("note", ""), "巡查清单的 note"),
            rain_fog_typhoon_note=rain_note,
            freezing_note=freezing_note,
        )

    def to_json(self) -> str:
        """The book as JSON, one item a line; ``parse`` gives this book back."""
        compact: list[str] = []  # each item on one line, put in place of a placeholder

        def items(items: tuple[ChecklistItem, ...]) -> list[str]:
            placeholders = []
            for item in items:
                placeholders.append(f"\x00{len(compact)}")
                compact.append(
                    json.dumps({"code": item.code, "label": item.label}, ensure_ascii=False)
                )
            return placeholders

        def with_note(body: dict[str, Any], note: str) -> dict[str, Any]:
            return {"note": note, **body} if note else body

        data: dict[str, Any] = {}
        if self.note:
            data["note"] = self.note
        data["sites"] = {
            c.site.value: with_note({"kind": c.kind.value, "items": items(c.items)}, c.note)
            for c in self.sites
        }
        data["weather"] = {
            PatrolKind.RAIN_FOG_TYPHOON.value: with_note(
                {"items": items(self.rain_fog_typhoon)}, self.rain_fog_typhoon_note
            ),
            PatrolKind.FREEZING.value: with_note(
                {"items": items(self.freezing)}, self.freezing_note
            ),
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return re.sub(r'"\\u0000(\d+)"', lambda match: compact[int(match[1])], text)


def _site_place(site: SiteType) -> str:
    return f"“{site.label}”清单（sites.{site.value}）"


def _weather_place(kind: PatrolKind) -> str:
    return f"“{kind.label}”清单（weather.{kind.value}）"


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ChecklistError(f"{where}：应为文字，收到 {value!r}")
    return value


def _items(value: object, where: str) -> tuple[ChecklistItem, ...]:
    if not isinstance(value, list):
        raise ChecklistError(f"{where}：items 应为列表（[...]）")
    items = []
    for number, raw in enumerate(value, 1):
        place = f"{where}第 {number} 项"
        entry = _object(raw, place, {"code", "label"}, set())
        code, label = entry["code"], entry["label"]
        if not valid_code(code):
            raise ChecklistError(
                f"{place}：编码应为小写字母开头的字母、数字或下划线（最多 40 个字符），"
                f"收到 {code!r}"
            )
        if not isinstance(label, str) or not label.strip():
            raise ChecklistError(f"{place}（{code}）：名称不能为空")
        if len(label) > MAX_LABEL_CHARS:
            raise ChecklistError(f"{place}（{code}）：名称超过 {MAX_LABEL_CHARS} 个字符")
        items.append(ChecklistItem(code, label.strip()))
    return tuple(items)


def _site_checklist(site: SiteType, value: object) -> SiteChecklist:
    where = _site_place(site)
    entry = _object(value, where, {"kind", "items"}, {"note"})
    kinds = {kind.value: kind for kind in SITE_KINDS}
    if entry["kind"] not in kinds:
        raise ChecklistError(
            f"{where}：kind 应为 daily（日常巡查）或 key（重点巡查），收到 {entry['kind']!r}"
        )
    return SiteChecklist(
        site=site,
        kind=kinds[entry["kind"]],
        items=_items(entry["items"], where),
        note=_text(entry.get("note", ""), f"{where}的 note"),
    )


def _weather_list(
    kind: PatrolKind, weather: dict[str, Any]
) -> tuple[tuple[ChecklistItem, ...], str]:
    where = _weather_place(kind)
    entry = _object(weather[kind.value], where, {"items"}, {"note"})
    return _items(entry["items"], where), _text(entry.get("note", ""), f"{where}的 note")


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, ChecklistError)
