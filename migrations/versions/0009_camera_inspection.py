"""The equipment inspection in depth: per camera the Appendix C checks (P-8, R-2)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:00:00

One row per inspection x camera (``inspection_camera``: the checks it failed as a bit mask,
a note, a picture, the section's handling), the cameras' basic info as the inspections saw
it, each distinct version once (``inspection_camera_info``), later handling texts
(``inspection_camera_handling``, append-only), and the Appendix C header's contact on the
inspection. Earlier inspections keep their rows as they are: no camera lines, no pictures
(their results' JSON [ok, text] reads as before).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("equipment_inspection") as batch:
        batch.add_column(
            sa.Column("contact", sa.String(length=100), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("phone", sa.String(length=50), server_default="", nullable=False)
        )
    op.create_table(
        "inspection_camera_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=200), nullable=False),
        sa.Column("facility", sa.String(length=200), nullable=False),
        sa.Column("pile", sa.String(length=50), nullable=False),
        sa.Column("maintainer", sa.String(length=200), nullable=False),
        sa.Column("manufacturer", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_suffix", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_camera_info")),
        sa.UniqueConstraint("digest", name=op.f("uq_inspection_camera_info_digest")),
    )
    op.create_table(
        "inspection_camera",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("camera_num", sa.String(length=36), nullable=False),
        sa.Column("info_id", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("picture", sa.String(length=1000), nullable=False),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["equipment_inspection.id"],
            name=op.f("fk_inspection_camera_inspection_id_equipment_inspection"),
        ),
        sa.ForeignKeyConstraint(
            ["info_id"],
            ["inspection_camera_info.id"],
            name=op.f("fk_inspection_camera_info_id_inspection_camera_info"),
        ),
        sa.PrimaryKeyConstraint("inspection_id", "seq", name=op.f("pk_inspection_camera")),
    )
    op.create_index(
        "ix_inspection_camera_camera_num",
        "inspection_camera",
        ["camera_num", "inspection_id"],
        unique=False,
    )
    op.create_table(
        "inspection_camera_handling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["equipment_inspection.id"],
            name=op.f("fk_inspection_camera_handling_inspection_id_equipment_inspection"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_camera_handling")),
    )
    op.create_index(
        "ix_inspection_camera_handling_line",
        "inspection_camera_handling",
        ["inspection_id", "seq"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_inspection_camera_handling_line", table_name="inspection_camera_handling")
    op.drop_table("inspection_camera_handling")
    op.drop_index("ix_inspection_camera_camera_num", table_name="inspection_camera")
    op.drop_table("inspection_camera")
    op.drop_table("inspection_camera_info")
    with op.batch_alter_table("equipment_inspection") as batch:
        batch.drop_column("phone")
        batch.drop_column("contact")
