"""What the tests of the patrol records' repositories share: the cameras, the time, a check
to record, row counts and a database that refuses inserts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.patrols import (
    BEIJING,
    SectionKey,
)
from patrol_app.domain.records import CheckInput

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=BEIJING)
SECTION = SectionKey("G4", "京珠北段")
OPERATOR = "值班员甲"
CAMERAS = {
    "c1": ("京港澳高速大岭隧道进口", "K1844+650"),
    "c2": ("京港澳高速大岭隧道出口", "K1846+120"),
    "c3": ("京港澳高速北江特大桥", "K1850+000"),
    "c4": ("京港澳高速英德收费站", "K1853+300"),
}
PATROL_TABLES = {
    "patrol_list_change",
    "weather_warning",
    "checklist_version",
    "patrol_round",
    "patrol_check",
    "patrol_record",
    "video_fault",
    "video_fault_transition",
    "work_order",
    "work_order_transition",
    "patrol_event",
    "patrol_event_step",
    "handover",
    "handover_accept",
    "equipment_inspection",
    "camera_last_patrol",
}


def minutes(count: float) -> timedelta:
    return timedelta(minutes=count)


def check(
    round_id: int | None,
    camera_num: str,
    at: datetime,
    outcome: CheckOutcome = CheckOutcome.NORMAL,
    **fields: Any,
) -> CheckInput:
    name, pile = CAMERAS[camera_num]
    return CheckInput(
        round_id=round_id,
        camera_num=camera_num,
        camera_name=name,
        pile=pile,
        outcome=outcome,
        operator=fields.pop("operator", OPERATOR),
        checked_at=at,
        checklist_version=1,
        **fields,
    )


def count(sessions: sessionmaker[Session], table: str) -> int:
    with sessions() as session:
        return int(session.execute(text(f"select count(*) from {table}")).scalar_one())


def refuse_inserts(sessions: sessionmaker[Session], table: str) -> None:
    """A trigger that makes the database refuse every insert into ``table``."""
    engine = sessions.kw["bind"]
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    f"create trigger refuse_{table} before insert on {table} "
                    "begin select raise(abort, 'refused'); end"
                )
            )
        else:
            connection.execute(
                text(
                    "create or replace function refuse() returns trigger language plpgsql "
                    "as $$ begin raise exception 'refused'; end $$"
                )
            )
            connection.execute(
                text(
                    f"create trigger refuse_{table} before insert on {table} "
                    "for each row execute function refuse()"
                )
            )
