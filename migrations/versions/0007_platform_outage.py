"""Platform outages as the workstation saw them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 14:30:00

One row when the video platform stops answering the workstation and one when it answers
again (append-only, as every record): a patrol round pauses during an outage instead of
recording each camera as "cannot be played" (issue 11).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_outage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("platform", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_outage")),
    )
    op.create_index(
        op.f("ix_platform_outage_started_at"), "platform_outage", ["started_at"], unique=False
    )
    op.create_table(
        "platform_outage_end",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outage_id", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outage_id"],
            ["platform_outage.id"],
            name=op.f("fk_platform_outage_end_outage_id_platform_outage"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_outage_end")),
        sa.UniqueConstraint("outage_id", name=op.f("uq_platform_outage_end_outage_id")),
    )


def downgrade() -> None:
    op.drop_table("platform_outage_end")
    op.drop_index(op.f("ix_platform_outage_started_at"), table_name="platform_outage")
    op.drop_table("platform_outage")
