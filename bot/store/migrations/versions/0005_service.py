"""Call-backs, service-centre appointments, paper policies by post (issue 6).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)
CALLBACK_WINDOWS = ("morning", "afternoon", "any")
CALLBACK_STATUSES = ("open", "done", "cancelled")
APPOINTMENT_PURPOSES = ("consultation", "materials", "filing", "other")
APPOINTMENT_STATUSES = ("booked", "cancelled")
MAILING_STATUSES = ("requested", "printed", "posted", "delivered")
TABLES = ("callbacks", "appointments", "mailing_requests", "mailing_events")  # in creation order


def _one_of(table: str, column: str, values: tuple) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=op.f(f"ck_{table}_{column}"))


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete)


def _partial_unique(name: str, table: str, columns: list, where: str) -> None:
    op.create_index(name, table, columns, unique=True, sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def _stamps() -> list:
    return [sa.Column("created_at", AWARE, nullable=False), sa.Column("updated_at", AWARE, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "callbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("call_window", sa.String(10), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("due_at", AWARE, nullable=False),
        *_stamps(),
        sa.Column("closed_at", AWARE, nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_callbacks"),
        _fk("callbacks", "handoff_id", "handoffs"),
        _fk("callbacks", "customer_id", "customers"),
        _fk("callbacks", "done_by", "advisors"),
        sa.UniqueConstraint("handoff_id", name="uq_callbacks_handoff_id"),
        _one_of("callbacks", "call_window", CALLBACK_WINDOWS),
        _one_of("callbacks", "status", CALLBACK_STATUSES),
    )
    _partial_unique("uq_callbacks_open_customer", "callbacks", ["customer_id"], "status = 'open'")
    _partial_unique("uq_callbacks_open_sender", "callbacks", ["sender_id"], "status = 'open' AND customer_id IS NULL")

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("slot_start", AWARE, nullable=False),
        sa.Column("seat_no", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        *_stamps(),
        sa.Column("cancelled_at", AWARE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_appointments"),
        _fk("appointments", "customer_id", "customers"),
        _fk("appointments", "claim_id", "claims"),
        sa.UniqueConstraint("slot_start", "seat_no", name="uq_appointments_slot_start_seat_no"),
        _one_of("appointments", "purpose", APPOINTMENT_PURPOSES),
        _one_of("appointments", "status", APPOINTMENT_STATUSES),
        sa.CheckConstraint("(status = 'booked' AND seat_no >= 1) OR (status <> 'booked' AND seat_no IS NULL)",
                           name=op.f("ck_appointments_seat_when_booked")),
    )
    op.create_index("ix_appointments_customer_id", "appointments", ["customer_id"])
    _partial_unique("uq_appointments_booked_customer_slot", "appointments", ["customer_id", "slot_start"],
                    "status = 'booked'")

    op.create_table(
        "mailing_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("recipient", sa.String(30), nullable=False),
        sa.Column("mobile", sa.String(11), nullable=False),
        sa.Column("province", sa.String(20), nullable=False),
        sa.Column("city", sa.String(30), nullable=False),
        sa.Column("district", sa.String(30), nullable=False),
        sa.Column("street", sa.String(120), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("tracking_number", sa.String(30), nullable=True),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_mailing_requests"),
        _fk("mailing_requests", "customer_id", "customers"),
        _fk("mailing_requests", "policy_id", "policies"),
        _one_of("mailing_requests", "status", MAILING_STATUSES),
    )
    op.create_index("ix_mailing_requests_customer_id", "mailing_requests", ["customer_id"])
    _partial_unique("uq_mailing_requests_open_policy", "mailing_requests", ["policy_id"],
                    "status IN ('requested', 'printed', 'posted')")

    op.create_table(
        "mailing_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailing_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("at", AWARE, nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mailing_events"),
        _fk("mailing_events", "mailing_id", "mailing_requests", ondelete="CASCADE"),
        _fk("mailing_events", "advisor_id", "advisors"),
        _one_of("mailing_events", "status", MAILING_STATUSES),
    )
    op.create_index("ix_mailing_events_mailing_id", "mailing_events", ["mailing_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
