"""Initial schema: customers, family links, policies, coverages, clauses, claims,
their timeline, documents and decisions.

Written by hand (not imported from models.py, so it stays what it was) and
checked against the models by tests/test_bot/test_store.py on SQLite and
PostgreSQL. Constraint names follow models.NAMING_CONVENTION.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 2)
RATIO = sa.Numeric(3, 2)
AWARE = sa.DateTime(timezone=True)


def _one_of(table: str, column: str, values: tuple, nullable: bool = False) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    sql = f"{column} IN ({allowed})" + (f" OR {column} IS NULL" if nullable else "")
    # op.f(): the name is final; otherwise the metadata's naming convention would prefix it again.
    return sa.CheckConstraint(sql, name=op.f(f"ck_{table}_{column}"))


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("gender", sa.String(1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("mobile", sa.String(11), nullable=True),
        sa.Column("id_number_hash", sa.String(64), nullable=False),
        sa.Column("id_last4", sa.String(4), nullable=False),
        sa.Column("id_masked", sa.String(32), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        _pk("customers"),
        sa.UniqueConstraint("id_number_hash", name="uq_customers_id_number_hash"),
        _one_of("customers", "gender", ("F", "M")),
    )
    op.create_index("ix_customers_mobile", "customers", ["mobile"])

    op.create_table(
        "family_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("relative_id", sa.Integer(), nullable=False),
        sa.Column("relationship", sa.String(16), nullable=False),
        _pk("family_links"),
        _fk("family_links", "customer_id", "customers", "CASCADE"),
        _fk("family_links", "relative_id", "customers", "CASCADE"),
        sa.UniqueConstraint("customer_id", "relative_id", name="uq_family_links_customer_id_relative_id"),
        _one_of("family_links", "relationship", ("spouse", "parent", "child", "other")),
    )
    op.create_index("ix_family_links_relative_id", "family_links", ["relative_id"])

    op.create_table(
        "policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_number", sa.String(32), nullable=False),
        sa.Column("product_name", sa.String(100), nullable=False),
        sa.Column("insurer", sa.String(100), nullable=False),
        sa.Column("policy_type", sa.String(20), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("insured_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        _pk("policies"),
        _fk("policies", "holder_id", "customers"),
        _fk("policies", "insured_id", "customers"),
        sa.UniqueConstraint("policy_number", name="uq_policies_policy_number"),
        _one_of("policies", "policy_type", ("medical", "accident", "critical_illness", "other")),
        _one_of("policies", "source", ("ours", "external")),
        _one_of("policies", "status", ("active", "lapsed")),
    )
    op.create_index("ix_policies_holder_id", "policies", ["holder_id"])
    op.create_index("ix_policies_insured_id", "policies", ["insured_id"])

    op.create_table(
        "coverages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("sum_insured", MONEY, nullable=False),
        sa.Column("annual_deductible", MONEY, nullable=False),
        sa.Column("ratio_with_social", RATIO, nullable=False),
        sa.Column("ratio_without_social", RATIO, nullable=False),
        sa.Column("hospital_requirement", sa.String(30), nullable=False),
        sa.Column("general_ward_only", sa.Boolean(), nullable=False),
        sa.Column("waiting_days_illness", sa.Integer(), nullable=False),
        sa.Column("waiting_days_accident", sa.Integer(), nullable=False),
        sa.Column("exclusions", sa.JSON(), nullable=False),
        sa.Column("emergency_exception", sa.Boolean(), nullable=False),
        _pk("coverages"),
        _fk("coverages", "policy_id", "policies", "CASCADE"),
        sa.UniqueConstraint("policy_id", "code", name="uq_coverages_policy_id_code"),
        _one_of("coverages", "hospital_requirement", ("any", "public_grade2_plus")),
    )

    op.create_table(
        "clauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.String(16), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _pk("clauses"),
        _fk("clauses", "policy_id", "policies", "CASCADE"),
        sa.UniqueConstraint("policy_id", "clause_id", name="uq_clauses_policy_id_clause_id"),
    )

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(16), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("coverage_id", sa.Integer(), nullable=True),
        sa.Column("insured_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("incident_type", sa.String(10), nullable=False),
        sa.Column("incident_date", sa.Date(), nullable=False),
        sa.Column("hospital_name", sa.String(100), nullable=True),
        sa.Column("hospital_grade", sa.String(10), nullable=True),
        sa.Column("hospital_ownership", sa.String(10), nullable=True),
        sa.Column("inpatient", sa.Boolean(), nullable=True),
        sa.Column("diagnosis", sa.String(200), nullable=True),
        sa.Column("amount_claimed", MONEY, nullable=True),
        sa.Column("social_insurance_settled", sa.Boolean(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("updated_at", AWARE, nullable=False),
        _pk("claims"),
        _fk("claims", "policy_id", "policies"),
        _fk("claims", "coverage_id", "coverages"),
        _fk("claims", "insured_id", "customers"),
        _fk("claims", "reporter_id", "customers"),
        sa.UniqueConstraint("case_number", name="uq_claims_case_number"),
        _one_of("claims", "incident_type", ("accident", "illness")),
        _one_of("claims", "hospital_grade", ("3A", "3", "2", "1", "unrated"), nullable=True),
        _one_of("claims", "hospital_ownership", ("public", "private"), nullable=True),
        _one_of("claims", "status", (
            "reported", "materials_incomplete", "submitted", "under_review",
            "paid", "partly_paid", "rejected", "closed", "withdrawn",
        )),
    )
    op.create_index("ix_claims_policy_id", "claims", ["policy_id"])
    op.create_index("ix_claims_insured_id", "claims", ["insured_id"])

    op.create_table(
        "claim_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("at", AWARE, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _pk("claim_events"),
        _fk("claim_events", "claim_id", "claims", "CASCADE"),
        _one_of("claim_events", "kind", (
            "reported", "materials_requested", "submitted", "under_review", "decided", "paid", "note",
        )),
    )
    op.create_index("ix_claim_events_claim_id_at", "claim_events", ["claim_id", "at"])

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("filename", sa.String(255), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", AWARE, nullable=False),
        _pk("documents"),
        _fk("documents", "claim_id", "claims", "CASCADE"),
        _one_of("documents", "status", ("received", "unusable")),
    )
    op.create_index("ix_documents_claim_id", "documents", ["claim_id"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("decided_at", AWARE, nullable=False),
        sa.Column("payout", MONEY, nullable=False),
        sa.Column("reason_code", sa.String(50), nullable=True),
        sa.Column("clause_id", sa.String(16), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        _pk("decisions"),
        _fk("decisions", "claim_id", "claims", "CASCADE"),
        sa.UniqueConstraint("claim_id", name="uq_decisions_claim_id"),
        _one_of("decisions", "outcome", ("paid", "partly_paid", "rejected")),
        sa.CheckConstraint("payout >= 0", name=op.f("ck_decisions_payout_not_negative")),
    )

    op.create_table(
        "decision_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("clause_id", sa.String(16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _pk("decision_lines"),
        _fk("decision_lines", "decision_id", "decisions", "CASCADE"),
        sa.UniqueConstraint("decision_id", "seq", name="uq_decision_lines_decision_id_seq"),
        _one_of("decision_lines", "kind", (
            "billed", "not_covered", "social_insurance", "deductible", "ratio", "payout",
        )),
    )


def downgrade() -> None:
    for table in (
        "decision_lines", "decisions", "documents", "claim_events", "claims",
        "clauses", "coverages", "policies", "family_links", "customers",
    ):
        op.drop_table(table)  # drops the table's indexes with it
