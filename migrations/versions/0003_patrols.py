"""patrols

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:57:21.734466

The patrol records (P-1..P-8, F-1), append-only; see docs/PATROLS.md. Camera numbers are
not foreign keys.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checklist_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_version")),
    )
    op.create_table(
        "equipment_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_inspection")),
    )
    op.create_index(
        op.f("ix_equipment_inspection_at"), "equipment_inspection", ["at"], unique=False
    )

    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outgoing", sa.String(length=100), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    op.create_table(
        "patrol_list_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("site", sa.String(length=20), nullable=False),
        sa.Column("daily_list", sa.Boolean(), nullable=False),
        sa.Column("key_list", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_list_change")),
    )
    op.create_index(
        op.f("ix_patrol_list_change_camera_num"), "patrol_list_change", ["camera_num"], unique=False
    )

    op.create_table(
        "patrol_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_round")),
    )
    op.create_index(op.f("ix_patrol_round_operator"), "patrol_round", ["operator"], unique=False)

    op.create_table(
        "weather_warning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("road", sa.String(length=20), nullable=False),
        sa.Column("road_sec", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["weather_warning.id"],
            name=op.f("fk_weather_warning_corrects_id_weather_warning"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weather_warning")),
    )
    op.create_index(
        op.f("ix_weather_warning_corrects_id"), "weather_warning", ["corrects_id"], unique=False
    )

    op.create_table(
        "handover_accept",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("incoming", sa.String(length=100), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"], ["handover.id"], name=op.f("fk_handover_accept_handover_id_handover")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_accept")),
        sa.UniqueConstraint("handover_id", name=op.f("uq_handover_accept_handover_id")),
    )
    op.create_table(
        "patrol_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("camera_name", sa.String(length=300), nullable=False),
        sa.Column("pile", sa.String(length=50), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checklist_version", sa.Integer(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.String(length=1000), nullable=False),
        sa.Column("fault_kind", sa.String(length=20), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["patrol_check.id"],
            name=op.f("fk_patrol_check_corrects_id_patrol_check"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["patrol_round.id"], name=op.f("fk_patrol_check_round_id_patrol_round")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_check")),
    )
    op.create_index(
        "ix_patrol_check_camera_num_checked_at",
        "patrol_check",
        ["camera_num", "checked_at"],
        unique=False,
    )
    op.create_index("ix_patrol_check_checked_at", "patrol_check", ["checked_at"], unique=False)
    op.create_index(
        op.f("ix_patrol_check_corrects_id"), "patrol_check", ["corrects_id"], unique=False
    )
    op.create_index(op.f("ix_patrol_check_round_id"), "patrol_check", ["round_id"], unique=False)

    op.create_table(
        "patrol_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("personnel", sa.String(length=100), nullable=False),
        sa.Column("equipment_condition", sa.Text(), nullable=False),
        sa.Column("handover_pile", sa.String(length=50), nullable=False),
        sa.Column("anomalies", sa.Text(), nullable=False),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"], ["patrol_round.id"], name=op.f("fk_patrol_record_round_id_patrol_round")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_record")),
        sa.UniqueConstraint("round_id", name=op.f("uq_patrol_record_round_id")),
    )
    op.create_index(
        op.f("ix_patrol_record_period_start"), "patrol_record", ["period_start"], unique=False
    )

    op.create_table(
        "patrol_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("camera_name", sa.String(length=300), nullable=False),
        sa.Column("pile", sa.String(length=50), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["patrol_check.id"], name=op.f("fk_patrol_event_check_id_patrol_check")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_event")),
    )
    op.create_index(op.f("ix_patrol_event_check_id"), "patrol_event", ["check_id"], unique=False)

    op.create_table(
        "video_fault",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("camera_name", sa.String(length=300), nullable=False),
        sa.Column("pile", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("found_by", sa.String(length=100), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["check_id"], ["patrol_check.id"], name=op.f("fk_video_fault_check_id_patrol_check")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_fault")),
    )
    op.create_index(op.f("ix_video_fault_check_id"), "video_fault", ["check_id"], unique=False)

    op.create_table(
        "patrol_event_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["patrol_event.id"],
            name=op.f("fk_patrol_event_step_event_id_patrol_event"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_event_step")),
    )
    op.create_index(
        op.f("ix_patrol_event_step_event_id"), "patrol_event_step", ["event_id"], unique=False
    )

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


def downgrade() -> None:
    op.drop_table("video_fault_close")
    op.drop_table("patrol_event_step")
    op.drop_table("video_fault")
    op.drop_table("patrol_event")
    op.drop_table("patrol_record")
    op.drop_table("patrol_check")
    op.drop_table("handover_accept")
    op.drop_table("weather_warning")
    op.drop_table("patrol_round")
    op.drop_table("patrol_list_change")
    op.drop_table("handover")
    op.drop_table("equipment_inspection")
    op.drop_table("checklist_version")
