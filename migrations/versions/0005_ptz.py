"""PTZ audit, presets and preset patrols

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 09:00:00

The PTZ audit (Z-3) is a record, append-only; presets and preset patrols (Z-5) are camera
configuration. Camera numbers are not foreign keys.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ptz_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("action", sa.Integer(), nullable=True),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("preset", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ptz_audit")),
    )
    op.create_index("ix_ptz_audit_at", "ptz_audit", ["at"], unique=False)
    op.create_index("ix_ptz_audit_camera_num_at", "ptz_audit", ["camera_num", "at"], unique=False)

    op.create_table(
        "ptz_preset",
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("camera_num", "number", name=op.f("pk_ptz_preset")),
    )
    op.create_table(
        "ptz_preset_patrol",
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("camera_num", "name", name=op.f("pk_ptz_preset_patrol")),
    )


def downgrade() -> None:
    op.drop_table("ptz_preset_patrol")
    op.drop_table("ptz_preset")
    op.drop_index("ix_ptz_audit_camera_num_at", table_name="ptz_audit")
    op.drop_index("ix_ptz_audit_at", table_name="ptz_audit")
    op.drop_table("ptz_audit")
