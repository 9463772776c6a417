"""The file a user sent with a transcript message: its sha256 and detected type.

The user who sent it (by the conversation's sender id) and advisors can open it
again (`GET /api/files/{id}`, `/advisor/uploads/{id}`). Older upload notes
have none: they show as text, as before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("transcript_messages", sa.Column("file_sha256", sa.String(64), nullable=True))
    op.add_column("transcript_messages", sa.Column("file_type", sa.String(40), nullable=True))


def downgrade() -> None:
    op.drop_column("transcript_messages", "file_type")
    op.drop_column("transcript_messages", "file_sha256")
