"""What the history of the records needs to be fast (P-6)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 00:00:00

The history finds records by pile range (K100+000 to K120+000): a pile kept as text
("K1844+158") cannot be compared as a range, so checks, events, faults and the cameras'
info of the inspections get the pile in metres (``pile_metres``, NULL when the text holds
no pile number), filled on every write and, here, for the rows already written; checks,
events and faults with an index on it and the record's time (an inspection's cameras are
read through their inspection's time). Events get an index on their time too (the
history's period; faults have theirs from 0008).

The backfill parses each distinct pile text once, in Python, with the rule the writes use
(``domain.pile.pile_metres``), and sets every row from that small table in one UPDATE per
table: a year of 2,000 cameras' checks holds some 2,000 distinct piles.
"""

import sqlalchemy as sa
from alembic import op

from patrol_app.domain.pile import pile_metres

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# (table, its time column)
TABLES = (
    ("patrol_check", "checked_at"),
    ("patrol_event", "opened_at"),
    ("video_fault", "found_at"),
)
# Every table that gets the pile in metres: also the cameras' info of the inspections (0009),
# whose lines take their time from the inspection.
PILED = (*(table for table, _ in TABLES), "inspection_camera_info")


def upgrade() -> None:
    for table in PILED:
        op.add_column(table, sa.Column("pile_metres", sa.Integer(), nullable=True))
    _backfill()
    for table, at in TABLES:
        op.create_index(op.f(f"ix_{table}_pile_metres_{at}"), table, ["pile_metres", at])
    op.create_index(op.f("ix_patrol_event_opened_at"), "patrol_event", ["opened_at"])


def _backfill() -> None:
    connection = op.get_bind()
    piles = sa.table(
        "history_pile_backfill", sa.column("pile", sa.String()), sa.column("metres", sa.Integer())
    )
    op.create_table(
        "history_pile_backfill",
        sa.Column("pile", sa.String(50), primary_key=True),
        sa.Column("metres", sa.Integer(), nullable=False),
    )
    texts: set[str] = set()
    for table in PILED:
        texts.update(connection.scalars(sa.text(f"SELECT DISTINCT pile FROM {table}")))
    found = [{"pile": t, "metres": m} for t in sorted(texts) if (m := pile_metres(t)) is not None]
    if found:
        connection.execute(sa.insert(piles), found)
        for table in PILED:
            connection.execute(
                sa.text(
                    f"UPDATE {table} SET pile_metres = (SELECT metres FROM history_pile_backfill "
                    f"WHERE history_pile_backfill.pile = {table}.pile)"
                )
            )
    op.drop_table("history_pile_backfill")


def downgrade() -> None:
    op.drop_index(op.f("ix_patrol_event_opened_at"), table_name="patrol_event")
    for table, at in TABLES:
        op.drop_index(op.f(f"ix_{table}_pile_metres_{at}"), table_name=table)
    for table in PILED:
        op.drop_column(table, "pile_metres")
