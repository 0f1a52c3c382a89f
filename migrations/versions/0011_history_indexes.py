"""What the history of the records needs to be fast (P-6)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 00:00:00

PLACEHOLDER (issue 13): its owner fills it in; an empty upgrade must never reach main.
"""

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
