"""What a patrol finds and how an anomaly is handled (P-5, spec 12.3.4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from patrol_app.domain.checklists import valid_code
from patrol_app.domain.config_json import json_object, load_json
from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.pile import PileNumber, PileNumberError


class CheckOutcome(LabelledStr):
    """What the operator confirmed for one camera of a round."""

    NORMAL = "normal", "正常"
    ANOMALY = "anomaly", "异常"
    FAULT = "fault", "视频故障"
    UNPLAYABLE = "unplayable", "无法播放"


class StepKind(LabelledStr):
    """A handling step of an event (12.3.4), each recorded with its time and operator."""

    WATCH = "watch", "持续关注"
    NOTIFY = "notify", "通知处置单位"
    SIGN = "sign", "情报板发布"
    PLAN = "plan", "启动应急预案"
    REPORT = "report", "信息报送"
    CLOSE = "close", "事件结束"


# Handling configuration (12.3.4): who to notify, the roadside message signs (情报板) that can
# warn drivers, and the emergency plans with the checklist items that start them. Read from
# ``resources/patrol/handling.json`` or the site's ``<data_dir>/handling.json``.


class HandlingError(ValueError):
    """A handling configuration that cannot be used; the message says where the fault is."""


@dataclass(frozen=True)
class HandlingUnit:
    """A unit that handles events on the road (路政, 交警, 养护, 清障救援...)."""

    name: str
    phone: str


@dataclass(frozen=True)
class MessageSign:
    """A roadside variable message sign (情报板)."""

    sign_id: str
    name: str
    road: str
    pile: str
    direction: str

    @property
    def position(self) -> PileNumber:
        return PileNumber.parse(self.pile)


@dataclass(frozen=True)
class EmergencyPlan:
    """An emergency plan (应急预案) and the checklist item codes whose finding starts it."""

    name: str
    level: str
    triggers: frozenset[str]
    description: str = ""


@dataclass(frozen=True)
class HandlingConfig:
    units: tuple[HandlingUnit, ...]
    signs: tuple[MessageSign, ...]
    plans: tuple[EmergencyPlan, ...]
    note: str = ""

    @classmethod
    def parse(cls, text: str) -> HandlingConfig:
        data = load_json(text, "处置配置", HandlingError)
        root = _object(data, "处置配置", {"units", "signs", "plans"}, {"note"})
        units = tuple(
            HandlingUnit(
                _text(entry, "name", where), _text(entry, "phone", where, allow_empty=True)
            )
            for where, entry in _entries(root["units"], "处置单位", "units", {"name", "phone"})
        )
        signs = []
        for where, entry in _entries(
            root["signs"], "情报板", "signs", {"sign_id", "name", "road", "pile", "direction"}
        ):
            pile = _text(entry, "pile", where)
            try:
                PileNumber.parse(pile)
            except PileNumberError as error:
                raise HandlingError(f"{where}：{error}") from None
            signs.append(
                MessageSign(
                    sign_id=_text(entry, "sign_id", where),
                    name=_text(entry, "name", where),
                    road=_text(entry, "road", where),
                    pile=pile,
                    direction=_text(entry, "direction", where, allow_empty=True),
                )
            )
        plans = []
        for where, entry in _entries(
            root["plans"],
            "应急预案",
            "plans",
            {"name", "level", "triggers"},
            frozenset({"description"}),
        ):
            triggers = entry["triggers"]
            if not isinstance(triggers, list) or not triggers:
                raise HandlingError(f"{where}：triggers 应为检查项编码的非空列表")
            for code in triggers:
                if not valid_code(code):
                    raise HandlingError(
                        f"{where}：触发条件应为检查项编码（小写字母、数字、下划线），收到 {code!r}"
                    )
            plans.append(
                EmergencyPlan(
                    name=_text(entry, "name", where),
                    level=_text(entry, "level", where),
                    triggers=frozenset(triggers),
                    description=_text(entry, "description", where, allow_empty=True)
                    if "description" in entry
                    else "",
                )
            )
        note = root.get("note", "")
        if not isinstance(note, str):
            raise HandlingError(f"处置配置的 note 应为文字，收到 {note!r}")
        config = cls(tuple(units), tuple(signs), tuple(plans), note)
        for label, values in (
            ("处置单位名称", [unit.name for unit in config.units]),
            ("情报板编号", [sign.sign_id for sign in config.signs]),
            ("应急预案名称", [plan.name for plan in config.plans]),
        ):
            repeated = sorted({value for value in values if values.count(value) > 1})
            if repeated:
                raise HandlingError(f"{label}重复：{'、'.join(repeated)}")
        return config

    def plans_for(self, item_codes: Iterable[str]) -> tuple[EmergencyPlan, ...]:
        """The plans with a trigger among the codes found, in the configuration's order."""
        found = frozenset(item_codes)
        return tuple(plan for plan in self.plans if plan.triggers & found)

    def signs_near(
        self, road: str, pile: PileNumber, limit_km: float = 10
    ) -> tuple[MessageSign, ...]:
        """The signs on ``road`` within ``limit_km`` of ``pile``, nearest first."""
        limit = limit_km * 1000
        near = [
            (abs(sign.position.metres - pile.metres), sign.sign_id, sign)
            for sign in self.signs
            if sign.road == road and abs(sign.position.metres - pile.metres) <= limit
        ]
        return tuple(sign for _, _, sign in sorted(near, key=lambda entry: entry[:2]))

    def unknown_triggers(self, codes: Iterable[str]) -> frozenset[str]:
        """Trigger codes of the plans that are not among ``codes`` (a checklist book's):
        such a plan would never be proposed."""
        known = frozenset(codes)
        return frozenset(code for plan in self.plans for code in plan.triggers - known)


def _entries(
    value: object, what: str, key: str, required: set[str], optional: frozenset[str] = frozenset()
) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(value, list):
        raise HandlingError(f"处置配置的 {key} 应为列表（[...]）")
    entries = []
    for number, entry in enumerate(value, 1):
        where = f"{what}第 {number} 项（{key}）"
        entries.append((where, _object(entry, where, required, set(optional))))
    return entries


def _text(entry: dict[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = entry[key]
    if not isinstance(value, str):
        raise HandlingError(f"{where}：{key} 应为文字，收到 {value!r}")
    value = value.strip()
    if not value and not allow_empty:
        raise HandlingError(f"{where}：{key} 不能为空")
    return value


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, HandlingError)
