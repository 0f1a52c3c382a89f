"""layouts and tours

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:42:47.379171
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wall_layout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tile_count", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_layout")),
        sa.UniqueConstraint("user_name", "name", name="uq_wall_layout_user_name_name"),
    )
    op.create_table(
        "wall_layout_tile",
        sa.Column("layout_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["layout_id"],
            ["wall_layout.id"],
            name=op.f("fk_wall_layout_tile_layout_id_wall_layout"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("layout_id", "position", name=op.f("pk_wall_layout_tile")),
    )
    op.create_table(
        "tour",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tour")),
        sa.UniqueConstraint("user_name", "name", name="uq_tour_user_name_name"),
    )
    op.create_table(
        "tour_step",
        sa.Column("tour_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("dwell_seconds", sa.Float(), nullable=False),
        sa.Column("preset", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["tour_id"], ["tour.id"], name=op.f("fk_tour_step_tour_id_tour"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("tour_id", "position", name=op.f("pk_tour_step")),
    )


def downgrade() -> None:
    op.drop_table("tour_step")
    op.drop_table("tour")
    op.drop_table("wall_layout_tile")
    op.drop_table("wall_layout")
