"""each camera's last patrol, kept with every check

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 19:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "camera_last_patrol",
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("camera_num", name=op.f("pk_camera_last_patrol")),
    )
    op.execute(
        "INSERT INTO camera_last_patrol (camera_num, checked_at) "
        "SELECT camera_num, MAX(checked_at) FROM patrol_check GROUP BY camera_num"
    )


def downgrade() -> None:
    op.drop_table("camera_last_patrol")
