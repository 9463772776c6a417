"""Since when a conversation waits for the bot's answer (conversations.awaiting_since).

Set when a message goes to Rasa, cleared when its answer (or its late answer) is stored. A
gateway that starts and finds one set knows the answer died with the previous gateway and asks
the user to send the message again (bot.gateway.records.interrupted_turns).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("conversations", sa.Column("awaiting_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("conversations", "awaiting_since")
