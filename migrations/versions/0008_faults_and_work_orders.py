"""Faults followed to repair (F-1, F-2) and work orders (F-3)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:00:00

A fault's changes of state become rows of video_fault_transition (registered -> responded ->
repaired -> verified, or cancelled with a reason); video_fault gains where it was registered
from (``origin``: the faults so far all came from patrols). Work orders and their
transitions get tables of their own.

The old close: each video_fault_close row becomes a 'verified' transition of its fault, at
its time, by its operator, with its note (the close was the operator's word that the camera
works again; nothing recorded a response or a repair before it, so both of the fault's clocks
stop at the close). video_fault_close then goes. The downgrade writes a close back from each
fault's verification or cancellation.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ drops a column too): a batch copy of video_fault would
    # trip over the rows that refer to it.
    op.add_column(
        "video_fault",
        sa.Column(
            "origin", sa.String(length=20), nullable=False, server_default=sa.text("'patrol'")
        ),
    )
    op.create_index(op.f("ix_video_fault_camera_num"), "video_fault", ["camera_num"])
    op.create_index(op.f("ix_video_fault_found_at"), "video_fault", ["found_at"])
    op.create_table(
        "video_fault_transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fault_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fault_id"],
            ["video_fault.id"],
            name=op.f("fk_video_fault_transition_fault_id_video_fault"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_fault_transition")),
        sa.UniqueConstraint("fault_id", "seq", name="uq_video_fault_transition_fault_id_seq"),
    )
    op.create_index(
        op.f("ix_video_fault_transition_fault_id"), "video_fault_transition", ["fault_id"]
    )
    op.create_index(op.f("ix_video_fault_transition_at"), "video_fault_transition", ["at"])
    op.create_table(
        "work_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("road", sa.String(length=20), nullable=False),
        sa.Column("road_sec", sa.String(length=100), nullable=False),
        sa.Column("indicator", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raised_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order")),
    )
    op.create_index(op.f("ix_work_order_raised_at"), "work_order", ["raised_at"])
    op.create_table(
        "work_order_transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["work_order.id"],
            name=op.f("fk_work_order_transition_order_id_work_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_transition")),
        sa.UniqueConstraint("order_id", "seq", name="uq_work_order_transition_order_id_seq"),
    )
    op.create_index(
        op.f("ix_work_order_transition_order_id"), "work_order_transition", ["order_id"]
    )
    op.execute(
        "INSERT INTO video_fault_transition (fault_id, seq, state, at, operator, note) "
        "SELECT fault_id, 1, 'verified', closed_at, closed_by, note FROM video_fault_close"
    )
    op.drop_table("video_fault_close")


def downgrade() -> None:
    op.create_table(
        "video_fault_close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fault_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fault_id"], ["video_fault.id"], name=op.f("fk_video_fault_close_fault_id_video_fault")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_fault_close")),
        sa.UniqueConstraint("fault_id", name=op.f("uq_video_fault_close_fault_id")),
    )
    op.execute(
        "INSERT INTO video_fault_close (fault_id, closed_at, closed_by, note) "
        "SELECT fault_id, at, operator, note FROM video_fault_transition "
        "WHERE state IN ('verified', 'cancelled')"
    )
    op.drop_index(op.f("ix_work_order_transition_order_id"), table_name="work_order_transition")
    op.drop_table("work_order_transition")
    op.drop_index(op.f("ix_work_order_raised_at"), table_name="work_order")
    op.drop_table("work_order")
    op.drop_index(op.f("ix_video_fault_transition_at"), table_name="video_fault_transition")
    op.drop_index(op.f("ix_video_fault_transition_fault_id"), table_name="video_fault_transition")
    op.drop_table("video_fault_transition")
    op.drop_index(op.f("ix_video_fault_found_at"), table_name="video_fault")
    op.drop_index(op.f("ix_video_fault_camera_num"), table_name="video_fault")
    op.drop_column("video_fault", "origin")
