"""Client message ids: a repeated POST with the same sender + message_id is processed once (issue 9).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)
CLIENT_MESSAGE_STATUSES = ("pending", "done")


def upgrade() -> None:
    allowed = ", ".join(f"'{v}'" for v in CLIENT_MESSAGE_STATUSES)
    op.create_table(
        "client_messages",
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("message_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("updated_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("sender_id", "message_id", name="pk_client_messages"),
        sa.ForeignKeyConstraint(["sender_id"], ["conversations.sender_id"],
                                name="fk_client_messages_sender_id_conversations", ondelete="CASCADE"),
        sa.CheckConstraint(f"status IN ({allowed})", name=op.f("ck_client_messages_status")),
    )


def downgrade() -> None:
    op.drop_table("client_messages")
