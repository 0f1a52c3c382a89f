"""Reports submitted to the management unit: the outbox, the submissions, their reviews

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 00:00:00

Issue 13 point 6. The service's side: ``report_submission`` (one per idempotency key, the
PDF and its rows) and ``report_review`` (the management unit's 复核情况, appended). The
workstation's side: ``submission_outbox`` (what the operator submitted) and
``submission_attempt`` (each attempt to send it, delivery included). New tables only: no
existing row changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INSTANT = sa.DateTime(timezone=True)  # store/models.py UtcDateTime


def _report_columns() -> list[sa.Column[object]]:
    """The columns a submission has on both sides."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("section", sa.String(length=100), nullable=False),
        sa.Column("period_start", INSTANT, nullable=False),
        sa.Column("period_end", INSTANT, nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "report_submission",
        *_report_columns(),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", INSTANT, nullable=False),
        sa.Column("received_at", INSTANT, nullable=False),
        sa.Column("pdf_size", sa.Integer(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_submission")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_report_submission_idempotency_key")),
    )
    op.create_index(op.f("ix_report_submission_kind"), "report_submission", ["kind"])
    op.create_index(op.f("ix_report_submission_received_at"), "report_submission", ["received_at"])
    op.create_table(
        "report_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reviewed_at", INSTANT, nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["report_submission.id"],
            name=op.f("fk_report_review_submission_id_report_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_review")),
    )
    op.create_index(op.f("ix_report_review_submission_id"), "report_review", ["submission_id"])
    op.create_table(
        "submission_outbox",
        *_report_columns(),
        sa.Column("created_at", INSTANT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_submission_outbox_idempotency_key")),
    )
    op.create_index(op.f("ix_submission_outbox_created_at"), "submission_outbox", ["created_at"])
    op.create_table(
        "submission_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("at", INSTANT, nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["submission_outbox.id"],
            name=op.f("fk_submission_attempt_outbox_id_submission_outbox"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_attempt")),
    )
    op.create_index(op.f("ix_submission_attempt_outbox_id"), "submission_attempt", ["outbox_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_submission_attempt_outbox_id"), table_name="submission_attempt")
    op.drop_table("submission_attempt")
    op.drop_index(op.f("ix_submission_outbox_created_at"), table_name="submission_outbox")
    op.drop_table("submission_outbox")
    op.drop_index(op.f("ix_report_review_submission_id"), table_name="report_review")
    op.drop_table("report_review")
    op.drop_index(op.f("ix_report_submission_received_at"), table_name="report_submission")
    op.drop_index(op.f("ix_report_submission_kind"), table_name="report_submission")
    op.drop_table("report_submission")
