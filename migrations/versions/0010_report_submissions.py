"""Reports submitted to the management unit: the outbox, the submissions, their reviews

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 00:00:00

PLACEHOLDER (issue 13): its owner fills it in; an empty upgrade must never reach main.
"""

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
