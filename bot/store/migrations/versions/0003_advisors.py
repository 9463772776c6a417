"""Conversations and their transcripts, advisors and their sessions, hand-offs,
disputes, notes and the audit log; claim timelines learn two dispute events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 2)
AWARE = sa.DateTime(timezone=True)
OLD_EVENT_KINDS = ("reported", "materials_requested", "submitted", "under_review", "decided", "paid", "note")
NEW_EVENT_KINDS = OLD_EVENT_KINDS + ("disputed", "dispute_result")
TABLES = (  # in creation order
    "conversations", "advisors", "transcript_messages", "advisor_sessions", "disputes",
    "dispute_events", "handoffs", "advisor_notes", "audit_log",
)


def _in(column: str, values: tuple, nullable: bool = False) -> str:
    allowed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({allowed})" + (f" OR {column} IS NULL" if nullable else "")


def _one_of(table: str, column: str, values: tuple, nullable: bool = False) -> sa.CheckConstraint:
    return sa.CheckConstraint(_in(column, values, nullable), name=op.f(f"ck_{table}_{column}"))


def _pk(table: str, column: str = "id") -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(column, name=f"pk_{table}")


def _fk(table: str, column: str, target: str, key: str = "id", ondelete: str | None = None):
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{key}"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete)


def _created_at() -> sa.Column:
    return sa.Column("created_at", AWARE, nullable=False)


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("channel_ref", sa.String(100), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        _created_at(),
        sa.Column("last_seen_at", AWARE, nullable=False),
        _pk("conversations", "sender_id"),
        _fk("conversations", "customer_id", "customers"),
        _one_of("conversations", "channel", ("web", "telegram", "terminal", "api")),
    )
    op.create_index("ix_conversations_customer_id", "conversations", ["customer_id"])

    op.create_table(
        "advisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(50), nullable=False),
        sa.Column("display_name", sa.String(50), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", AWARE, nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created_at(),
        _pk("advisors"),
        sa.UniqueConstraint("username", name="uq_advisors_username"),
    )

    op.create_table(
        "transcript_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        _created_at(),
        _pk("transcript_messages"),
        _fk("transcript_messages", "sender_id", "conversations", key="sender_id", ondelete="CASCADE"),
        _fk("transcript_messages", "advisor_id", "advisors"),
        _one_of("transcript_messages", "role", ("user", "bot", "advisor", "system")),
    )
    op.create_index("ix_transcript_messages_sender_id_id", "transcript_messages", ["sender_id", "id"])

    op.create_table(
        "advisor_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _created_at(),
        sa.Column("expires_at", AWARE, nullable=False),
        _pk("advisor_sessions"),
        _fk("advisor_sessions", "advisor_id", "advisors", ondelete="CASCADE"),
        sa.UniqueConstraint("token_hash", name="uq_advisor_sessions_token_hash"),
    )
    op.create_index("ix_advisor_sessions_advisor_id", "advisor_sessions", ["advisor_id"])

    statuses = ("opened", "with_insurer", "upheld", "overturned", "partly_overturned", "withdrawn")
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("letter", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("amount_recovered", MONEY, nullable=True),
        _created_at(),
        sa.Column("decided_at", AWARE, nullable=True),
        _pk("disputes"),
        _fk("disputes", "claim_id", "claims", ondelete="CASCADE"),
        _fk("disputes", "customer_id", "customers"),
        _one_of("disputes", "status", statuses),
        _one_of("disputes", "outcome", ("upheld", "overturned", "partly_overturned"), nullable=True),
        sa.CheckConstraint("amount_recovered IS NULL OR amount_recovered >= 0",
                           name=op.f("ck_disputes_amount_not_negative")),
    )
    op.create_index("ix_disputes_claim_id", "disputes", ["claim_id"])

    op.create_table(
        "dispute_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("at", AWARE, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        _pk("dispute_events"),
        _fk("dispute_events", "dispute_id", "disputes", ondelete="CASCADE"),
        _fk("dispute_events", "advisor_id", "advisors"),
        _one_of("dispute_events", "status", statuses),
    )
    op.create_index("ix_dispute_events_dispute_id", "dispute_events", ["dispute_id"])

    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("dispute_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("user_words", sa.Text(), nullable=False),
        _created_at(),
        sa.Column("due_at", AWARE, nullable=False),
        sa.Column("taken_by", sa.Integer(), nullable=True),
        sa.Column("taken_at", AWARE, nullable=True),
        sa.Column("first_response_at", AWARE, nullable=True),
        sa.Column("closed_at", AWARE, nullable=True),
        _pk("handoffs"),
        _fk("handoffs", "sender_id", "conversations", key="sender_id"),
        _fk("handoffs", "customer_id", "customers"),
        _fk("handoffs", "claim_id", "claims"),
        _fk("handoffs", "dispute_id", "disputes"),
        _fk("handoffs", "taken_by", "advisors"),
        _one_of("handoffs", "kind", ("handoff", "dispute", "callback")),
        _one_of("handoffs", "reason", (
            "request_human", "dispute", "fallback", "form_failures", "elderly", "complaint",
            "verification_failed", "overdue_claim", "callback", "other",
        )),
        _one_of("handoffs", "status", ("queued", "active", "returned", "closed")),
        sa.CheckConstraint("priority BETWEEN 1 AND 3", name=op.f("ck_handoffs_priority_range")),
    )
    op.create_index("ix_handoffs_sender_id", "handoffs", ["sender_id"])
    op.create_index("ix_handoffs_customer_id", "handoffs", ["customer_id"])
    op.create_index("ix_handoffs_status_priority_due_at", "handoffs", ["status", "priority", "due_at"])

    op.create_table(
        "advisor_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _created_at(),
        _pk("advisor_notes"),
        _fk("advisor_notes", "handoff_id", "handoffs", ondelete="CASCADE"),
        _fk("advisor_notes", "advisor_id", "advisors"),
    )
    op.create_index("ix_advisor_notes_handoff_id", "advisor_notes", ["handoff_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", AWARE, nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        _pk("audit_log"),
        _fk("audit_log", "advisor_id", "advisors"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])

    _event_kinds(NEW_EVENT_KINDS)


def downgrade() -> None:
    _event_kinds(OLD_EVENT_KINDS)
    for table in reversed(TABLES):
        op.drop_table(table)


def _event_kinds(kinds: tuple) -> None:
    """Replace the CHECK on claim_events.kind: SQLite must copy the table to change it."""
    name = "ck_claim_events_kind"
    if op.get_bind().dialect.name == "sqlite":
        # The copy keeps columns, keys and indexes but not CHECKs (reflection omits them): add it anew.
        with op.batch_alter_table("claim_events", recreate="always") as batch:
            batch.create_check_constraint(op.f(name), _in("kind", kinds))
    else:
        op.drop_constraint(op.f(name), "claim_events", type_="check")
        op.create_check_constraint(op.f(name), "claim_events", _in("kind", kinds))
