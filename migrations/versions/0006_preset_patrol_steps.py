"""Preset patrols as tour steps, and the presets a patrol check covered

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 12:00:00

A tour step may name a preset patrol of its camera (Z-5); a patrol check keeps the presets the
camera was shown at during the check (spec 12.3.3b: one camera covers every important view).
Existing rows: no preset patrol, no presets.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: no table copy of a year of checks.
    op.add_column("tour_step", sa.Column("preset_patrol", sa.String(length=50), nullable=True))
    op.add_column(
        "patrol_check",
        sa.Column("presets", sa.Text(), nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    op.drop_column("patrol_check", "presets")
    op.drop_column("tour_step", "preset_patrol")
