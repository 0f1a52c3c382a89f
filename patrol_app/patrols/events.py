"""The handling of an event a patrol found (P-5, spec 12.3.4): the texts its steps record, the
site's handling configuration, and the order in which the signs and plans are offered.

An anomaly's first step ("keep watching", when the operator asked for it) is recorded with
its check (``rounds.record_check``); each further step is one ``add_step``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from patrol_app.domain.events import EmergencyPlan, HandlingConfig, MessageSign, StepKind
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.resources import RESOURCES_DIR
from patrol_app.store.patrols import EventView, PatrolStore

HANDLING_FILE = "handling.json"
DEFAULT_HANDLING = RESOURCES_DIR / "patrol" / HANDLING_FILE

# What the steps write into the records is Chinese whatever the UI language, as the store's
# own record texts: the records are kept for inspection (12.3.6), not shown in a locale.
WATCH_DETAIL = "{pile} 固定上墙持续关注"
SIGN_DETAIL = "{pile} 情报板：{message}"
UNIT_SEPARATOR = "、"


def load_handling(data_dir: Path) -> HandlingConfig:
    """The site's ``<data_dir>/handling.json`` when there is one, else the bundled default.
    Raises OSError (unreadable file) or HandlingError (its message says what is wrong)."""
    site = data_dir / HANDLING_FILE
    path = site if site.is_file() else DEFAULT_HANDLING
    return HandlingConfig.parse(path.read_text(encoding="utf-8"))


def watch_detail(pile: str, camera_name: str) -> str:
    """The "keep watching" step's text: the camera pinned to the wall."""
    return WATCH_DETAIL.format(pile=pile or camera_name)


def notify_detail(units: Sequence[str]) -> str:
    return UNIT_SEPARATOR.join(units)


def sign_detail(sign: MessageSign, message: str) -> str:
    return SIGN_DETAIL.format(pile=sign.pile, message=message.strip())


def add_step(
    store: PatrolStore,
    event_id: int,
    kind: StepKind,
    detail: str,
    *,
    operator: str,
    now: datetime,
) -> int:
    """Blocking: record one handling step of the event (refused once it is closed)."""
    return store.add_event_step(event_id, kind, detail, operator=operator, now=now)


def signs_in_order(
    handling: HandlingConfig, road: str | None, pile: str
) -> tuple[tuple[MessageSign, ...], tuple[MessageSign, ...]]:
    """The signs near the event (nearest first) and the others; none is near when the
    camera's road is unknown (``None``) or its pile unreadable."""
    near: tuple[MessageSign, ...] = ()
    if road is not None:
        try:
            near = tuple(handling.signs_near(road, PileNumber.parse(pile)))
        except PileNumberError:
            near = ()
    return near, tuple(sign for sign in handling.signs if sign not in near)


def plans_in_order(
    handling: HandlingConfig, event: EventView
) -> tuple[tuple[EmergencyPlan, ...], tuple[EmergencyPlan, ...]]:
    """The plans whose conditions the event's items meet, and the others."""
    met = tuple(handling.plans_for(event.items))
    return met, tuple(plan for plan in handling.plans if plan not in met)
