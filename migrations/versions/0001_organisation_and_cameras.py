"""organisation and cameras

Revision ID: 0001
Revises:
Create Date: 2026-11-25 15:46:16.905808
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("name", name=op.f("uq_department_name")),
    )
    op.create_table(
        "road",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_road")),
        sa.UniqueConstraint("code", name=op.f("uq_road_code")),
    )
    op.create_table(
        "road_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("road_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_road_section_department_id_department"),
        ),
        sa.ForeignKeyConstraint(
            ["road_id"], ["road.id"], name=op.f("fk_road_section_road_id_road")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_road_section")),
        sa.UniqueConstraint("road_id", "name", name="uq_road_section_road_id_name"),
    )
    op.create_table(
        "camera",
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("camera_name", sa.String(length=300), nullable=False),
        sa.Column("camera_name_suffix", sa.String(length=200), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("classify", sa.Integer(), nullable=False),
        sa.Column("poi_name", sa.String(length=200), nullable=False),
        sa.Column("orientation", sa.Integer(), nullable=False),
        sa.Column("pile_km", sa.Integer(), nullable=False),
        sa.Column("pile_m", sa.Integer(), nullable=False),
        sa.Column("camera_type", sa.Integer(), nullable=False),
        sa.Column("has_control", sa.Boolean(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("push_type", sa.Integer(), nullable=False),
        sa.Column("others", sa.String(length=2000), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["section_id"], ["road_section.id"], name=op.f("fk_camera_section_id_road_section")
        ),
        sa.PrimaryKeyConstraint("camera_num", name=op.f("pk_camera")),
    )


def downgrade() -> None:
    op.drop_table("camera")
    op.drop_table("road_section")
    op.drop_table("road")
    op.drop_table("department")
